"""WSGI entry point. Refuses to start in production without collected static files."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from config.startup import ensure_static_collected  # noqa: E402 (needs setup)

ensure_static_collected()
