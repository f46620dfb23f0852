"""Parks API: one router composed of the concerns' routers."""

from ninja import Router

from parks.api import admission, inventory, leasing, security

router = Router()
router.add_router("", inventory.router)
router.add_router("", admission.router)
router.add_router("", leasing.router)
router.add_router("", security.router)
