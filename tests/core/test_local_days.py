"""`on_local_days` keeps the moments that `__date` keeps: the same local days,
in any time zone, with bounds an index on the column can serve."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from core.dates import on_local_days
from core.models import User

# Shanghai (the default), UTC, two zones with daylight saving, one whose
# daylight-saving change falls at midnight, and one that skipped a whole day.
ZONES = [
    "Asia/Shanghai",
    "UTC",
    "America/Los_Angeles",
    "Europe/London",
    "America/Santiago",
    "Pacific/Apia",
]


def _kept(q, moment: datetime) -> bool:
    """The moment meets every bound of the Q (its lookups are gte and lt)."""
    for lookup, bound in q.children:
        if lookup.endswith("__gte") and not moment >= bound:
            return False
        if lookup.endswith("__lt") and not moment < bound:
            return False
    return True


@settings(max_examples=500, deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 1, 1)),
    days=st.integers(min_value=0, max_value=400),
    open_ended=st.booleans(),
    near_end=st.booleans(),
    seconds=st.integers(min_value=-36 * 3600, max_value=36 * 3600),
    zone=st.sampled_from(ZONES),
)
def test_the_bounds_keep_the_moments_of_those_local_days(
    start, days, open_ended, near_end, seconds, zone
):
    # A moment within a day and a half of the first day's start or of the last
    # day's end, where a wrong bound would show.
    end = None if open_ended else start + timedelta(days=days)
    pivot = end + timedelta(days=1) if near_end and end is not None else start
    local = ZoneInfo(zone)
    moment = datetime(pivot.year, pivot.month, pivot.day, tzinfo=local).astimezone(
        UTC
    ) + timedelta(seconds=seconds)
    with timezone.override(local):
        q = on_local_days("at", start, end)
        day = timezone.localdate(moment)
    assert _kept(q, moment) == (start <= day and (end is None or day <= end))


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ZONES)
def test_the_database_keeps_what_date_lookups_keep(zone):
    # Moments on either side of the local midnights around 1–3 March 2026.
    local = ZoneInfo(zone)
    moments = []
    for day in (
        date(2026, 2, 28),
        date(2026, 3, 1),
        date(2026, 3, 3),
        date(2026, 3, 4),
    ):
        midnight = datetime(day.year, day.month, day.day, tzinfo=local)
        moments += [midnight - timedelta(microseconds=1), midnight]
    for n, moment in enumerate(moments):
        User.objects.create(email=f"u{n}@example.com", date_joined=moment)
    users = User.objects.order_by("pk")
    with timezone.override(local):
        for start, end in [
            (date(2026, 3, 1), date(2026, 3, 3)),
            (date(2026, 3, 1), date(2026, 3, 1)),
            (date(2026, 3, 4), None),
        ]:
            ours = users.filter(on_local_days("date_joined", start, end))
            theirs = users.filter(date_joined__date__gte=start)
            if end is not None:
                theirs = theirs.filter(date_joined__date__lte=end)
            assert list(ours) == list(theirs)
            assert ours.exists()
