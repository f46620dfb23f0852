"""Email verification at sign-up, password reset and change with Django's views."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from core.accounts import email_verification_send, email_verify


def test_signup_sends_a_verification_link_that_confirms_the_email(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("core:signup"),
            {
                "full_name": "Li Na",
                "email": "li.na@example.test",
                "password": "secret-pass-123",
            },
        )
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    from core.models import User

    user = User.objects.get(email="li.na@example.test")
    assert user.email_verified_at is None
    response = client.get(link.split("testserver", 1)[1])
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_a_tampered_or_foreign_token_is_refused(tenant, other_tenant):
    import pytest

    from core.errors import Invalid

    link = email_verification_send(user=tenant, base_url="http://x")
    token = link.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(Invalid):
        email_verify(token=token[:-2] + "xx")
    tenant.email = "changed@example.test"
    tenant.save()
    with pytest.raises(Invalid):
        email_verify(token=token)  # the address it confirmed is no longer the user's


def test_password_reset_mails_a_link_by_task_and_sets_the_password(client, tenant):
    response = client.post(reverse("core:password_reset"), {"email": tenant.email})
    assert response.status_code == 302
    [message] = mail.outbox
    path = re.search(r"https?://testserver(\S+)", message.body).group(1)
    page = client.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": "brand-new-pass-77", "new_password2": "brand-new-pass-77"},
    )
    assert done.status_code == 302
    tenant.refresh_from_db()
    assert tenant.check_password("brand-new-pass-77")


def test_change_password_page(client, tenant):
    tenant.set_password("secret-pass-123")
    tenant.save()
    client.force_login(tenant)
    page = client.get(reverse("core:password_change"))
    assert page.status_code == 200 and b"Change your password" in page.content
    bad = client.post(
        reverse("core:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "x-new-pass-991",
            "new_password2": "x-new-pass-991",
        },
    )
    assert bad.status_code == 200
    ok = client.post(
        reverse("core:password_change"),
        {
            "old_password": "secret-pass-123",
            "new_password1": "x-new-pass-991",
            "new_password2": "x-new-pass-991",
        },
    )
    assert ok.status_code == 302
    tenant.refresh_from_db()
    assert tenant.check_password("x-new-pass-991")
