"""The provider portal (home, profile: licences, listings, offerings,
availability) and the operator's listings queue and overdue permit steps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.errors import NotFound
from core.views import run_action, submit
from parks.models import Park
from services.actions import catalogue as act
from services.forms import (
    AvailabilityForm,
    BlackoutForm,
    DecisionForm,
    LicenceForm,
    ListingRequestForm,
    OfferingForm,
)
from services.models import Availability, Listing, Provider, ProviderDocument
from services.queries import operator_services, park_overdue_steps, provider_home


def _my_provider(request: HttpRequest) -> Provider:
    """The provider the user works for; anyone else has no portal here (404)."""
    provider = Provider.objects.filter(staff__user=request.user).first()
    if provider is None:
        raise NotFound(_("Service provider not found."))
    return provider


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    return render(
        request,
        "services/portal_home.html",
        {"provider": provider, **provider_home(request.user)},
    )


def _profile_context(request: HttpRequest, provider: Provider, **forms) -> dict:
    listed = provider.listings.values("park")
    return {
        "provider": provider,
        "documents": provider.documents.all(),
        "listings": provider.listings.select_related("park"),
        "offerings": provider.offerings.all(),
        "availability": Availability.objects.filter(
            staff__provider=provider
        ).select_related("staff__user"),
        "licence_form": forms.get("licence_form") or LicenceForm(),
        "listing_form": forms.get("listing_form")
        or ListingRequestForm(parks=Park.objects.exclude(pk__in=listed)),
        "offering_form": forms.get("offering_form") or OfferingForm(),
        "availability_form": forms.get("availability_form")
        or AvailabilityForm(provider=provider),
        "blackouts": provider.blackouts.filter(day__gte=timezone.localdate()),
        "blackout_form": forms.get("blackout_form") or BlackoutForm(provider=provider),
    }


@login_required
def portal_profile(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    return render(
        request, "services/portal_profile.html", _profile_context(request, provider)
    )


def _profile_post(
    request: HttpRequest,
    provider: Provider,
    form_name: str,
    form,
    action,
    done: str,
    **targets,
) -> HttpResponse:
    """A form of the provider's profile page: the action runs for this
    provider; done → back to the profile, else the page with the form's errors."""
    response = submit(
        request,
        form,
        action,
        success=done,
        then=reverse("services:portal_profile"),
        provider=provider,
        **targets,
    )
    return response or render(
        request,
        "services/portal_profile.html",
        _profile_context(request, provider, **{form_name: form}),
    )


@login_required
@require_POST
def portal_licence(request: HttpRequest) -> HttpResponse:
    return _profile_post(
        request,
        _my_provider(request),
        "licence_form",
        LicenceForm(request.POST, request.FILES),
        act.provider_document_upload,
        _("The licence was uploaded."),
    )


@login_required
@require_POST
def portal_listing(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    parks = Park.objects.exclude(pk__in=provider.listings.values("park"))
    return _profile_post(
        request,
        provider,
        "listing_form",
        ListingRequestForm(request.POST, parks=parks),
        act.listing_request,
        _("The park's operator will check your licence and decide."),
    )


@login_required
@require_POST
def portal_offering(
    request: HttpRequest, offering_id: int | None = None
) -> HttpResponse:
    provider = _my_provider(request)
    offering = (
        get_scoped(provider.offerings.all(), pk=offering_id) if offering_id else None
    )
    return _profile_post(
        request,
        provider,
        "offering_form",
        OfferingForm(request.POST),
        act.offering_save,
        _("The offering was saved."),
        offering=offering,
    )


# The provider's dated additions: the form and the action for each kind.
PROVIDER_ADDS = {
    "availability": (
        AvailabilityForm,
        act.availability_add,
        gettext_lazy("The availability was added."),
    ),
    "blackout": (BlackoutForm, act.blackout_add, gettext_lazy("The day was blocked.")),
}


@login_required
@require_POST
def portal_add(request: HttpRequest, kind: str) -> HttpResponse:
    """Add an availability window or a blocked day (`kind` comes from the URL
    table, one route per kind)."""
    form_class, add, done = PROVIDER_ADDS[kind]
    provider = _my_provider(request)
    return _profile_post(
        request,
        provider,
        f"{kind}_form",
        form_class(request.POST, provider=provider),
        add,
        str(done),
    )


@login_required
@require_POST
def portal_availability_remove(request: HttpRequest, window_id: int) -> HttpResponse:
    provider = _my_provider(request)
    window = get_scoped(
        Availability.objects.filter(staff__provider=provider), pk=window_id
    )
    act.availability_remove(window=window, actor=request.user)
    return redirect("services:portal_profile")


@login_required
def licence_download(request: HttpRequest, document_id: int) -> HttpResponse:
    """The provider's own licences, and those of providers listed in the
    operator's parks (the operator checks them)."""
    document = get_scoped(
        ProviderDocument.objects.filter(
            provider__in=Provider.objects.filter(staff__user=request.user)
        )
        | ProviderDocument.objects.filter(
            provider__listings__in=Listing.objects.visible_to(request.user)
        ),
        pk=document_id,
    )
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        filename=document.filename,
    )


# --- operator ------------------------------------------------------------------------


def park_services_panel(request: HttpRequest, park: Park) -> str:
    """The park dashboard's panel of overdue permit steps (registered with parks)."""
    # No request: the panel needs no context processors (they would query the
    # user's roles again).
    return render_to_string(
        "services/_overdue_steps.html",
        {"overdue_steps": park_overdue_steps(park.pk)},
    )


@login_required
def listing_queue(request: HttpRequest) -> HttpResponse:
    listings = (
        Listing.objects.filter(park__operator__staff__user=request.user)
        .select_related("provider", "park")
        .prefetch_related("provider__documents")
        .order_by("status", "park__name")
    )
    if not Park.objects.operated_by(request.user).exists():
        raise NotFound(_("Not found."))
    listings = list(listings)
    for listing in listings:
        if listing.can_decide(request.user, "approve") or listing.can_decide(
            request.user, "suspend"
        ):
            listing.form = DecisionForm(prefix=f"l{listing.pk}")
    return render(
        request,
        "services/listing_queue.html",
        {
            "listings": listings,
            **operator_services(request.user),
        },
    )


@login_required
@require_POST
def listing_decision(request: HttpRequest, listing_id: int) -> HttpResponse:
    listing = get_scoped(Listing.objects.visible_to(request.user), pk=listing_id)
    form = DecisionForm(request.POST, prefix=f"l{listing.pk}")
    if not form.is_valid():
        return redirect("services:listings")
    return run_action(
        request,
        lambda: act.listing_decide(
            listing=listing, actor=request.user, **form.cleaned_data
        ),
        success=_("The listing was updated."),
        then=reverse("services:listings"),
    )
