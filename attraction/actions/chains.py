"""Chain writes: copying a template to a park, the chain and its links."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from attraction.access import ensure_officer
from attraction.actions.common import assign
from attraction.models import (
    Chain,
    ChainLink,
)
from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed
from core.models import User
from core.records import save_audited
from parks.models import Park

# --- chains -----------------------------------------------------------------------

# What an officer edits on a chain, and what a copy takes from its template.
CHAIN_FIELDS = ("name", "name_zh", "industry_code", "gap_points", "weak_points")


@transaction.atomic
def chain_copy(*, template: Chain, park: Park, actor: User) -> Chain:
    """Give a park its own chain from a shared template (links and thresholds
    copied; the park then edits its copy)."""
    ensure_officer(actor, park)
    if not template.is_template:
        raise Invalid.field("template", _("Choose a shared template."))
    if Chain.objects.filter(park=park).exists():
        raise Conflict(
            _("This park already has a chain: edit it instead."), code="chain_exists"
        )
    copied = {name: getattr(template, name) for name in CHAIN_FIELDS}
    chain = Chain(park=park, copied_from=template, **copied)
    chain.full_clean()
    chain.save()
    for link in template.links.all():
        link.pk = None
        link.chain = chain
        link.save()
    audit_record(
        actor=actor, obj=chain, action="chain_copied", data={"from": template.pk}
    )
    return chain


@transaction.atomic
def chain_save(*, park: Park, actor: User, **fields: Any) -> Chain:
    ensure_officer(actor, park)
    chain = Chain.objects.select_for_update().filter(park=park).first() or Chain(
        park=park
    )
    assign(chain, CHAIN_FIELDS, fields)
    return save_audited(chain, actor=actor, action="chain_saved")


LINK_FIELDS = (
    "key",
    "order",
    "position",
    "name",
    "name_zh",
    "description",
    "description_zh",
    "industry_codes",
    "strong_min_firms",
    "strong_min_output",
    "weak_min_firms",
    "weak_min_output",
)


@transaction.atomic
def link_save(
    *, chain: Chain, actor: User, link: ChainLink | None = None, **fields: Any
) -> ChainLink:
    if chain.park_id is None:
        raise NotAllowed(_("Shared templates are kept in the administration."))
    ensure_officer(actor, chain.park)
    link = link or ChainLink(chain=chain)
    if link.chain_id != chain.pk:
        raise Invalid.field("link", _("Choose a link of this chain."))
    assign(link, LINK_FIELDS, fields)
    if isinstance(link.industry_codes, str):
        link.industry_codes = list(link.industry_codes.replace(",", " ").split())
    return save_audited(
        link, actor=actor, action="chain_link_saved", on=chain, data={"key": link.key}
    )


@transaction.atomic
def link_delete(*, link: ChainLink, actor: User) -> None:
    ensure_officer(actor, link.chain.park)
    audit_record(
        actor=actor, obj=link.chain, action="chain_link_deleted", data={"key": link.key}
    )
    link.delete()
