"""Background work of the kernel: notification emails, sent outside the request."""

from __future__ import annotations

from django.tasks import task


@task
def send_notification_emails(notification_ids: list[int]) -> int:
    from core.notifications import notification_emails_send

    return notification_emails_send(notification_ids=notification_ids)


@task
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    from django.core.mail import send_mail

    return send_mail(subject, body, None, recipients)
