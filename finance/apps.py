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

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "issue": _("Invoice issued"),
                "payment": _("Payment received"),
                "payment_failed": _("Payment failed"),
                "payment_flagged": _("Payment flagged for review"),
                "payment_accepted": _("Flagged payment accepted"),
                "payment_rejected": _("Flagged payment rejected"),
                "refund": _("Refund"),
                "checkout_start": _("Card payment started"),
                "autopay_on": _("Auto-pay switched on"),
                "autopay_off": _("Auto-pay switched off"),
                "rent_run": _("Rent run"),
                "request_drafted": _("Finance request drafted"),
                "request_opened": _("Request opened by the bank"),
                "request_declined": _("Request declined by the bank"),
                "offer_drafted": _("Offer drafted"),
                "offer_revised": _("Offer revised"),
            }
        )
