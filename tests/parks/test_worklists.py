"""The operator home's tiles and the lists they link to agree: each tile's
figure is the total of its list, which pages (more rows than one page)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
MORE_THAN_A_PAGE = 27  # lists show 25 rows a page


@pytest.fixture
def park(operator_user):
    operator = operator_user.operator_staff.get().operator
    return factories.ParkFactory(operator=operator)


def unit(park, code):
    return factories.UnitFactory(park=park, building__park=park, code=code)


def tile(text: str, name: str) -> tuple[int, str]:
    found = re.search(
        rf'href="([^"]+)" data-tile="{name}"><strong>(\d+)</strong>', text
    )
    assert found, f"no {name} tile"
    return int(found[2]), found[1].replace("&amp;", "&")


def walk(client, url: str) -> tuple[int, int]:
    """(the list's stated total, the rows found paging through it)."""
    first = client.get(url).text
    total = int(re.search(r'data-total="(\d+)"', first)[1])
    rows, page, text = 0, 1, first
    while True:
        body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        rows += body.count("<tr>")
        if "Next</a>" not in text:
            return total, rows
        page += 1
        text = client.get(f"{url}&page={page}").text


def follow(client, name: str) -> tuple[int, int, int]:
    figure, url = tile(client.get("/").text, name)
    return (figure, *walk(client, url))


def test_expiring_leases_tile(client, operator_user, park):
    today = timezone.localdate()
    for i in range(MORE_THAN_A_PAGE):
        factories.LeaseFactory(
            unit=unit(park, f"X-{i}"),
            start_date=date(today.year - 2, 1, 1),
            end_date=today + timedelta(days=1 + i * 3),
        )
    factories.LeaseFactory(  # ends later than the window
        unit=unit(park, "L-1"),
        start_date=date(today.year - 2, 1, 1),
        end_date=today + timedelta(days=120),
    )
    factories.LeaseFactory(  # not active any more
        unit=unit(park, "T-1"),
        start_date=date(today.year - 2, 1, 1),
        end_date=today + timedelta(days=10),
        status="terminated",
    )
    factories.LeaseFactory(end_date=today + timedelta(days=5))  # another operator
    client.force_login(operator_user)
    assert follow(client, "expiring") == (MORE_THAN_A_PAGE,) * 3
    dashboard = client.get(f"/operator/parks/{park.pk}/dashboard/").text
    figure, url = tile(dashboard, "expiring")
    assert (figure, *walk(client, url)) == (MORE_THAN_A_PAGE,) * 3


def test_overdue_invoices_tile(client, operator_user, park):
    late = timezone.localdate() - timedelta(days=3)
    factories.InvoiceFactory.create_batch(MORE_THAN_A_PAGE, park=park, due_date=late)
    factories.InvoiceFactory(park=park, due_date=late, status="paid")
    factories.InvoiceFactory(park=park, due_date=timezone.localdate())  # not yet
    factories.InvoiceFactory(due_date=late)  # another operator's
    client.force_login(operator_user)
    assert follow(client, "overdue") == (MORE_THAN_A_PAGE,) * 3


def test_open_admissions_tile(client, operator_user, park):
    for i in range(MORE_THAN_A_PAGE):
        factories.AdmissionApplicationFactory(
            park=park, status="submitted" if i % 2 else "info_requested"
        )
    factories.AdmissionApplicationFactory(park=park, status="draft")
    factories.AdmissionApplicationFactory(park=park, status="approved")
    factories.AdmissionApplicationFactory(status="submitted")  # elsewhere
    client.force_login(operator_user)
    assert follow(client, "admissions") == (MORE_THAN_A_PAGE,) * 3


def test_lease_applications_tile(client, operator_user, park):
    for i in range(MORE_THAN_A_PAGE):
        factories.LeaseApplicationFactory(unit=unit(park, f"A-{i}"))
    factories.LeaseApplicationFactory(unit=unit(park, "W-1"), status="withdrawn")
    factories.LeaseApplicationFactory()  # another operator's park
    client.force_login(operator_user)
    assert follow(client, "applications") == (MORE_THAN_A_PAGE,) * 3
