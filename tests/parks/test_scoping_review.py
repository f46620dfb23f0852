"""Scoping review of the admission pages: the officer id posted by a manager is
checked by the action, and one that is not a number is refused like any other
user who is not the operator's staff (no 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from parks.actions.admission import admission_create, admission_submit
from tests import factories
from tests.parks.test_views_admission import FORM


@pytest.fixture
def submitted_application(tenant, company, operator_user):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    data = {k: v for k, v in FORM.items() if v != ""}
    data["jobs"] = int(data["jobs"])
    application = admission_create(actor=tenant, company=company, park=park, **data)
    return admission_submit(application=application, actor=tenant)


@pytest.mark.parametrize("officer", ["abc", "", "-1"])
def test_assigning_an_officer_that_is_not_a_user_id_is_refused(
    client, operator_user, submitted_application, officer
):
    before = submitted_application.officer_id
    client.force_login(operator_user)
    response = client.post(
        reverse("parks:admission_officer", args=[submitted_application.pk]),
        {"officer": officer},
    )
    assert response.status_code == 302
    submitted_application.refresh_from_db()
    assert submitted_application.officer_id == before


def test_assigning_another_operator_s_staff_is_refused(
    client, operator_user, submitted_application
):
    stranger = factories.OperatorStaffFactory(role="manager").user
    client.force_login(operator_user)
    client.post(
        reverse("parks:admission_officer", args=[submitted_application.pk]),
        {"officer": stranger.pk},
    )
    submitted_application.refresh_from_db()
    assert submitted_application.officer_id != stranger.pk
