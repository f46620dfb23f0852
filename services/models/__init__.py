"""Services models: the catalogue (providers, listings, offerings, availability),
bookings (with quotes, messages, reviews) and permit-agency cases."""

from services.models.bookings import (
    Booking,
    BookingMessage,
    DocumentShare,
    Quote,
    Review,
    shared_with_provider,
)
from services.models.cases import Case, CaseStep
from services.models.catalogue import (
    PROVIDER_ROLES,
    Availability,
    Blackout,
    Category,
    Delivery,
    Listing,
    Offering,
    Pricing,
    Provider,
    ProviderDocument,
    ProviderStaff,
    provider_issuer_members,
)
from services.permits import PermitType

__all__ = [
    "Availability",
    "Blackout",
    "Booking",
    "BookingMessage",
    "Case",
    "CaseStep",
    "Category",
    "Delivery",
    "DocumentShare",
    "Listing",
    "Offering",
    "PermitType",
    "Pricing",
    "Provider",
    "ProviderDocument",
    "ProviderStaff",
    "Quote",
    "Review",
    "provider_issuer_members",
    "PROVIDER_ROLES",
    "shared_with_provider",
]
