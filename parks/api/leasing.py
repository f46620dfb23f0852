"""Parks API: leasing."""

from ninja import Router

router = Router(tags=["leasing"])
