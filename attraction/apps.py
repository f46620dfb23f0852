from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "attraction"
    verbose_name = _("Investment attraction")

    def ready(self) -> None:
        from attraction import actions, scoring
        from attraction.views import public_panel
        from core.audit import register_audit_actions
        from parks import hooks as parks_hooks
        from parks.panels import park_operator_tabs, park_public_panels
        from parks.scoring import register_criterion

        register_criterion(scoring.CRITERION)
        parks_hooks.lease_approved.register(actions.on_lease_approved)
        parks_hooks.sale_approved.register(actions.on_sale_approved)
        park_public_panels.register(public_panel)
        park_operator_tabs.register("chain", _("Industry chain"), "attraction:chain")
        park_operator_tabs.register("pipeline", _("Pipeline"), "attraction:board")
        park_operator_tabs.register("costs", _("Cost sheet"), "attraction:costs")
        register_audit_actions(
            {
                "chain_copied": _("Chain copied from a shared template"),
                "chain_saved": _("Chain saved"),
                "chain_link_saved": _("Chain link saved"),
                "chain_link_deleted": _("Chain link removed"),
                "prospect_created": _("Prospect added"),
                "prospect_updated": _("Prospect edited"),
                "policy_drafted": _("Exclusive policy drafted"),
                "policy_item_added": _("Policy item added"),
                "policy_item_removed": _("Policy item removed"),
                "lease_concessions": _("Exclusive-policy concessions applied"),
                "cost_sheet_saved": _("Cost sheet saved"),
            }
        )
