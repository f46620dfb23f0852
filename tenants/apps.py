from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants")

    def ready(self) -> None:
        from core.access import register_role_source
        from tenants.models import tenant_roles

        register_role_source(tenant_roles)
