"""Telling people what concerns them: `notify(...)` stores an in-app notification
per user (text in both languages, so each page shows its own) and, once the
transaction commits, hands the emails to a task — never sent inside the request.
Other apps call `notify`; the inbox, the bell and the API read what it stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import NotFound
from core.models import Notification, NotificationKind, NotificationSetting, User


def _render(message: str, params: Mapping[str, Any], language: str) -> str:
    """The message (a lazy translatable format string) in one language; params that
    are lazy strings or models are rendered in that language too."""
    with translation.override(language):
        values = {key: str(value) for key, value in params.items()}
        return (str(message) % values)[:500]


def notify(
    *,
    users: Iterable[User],
    kind: str,
    message: str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
) -> list[Notification]:
    """Record one notification per user (each user once) and email them after commit."""
    kind = NotificationKind(kind)
    params = params or {}
    text_en = _render(message, params, "en")
    text_zh = _render(message, params, "zh-hans")
    unique = {user.pk: user for user in users if user is not None and user.is_active}
    created = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, text_en=text_en, text_zh=text_zh, url=url)
        for u in unique.values()
    )
    ids = [n.pk for n in created]
    if ids:
        from core.tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return created


def email_wanted(user: User, kind: str) -> bool:
    setting = NotificationSetting.objects.filter(user=user, kind=kind).first()
    return setting.email if setting else True


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Email each not-yet-emailed notification whose user wants that kind by email."""
    sent = 0
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    rows = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("user")
    for n in rows:
        if not n.user.email or not email_wanted(n.user, n.kind):
            continue
        subject = f"{n.text_zh} / {n.text_en}"[:200]
        body = f"{n.text_zh}\n{n.text_en}\n"
        if n.url:
            body += f"\n{site}{n.url}\n"
        send_mail(subject, body, None, [n.user.email])
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def notification_read(*, notification: Notification, actor: User) -> Notification:
    if notification.user_id != actor.pk:
        raise NotFound(_("Notification not found."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, actor: User) -> int:
    return (
        Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())
    )


@transaction.atomic
def notification_settings_save(*, user: User, email_kinds: Iterable[str]) -> None:
    """Email on for the kinds given, off for every other kind."""
    wanted = set(email_kinds)
    for kind in NotificationKind.values:
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in wanted}
        )
