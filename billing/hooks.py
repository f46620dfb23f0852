"""Work billing's actions hand to background workers. Actions announce it here
after their transaction commits; billing.tasks registers the task that does it
(in BillingConfig.ready), so tasks import actions and never the reverse."""

from core.hooks import Hook

# handler(*, run_id: int) — a rent run was started and waits for a worker.
rent_run_started = Hook("rent_run_started")
# handler(*, invoice_id: int) — a rent invoice of a company with auto-pay.
autopay_due = Hook("autopay_due")
