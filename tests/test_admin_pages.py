"""Platform staff: the home is an overview of the platform; parks, buildings and
units are managed in the admin, records that move by actions are read-only there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def staff(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


def test_staff_home_is_an_overview_not_onboarding(client, staff):
    factories.ParkFactory()
    client.force_login(staff)
    page = client.get("/").content.decode()
    assert "The platform at a glance" in page
    assert "Register your company" not in page
    assert reverse("admin:parks_park_changelist") in page


def test_each_overview_figure_opens_the_admin_list_it_counts(client, staff):
    from config.views import platform_overview

    factories.LeaseFactory(status="active")
    factories.LeaseFactory(status="ended")
    factories.FinanceRequestFactory(status="draft")
    factories.FinanceRequestFactory(status="submitted")
    client.force_login(staff)
    figures = {str(label): (count, url) for label, count, url in platform_overview()}
    assert figures["Active leases"] == (
        1,
        reverse("admin:parks_lease_changelist") + "?status__exact=active",
    )
    for count, url in figures.values():
        page = client.get(url)
        assert page.status_code == 200, url
        # The admin list shows as many records as the figure says.
        assert page.context["cl"].result_count == count, url


@pytest.mark.parametrize(
    "model",
    [
        "parks_park",
        "parks_building",
        "parks_unit",
        "parks_lease",
        "parks_admissionapplication",
        "parks_leaseapplication",
        "finance_financerequest",
        "services_provider",
    ],
)
def test_admin_lists_answer(client, staff, model):
    factories.LeaseFactory()
    factories.AdmissionApplicationFactory(status="submitted")
    factories.FinanceRequestFactory()
    client.force_login(staff)
    assert client.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_leases_are_read_only_units_editable(client, staff):
    lease = factories.LeaseFactory()
    client.force_login(staff)
    change = client.get(reverse("admin:parks_lease_change", args=[lease.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    assert client.get(reverse("admin:parks_lease_add")).status_code == 403
    unit = client.get(reverse("admin:parks_unit_change", args=[lease.unit.pk]))
    assert b'name="_save"' in unit.content
