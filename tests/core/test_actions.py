"""Kernel writes: sign-up, API tokens, the login throttle."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core import actions
from core.audit import audit_trail
from core.errors import Invalid
from core.models import ApiToken, User
from core.throttle import TooManyAttempts, login_check_allowed, login_failed
from tests.factories import UserFactory

STRONG = "correct horse battery 42"


# --- sign-up -------------------------------------------------------------------


def test_signup_creates_a_user_with_a_normalised_email(db):
    # when
    user = actions.user_signup(
        email="  Li.Wei@Example.COM ", password=STRONG, full_name=" Li Wei 李伟 "
    )
    # then
    assert user.email == "li.wei@example.com"
    assert user.full_name == "Li Wei 李伟"
    assert user.check_password(STRONG)
    assert [e.action for e in audit_trail(user)] == ["signup"]


def test_signup_reports_every_bad_field_at_once(db):
    with pytest.raises(Invalid) as excinfo:
        actions.user_signup(email="not-an-email", password="123", full_name="  ")
    assert set(excinfo.value.fields) == {"email", "password", "full_name"}
    assert excinfo.value.status == 422
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123"])
def test_signup_rejects_weak_passwords(db, password):
    with pytest.raises(Invalid) as excinfo:
        actions.user_signup(email="a@example.com", password=password, full_name="A")
    assert list(excinfo.value.fields) == ["password"]


def test_signup_with_a_taken_email_emails_the_account_and_makes_none(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="taken@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.user_signup(
            email="TAKEN@example.com", password=STRONG, full_name="B"
        )
    assert result is None
    assert User.objects.count() == 1
    assert not owner.check_password(STRONG)
    assert [m.to for m in mailoutbox] == [["taken@example.com"]]
    assert "signup_for_existing_account" in [e.action for e in audit_trail(owner)]


# --- tokens --------------------------------------------------------------------


def test_token_issue_stores_only_the_hash(tenant):
    # when
    token, raw = actions.token_issue(user=tenant, name="core banking")
    # then
    assert raw.startswith(ApiToken.PREFIX) and len(raw) > 40
    token.refresh_from_db()
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.hint == raw[:8]
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in [str(v) for v in row.values()]
    assert [e.action for e in audit_trail(token)] == ["token_issued"]


def test_two_tokens_are_different(tenant):
    _t1, raw1 = actions.token_issue(user=tenant)
    _t2, raw2 = actions.token_issue(user=tenant)
    assert raw1 != raw2


def test_token_lookup_finds_the_active_token_and_touches_it(tenant):
    token, raw = actions.token_issue(user=tenant)
    found = actions.token_lookup(raw)
    assert found == token
    assert found.user == tenant
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("raw", ["", "enc_wrong", None])
def test_token_lookup_of_an_unknown_value_is_none(tenant, raw):
    actions.token_issue(user=tenant)
    assert actions.token_lookup(raw) is None


def test_revoked_token_and_inactive_user_do_not_authenticate(tenant):
    token, raw = actions.token_issue(user=tenant)
    actions.token_revoke(token=token, actor=tenant)
    assert actions.token_lookup(raw) is None
    assert [e.action for e in audit_trail(token)] == ["token_revoked", "token_issued"]

    _token2, raw2 = actions.token_issue(user=tenant)
    User.objects.filter(pk=tenant.pk).update(is_active=False)
    assert actions.token_lookup(raw2) is None


def test_revoking_twice_records_once(tenant):
    token, _raw = actions.token_issue(user=tenant)
    actions.token_revoke(token=token, actor=tenant)
    first = token.revoked_at
    actions.token_revoke(token=token, actor=tenant)
    assert token.revoked_at == first
    assert audit_trail(token).filter(action="token_revoked").count() == 1


def test_last_used_is_touched_again_after_a_day(tenant):
    # given a token last used a day and a few seconds ago
    token, raw = actions.token_issue(user=tenant)
    long_ago = timezone.now() - timedelta(days=1, seconds=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    # when
    actions.token_lookup(raw)
    # then
    token.refresh_from_db()
    assert token.last_used_at > long_ago + timedelta(days=1)


def test_last_used_is_not_rewritten_within_a_minute(tenant):
    token, raw = actions.token_issue(user=tenant)
    recent = timezone.now() - timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    actions.token_lookup(raw)
    token.refresh_from_db()
    assert token.last_used_at == recent


# --- authentication and the throttle ------------------------------------------


def authenticate(email: str, password: str, ip: str = "10.0.0.1") -> User:
    request = RequestFactory().post("/accounts/login/")
    return actions.user_authenticate(
        request=request, email=email, password=password, ip=ip
    )


def test_authenticate_with_good_and_bad_credentials(tenant):
    assert authenticate(tenant.email.upper(), "secret-pass-123") == tenant
    with pytest.raises(actions.BadCredentials):
        authenticate(tenant.email, "wrong")
    with pytest.raises(actions.BadCredentials):
        authenticate("nobody@example.com", "secret-pass-123")


def test_five_failures_lock_even_the_right_password(tenant, settings):
    assert settings.LOGIN_THROTTLE_ATTEMPTS == 5
    for _ in range(5):
        with pytest.raises(actions.BadCredentials):
            authenticate(tenant.email, "wrong")
    with pytest.raises(TooManyAttempts) as excinfo:
        authenticate(tenant.email, "secret-pass-123")
    assert excinfo.value.status == 429
    assert excinfo.value.code == "too_many_attempts"


def test_four_failures_still_allow_a_try(tenant):
    for _ in range(4):
        with pytest.raises(actions.BadCredentials):
            authenticate(tenant.email, "wrong")
    assert authenticate(tenant.email, "secret-pass-123") == tenant


def test_success_resets_the_count(tenant):
    # given four failures and a success
    for _ in range(4):
        with pytest.raises(actions.BadCredentials):
            authenticate(tenant.email, "wrong")
    authenticate(tenant.email, "secret-pass-123")
    # when four more failures follow
    for _ in range(4):
        with pytest.raises(actions.BadCredentials):
            authenticate(tenant.email, "wrong")
    # then the account is not locked yet
    assert authenticate(tenant.email, "secret-pass-123") == tenant


def test_throttle_is_per_email_and_ip(db):
    for _ in range(5):
        login_failed(email="a@example.com", ip="10.0.0.1")
    with pytest.raises(TooManyAttempts):
        login_check_allowed(email=" A@Example.com ", ip="10.0.0.1")
    login_check_allowed(email="a@example.com", ip="10.0.0.2")
    login_check_allowed(email="b@example.com", ip="10.0.0.1")
