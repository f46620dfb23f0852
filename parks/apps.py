from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parks"
    verbose_name = _("Parks")

    def ready(self) -> None:
        from core.access import register_role_source
        from parks.models import operator_roles

        register_role_source(operator_roles)
