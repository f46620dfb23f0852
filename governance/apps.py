from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from core.access import register_role_source
        from core.audit import register_audit_actions
        from governance import sla_sources
        from governance.actions.commitments import commitments_from_admission
        from governance.models import OBSERVER_ROLES
        from parks.hooks import admission_approved

        register_role_source(OBSERVER_ROLES)
        sla_sources.register()
        admission_approved.register(commitments_from_admission)

        from attraction.hooks import policy_landed
        from attraction.output import register_output_source
        from governance.chain_output import (
            commitments_from_policy,
            reported_annual_output,
        )

        policy_landed.register(commitments_from_policy)
        register_output_source(reported_annual_output)
        register_audit_actions(
            {
                "commitment_created": _("Commitment recorded"),
                "evidence_added": _("Evidence added"),
                "concern_raised": _("Concern raised"),
                "concern_escalated": _("Concern escalated to the manager"),
                "report_filed": _("Operating report filed"),
                "governance_settings_updated": _("Governance settings updated"),
            }
        )
