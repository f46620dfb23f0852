"""Exclusive-policy writes: drafting, items, the maker-checker review."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attraction.access import ensure_officer
from attraction.models import (
    ItemKind,
    Policy,
    PolicyItem,
    Prospect,
)
from core.audit import audit_record
from core.errors import Conflict
from core.models import User
from core.records import save_audited
from parks.access import ensure_park_role

# --- exclusive policy -------------------------------------------------------------


def item_summary(item: PolicyItem) -> str:
    label = ItemKind(item.kind).label
    parts = [str(label)]
    if item.months:
        parts.append(_("%(n)s months") % {"n": item.months})
    if item.rate_percent is not None:
        parts.append(f"{item.rate_percent.normalize():f}%")
    if item.amount is not None:
        parts.append(f"¥{item.amount:,.2f}")
    if item.conditions:
        parts.append(item.conditions)
    return " · ".join(parts)[:400]


@transaction.atomic
def policy_draft(*, prospect: Prospect, actor: User) -> Policy:
    """The prospect's policy, started by this officer if there is none yet."""
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    policy = Policy.objects.filter(prospect=prospect).first()
    if policy is not None:
        return policy
    if not prospect.is_open:
        raise Conflict(
            _("A policy is drafted for an open prospect."), code="prospect_closed"
        )
    policy = Policy.objects.create(prospect=prospect, drafted_by=actor)
    audit_record(actor=actor, obj=policy, action="policy_drafted", to_state="draft")
    return policy


def _locked(policy: Policy) -> Policy:
    return (
        Policy.objects.select_for_update()
        .select_related("prospect__park")
        .get(pk=policy.pk)
    )


def _editable(policy: Policy, actor: User) -> Policy:
    policy = _locked(policy)
    ensure_officer(actor, policy.prospect.park)
    if not policy.editable:
        raise Conflict(
            _("Only a draft policy can be changed."), code="policy_not_draft"
        )
    return policy


ITEM_FIELDS = (
    "kind",
    "amount",
    "rate_percent",
    "months",
    "conditions",
    "schedule",
    "budget_source",
)


@transaction.atomic
def policy_item_add(*, policy: Policy, actor: User, **fields: Any) -> PolicyItem:
    policy = _editable(policy, actor)
    item = PolicyItem(policy=policy)
    for name in ITEM_FIELDS:
        value = fields.get(name)
        if name in ("amount", "rate_percent", "months"):
            value = None if value in ("", None) else value
        elif name != "kind":
            value = (value or "").strip()
        setattr(item, name, value)
    if item.kind in (ItemKind.RENT_FREE_MONTHS, ItemKind.RENT_DISCOUNT) and (
        policy.items.filter(kind=item.kind).exists()
    ):
        raise Conflict(
            _("The package already has this item: change it instead."),
            code="duplicate_item",
        )
    return save_audited(
        item,
        actor=actor,
        action="policy_item_added",
        on=policy,
        data={"kind": item.kind},
    )


@transaction.atomic
def policy_item_remove(*, item: PolicyItem, actor: User) -> None:
    policy = _editable(item.policy, actor)
    audit_record(
        actor=actor, obj=policy, action="policy_item_removed", data={"kind": item.kind}
    )
    item.delete()


@transaction.atomic
def policy_submit(*, policy: Policy, actor: User, note: str = "") -> Policy:
    policy = _editable(policy, actor)
    if not policy.items.exists():
        raise Conflict(_("Add at least one item first."), code="policy_empty")
    policy.transition(to=Policy.Status.SUBMITTED, actor=actor, note=note)
    return policy


def _for_checker(policy: Policy, actor: User) -> Policy:
    policy = _locked(policy)
    ensure_park_role(actor, policy.prospect.park, roles=Policy.APPROVER_ROLES)
    if actor.pk == policy.drafted_by_id:
        raise Conflict(
            _("The officer who drafted the policy cannot approve or return it."),
            code="maker_checker",
        )
    return policy


@transaction.atomic
def policy_approve(*, policy: Policy, actor: User, note: str = "") -> Policy:
    """A park manager other than the drafter approves (maker–checker)."""
    policy = _for_checker(policy, actor)
    policy.transition(to=Policy.Status.APPROVED, actor=actor, note=note, save=False)
    policy.approved_by = actor
    policy.approved_at = timezone.now()
    policy.save()
    return policy


@transaction.atomic
def policy_return(*, policy: Policy, actor: User, note: str = "") -> Policy:
    """The checker sends the package back to its drafter to change."""
    policy = _for_checker(policy, actor)
    policy.transition(to=Policy.Status.DRAFT, actor=actor, note=note)
    return policy
