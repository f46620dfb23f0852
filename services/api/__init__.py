"""Services API: the public catalogue and slots, bookings and their transitions,
quotes, reviews, messages, permit cases, listings and the provider's profile.
Thin: scoped fetch, action."""

from ninja import Router

from services.api import bookings, cases, catalogue, profile

router = Router(tags=["services"])
for module in (catalogue, bookings, cases, profile):
    router.add_router("", module.router)

__all__ = ["router"]
