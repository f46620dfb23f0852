"""Shared by the attraction models: industry-code checks and the page language."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from core.industries import is_division

CLASS_CODE = re.compile(r"^\d{3,4}$")
# What a link's code may look like (a division or a class; checked in full by
# industry_code_error).
CODE_PATTERN = r"^\d{2,4}$"


def industry_code_error(code: str) -> str | None:
    """A GB/T 4754 division ("21") or a group/class inside one ("211", "2110")."""
    if is_division(code):
        return None
    if CLASS_CODE.match(code or "") and is_division(code[:2]):
        return None
    return str(_("%(code)s is not a GB/T 4754 division or class.") % {"code": code})


def codes_match(firm_code: str, link_codes: list[str]) -> bool:
    """A firm classed by division matches a link listed by class in that
    division, and a firm classed by class matches its division's link."""
    firm_code = (firm_code or "").strip()
    if not firm_code:
        return False
    return any(
        firm_code.startswith(code) or code.startswith(firm_code) for code in link_codes
    )
