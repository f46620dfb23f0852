from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from core.access import register_role_source
        from finance.models import bank_roles

        register_role_source(bank_roles)
