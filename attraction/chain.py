"""A chain link's status from its firms and their output. Pure, no database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

STRONG, WEAK, GAP = "strong", "weak", "gap"


def link_status(*, firms: int, output: Decimal, link: Any) -> str:
    """strong: at least the link's firms and output for strong; weak: at least
    those for weak; a gap otherwise (no firm, or too little of either)."""
    if firms >= link.strong_min_firms and output >= link.strong_min_output:
        return STRONG
    if firms >= link.weak_min_firms and output >= link.weak_min_output:
        return WEAK
    return GAP
