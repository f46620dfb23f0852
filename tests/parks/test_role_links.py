"""A park's operator pages offer each role the steps its actions take from it:
finance staff read the park's lists but are offered no form, tab or link to a
step only its officers (managers and staff) or its managers may take, and a
step's form page opened anyway says why and goes back."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.access import organisation_role
from parks.models import OperatorStaff
from tests import factories

ROLES = ("manager", "staff", "finance")


@pytest.fixture
def park(db):
    park = factories.ParkFactory()
    factories.UnitFactory(building=factories.BuildingFactory(park=park))
    return park


@pytest.fixture
def staff(park):
    return {
        role: factories.OperatorStaffFactory(operator=park.operator, role=role).user
        for role in ROLES
    }


def _body(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# (page, a link or form only officers are offered there); routes of the park
OFFICER_STEPS = [
    ("parks:units_admin", "parks:unit_new"),
    ("parks:units_admin", "parks:unit_import"),
    ("parks:units_admin", ">Edit</a>"),
    ("parks:buildings", "Add a building"),
    ("parks:buildings", ">Edit</a>"),
    ("parks:park_dashboard", "parks:unit_import"),
    ("attraction:board", "attraction:prospect_new"),
    ("attraction:chain", "attraction:chain_copy"),
    ("attraction:costs", "Save cost sheet"),
    ("governance:commitments", "governance:commitment_new"),
]


def _officer_steps(park) -> list[tuple[str, str]]:
    def url(name: str) -> str:
        if ":" not in name:
            return name  # the text of a form's button or a column's link
        return reverse(name, args=[] if name == "governance:commitments" else [park.pk])

    return [(url(page), url(step)) for page, step in OFFICER_STEPS]


def test_only_officers_are_offered_the_officers_steps(client, park, staff):
    for page, step in _officer_steps(park):
        for role in ROLES:
            offered = step in _body(client, staff[role], page)
            assert offered == (role != "finance"), (page, step, role)


def test_only_managers_are_offered_the_park_settings(client, park, staff):
    settings = reverse("parks:park_settings", args=[park.pk])
    for page in (
        reverse("parks:park_dashboard", args=[park.pk]),
        reverse("parks:operator_parks"),
    ):
        for role in ROLES:
            offered = settings in _body(client, staff[role], page)
            assert offered == (role == "manager"), (page, role)


@pytest.mark.parametrize(
    "form, back",
    [
        ("parks:unit_import", "parks:units_admin"),
        ("attraction:prospect_new", "attraction:board"),
        ("governance:commitment_new", None),
    ],
)
def test_an_officers_form_opened_by_finance_says_why_and_goes_back(
    client, park, staff, form, back
):
    url = reverse(form, args=[park.pk])
    assert "<form" in _body(client, staff["staff"], url)
    client.force_login(staff["finance"])
    response = client.get(url, follow=True)
    expected = (
        reverse(back, args=[park.pk])
        if back
        else f"{reverse('governance:commitments')}?park={park.pk}"
    )
    assert response.redirect_chain[-1][0] == expected
    assert "Your role at the park operator may not do this." in (
        response.content.decode()
    )


def test_a_users_roles_are_read_once_and_follow_a_change(park, staff):
    """`Park.staff_role` reads all the user's roles in one query, kept on the
    user, and reads again once anyone's role changes."""
    user = staff["staff"]
    other = factories.ParkFactory(operator=park.operator)
    with CaptureQueriesContext(connection) as read:
        assert park.staff_role(user) == "staff"
        assert other.staff_role(user) == "staff"
        assert park.can_run(user) and not park.can_update(user)
    assert len(read) == 1
    row = OperatorStaff.objects.get(user=user)
    row.role = "manager"
    row.save()
    assert park.can_update(user)
    row.delete()
    assert park.staff_role(user) is None
    assert organisation_role(user, "operator", park.operator_id) is None
