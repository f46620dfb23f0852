"""Attraction writes: chains, prospects and their stages, exclusive policies,
landing (a prospect's firm takes space), cost sheets."""

from attraction.access import ensure_officer
from attraction.actions.chains import (
    CHAIN_FIELDS,
    LINK_FIELDS,
    chain_copy,
    chain_save,
    link_delete,
    link_save,
)
from attraction.actions.costs import COST_FIELDS, cost_sheet_save
from attraction.actions.landing import (
    lease_apply_concessions,
    on_lease_approved,
    on_sale_approved,
    prospect_land,
    prospects_to_land,
)
from attraction.actions.policy import (
    ITEM_FIELDS,
    item_summary,
    policy_approve,
    policy_draft,
    policy_item_add,
    policy_item_remove,
    policy_return,
    policy_submit,
)
from attraction.actions.prospects import (
    PROSPECT_FIELDS,
    PROSPECT_FORM_FIELDS,
    activity_log,
    prospect_advance,
    prospect_create,
    prospect_lose,
    prospect_set_stage,
    prospect_update,
)

__all__ = [
    "CHAIN_FIELDS",
    "COST_FIELDS",
    "ITEM_FIELDS",
    "LINK_FIELDS",
    "PROSPECT_FIELDS",
    "PROSPECT_FORM_FIELDS",
    "activity_log",
    "chain_copy",
    "chain_save",
    "cost_sheet_save",
    "ensure_officer",
    "item_summary",
    "lease_apply_concessions",
    "link_delete",
    "link_save",
    "on_lease_approved",
    "on_sale_approved",
    "policy_approve",
    "policy_draft",
    "policy_item_add",
    "policy_item_remove",
    "policy_return",
    "policy_submit",
    "prospect_advance",
    "prospect_create",
    "prospect_land",
    "prospect_lose",
    "prospect_set_stage",
    "prospect_update",
    "prospects_to_land",
]
