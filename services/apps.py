from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self) -> None:
        from core.access import register_role_source
        from services.models import provider_roles, shared_with_provider
        from tenants.models import register_document_visibility

        register_role_source(provider_roles)
        # A provider reads the vault documents a tenant shared with its bookings.
        register_document_visibility(shared_with_provider)

        from parks.panels import register_dashboard_panel
        from services.views.portal import park_services_panel

        register_dashboard_panel(park_services_panel)
