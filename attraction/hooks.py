"""Events of the attraction app that higher apps (governance) react to.

Handlers are registered in the higher app's AppConfig.ready and fire inside the
action's transaction, so their writes commit or roll back with it.
"""

from core.hooks import Hook

# handler(*, policy: Policy, prospect: Prospect, commitments: list[ParkCommitment],
#         lease: Lease | None, sale: Sale | None, actor: User | None)
# — a prospect landed and its approved exclusive policy became park commitments.
policy_landed = Hook("policy_landed")
