"""Attraction API: one router composed of the concerns' routers, in the order
their paths must be matched."""

from ninja import Router

from attraction.api import chain, costs, policy, prospects

router = Router(tags=["attraction"])
for part in (chain, prospects, policy, costs):
    router.add_router("", part.router)
