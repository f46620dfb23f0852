"""Free slots of an offering: each staff member's weekly windows cut into
pieces of the offering's duration, less blackout days, the past and the time
already held by bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from services.models import Availability, Blackout, Booking, Offering

MAX_DAYS = 31


@dataclass(frozen=True)
class Slot:
    staff_id: int
    starts_at: datetime
    ends_at: datetime


def offering_slots(
    offering: Offering,
    start: date,
    end: date,
    *,
    staff_id: int | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """Free slots from `start` to `end` inclusive (at most MAX_DAYS days), in a
    constant number of queries."""
    now = now or timezone.now()
    end = min(end, start + timedelta(days=MAX_DAYS - 1))
    windows = Availability.objects.filter(staff__provider_id=offering.provider_id)
    if staff_id is not None:
        windows = windows.filter(staff_id=staff_id)
    windows = list(windows)
    blackouts = list(
        Blackout.objects.filter(
            provider_id=offering.provider_id, day__gte=start, day__lte=end
        ).values_list("staff_id", "day")
    )
    tz = timezone.get_current_timezone()
    range_start = datetime.combine(start, datetime.min.time(), tz)
    range_end = datetime.combine(end + timedelta(days=1), datetime.min.time(), tz)
    held: dict[int, list[tuple[datetime, datetime]]] = {}
    for sid, s, e in (
        Booking.objects.holding()
        .filter(
            staff__in={w.staff_id for w in windows},
            starts_at__lt=range_end,
            ends_at__gt=range_start,
        )
        .values_list("staff_id", "starts_at", "ends_at")
    ):
        held.setdefault(sid, []).append((s, e))
    length = timedelta(minutes=offering.duration_minutes)
    slots: list[Slot] = []
    day = start
    while day <= end:
        for window in windows:
            if window.weekday != day.weekday():
                continue
            if (None, day) in blackouts or (window.staff_id, day) in blackouts:
                continue
            at = datetime.combine(day, window.start_time, tz)
            close = datetime.combine(day, window.end_time, tz)
            while at + length <= close:
                until = at + length
                taken = any(
                    s < until and at < e for s, e in held.get(window.staff_id, ())
                )
                if at > now and not taken:
                    slots.append(Slot(window.staff_id, at, until))
                at = until
        day += timedelta(days=1)
    return sorted(slots, key=lambda s: (s.starts_at, s.staff_id))


def is_free_slot(offering: Offering, staff_id: int, starts_at: datetime) -> bool:
    local = timezone.localtime(starts_at)
    return any(
        s.starts_at == starts_at
        for s in offering_slots(offering, local.date(), local.date(), staff_id=staff_id)
    )
