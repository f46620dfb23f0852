"""Every write of unit sales: apply to buy, decide, complete, withdraw."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_created
from core.errors import Conflict, Invalid
from core.limits import clean_value
from core.models import User
from core.money import money
from core.transitions import ensure_allowed
from parks import hooks
from parks.actions.leasing import (
    ensure_admitted,
    lock_deal,
    lock_deal_as_manager,
    lock_unit,
)
from parks.actions.unit_status import unit_refresh_status
from parks.models import Lease, Sale, Unit, UnitStatus
from tenants.access import ensure_manager
from tenants.models import Company


def _down_payment_ratio(value) -> Decimal:
    try:
        ratio = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        ratio = None
    if ratio is None or not Sale.MIN_DOWN_PAYMENT_RATIO <= ratio <= Decimal("1"):
        raise Invalid.field(
            "down_payment_ratio",
            _("The down payment is at least %(min)d%% and at most 100%% of the price.")
            % {"min": int(Sale.MIN_DOWN_PAYMENT_RATIO * 100)},
        )
    if ratio != ratio.quantize(Decimal("0.001")):
        raise Invalid.field(
            "down_payment_ratio", _("Give the ratio with at most three decimals.")
        )
    return ratio


@transaction.atomic
def sale_apply(
    *, actor: User, company: Company, unit: Unit, down_payment_ratio
) -> Sale:
    """A tenant applies to buy a vacant unit offered for sale."""
    ensure_manager(actor, company)
    ratio = _down_payment_ratio(down_payment_ratio)
    unit = lock_unit(unit)
    if not unit.for_sale or unit.sale_price_per_m2 is None:
        raise Conflict(
            _("Unit %(code)s is not offered for sale.") % {"code": unit.code},
            code="unit_not_for_sale",
        )
    unit_refresh_status(unit)
    if (
        unit.status != UnitStatus.VACANT
        or unit.leases.filter(status__in=Lease.HOLDING).exists()
    ):
        raise Conflict(
            _("Unit %(code)s is not vacant.") % {"code": unit.code},
            code="unit_not_vacant",
        )
    ensure_admitted(company, unit)
    price = unit.sale_price
    sale = Sale.objects.create(
        unit=unit,
        company=company,
        price=price,
        down_payment_ratio=ratio,
        down_payment=money(price * ratio),
        created_by=actor,
    )
    audit_created(
        sale,
        actor=actor,
        action="sale_applied",
        data={"price": str(price), "down_payment_ratio": str(ratio)},
    )
    unit_refresh_status(unit)
    return sale


def _decide(sale: Sale, actor: User, to: str, note: str) -> Sale:
    sale = lock_deal_as_manager(sale, actor)
    ensure_allowed(sale, "approve" if to == Sale.Status.APPROVED else "reject", actor)
    sale.decision_note = clean_value(
        Sale, "decision_note", (note or "").strip(), field="note"
    )
    sale.transition(to=to, actor=actor, note=note, save=False)
    sale.save(update_fields=["status", "decision_note", "updated_at"])
    unit_refresh_status(sale.unit)
    return sale


@transaction.atomic
def sale_approve(*, sale: Sale, actor: User, note: str = "") -> Sale:
    """The park's manager approves a purchase application."""
    sale = _decide(sale, actor, Sale.Status.APPROVED, note)
    hooks.sale_approved.fire(sale=sale, actor=actor)
    return sale


@transaction.atomic
def sale_reject(*, sale: Sale, actor: User, note: str = "") -> Sale:
    """The park's manager turns a purchase application down."""
    return _decide(sale, actor, Sale.Status.REJECTED, note)


@transaction.atomic
def sale_complete(*, sale: Sale, actor: User, note: str = "") -> Sale:
    """The price is paid and title passes: the unit becomes sold."""
    sale = lock_deal_as_manager(sale, actor)
    ensure_allowed(sale, "complete", actor)
    sale.completed_on = timezone.localdate()
    sale.transition(to=Sale.Status.COMPLETED, actor=actor, note=note, save=False)
    sale.save(update_fields=["status", "completed_on", "updated_at"])
    unit_refresh_status(sale.unit)
    return sale


@transaction.atomic
def sale_withdraw(*, sale: Sale, actor: User, note: str = "") -> Sale:
    """The buyer withdraws before completion."""
    sale = lock_deal(sale)
    ensure_manager(actor, sale.company)
    ensure_allowed(sale, "withdraw", actor)
    sale.transition(to=Sale.Status.WITHDRAWN, actor=actor, note=note)
    unit_refresh_status(sale.unit)
    return sale


# The two doors (API, page) pick the action by the operator's decision.
SALE_DECISIONS = {"approve": sale_approve, "reject": sale_reject}
