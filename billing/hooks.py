"""Events of the billing app: work its actions hand to background workers, and
what higher apps (services) react to.

Actions announce work after their transaction commits; billing.tasks registers
the task that does it (in BillingConfig.ready), so tasks import actions and never
the reverse. Handlers of higher apps are registered in their AppConfig.ready and
fire inside the action's transaction, so their writes commit or roll back with it.
"""

from core.hooks import Hook

# handler(*, run_id: int) — a rent run was started and waits for a worker.
rent_run_started = Hook("rent_run_started")
# handler(*, invoice_id: int) — a rent invoice of a company with auto-pay.
autopay_due = Hook("autopay_due")
# handler(*, invoice: Invoice, actor: User | None) — an invoice became paid.
invoice_paid = Hook("invoice_paid")
