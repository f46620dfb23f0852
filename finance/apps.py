from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from core.access import register_role_source
        from finance.models import BANK_ROLES

        register_role_source(BANK_ROLES)

        from core.twofactor import register_two_factor_rule
        from finance.models.banks import Bank

        register_two_factor_rule(Bank.requires_two_factor_of)

        from finance.models.sharing import (
            bank_company_visibility,
            bank_document_visibility,
            documents_shared_on_live_requests,
        )
        from tenants.models import (
            register_company_visibility,
            register_document_use,
            register_document_visibility,
        )

        register_company_visibility("bank", bank_company_visibility)
        register_document_visibility("bank", bank_document_visibility)
        register_document_use(documents_shared_on_live_requests)

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "request_drafted": _("Finance request drafted"),
                "request_opened": _("Request opened by the bank"),
                "request_declined": _("Request declined by the bank"),
                "offer_drafted": _("Offer drafted"),
                "offer_revised": _("Offer revised"),
            }
        )
