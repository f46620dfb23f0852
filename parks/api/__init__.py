"""Parks API: one router composed of the concerns' routers."""

from ninja import Router

from parks.api import admission, inventory, leasing

router = Router()
router.add_router("", inventory.router)
router.add_router("", admission.router)
router.add_router("", leasing.router)
