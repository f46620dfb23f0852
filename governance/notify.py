"""Who hears about a governance event, and the email sent after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from parks.models import OperatorRole, OperatorStaff, Park
from tenants.models import MANAGING_ROLES, Company


def company_emails(company: Company) -> list[str]:
    return sorted(
        company.memberships.filter(role__in=MANAGING_ROLES).values_list(
            "user__email", flat=True
        )
    )


def park_emails(park: Park, roles: Iterable[str] | None = None) -> list[str]:
    staff = OperatorStaff.objects.filter(operator_id=park.operator_id)
    if roles is not None:
        staff = staff.filter(role__in=list(roles))
    return sorted(staff.values_list("user__email", flat=True))


def manager_emails(park: Park) -> list[str]:
    return park_emails(park, (OperatorRole.MANAGER,))


def notify(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Send once the transaction commits; nothing is sent if it rolls back."""
    to = sorted({r for r in recipients if r})
    if not to:
        return
    from governance.tasks import send_notice_task

    transaction.on_commit(
        lambda: send_notice_task.enqueue(subject=subject, body=body, recipients=to)
    )
