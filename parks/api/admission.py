"""Parks API: admission."""

from ninja import Router

router = Router(tags=["admission"])
