"""Events of the billing app that higher apps (services) react to.

Handlers are registered in the higher app's AppConfig.ready and fire inside the
action's transaction, so their writes commit or roll back with it.
"""

from core.hooks import Hook

# handler(*, invoice: Invoice, actor: User | None) — an invoice became paid.
invoice_paid = Hook("invoice_paid")
