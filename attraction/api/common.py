"""Shared pieces of the attraction API: scoped fetches of parks and prospects."""

from django.http import HttpRequest

from attraction.models import (
    Prospect,
)
from core.access import get_scoped
from core.auth import api_auth
from core.errors import NotFound
from core.schemas import ObjectId
from parks.models import Park


def anyone(request: HttpRequest) -> bool:
    """Lets a public endpoint still recognise a signed-in caller."""
    return True


OPTIONAL_AUTH = [*api_auth, anyone]


def _operated_park(request: HttpRequest, park_id: ObjectId) -> Park:
    return get_scoped(Park.objects.operated_by(request.user).distinct(), pk=park_id)


def _prospect(request: HttpRequest, prospect_id: ObjectId) -> Prospect:
    return get_scoped(
        Prospect.objects.of_operator(request.user).select_related("park"),
        pk=prospect_id,
    )


def found[T](obj: T | None, message: str) -> T:
    """`obj`, or the 404 that says which piece the park or prospect lacks."""
    if obj is None:
        raise NotFound(message)
    return obj
