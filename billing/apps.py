from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from billing.actions.invoices import deposit_invoice_for_lease
        from billing.actions.rent_run import rent_true_up
        from core.audit import register_audit_actions
        from parks.hooks import lease_approved, lease_shortened

        lease_approved.register(deposit_invoice_for_lease)
        lease_shortened.register(rent_true_up)

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
            }
        )
