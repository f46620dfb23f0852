from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The composition root: holds commands that span every app (seed_demo)."""

    name = "config"
    verbose_name = "Enclave"

    def ready(self) -> None:
        # Two third-party apps name themselves in plain English strings, which no
        # catalogue can translate; the admin shows them in the user's language.
        for label, (app_name, model_name, one, many) in {
            "otp_totp": (
                _("Two-factor sign-in"),
                "totpdevice",
                _("authenticator app"),
                _("authenticator apps"),
            ),
            "django_tasks_database": (
                _("Background tasks"),
                "dbtaskresult",
                _("task result"),
                _("task results"),
            ),
        }.items():
            config = apps.get_app_config(label)
            config.verbose_name = app_name
            meta = config.get_model(model_name)._meta
            meta.verbose_name, meta.verbose_name_plural = one, many
