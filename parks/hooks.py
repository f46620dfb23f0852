"""Events of the parks app that higher apps (billing, finance, …) react to.

Handlers are registered in the higher app's AppConfig.ready and fire inside the
action's transaction, so their writes commit or roll back with it.
"""

from core.hooks import Hook

# handler(*, lease: Lease, actor: User) — a lease application was approved.
lease_approved = Hook("lease_approved")
# handler(*, sale: Sale, actor: User) — a unit purchase was approved.
sale_approved = Hook("sale_approved")
# handler(*, lease: Lease, actor: User) — a lease now ends earlier than before
# (terminated, cancelled before hand-over, or cut short by an early renewal).
lease_shortened = Hook("lease_shortened")
