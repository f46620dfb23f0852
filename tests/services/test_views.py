"""Services pages: the provider's own portal and navigation, tenant pages closed
to other portals, the catalogue, booking and case pages, the operator's queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from services.actions import bookings as act
from services.models import Booking, Listing
from services.permits import PermitType
from tests import factories, samples
from tests.services.conftest import at, provider_market

pytestmark = pytest.mark.django_db

TENANT_ONLY = [
    "/companies/new/",
    "/admissions/",
    "/finance/requests/",
    "/finance/requests/new/",
]


def nav_of(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index('aria-label="Main"') : html.index("</nav>")]


def test_a_provider_has_its_own_navigation_and_nothing_of_the_others(
    client, provider_user
):
    client.force_login(provider_user)
    nav = nav_of(client)
    # Its own portal, and the invoices it issues; nothing of the others'.
    assert "/provider/" in nav and "/services/bookings/" in nav and "/invoices/" in nav
    for other in ("/admissions/", "/finance/", "/operator/", "/bank/", "/parks/"):
        assert other not in nav, other


@pytest.mark.parametrize("path", TENANT_ONLY)
def test_tenant_pages_are_not_for_other_portals(client, provider_user, maker, path):
    for user in (provider_user, maker):
        client.force_login(user)
        assert client.get(path).status_code == 404, (user, path)


@pytest.mark.parametrize("path", TENANT_ONLY)
def test_tenant_pages_stay_open_to_tenants_and_tenants_to_be(
    client, tenant, django_user_model, path
):
    client.force_login(tenant)
    assert client.get(path).status_code == 200
    client.force_login(django_user_model.objects.create_user(email="new@example.test"))
    assert client.get(path).status_code == 200


def test_a_provider_who_is_also_a_tenant_sees_both(client, tenant):
    factories.ProviderStaffFactory(user=tenant)
    client.force_login(tenant)
    nav = nav_of(client)
    assert "/provider/" in nav and "/admissions/" in nav
    assert client.get("/companies/new/").status_code == 200


def test_the_provider_portal_is_only_for_providers(client, tenant, operator_user):
    for user in (tenant, operator_user):
        client.force_login(user)
        assert client.get("/provider/").status_code == 404
        assert client.get("/provider/profile/").status_code == 404


def test_the_catalogue_is_public_and_filters_with_htmx(client, market):
    response = client.get("/services/")
    assert response.status_code == 200
    assert market.offering.name_en in response.content.decode()
    fragment = client.get("/services/?category=hr", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert market.offering.name_en.encode() not in fragment.content
    assert client.get(f"/services/offerings/{market.offering.pk}/").status_code == 200
    assert client.get(f"/services/providers/{market.provider.pk}/").status_code == 200
    Listing.objects.update(status="suspended")
    assert client.get(f"/services/offerings/{market.offering.pk}/").status_code == 404


def test_a_tenant_books_on_the_offering_page(client, market):
    client.force_login(market.tenant)
    page = client.get(f"/services/offerings/{market.offering.pk}/")
    assert b'name="slot"' in page.content
    starts = at(2)
    response = client.post(
        f"/services/offerings/{market.offering.pk}/",
        {
            "company": market.company.pk,
            "park": market.park.pk,
            "slot": f"{market.staff.pk}|{starts.isoformat()}",
            "notes": "Annual filing",
        },
    )
    booking = Booking.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == booking.get_absolute_url()
    )
    assert booking.starts_at == starts
    # The same slot again is refused on the form.
    again = client.post(
        f"/services/offerings/{market.offering.pk}/",
        {
            "company": market.company.pk,
            "park": market.park.pk,
            "slot": f"{market.staff.pk}|{starts.isoformat()}",
        },
    )
    assert again.status_code == 200 and Booking.objects.count() == 1


def test_booking_page_shows_only_the_viewers_actions(client, market, book):
    booking = book()
    client.force_login(market.provider_user)
    html = client.get(f"/services/bookings/{booking.pk}/").content.decode()
    assert "/confirm/" in html and "/cancel/" not in html
    client.force_login(market.tenant)
    html = client.get(f"/services/bookings/{booking.pk}/").content.decode()
    assert "/cancel/" in html and "/confirm/" not in html
    client.force_login(market.operator)
    html = client.get(f"/services/bookings/{booking.pk}/").content.decode()
    assert "/confirm/" not in html and "/cancel/" not in html
    assert client.post(f"/services/bookings/{booking.pk}/confirm/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_the_provider_confirms_and_completes_on_the_page(client, market, book):
    booking = book()
    client.force_login(market.provider_user)
    for verb in ("confirm", "start", "complete"):
        client.post(f"/services/bookings/{booking.pk}/{verb}/")
    booking.refresh_from_db()
    assert booking.status == "completed"
    client.force_login(market.tenant)
    client.post(
        f"/services/bookings/{booking.pk}/review/", {"rating": 4, "comment": "ok"}
    )
    booking.refresh_from_db()
    assert booking.status == "reviewed"


def test_booking_and_case_pages_are_404_to_strangers(client, market, book):
    agency = provider_market(market.park, category="permit_agency")
    booking = book(
        offering=agency.offering, permit_type=PermitType.FIRE_SAFETY_ACCEPTANCE
    )
    step = booking.case.steps.first()
    stranger = factories.ProviderStaffFactory().user
    client.force_login(stranger)
    for path in (
        f"/services/bookings/{booking.pk}/",
        f"/services/cases/{booking.case.pk}/",
        f"/services/cases/{booking.case.pk}/pdf/",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        f"/services/bookings/{booking.pk}/cancel/",
        f"/services/bookings/{booking.pk}/messages/",
        f"/services/bookings/{booking.pk}/quote/",
        f"/services/bookings/{booking.pk}/review/",
        f"/services/cases/{booking.case.pk}/steps/{step.pk}/",
    ):
        assert client.post(path, {"body": "x"}).status_code == 404, path


def test_the_case_timeline_and_step_update(client, market, book):
    agency = provider_market(market.park, category="permit_agency")
    booking = book(offering=agency.offering, permit_type=PermitType.CONSTRUCTION_PERMIT)
    case = booking.case
    provider_step = case.steps.get(owner="provider")
    for user in (market.tenant, agency.provider_user, market.operator):
        client.force_login(user)
        html = client.get(f"/services/cases/{case.pk}/").content.decode()
        assert provider_step.title_en in html
    client.force_login(market.operator)
    html = client.get(f"/services/cases/{case.pk}/").content.decode()
    assert "/steps/" not in html  # operators read only
    client.force_login(agency.provider_user)
    response = client.post(
        f"/services/cases/{case.pk}/steps/{provider_step.pk}/",
        {f"s{provider_step.pk}-status": "done", f"s{provider_step.pk}-note": "Filed"},
    )
    assert response.status_code == 302
    provider_step.refresh_from_db()
    assert provider_step.status == "done" and provider_step.note == "Filed"
    pdf = client.get(f"/services/cases/{case.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"


def test_the_portal_home_lists_requests_and_quotes_to_send(client, market, book):
    booking = book()
    quoted = book(
        offering=factories.OfferingFactory(
            provider=market.provider, pricing="quote", price=None, name_en="Audit prep"
        ),
        days=3,
    )
    client.force_login(market.provider_user)
    html = client.get("/provider/").content.decode()
    assert f"/services/bookings/{booking.pk}/" in html
    assert f"/services/bookings/{quoted.pk}/" in html
    act.quote_send(
        booking=quoted,
        actor=market.provider_user,
        amount="500",
        scope="x",
        valid_until=timezone.localdate() + timedelta(days=3),
    )
    from services.queries import provider_home

    assert provider_home(market.provider_user)["quotes_to_send"] == []


def test_the_operator_approves_a_listing_on_its_queue(client, market):
    staff = factories.ProviderStaffFactory()
    listing = Listing.objects.create(provider=staff.provider, park=market.park)
    client.force_login(market.operator)
    html = client.get("/operator/services/listings/").content.decode()
    assert f"/operator/services/listings/{listing.pk}/decision/" in html
    client.post(
        f"/operator/services/listings/{listing.pk}/decision/",
        {f"l{listing.pk}-decision": "approve", f"l{listing.pk}-note": "Licence ok"},
    )
    listing.refresh_from_db()
    assert listing.status == "approved"
    client.force_login(market.tenant)
    assert client.get("/operator/services/listings/").status_code == 404
    other = factories.OperatorStaffFactory().user
    client.force_login(other)
    assert (
        client.post(
            f"/operator/services/listings/{listing.pk}/decision/",
            {f"l{listing.pk}-decision": "suspend"},
        ).status_code
        == 404
    )


def test_the_provider_sets_up_its_profile(client, provider_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    park = factories.ParkFactory()
    client.force_login(provider_user)
    assert client.get("/provider/profile/").status_code == 200
    client.post(
        "/provider/licences/",
        {
            "kind": "business_licence",
            "file": SimpleUploadedFile("lic.pdf", samples.PDF, "application/pdf"),
        },
    )
    client.post("/provider/listings/", {"park": park.pk})
    provider = provider_user.provider_staff.get().provider
    assert provider.documents.count() == 1
    assert provider.listings.get().status == "pending"
    staff = provider_user.provider_staff.get()
    client.post(
        "/provider/availability/",
        {"staff": staff.pk, "weekday": 1, "start_time": "09:00", "end_time": "12:00"},
    )
    client.post(
        "/provider/offerings/",
        {
            "name_en": "Payroll setup",
            "name_zh": "薪酬体系搭建",
            "pricing": "fixed",
            "price": "3000",
            "duration_minutes": 90,
            "delivery": "remote",
            "free_cancel_hours": 48,
            "cancel_fee_percent": "30",
            "active": "on",
        },
    )
    assert provider.offerings.get().price == 3000
    assert staff.availability.count() == 1
    client.post("/provider/blackouts/", {"day": "2030-01-02", "reason": "Holiday"})
    assert provider.blackouts.get().reason == "Holiday"


def test_the_demo_has_a_provider_per_category_and_an_overdue_step(settings):
    from django.core.management import call_command

    from services.models import CaseStep, Category, Offering, Provider, Review

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    listed = Provider.objects.filter(listings__status="approved").distinct()
    assert {p.category for p in listed} == set(Category.values)
    assert Offering.objects.filter(provider__staff__availability__isnull=False).exists()
    assert Review.objects.count() >= 2
    assert CaseStep.objects.overdue().count() == 1


def test_the_park_dashboard_flags_overdue_permit_steps(client, market, book):
    agency = provider_market(market.park, category="permit_agency")
    booking = book(offering=agency.offering, permit_type=PermitType.EIA_APPROVAL)
    step = booking.case.steps.first()
    step.due_on = timezone.localdate() - timedelta(days=3)
    step.save()
    client.force_login(market.operator)
    html = client.get(f"/operator/parks/{market.park.pk}/dashboard/").content.decode()
    assert f"/services/cases/{booking.case.pk}/#step-{step.pk}" in html
    home = client.get("/").content.decode()
    assert f"#step-{step.pk}" in home
