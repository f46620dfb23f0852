"""What every attraction page of an operator starts from: the park or the
prospect, scoped to the signed-in officer (another park's answers 404)."""

from __future__ import annotations

from django.http import HttpRequest

from attraction.models import ChainLink, Prospect
from core.access import get_scoped
from parks.models import OFFICER_ROLES, OperatorStaff, Park


def park_of(request: HttpRequest, park_id: int) -> Park:
    return get_scoped(
        Park.objects.operated_by(request.user).distinct().select_related("operator"),
        pk=park_id,
    )


def prospect_of(request: HttpRequest, prospect_id: int) -> Prospect:
    return get_scoped(
        Prospect.objects.of_operator(request.user).select_related(
            "park__operator", "chain_link", "officer", "referred_by", "company"
        ),
        pk=prospect_id,
    )


def officers_of(park: Park):
    return [
        s.user
        for s in OperatorStaff.objects.filter(
            operator_id=park.operator_id, role__in=OFFICER_ROLES
        ).select_related("user")
    ]


def links_of(park: Park):
    return ChainLink.objects.filter(chain__park=park)
