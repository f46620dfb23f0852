"""Landing: a prospect's firm takes space, and its policy's concessions follow."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from attraction import hooks
from attraction.actions.policy import item_summary
from attraction.actions.prospects import move_stage
from attraction.models import (
    OPEN_STAGES,
    ParkCommitment,
    Policy,
    PolicyItem,
    Prospect,
    Stage,
)
from attraction.policy_cost import Item, discount_percent, rent_free_months
from core.audit import audit_record
from core.models import User
from parks.models import Lease, Park, Sale
from tenants.models import Company

# --- landing ----------------------------------------------------------------------


def prospects_to_land(park: Park, company: Company):
    return Prospect.objects.select_for_update().filter(
        park=park, uscc=company.uscc, stage__in=OPEN_STAGES
    )


@transaction.atomic
def prospect_land(
    *,
    prospect: Prospect,
    company: Company,
    actor: User | None,
    lease: Lease | None = None,
    sale: Sale | None = None,
) -> Prospect:
    """The prospect's firm signed a lease or purchase in the park: link them,
    mark it landed, and put its approved policy in force — rent-free months and
    discount on the lease, each item a park commitment — then tell listeners."""
    prospect.company = company
    prospect.lease = lease
    prospect.sale = sale
    move_stage(
        prospect, to=Stage.LANDED, actor=actor, note=_("Company signed in the park.")
    )
    policy = Policy.objects.select_for_update().filter(prospect=prospect).first()
    if policy is None or policy.status != Policy.Status.APPROVED:
        return prospect
    items = list(policy.items.all())
    if lease is not None:
        lease_apply_concessions(lease=lease, items=items)
    commitments = [
        ParkCommitment.objects.create(
            prospect=prospect,
            item=item,
            park=prospect.park,
            company=company,
            kind=item.kind,
            description=item_summary(item),
            amount=item.amount,
            rate_percent=item.rate_percent,
            months=item.months,
            conditions=item.conditions,
        )
        for item in items
    ]
    policy.transition(to=Policy.Status.LANDED, actor=actor)
    hooks.policy_landed.fire(
        policy=policy,
        prospect=prospect,
        commitments=commitments,
        lease=lease,
        sale=sale,
        actor=actor,
    )
    return prospect


def lease_apply_concessions(*, lease: Lease, items: list[PolicyItem]) -> Lease:
    """Rent-free months (the more generous of lease and policy) and the discount
    go onto the lease; the one rent calculation then charges accordingly."""
    plain = [Item.of(i) for i in items]
    lease.rent_free_months = max(lease.rent_free_months, rent_free_months(plain))
    lease.rent_discount_percent = max(
        Decimal(lease.rent_discount_percent or 0), discount_percent(plain)
    )
    lease.save(
        update_fields=["rent_free_months", "rent_discount_percent", "updated_at"]
    )
    audit_record(
        actor=None,
        obj=lease,
        action="lease_concessions",
        data={
            "rent_free_months": lease.rent_free_months,
            "rent_discount_percent": str(lease.rent_discount_percent),
        },
    )
    return lease


def on_lease_approved(*, lease: Lease, actor: User) -> None:
    for prospect in prospects_to_land(lease.unit.park, lease.company):
        prospect_land(
            prospect=prospect, company=lease.company, actor=actor, lease=lease
        )


def on_sale_approved(*, sale: Sale, actor: User) -> None:
    for prospect in prospects_to_land(sale.unit.park, sale.company):
        prospect_land(prospect=prospect, company=sale.company, actor=actor, sale=sale)
