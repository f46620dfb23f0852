"""The daily governance run, for cron (management command) or a task worker."""

from __future__ import annotations

from datetime import date

from governance.actions.commitments import commitments_mark_due
from governance.actions.concerns import concerns_escalate
from governance.actions.reports import reports_remind


def governance_daily(*, today: date | None = None) -> dict:
    return {
        "due": commitments_mark_due(today=today),
        "escalated": concerns_escalate(today=today),
        "reminded": reports_remind(today=today),
    }
