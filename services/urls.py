"""Services pages: catalogue, bookings, cases, the provider portal, listings."""

from core.routes import routes, variants
from services.views import bookings, catalogue, portal

BOOKING = "services/bookings/<int:booking_id>/"
CASE = "services/cases/<int:case_id>/"

# (route, view, name): the pages that are one view each.
PAGES = (
    ("services/", catalogue.catalogue, "catalogue"),
    ("services/offerings/<int:offering_id>/", catalogue.offering_detail, "offering"),
    ("services/providers/<int:provider_id>/", catalogue.provider_detail, "provider"),
    ("services/bookings/", bookings.booking_list, "bookings"),
    (BOOKING, bookings.booking_detail, "booking"),
    (BOOKING + "messages/", bookings.booking_message, "booking_message"),
    (BOOKING + "<str:verb>/", bookings.booking_transition, "booking_transition"),
    ("services/quotes/<int:quote_id>/accept/", bookings.quote_accept, "quote_accept"),
    ("services/reviews/<int:review_id>/reply/", bookings.review_reply, "review_reply"),
    (CASE, bookings.case_detail, "case"),
    (CASE + "pdf/", bookings.case_pdf, "case_pdf"),
    (CASE + "steps/<int:step_id>/", bookings.case_step, "case_step"),
    ("provider/", portal.portal_home, "portal"),
    ("provider/profile/", portal.portal_profile, "portal_profile"),
    ("provider/licences/", portal.portal_licence, "portal_licence"),
    (
        "provider/licences/<int:document_id>/",
        portal.licence_download,
        "licence_download",
    ),
    ("provider/listings/", portal.portal_listing, "portal_listing"),
    ("provider/offerings/", portal.portal_offering, "portal_offering_new"),
    (
        "provider/offerings/<int:offering_id>/",
        portal.portal_offering,
        "portal_offering",
    ),
    (
        "provider/availability/<int:window_id>/remove/",
        portal.portal_availability_remove,
        "portal_availability_remove",
    ),
    ("operator/services/listings/", portal.listing_queue, "listings"),
    (
        "operator/services/listings/<int:listing_id>/decision/",
        portal.listing_decision,
        "listing_decision",
    ),
)

app_name = "services"
urlpatterns = [
    # One view adds a provider's dated entries, one sends a booking's quote or
    # review; the kind comes from the route.
    *variants(
        "provider/{}/",
        portal.portal_add,
        "portal_{}",
        "kind",
        {"availability": "availability", "blackout": "blackouts"},
    ),
    *variants(
        BOOKING + "{}/",
        bookings.booking_form,
        "booking_{}",
        "kind",
        list(bookings.BOOKING_FORMS),
    ),
    *routes(PAGES),
]
