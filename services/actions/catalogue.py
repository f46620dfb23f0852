"""Catalogue writes: licences, listings in parks and their decision, offerings."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, Invalid, NotFound
from core.files import store_upload
from core.limits import clean_value
from core.models import User
from core.records import save_audited
from parks.access import ensure_park_role
from parks.models import Park
from services.access import ensure_provider_staff
from services.models import (
    Availability,
    Blackout,
    Listing,
    Offering,
    Provider,
    ProviderDocument,
)


@transaction.atomic
def provider_document_upload(
    *, provider: Provider, actor: User, kind: str, file
) -> ProviderDocument:
    ensure_provider_staff(actor, provider)
    if kind not in ProviderDocument.Kind.values:
        raise Invalid.field("kind", _("Choose the kind of document."))
    document = ProviderDocument(provider=provider, kind=kind, uploaded_by=actor)
    store_upload(
        document,
        file,
        f"providers/{provider.pk}",
        then=lambda: audit_record(
            actor=actor, obj=provider, action="licence_uploaded", note=document.filename
        ),
    )
    return document


@transaction.atomic
def listing_request(*, provider: Provider, park: Park, actor: User) -> Listing:
    """A provider asks to be listed in a park; the park's operator decides."""
    ensure_provider_staff(actor, provider)
    if not provider.documents.exists():
        raise Conflict(
            _("Upload a licence first: the park's operator checks it."),
            code="licence_required",
        )
    try:
        with transaction.atomic():
            listing = Listing.objects.create(provider=provider, park=park)
    except IntegrityError:
        raise Conflict(
            _("You are already listed in this park."), code="already_listed"
        ) from None
    audit_record(actor=actor, obj=listing, action="created")
    return listing


@transaction.atomic
def listing_decide(
    *, listing: Listing, actor: User, decision: str, note: str = ""
) -> Listing:
    """The park's manager approves (after checking the licence) or suspends."""
    listing = (
        Listing.objects.select_for_update().select_related("park").get(pk=listing.pk)
    )
    ensure_park_role(actor, listing.park)
    to = Listing.DECISIONS.get(decision)
    if to is None:
        raise Invalid.field("decision", _("Choose approve or suspend."))
    listing.decision_note = clean_value(
        Listing, "decision_note", note or "", field="note"
    )
    listing.save(update_fields=["decision_note", "updated_at"])
    listing.transition(to=to, actor=actor, note=note)
    return listing


@transaction.atomic
def offering_save(
    *,
    provider: Provider,
    actor: User,
    offering: Offering | None = None,
    **fields: Any,
) -> Offering:
    """Create an offering, or change one of the provider's own."""
    ensure_provider_staff(actor, provider)
    if offering is None:
        offering = Offering(provider=provider)
    elif offering.provider_id != provider.pk:
        raise NotFound(_("Offering not found."))
    unknown = set(fields) - set(Offering.EDITABLE)
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(offering, name, value)
    action = "created" if offering.pk is None else "changed"
    save_audited(offering, actor=actor, action=action)
    return offering


@transaction.atomic
def availability_add(
    *, provider: Provider, actor: User, staff, weekday: int, start_time, end_time
) -> Availability:
    ensure_provider_staff(actor, provider)
    if staff.provider_id != provider.pk:
        raise NotFound(_("Staff member not found."))
    window = Availability(
        staff=staff, weekday=weekday, start_time=start_time, end_time=end_time
    )
    return save_audited(
        window, actor=actor, action="availability_added", on=provider, note=str(window)
    )


@transaction.atomic
def availability_remove(*, window: Availability, actor: User) -> None:
    ensure_provider_staff(actor, window.staff.provider)
    audit_record(
        actor=actor,
        obj=window.staff.provider,
        action="availability_removed",
        note=str(window),
    )
    window.delete()


@transaction.atomic
def blackout_add(
    *, provider: Provider, actor: User, day, staff=None, reason: str = ""
) -> Blackout:
    ensure_provider_staff(actor, provider)
    if staff is not None and staff.provider_id != provider.pk:
        raise NotFound(_("Staff member not found."))
    blackout = Blackout(provider=provider, staff=staff, day=day, reason=reason)
    save_audited(
        blackout, actor=actor, action="blackout_added", on=provider, note=str(day)
    )
    return blackout
