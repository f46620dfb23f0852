"""Reads for the portal homes and dashboards, a constant number of queries each."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from ninja import Schema

from core.access import organisation_ids
from core.limits import schema_field
from core.schemas import ObjectId
from parks.models import Park
from services.models import (
    Booking,
    CaseStep,
    Listing,
    Offering,
    Pricing,
    Provider,
    Quote,
)


def provider_home(user: Any, today: date | None = None) -> dict:
    """Today's agenda, this week's calendar, requests to confirm, quotes to send."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    monday = today - timedelta(days=today.weekday())
    week_start = datetime.combine(monday, time.min, tz)
    week_end = week_start + timedelta(days=7)
    mine = (
        Booking.objects.of_provider(user)
        .select_related("offering", "company", "staff__user", "park")
        .order_by("starts_at")
    )
    week = list(
        mine.filter(
            starts_at__gte=week_start,
            starts_at__lt=week_end,
            status__in=(
                Booking.Status.REQUESTED,
                Booking.Status.CONFIRMED,
                Booking.Status.IN_PROGRESS,
                Booking.Status.COMPLETED,
                Booking.Status.REVIEWED,
            ),
        )
    )
    days = [monday + timedelta(days=i) for i in range(7)]
    calendar = [
        (day, [b for b in week if timezone.localtime(b.starts_at).date() == day])
        for day in days
    ]
    open_quote = Quote.objects.filter(booking=OuterRef("pk"), status=Quote.Status.SENT)
    return {
        "today": today,
        "agenda": [b for b in week if timezone.localtime(b.starts_at).date() == today],
        "calendar": calendar,
        "requests": list(mine.filter(status=Booking.Status.REQUESTED)[:50]),
        "quotes_to_send": list(
            mine.filter(
                offering__pricing=Pricing.QUOTE,
                price__isnull=True,
                status__in=Booking.CANCELLABLE,
            )
            .exclude(Exists(open_quote))
            .order_by("starts_at")[:50]
        ),
        "overdue_steps": list(
            CaseStep.objects.overdue(today)
            .filter(case__booking__in=Booking.objects.of_provider(user))
            .select_related("case__booking__company")[:50]
        ),
    }


def operator_services(user: Any, today: date | None = None) -> dict:
    """The operator's service panel: listings to decide, overdue permit steps.
    Scoped by the user's operators as their roles name them (no join through
    the staff table)."""
    operators = organisation_ids(user, "operator") or []
    steps = (
        CaseStep.objects.overdue(today)
        .filter(case__booking__park__operator_id__in=operators)
        .select_related("case__booking__company", "case__booking__park")
        .order_by("due_on")
    )
    return {
        "listings_pending": Listing.objects.filter(
            park__operator_id__in=operators, status=Listing.Status.PENDING
        ).count(),
        "overdue_steps": list(steps[:50]),
    }


def park_overdue_steps(park_id: int, today: date | None = None) -> list[CaseStep]:
    return list(
        CaseStep.objects.overdue(today)
        .filter(case__booking__park_id=park_id)
        .select_related("case__booking__company", "case__booking__offering")
        .order_by("due_on")[:50]
    )


class CatalogueFilter(Schema):
    category: str = schema_field(Provider, "category", "")
    park_id: ObjectId | None = None
    delivery: str = schema_field(Offering, "delivery", "")
    pricing: str = schema_field(Offering, "pricing", "")
    # Free text searched in names and descriptions: no longer than they are.
    q: str = schema_field(Offering, "description_en", "")


def catalogue_offerings(filters: CatalogueFilter):
    """The public catalogue, filtered: the API and the page share it."""
    park = Park.objects.filter(pk=filters.park_id).first() if filters.park_id else None
    qs = Offering.objects.public(park=park).with_ratings()
    if filters.park_id and park is None:
        return qs.none()
    if filters.category:
        qs = qs.filter(provider__category=filters.category)
    if filters.delivery:
        qs = qs.filter(delivery=filters.delivery)
    if filters.pricing:
        qs = qs.filter(pricing=filters.pricing)
    if filters.q:
        qs = qs.filter(
            Q(name_en__icontains=filters.q)
            | Q(name_zh__icontains=filters.q)
            | Q(provider__name__icontains=filters.q)
            | Q(provider__name_zh__icontains=filters.q)
        )
    return qs.order_by("provider__name", "name_en")
