from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The composition root: holds commands that span every app (seed_demo)."""

    name = "config"
    verbose_name = "Enclave"
