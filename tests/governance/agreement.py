"""Shared by the guard-agreement tests: the government observers of a park's
two regions, and the check that an action takes a step exactly when the
guard the page asks allows it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction

from core.errors import DomainError
from governance.models import EnclaveAgreement, Region, RegionObserver
from tests import factories

# step: (the guard the page asks, the action that enforces it), both (obj, actor)
Steps = dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any, Any], Any]]]


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


def attempt(run: Callable[[], Any]) -> bool:
    """Run one step and roll it back: True when the action took it."""
    try:
        with transaction.atomic():
            run()
            transaction.set_rollback(True)
    except DomainError:
        return False
    return True


def assert_guards_agree(objects: dict[str, Any], actors: dict[str, Any], steps: Steps):
    """For every (state, actor, step): the action succeeds iff the guard says
    yes, and each step is both taken and refused somewhere."""
    seen = set()
    for state, obj in objects.items():
        for who, actor in actors.items():
            for step, (guard, run) in steps.items():
                allowed = guard(type(obj).objects.get(pk=obj.pk), actor)
                fresh = type(obj).objects.get(pk=obj.pk)
                took = attempt(lambda: run(fresh, actor))  # noqa: B023
                assert took == allowed, (state, who, step, allowed)
                seen.add((step, took))
    assert seen == {(s, t) for s in steps for t in (True, False)}
