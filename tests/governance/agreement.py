"""Shared by the guard-agreement tests of governance and attraction: the
government observers of a park's two regions (the check itself is
tests/guards.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from governance.models import EnclaveAgreement, Region, RegionObserver
from tests import factories


def observers_of(park: Any) -> dict[str, Any]:
    """A government observer of the park's host region and one of its partner."""
    host = Region.objects.create(name="Qiandongnan")
    partner = Region.objects.create(name="Foshan")
    EnclaveAgreement.objects.create(
        park=park, host_region=host, partner_region=partner, signed_on=date(2024, 1, 1)
    )
    found = {}
    for side, region in (("host", host), ("partner", partner)):
        found[f"{side}_observer"] = factories.UserFactory()
        RegionObserver.objects.create(region=region, user=found[f"{side}_observer"])
    return found
