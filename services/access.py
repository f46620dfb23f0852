"""Who may act for a service provider: its staff; to anyone else the provider's
private pages and writes do not exist (404)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core.errors import NotFound
from services.models import Provider


def ensure_provider_staff(actor: Any, provider: Provider) -> None:
    if not provider.is_staff_member(actor):
        raise NotFound(_("Service provider not found."))
