from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants")

    def ready(self) -> None:
        from core.access import register_role_source
        from tenants.models import TENANT_ROLES

        register_role_source(TENANT_ROLES)

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "company_registered": _("Company registered"),
                "company_updated": _("Company profile updated"),
                "member_invited": _("Member invited"),
                "member_joined": _("Member joined"),
                "member_removed": _("Member removed"),
                "document_uploaded": _("Document uploaded"),
                "document_deleted": _("Document deleted"),
                "document_withdrawn_retained": _(
                    "Document withdrawn from the vault, retained as evidence"
                ),
                "document_superseded": _("Document superseded by a new version"),
            }
        )
