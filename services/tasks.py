"""Background work of the services app: each party of a booking told by email."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from services.models import Booking


@task()
def booking_notify_task(*, booking_id: int, event: str) -> int:
    """Mail the tenant's members and the provider's staff; returns mails sent."""
    booking = Booking.objects.select_related("offering__provider", "company").get(
        pk=booking_id
    )
    tenants = list(booking.company.memberships.values_list("user__email", flat=True))
    staff = list(booking.offering.provider.staff.values_list("user__email", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Booking #%(id)s: %(event)s") % {"id": booking.pk, "event": event}
        body = _(
            "%(offering)s for %(company)s on %(when)s is now “%(status)s”.\n"
            "See the booking on Enclave: %(path)s"
        ) % {
            "offering": booking.offering.name_en,
            "company": booking.company.name,
            "when": f"{booking.starts_at:%Y-%m-%d %H:%M}",
            "status": booking.get_status_display(),
            "path": booking.get_absolute_url(),
        }
    sent = 0
    for recipients in (tenants, staff):
        if recipients:
            sent += send_mail(subject, body, None, recipients)
    return sent
