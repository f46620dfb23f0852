"""Production start-up: static files are collected before a worker serves a page.

With DEBUG off, WhiteNoise's manifest storage answers 500 for every page that
links a static file until `collectstatic` has run. The gunicorn master collects
them once before forking (config/gunicorn.conf.py); every WSGI start checks the
manifest is there and refuses to boot without it, so the failure is loud.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command


def collect_static() -> None:
    call_command("collectstatic", interactive=False, verbosity=0)


def ensure_static_collected() -> None:
    """Raise when the manifest storage is in use and has no manifest yet."""
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or manifest_name is None:
        return
    if not staticfiles_storage.exists(manifest_name):
        raise ImproperlyConfigured(
            f"Static files are not collected ({settings.STATIC_ROOT}/"
            f"{manifest_name} is missing): run `manage.py collectstatic --noinput` "
            "before starting the server, or start it with config/gunicorn.conf.py "
            "which does so."
        )
