"""Catalogue pages, open to anyone: offerings by category and park with filters
and ratings, one offering with its reviews and free slots (the booking form for
a tenant), one provider's profile."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import get_scoped
from core.errors import DomainError
from core.views import apply_errors, render_page
from parks.models import Park
from parks.queries.admission import admissions_granted
from services.actions.bookings import booking_request
from services.forms import BookingForm
from services.models import (
    Category,
    Delivery,
    Listing,
    Offering,
    Pricing,
    Provider,
    ProviderStaff,
    Review,
)
from services.queries import CatalogueFilter, catalogue_offerings
from services.slots import offering_slots
from tenants.models import Company

SLOT_DAYS = 14


def catalogue(request: HttpRequest) -> HttpResponse:
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    filters = CatalogueFilter(
        category=request.GET.get("category", ""),
        park_id=number("park"),
        delivery=request.GET.get("delivery", ""),
        pricing=request.GET.get("pricing", ""),
        q=request.GET.get("q", "").strip(),
    )
    parks = Park.objects.filter(
        pk__in=Listing.objects.approved().values("park")
    ).order_by("name")
    context = {
        "offerings": catalogue_offerings(filters),
        "filters": filters,
        "categories": Category.choices,
        "deliveries": Delivery.choices,
        "pricings": Pricing.choices,
        "parks": [(park.pk, park.display_name) for park in parks],
    }
    return render_page(request, "services/catalogue.html", "results", context)


def _bookable_parks(offering: Offering, companies: list[Company]):
    """Parks where the provider is approved and one of the companies admitted."""
    return Park.objects.filter(
        pk__in=Listing.objects.approved()
        .filter(provider_id=offering.provider_id)
        .values("park"),
    ).filter(pk__in=admissions_granted(company__in=companies).values("park"))


def offering_detail(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = get_scoped(
        Offering.objects.public().with_ratings().select_related("provider"),
        pk=offering_id,
    )
    today = timezone.localdate()
    slots = offering_slots(offering, today, today + timedelta(days=SLOT_DAYS - 1))
    companies = (
        list(Company.objects.managed_by(request.user))
        if request.user.is_authenticated
        else []
    )
    parks = list(_bookable_parks(offering, companies)) if companies else []
    form = None
    if companies and parks:
        form = BookingForm(
            request.POST or None,
            companies=companies,
            parks=parks,
            slots=slots,
            permit=offering.is_permit_agency,
        )
        if request.method == "POST" and form.is_valid():
            staff_id, starts = form.cleaned_data["slot"].split("|", 1)
            try:
                booking = booking_request(
                    actor=request.user,
                    offering=offering,
                    company=get_scoped(
                        Company.objects.managed_by(request.user),
                        pk=form.cleaned_data["company"],
                    ),
                    park=get_scoped(Park.objects.all(), pk=form.cleaned_data["park"]),
                    staff=get_scoped(
                        ProviderStaff.objects.filter(provider=offering.provider),
                        pk=staff_id,
                    ),
                    starts_at=datetime.fromisoformat(starts),
                    notes=form.cleaned_data["notes"],
                    permit_type=form.cleaned_data.get("permit_type", ""),
                )
            except DomainError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Your booking was sent to the provider to confirm.")
                )
                return redirect(booking)
    reviews = Review.objects.filter(booking__offering=offering).select_related(
        "booking__company"
    )[:20]
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return render(
        request,
        "services/offering_detail.html",
        {
            "offering": offering,
            "form": form,
            "days": days,
            "reviews": reviews,
            "companies": companies,
        },
    )


def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_scoped(
        Provider.objects.filter(pk__in=Listing.objects.approved().values("provider")),
        pk=provider_id,
    )
    return render(
        request,
        "services/provider_detail.html",
        {
            "provider": provider,
            "offerings": Offering.objects.public()
            .filter(provider=provider)
            .with_ratings(),
            "parks": Park.objects.filter(
                pk__in=provider.listings.approved().values("park")
            ),
        },
    )
