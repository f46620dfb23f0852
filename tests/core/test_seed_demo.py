"""The seed_demo command: idempotent, refuses production, demo accounts sign in."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from core.demo import DEMO_PASSWORD, DEMO_USERS


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"core", "tenants", "parks", "billing", "finance", "services"}
        and model._meta.label != "core.AuditEvent"
    }


def test_seed_demo_twice_gives_the_same_data(db, settings):
    # given
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = row_counts()
    # when
    call_command("seed_demo", verbosity=0)
    # then
    assert row_counts() == first
    assert first["core.User"] == len(DEMO_USERS) == 11
    assert first["tenants.Company"] >= 2


def test_seed_demo_refuses_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", verbosity=0)
    assert row_counts()["core.User"] == 0
    call_command("seed_demo", "--force", verbosity=0)
    assert row_counts()["core.User"] == 11


def test_every_demo_account_signs_in(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    for email in DEMO_USERS:
        user = authenticate(email=email, password=DEMO_PASSWORD)
        assert user is not None, email
        assert user.email == email


def test_demo_tenants_own_their_companies(db, settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    for email in ("tenant@example.com", "tenant2@example.com"):
        assert client.login(email=email, password=DEMO_PASSWORD)
        response = client.get("/")
        [card] = response.context["tenant"]
        assert card.role == "owner"
        client.logout()
