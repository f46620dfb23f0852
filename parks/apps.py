from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parks"
    verbose_name = _("Parks")

    def ready(self) -> None:
        from core.access import register_role_source
        from parks.models import operator_roles
        from parks.visibility import (
            companies_in_operated_parks,
            documents_of_admissions,
        )
        from tenants.models import (
            register_company_visibility,
            register_document_visibility,
        )

        register_role_source(operator_roles)
        register_company_visibility(companies_in_operated_parks)
        register_document_visibility(documents_of_admissions)
