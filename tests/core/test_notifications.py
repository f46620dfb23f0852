"""Notifications: notify() stores one bilingual row per user and emails by task after
commit (per-user choice per kind); the inbox, bell, API and the events that call it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from core.models import Notification, NotificationKind, NotificationSetting
from core.notifications import notification_settings_save, notify
from tests import factories

MESSAGE = gettext_lazy("Your admission application to %(park)s: %(status)s. %(note)s")


def send(users, **kw):
    return notify(
        users=users,
        kind=NotificationKind.ADMISSION_DECIDED,
        message=MESSAGE,
        params={"park": "P", "status": "OK", "note": ""},
        url="/admissions/1/",
        **kw,
    )


def test_notify_stores_one_row_per_user_in_both_languages(
    tenant, other_tenant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([tenant, tenant, other_tenant])
    assert len(rows) == 2
    row = Notification.objects.get(user=tenant)
    assert row.text_en.startswith("Your admission application to P")
    assert row.text_zh.startswith("您向P提交的入园申请")
    with translation.override("zh-hans"):
        assert row.text == row.text_zh
    with translation.override("en"):
        assert row.text == row.text_en
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [tenant.email, other_tenant.email]
    )
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_no_email_inside_the_request_only_after_commit(tenant):
    send([tenant])  # without running on_commit callbacks: nothing is sent yet
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_email_off_for_a_kind_keeps_the_inbox(
    tenant, django_capture_on_commit_callbacks
):
    notification_settings_save(user=tenant, email_kinds=[NotificationKind.OFFER_ISSUED])
    with django_capture_on_commit_callbacks(execute=True):
        send([tenant])
    assert mail.outbox == []
    assert Notification.objects.filter(user=tenant).count() == 1
    assert NotificationSetting.objects.get(
        user=tenant, kind=NotificationKind.OFFER_ISSUED
    ).email


def test_api_lists_own_notifications_and_marks_read(api_as, tenant, other_tenant):
    send([tenant])
    theirs = send([other_tenant])[0]
    mine = Notification.objects.get(user=tenant)
    api = api_as(tenant)
    body = api.get("/notifications?unread=1").json()
    assert body["count"] == 1 and body["items"][0]["id"] == mine.pk
    assert body["items"][0]["read"] is False
    response = api.post(f"/notifications/{mine.pk}/read")
    assert response.status_code == 200 and response.json()["read"] is True
    assert api.get("/notifications?unread=1").json()["count"] == 0
    assert api.get("/notifications").json()["count"] == 1
    assert api.post(f"/notifications/{theirs.pk}/read").status_code == 404
    assert api_as().get("/notifications").status_code == 401


def test_inbox_bell_and_read_in_the_browser(client, tenant, other_tenant):
    send([tenant])
    theirs = send([other_tenant])[0]
    mine = Notification.objects.get(user=tenant)
    client.force_login(tenant)
    bell = client.get(reverse("core:notification_bell")).content.decode()
    assert "1 unread" in bell and "<html" not in bell
    page = client.get(reverse("core:notifications") + "?unread=1").content.decode()
    assert "Your admission application to P" in page
    # A GET on the POST-only read goes back to the inbox instead of a 405.
    url = reverse("core:notification_read", args=[mine.pk])
    assert client.get(url).url == reverse("core:notifications")
    response = client.post(url)
    assert response.status_code == 302 and response.url == "/admissions/1/"
    mine.refresh_from_db()
    assert mine.read
    other = reverse("core:notification_read", args=[theirs.pk])
    assert client.post(other).status_code == 404
    bell = client.get(reverse("core:notification_bell")).content.decode()
    assert "badge" not in bell


def test_read_all_and_settings_page(client, tenant):
    send([tenant])
    client.force_login(tenant)
    client.post(reverse("core:notifications_read_all"))
    assert not Notification.objects.unread().exists()
    response = client.post(
        reverse("core:notification_settings"),
        {"email_kinds": [NotificationKind.INVOICE_ISSUED]},
    )
    assert response.status_code == 302
    off = set(
        NotificationSetting.objects.filter(user=tenant, email=False).values_list(
            "kind", flat=True
        )
    )
    assert NotificationKind.ADMISSION_DECIDED in off
    assert NotificationKind.INVOICE_ISSUED not in off


def test_admission_decision_notifies_the_company(
    operator_user, django_capture_on_commit_callbacks
):
    from parks.actions.admission import admission_reject

    operator = operator_user.operator_staff.get().operator
    application = factories.AdmissionApplicationFactory(
        park__operator=operator, status="submitted"
    )
    member = factories.MembershipFactory(company=application.company).user
    with django_capture_on_commit_callbacks(execute=True):
        admission_reject(
            application=application, actor=operator_user, note="Too much energy"
        )
    row = Notification.objects.get(user=member)
    assert row.kind == NotificationKind.ADMISSION_DECIDED
    assert "Rejected" in row.text_en and "Too much energy" in row.text_en
    assert row.url == reverse("parks:admission", args=[application.pk])
    assert member.email in {m.to[0] for m in mail.outbox}


@pytest.mark.parametrize("bad", ["abc", "12"])
def test_signup_phone_is_optional_but_checked(client, db, bad):
    ok = client.post(
        reverse("core:signup"),
        {
            "full_name": "Li Na",
            "email": "li.na@example.test",
            "password": "secret-pass-123",
            "phone": "138 0013 8000",
        },
    )
    assert ok.status_code == 302
    from core.models import User

    assert User.objects.get(email="li.na@example.test").phone == "138 0013 8000"
    client.logout()
    page = client.post(
        reverse("core:signup"),
        {
            "full_name": "Wu",
            "email": "wu@example.test",
            "password": "secret-pass-123",
            "phone": bad,
        },
    )
    assert page.status_code == 200
    assert not User.objects.filter(email="wu@example.test").exists()
