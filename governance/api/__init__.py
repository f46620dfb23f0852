"""Governance API: commitments and concerns, operating reports and per-mu
performance, the enclave report, the prefecture overview. One router composed
of the concerns' routers."""

from ninja import Router

from governance.api import commitments, enclave, reports

router = Router(tags=["governance"])
for part in (commitments, reports, enclave):
    # The operation ids stay those of the one-module API that clients were
    # generated from ("governance_api_<view>"), whichever part holds the view.
    for path_view in part.router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"governance_api_{operation.view_func.__name__}"
    router.add_router("", part.router)
