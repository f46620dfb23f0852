"""Fixtures of the hardening probes."""

from __future__ import annotations

import pytest

from tests.hardening.world import World, build_world


@pytest.fixture
def parties(db) -> World:
    return build_world()
