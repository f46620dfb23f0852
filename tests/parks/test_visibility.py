"""Operators see the companies (and attachments) with business in their parks."""

from datetime import date

from parks.models import LeaseApplication
from tenants.models import Company, Document
from tests import factories


def test_operator_sees_applicants_but_not_drafts(operator_user, company):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    doc = factories.DocumentFactory(company=company)
    other_doc = factories.DocumentFactory(company=company)
    app = factories.AdmissionApplicationFactory(company=company, park=park)
    app.attachments.add(doc)
    assert not Company.objects.visible_to(operator_user).exists()
    assert not Document.objects.visible_to(operator_user).exists()
    app.status = "submitted"
    app.save()
    assert list(Company.objects.visible_to(operator_user)) == [company]
    assert list(Document.objects.visible_to(operator_user)) == [doc]
    assert other_doc not in Document.objects.visible_to(operator_user)


def test_another_operator_sees_nothing(company):
    factories.AdmissionApplicationFactory(company=company, status="approved")
    stranger = factories.OperatorStaffFactory().user
    assert not Company.objects.visible_to(stranger).exists()


def test_lease_application_on_a_unit_makes_the_company_visible(
    operator_user, company, tenant
):
    park = factories.ParkFactory(operator=operator_user.operator_staff.get().operator)
    unit = factories.UnitFactory(building__park=park)
    LeaseApplication.objects.create(
        company=company,
        unit=unit,
        start_date=date(2026, 1, 1),
        term_months=12,
        created_by=tenant,
    )
    assert list(Company.objects.visible_to(operator_user)) == [company]
