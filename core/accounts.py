"""Account upkeep besides sign-in: verifying the email address given at sign-up
(a signed, expiring link) and the password-reset form, whose emails go out through
a task instead of inside the request."""

from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.core import signing
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Invalid
from core.models import User

VERIFY_SALT = "core.verify-email"
VERIFY_MAX_AGE = 7 * 24 * 3600  # a week


def email_verification_send(*, user: User, base_url: str) -> str:
    """Email the user a link that confirms their address; returns the link."""
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)
    link = base_url.rstrip("/") + reverse("core:verify_email", args=[token])
    subject = _("Confirm your email address for Enclave")
    body = _(
        "Hello %(name)s,\n\nplease confirm your email address by opening this "
        "link within seven days:\n%(link)s\n"
    ) % {"name": user, "link": link}
    from core.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(subject, body, [user.email]))
    return link


def email_verify(*, token: str) -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        raise Invalid(
            _("This confirmation link is invalid or has expired."), code="bad_token"
        ) from None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise Invalid(_("This confirmation link is invalid or has expired."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the email is handed to a task, not sent in the request."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        from core.tasks import send_email

        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject, body, [to_email])
