"""Who may act for a company: its owners and admins manage it (profile,
documents, applications, requests, bookings); a stranger gets a 404."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.access import get_scoped
from core.errors import NotAllowed, NotFound
from core.models import User
from tenants.models import MANAGING_ROLES, Company, member_role


def member_company(user: User, company_id: int) -> Company:
    """The company of that id the user is a member of (any role); 404 otherwise."""
    return get_scoped(Company.objects.of_member(user), pk=company_id)


def ensure_manager(actor: User, company: Company) -> str:
    """The actor's role if they manage the company; 404 to a stranger, 403 to a
    member who does not manage."""
    role = member_role(actor, company)
    if role is None:
        raise NotFound(_("Company not found."))
    if role not in MANAGING_ROLES:
        raise NotAllowed(_("Only the company's owners and admins may do this."))
    return role
