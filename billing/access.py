"""Who may act on billing: an operator's finance staff and managers keep its
books; an invoice is handled by its payee's side (the operator's finance staff,
or the members of the issuer that bills it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from billing.models import FINANCE_ROLES, Invoice
from core.errors import NotAllowed
from parks.models.org import park_role


def can_manage_billing(user: Any, operator_id: int) -> bool:
    return park_role(user, operator_id) in FINANCE_ROLES


def ensure_billing_staff(user: Any, operator_id: int) -> None:
    if not can_manage_billing(user, operator_id):
        raise NotAllowed(
            _("Only the operator's finance staff or a manager may do this.")
        )


def can_manage_invoice(user: Any, invoice: Invoice) -> bool:
    """The payee's side: the operator's finance staff, or the issuer's members."""
    return invoice.handled_by(user)


def ensure_invoice_staff(user: Any, invoice: Invoice) -> None:
    if not can_manage_invoice(user, invoice):
        raise NotAllowed(_("Only the payee's finance staff may do this."))
