"""Finance API: one router composed of the concerns' routers."""

from ninja import Router

from finance.api import billing, lending

router = Router()
router.add_router("", billing.router)
router.add_router("", lending.router)
