from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self) -> None:
        from core.access import register_role_source
        from services.models import PROVIDER_ROLES, shared_with_provider
        from tenants.models import register_document_visibility

        register_role_source(PROVIDER_ROLES)
        # A provider reads the vault documents a tenant shared with its bookings.
        register_document_visibility("provider", shared_with_provider)

        from parks.panels import register_dashboard_panel
        from services.views.portal import park_services_panel

        register_dashboard_panel(park_services_panel)

        from billing.hooks import invoice_paid
        from billing.models import register_issuer_members
        from services.models import provider_issuer_members
        from services.payments import on_invoice_paid

        register_issuer_members(provider_issuer_members, kind="provider")
        invoice_paid.register(on_invoice_paid)

        from core.audit import register_audit_actions

        register_audit_actions(
            {
                "created": _("Created"),
                "quote_sent": _("Quote sent"),
                "quote_accepted": _("Quote accepted"),
                "review_answered": _("Review answered"),
                "document_shared": _("Document shared"),
                "paid": _("Paid"),
                "refund_due": _("Refund due"),
                "refunded": _("Refunded"),
                "licence_uploaded": _("Licence uploaded"),
                "availability_added": _("Availability added"),
                "availability_removed": _("Availability removed"),
                "blackout_added": _("Blackout date added"),
                "changed": _("Changed"),
            }
        )
