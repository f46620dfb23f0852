from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from core.access import register_role_source
        from finance.models import bank_roles

        register_role_source(bank_roles)

        from finance.models.lending import (
            bank_company_visibility,
            bank_document_visibility,
        )
        from tenants.models import (
            register_company_visibility,
            register_document_visibility,
        )

        register_company_visibility(bank_company_visibility)
        register_document_visibility(bank_document_visibility)

        from finance.actions.billing import deposit_invoice_for_lease
        from parks.hooks import lease_approved

        lease_approved.register(deposit_invoice_for_lease)
