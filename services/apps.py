from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self) -> None:
        from core.access import register_role_source
        from services.models import provider_roles

        register_role_source(provider_roles)
