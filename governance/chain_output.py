"""What governance tells the apps below it: reported output for attraction's
chain map, and the park commitments an exclusive policy became when its firm
landed. Registered in GovernanceConfig.ready."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from governance.actions.commitments import PromiseItem, commitments_from_source
from governance.models import CommitmentKind, OperatingReport, Side

# An exclusive-policy item becomes a park-side commitment of this kind.
POLICY_KINDS = {
    "rent_free_months": CommitmentKind.RENT_FREE,
    "rent_discount": CommitmentKind.SUBSIDY,
    "fit_out_subsidy": CommitmentKind.SUBSIDY,
    "equipment_subsidy": CommitmentKind.SUBSIDY,
    "logistics_subsidy": CommitmentKind.SUBSIDY,
    "tax_rebate": CommitmentKind.TAX_REBATE,
    "talent_subsidy": CommitmentKind.SUBSIDY,
}
# A promise with no date of its own is due within a year of landing.
DEFAULT_DUE = timedelta(days=365)


def reported_annual_output(*, park: Any, company_ids: set[int]) -> dict[int, Decimal]:
    """Each firm's output over its last four reported quarters in the park (a
    firm with fewer quarters is scaled up to a year)."""
    rows = (
        OperatingReport.objects.filter(park=park, company_id__in=company_ids)
        .order_by("company_id", "-period")
        .values_list("company_id", "output")
    )
    quarters: dict[int, list[Decimal]] = defaultdict(list)
    for company_id, output in rows:
        if len(quarters[company_id]) < 4:
            quarters[company_id].append(output)
    return {
        company_id: (sum(values, Decimal(0)) * 4 / len(values)).quantize(
            Decimal("0.01")
        )
        for company_id, values in quarters.items()
    }


def commitments_from_policy(
    *, policy: Any, prospect: Any, commitments: list, actor: Any = None, **_: Any
) -> None:
    """The `policy_landed` handler: each approved policy item the park promised
    becomes a park-side commitment both sides follow, once per policy."""
    if not commitments:
        return
    today = timezone.localdate()
    for c in commitments:  # one source per item: each is followed on its own
        commitments_from_source(
            park=c.park,
            company=c.company,
            source_kind="policy",
            source_ref=f"{policy.pk}/{c.pk}",
            promises=[
                PromiseItem(
                    side=Side.PARK,
                    kind=POLICY_KINDS.get(c.kind, CommitmentKind.OTHER),
                    description=c.description,
                    amount=c.amount,
                    due_date=c.due_date or today + DEFAULT_DUE,
                )
            ],
            actor=actor,
        )
