"""Attraction pages: the chain map, the pipeline board, a prospect with its
policy, cost sheets, the public relocation calculator, a tenant's referrals.
The URL table is in attraction/urls.py."""

from attraction.views.chain import public_panel

__all__ = ["public_panel"]
