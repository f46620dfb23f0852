"""`|iso_date` prints what `|date:"Y-m-d"` prints, for any value a template may
hand it, in either language and time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from django.template import engines
from django.utils import timezone as django_timezone
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

BOTH = engines["django"].from_string('{{ v|iso_date }}|{{ v|date:"Y-m-d" }}')


def _both(value) -> tuple[str, str]:
    ours, django = BOTH.render({"v": value}).split("|")
    return ours, django


values = st.one_of(
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(timezones=st.just(UTC)),
    st.datetimes(timezones=st.sampled_from([timezone(timedelta(hours=-11)), UTC])),
    st.datetimes(),  # naive
    st.none(),
    st.sampled_from(["", "2026-11-29", "not a date", 0, 20261129]),
)


ZONES = ["Asia/Shanghai", "UTC", "America/Los_Angeles"]


@settings(max_examples=300, deadline=None)
@given(
    value=values,
    language=st.sampled_from(["en", "zh-hans"]),
    zone=st.sampled_from(ZONES),
)
def test_the_same_as_djangos_date_filter(value, language, zone):
    with translation.override(language), django_timezone.override(zone):
        ours, django = _both(value)
    assert ours == django


def test_an_aware_datetime_is_shown_on_the_local_day():
    late = datetime(2026, 11, 28, 20, 30, tzinfo=UTC)  # 04:30 next day in Shanghai
    with django_timezone.override("Asia/Shanghai"):
        assert _both(late) == ("2026-11-29", "2026-11-29")


def test_no_template_prints_a_day_the_slow_way():
    """One way to print a day: a new template copying `|date:"Y-m-d"` would
    bring back a DateFormat per cell."""
    from django.conf import settings
    from django.template.utils import get_app_template_dirs

    folders = [
        *engines["django"].engine.dirs,
        *(d for d in get_app_template_dirs("templates") if ".venv" not in d.parts),
    ]
    slow = [
        str(path.relative_to(settings.BASE_DIR))
        for folder in folders
        for path in sorted(Path(folder).rglob("*.html"))
        if '|date:"Y-m-d"' in path.read_text(encoding="utf-8")
    ]
    assert len(folders) > 3 and slow == []
