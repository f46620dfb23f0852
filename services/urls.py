"""Services pages: catalogue, bookings, cases, the provider portal, listings."""

from django.urls import path

from services.views import bookings, catalogue, portal

app_name = "services"
urlpatterns = [
    path("services/", catalogue.catalogue, name="catalogue"),
    path(
        "services/offerings/<int:offering_id>/",
        catalogue.offering_detail,
        name="offering",
    ),
    path(
        "services/providers/<int:provider_id>/",
        catalogue.provider_detail,
        name="provider",
    ),
    path("services/bookings/", bookings.booking_list, name="bookings"),
    path(
        "services/bookings/<int:booking_id>/",
        bookings.booking_detail,
        name="booking",
    ),
    path(
        "services/bookings/<int:booking_id>/quote/",
        bookings.booking_quote,
        name="booking_quote",
    ),
    path(
        "services/bookings/<int:booking_id>/review/",
        bookings.booking_review,
        name="booking_review",
    ),
    path(
        "services/bookings/<int:booking_id>/messages/",
        bookings.booking_message,
        name="booking_message",
    ),
    path(
        "services/bookings/<int:booking_id>/<str:verb>/",
        bookings.booking_transition,
        name="booking_transition",
    ),
    path(
        "services/quotes/<int:quote_id>/accept/",
        bookings.quote_accept,
        name="quote_accept",
    ),
    path(
        "services/reviews/<int:review_id>/reply/",
        bookings.review_reply,
        name="review_reply",
    ),
    path("services/cases/<int:case_id>/", bookings.case_detail, name="case"),
    path("services/cases/<int:case_id>/pdf/", bookings.case_pdf, name="case_pdf"),
    path(
        "services/cases/<int:case_id>/steps/<int:step_id>/",
        bookings.case_step,
        name="case_step",
    ),
    path("provider/", portal.portal_home, name="portal"),
    path("provider/profile/", portal.portal_profile, name="portal_profile"),
    path("provider/licences/", portal.portal_licence, name="portal_licence"),
    path(
        "provider/licences/<int:document_id>/",
        portal.licence_download,
        name="licence_download",
    ),
    path("provider/listings/", portal.portal_listing, name="portal_listing"),
    path("provider/offerings/", portal.portal_offering, name="portal_offering_new"),
    path(
        "provider/offerings/<int:offering_id>/",
        portal.portal_offering,
        name="portal_offering",
    ),
    path(
        "provider/availability/",
        portal.portal_availability,
        name="portal_availability",
    ),
    path("provider/blackouts/", portal.portal_blackout, name="portal_blackout"),
    path(
        "provider/availability/<int:window_id>/remove/",
        portal.portal_availability_remove,
        name="portal_availability_remove",
    ),
    path("operator/services/listings/", portal.listing_queue, name="listings"),
    path(
        "operator/services/listings/<int:listing_id>/decision/",
        portal.listing_decision,
        name="listing_decision",
    ),
]
