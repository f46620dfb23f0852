"""Who may read a park's governance figures: its operator, platform staff, and
the government observers of the regions party to its enclave agreement."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from core.access import get_scoped
from core.errors import Invalid
from parks.models import Park
from parks.queries.admission import is_admitted


def operated_park(user: Any, park_id: Any) -> Park:
    """A park the user works at (another party's park answers 404)."""
    return get_scoped(Park.objects.operated_by(user), pk=park_id)


def reportable_parks(user: Any):
    if not getattr(user, "is_authenticated", False):
        return Park.objects.none()
    if user.is_staff:
        return Park.objects.all()
    return Park.objects.filter(
        Q(operator__staff__user=user)
        | Q(enclave_agreement__host_region__observers__user=user)
        | Q(enclave_agreement__partner_region__observers__user=user)
    ).distinct()


def reportable_park(user: Any, park_id: Any) -> Park:
    return get_scoped(reportable_parks(user), pk=park_id)


def ensure_admitted(company: Any, park: Park, *, field: str) -> None:
    """Commitments and operating reports are for a company the park admitted
    (an approved admission); else 422 on `field`."""
    if not is_admitted(company, park.pk):
        raise Invalid.field(
            field, _("The company has no approved admission to this park.")
        )
