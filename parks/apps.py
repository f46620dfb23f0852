from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parks"
    verbose_name = _("Parks")

    def ready(self) -> None:
        from core.access import register_role_source
        from parks.models import OPERATOR_ROLES
        from parks.visibility import (
            companies_in_operated_parks,
            documents_of_admissions,
            documents_of_sent_admissions,
        )
        from tenants.models import (
            register_company_visibility,
            register_document_use,
            register_document_visibility,
        )

        register_role_source(OPERATOR_ROLES)

        from core.twofactor import register_two_factor_rule
        from parks.models.org import Operator

        register_two_factor_rule(Operator.requires_two_factor_of)
        register_company_visibility("operator", companies_in_operated_parks)
        register_document_visibility("operator", documents_of_admissions)
        register_document_use(documents_of_sent_admissions)

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "park_updated": _("Park settings updated"),
                "building_created": _("Building added"),
                "building_updated": _("Building updated"),
                "unit_created": _("Unit added"),
                "unit_updated": _("Unit updated"),
                "units_imported": _("Units imported"),
                "admission_created": _("Admission application drafted"),
                "admission_updated": _("Admission application edited"),
                "officer_assigned": _("First-responsible officer assigned"),
                "lease_applied": _("Lease applied for"),
                "lease_created": _("Lease created"),
                "lease_renewed": _("Lease renewed"),
                "lease_end_moved": _("Lease end date moved"),
                "lease_termination_scheduled": _("Lease termination scheduled"),
                "sale_applied": _("Purchase applied for"),
            }
        )
