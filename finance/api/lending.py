"""Finance API: lending."""

from ninja import Router

router = Router(tags=["lending"])
