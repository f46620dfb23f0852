"""Attraction pages: an operator's park (chain, pipeline, costs), a prospect
and its policy, the public calculator, a tenant's referrals."""

from attraction.views import chain, costs, pipeline
from core.routes import routes

PARK = "parks/<int:park_id>/"
PROSPECT = "prospects/<int:prospect_id>/"

# (route, view, name)
PAGES = (
    (PARK + "chain/", chain.chain_page, "chain"),
    (PARK + "chain/copy/", chain.chain_copy, "chain_copy"),
    (PARK + "chain/settings/", chain.chain_settings, "chain_settings"),
    (PARK + "chain/links/new/", chain.link_edit, "link_new"),
    (PARK + "chain/links/<int:link_id>/", chain.link_edit, "link_edit"),
    (PARK + "chain/links/<int:link_id>/delete/", chain.link_delete, "link_delete"),
    (PARK + "pipeline/", pipeline.board_page, "board"),
    (PARK + "pipeline/new/", pipeline.prospect_new, "prospect_new"),
    (PARK + "costs/", costs.cost_sheet_page, "costs"),
    (PARK + "relocation/", costs.calculator, "calculator"),
    (PROSPECT, pipeline.prospect_page, "prospect"),
    (PROSPECT + "stage/", pipeline.prospect_stage, "stage"),
    (PROSPECT + "activities/", pipeline.prospect_activity, "activity"),
    (PROSPECT + "policy/items/", pipeline.policy_item_add, "item_add"),
    (PROSPECT + "policy/<str:verb>/", pipeline.policy_decide, "policy_decide"),
    (PROSPECT + "letter-of-intent.pdf", pipeline.letter_of_intent, "letter"),
    ("policy-items/<int:item_id>/remove/", pipeline.policy_item_remove, "item_remove"),
    ("referrals/", pipeline.referrals, "referrals"),
)

app_name = "attraction"
urlpatterns = routes(PAGES)
