"""The composed portal homes: each role sees its own panel, with its own numbers."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from parks.models import ParkFigures
from tests.factories import (
    AdmissionApplicationFactory,
    InvoiceFactory,
    OperatorStaffFactory,
    ParkFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_home_is_the_public_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Register your company" in response.text


def test_new_user_without_company_is_asked_to_register(client, django_user_model):
    user = django_user_model.objects.create_user("new@example.test", "pw-123456789")
    client.force_login(user)
    response = client.get("/")
    assert "You have not registered a company yet." in response.text
    assert 'href="/companies/new/"' in response.text


def test_tenant_next_steps_follow_the_journey(client, tenant, company):
    park = ParkFactory()
    AdmissionApplicationFactory(company=company, park=park, status="approved")
    InvoiceFactory(
        company=company,
        park=park,
        due_date=timezone.localdate() - timedelta(days=5),
        total=Decimal("1000.00"),
    )
    client.force_login(tenant)
    response = client.get("/")
    text = response.text
    assert "Upload the missing KYC documents" in text
    assert "Find a unit to lease or buy" in text
    assert "Pay your overdue invoices" in text
    assert "Apply for admission to a park" not in text
    assert "¥1,000.00" in text


def test_operator_sees_only_its_parks_with_queues(client, operator_user):
    operator = operator_user.operator_staff.get().operator
    mine = ParkFactory(operator=operator, name="Mine Park")
    UnitFactory.create_batch(3, building__park=mine)
    AdmissionApplicationFactory(
        park=mine, status="submitted", due_on=timezone.localdate() - timedelta(days=1)
    )
    ParkFactory(name="Someone Else's Park")
    client.force_login(operator_user)
    text = client.get("/").text
    assert "Mine Park" in text and "Someone Else" not in text
    assert "1 overdue" in text


def test_home_queries_do_not_grow_with_parks(
    client, operator_user, django_assert_max_num_queries
):
    operator = operator_user.operator_staff.get().operator
    for _ in range(6):
        UnitFactory.create_batch(2, building__park=ParkFactory(operator=operator))
    client.force_login(operator_user)
    ParkFigures.refresh()  # once after the changes (tests/parks/test_figures.py)
    # Session, user, the roles (one UNION), the parks' and the money panels,
    # and the four work-queue tiles (5 queries however many parks).
    with django_assert_max_num_queries(17):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("n", [1, 4])
def test_tenant_home_queries_do_not_grow(
    client, tenant, company, n, django_assert_max_num_queries
):
    for _ in range(n):
        park = ParkFactory()
        AdmissionApplicationFactory(company=company, park=park, status="approved")
        InvoiceFactory(company=company, park=park)
    client.force_login(tenant)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_bank_staff_see_their_inbox_counts(client, maker):
    client.force_login(maker)
    text = client.get("/").text
    assert "new requests" in text and "offers awaiting your approval" in text


def test_a_user_with_two_roles_sees_both_panels(client, tenant):
    OperatorStaffFactory(user=tenant)
    client.force_login(tenant)
    text = client.get("/").text
    assert "Your companies" in text and "Park operator" in text
