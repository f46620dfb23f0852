"""Admission pages: apply with a live score, the detail on both sides, the queue."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from parks.actions.admission import admission_submit
from parks.models import AdmissionApplication
from tests import factories

FORM = {
    "project_summary": "Moulds for appliance housings.",
    "planned_investment": "60000000",
    "expected_annual_output": "100000000",
    "expected_annual_tax": "5000000",
    "jobs": "80",
    "land_mu": "15",
    "floor_area_m2": "",
    "energy_tce_per_year": "2000",
    "pollution_category": "low",
    "industry_code": "",
}


@pytest.fixture
def park(operator_user):
    return factories.ParkFactory(operator=operator_user.operator_staff.get().operator)


def test_apply_page_preview_and_save(client, tenant, company, park):
    client.force_login(tenant)
    doc = factories.DocumentFactory(company=company)
    url = reverse("parks:admission_new", args=[park.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert doc.filename in response.content.decode()
    preview = client.post(
        reverse("parks:admission_preview", args=[park.pk]),
        {**FORM, "company": company.pk},
        headers={"HX-Request": "true"},
    )
    body = preview.content.decode()
    assert 'id="score-panel"' in body
    assert "100 / 100" in body
    assert "Investment intensity" in body
    response = client.post(
        url, {**FORM, "company": company.pk, "attachments": [doc.pk]}
    )
    application = AdmissionApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("parks:admission", args=[application.pk])
    assert list(application.attachments.all()) == [doc]


def test_preview_with_missing_figures_says_what_is_missing(
    client, tenant, company, park
):
    client.force_login(tenant)
    response = client.post(
        reverse("parks:admission_preview", args=[park.pk]),
        {**FORM, "land_mu": "", "company": company.pk},
    )
    assert "land need in mu" in response.content.decode()


def test_apply_without_a_company_shows_the_empty_state(client, park):
    user = factories.UserFactory()
    client.force_login(user)
    response = client.get(reverse("parks:admission_new", args=[park.pk]))
    assert "Register your company" in response.content.decode()


def test_tenant_submits_and_withdraws_from_the_detail_page(
    client, tenant, company, park
):
    client.force_login(tenant)
    app = factories.AdmissionApplicationFactory(company=company, park=park)
    detail = reverse("parks:admission", args=[app.pk])
    body = client.get(detail).content.decode()
    assert "Submit to the park" in body and "Record the decision" not in body
    client.post(reverse("parks:admission_submit", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == "submitted"
    client.post(reverse("parks:admission_withdraw", args=[app.pk]))
    app.refresh_from_db()
    assert app.status == "withdrawn"
    assert (
        "My admission applications"
        in client.get(reverse("parks:admission_list")).content.decode()
    )


@freeze_time("2025-03-03 09:00:00+08:00")
def test_operator_decides_with_the_score_panel(
    client, tenant, company, park, operator_user
):
    app = factories.AdmissionApplicationFactory(company=company, park=park)
    admission_submit(application=app, actor=tenant)
    client.force_login(operator_user)
    detail = reverse("parks:admission", args=[app.pk])
    body = client.get(detail).content.decode()
    assert "Record the decision" in body
    assert "Admission score" in body
    assert "10 working days left" in body
    url = reverse("parks:admission_decide", args=[app.pk])
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200
    assert "Say why the application is rejected." in response.content.decode()
    response = client.post(url, {"decision": "approve", "note": "Welcome"})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "approved"


def test_operator_assigns_an_officer(client, tenant, company, park, operator_user):
    app = factories.AdmissionApplicationFactory(company=company, park=park)
    admission_submit(application=app, actor=tenant)
    colleague = factories.OperatorStaffFactory(operator=park.operator, role="staff")
    client.force_login(operator_user)
    client.post(
        reverse("parks:admission_officer", args=[app.pk]),
        {"officer": colleague.user_id},
    )
    app.refresh_from_db()
    assert app.officer == colleague.user


def test_others_get_404(client, company, park, other_tenant):
    app = factories.AdmissionApplicationFactory(
        company=company, park=park, status="submitted"
    )
    for user in (other_tenant, factories.OperatorStaffFactory().user):
        client.force_login(user)
        assert client.get(reverse("parks:admission", args=[app.pk])).status_code == 404
        response = client.post(
            reverse("parks:admission_decide", args=[app.pk]), {"decision": "approve"}
        )
        assert response.status_code == 404


def test_tenant_cannot_decide_through_the_page(client, tenant, company, park):
    app = factories.AdmissionApplicationFactory(
        company=company, park=park, status="submitted"
    )
    client.force_login(tenant)
    client.post(
        reverse("parks:admission_decide", args=[app.pk]), {"decision": "approve"}
    )
    app.refresh_from_db()
    assert app.status == "submitted"


def test_the_edit_page_opens_only_where_the_edit_would_be_taken(
    client, tenant, company, park
):
    draft = factories.AdmissionApplicationFactory(company=company, park=park)
    submitted = factories.AdmissionApplicationFactory(
        company=company, park=park, status="submitted"
    )
    member = factories.MembershipFactory(company=company, role="member").user
    for user, app, refused in (
        (tenant, draft, None),
        (tenant, submitted, "awaiting information can be edited"),
        (member, draft, "owners and admins"),
    ):
        client.force_login(user)
        response = client.get(
            reverse("parks:admission_edit", args=[app.pk]), follow=True
        )
        if refused is None:
            assert response.redirect_chain == []
            assert "admission_form" in response.templates[0].name
        else:
            assert response.redirect_chain[-1][0] == reverse(
                "parks:admission", args=[app.pk]
            )
            assert refused in response.content.decode()


@freeze_time("2025-03-20 09:00:00+08:00")
def test_queue_flags_overdue_and_filters(client, operator_user, park):
    factories.AdmissionApplicationFactory(
        park=park, status="submitted", due_on="2025-03-17", officer=operator_user
    )
    factories.AdmissionApplicationFactory(
        park=park, status="submitted", due_on="2025-03-31"
    )
    factories.AdmissionApplicationFactory(park=park, status="draft")
    client.force_login(operator_user)
    url = reverse("parks:admission_queue")
    body = client.get(url).content.decode()
    assert "3 days overdue" in body  # Tue 18, Wed 19, Thu 20
    assert body.count("/admissions/") >= 2
    response = client.get(url + "?status=overdue", headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div id="queue"')
    assert fragment.count("days overdue") == 1
    body = client.get(url + "?status=approved").content.decode()
    assert "Nothing in the queue" in body


@pytest.mark.parametrize("n", [10, 500])
def test_queue_query_count_is_constant(
    client, operator_user, park, n, django_assert_max_num_queries
):
    factories.AdmissionApplicationFactory.create_batch(
        n, park=park, status="submitted", due_on="2025-03-17"
    )
    client.force_login(operator_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("parks:admission_queue") + "?status=all")
    assert response.status_code == 200
