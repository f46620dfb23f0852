"""Attraction writes: chains, prospects and their stages, exclusive policies,
landing (a prospect's firm takes space), cost sheets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attraction import hooks
from attraction.models import (
    OPEN_STAGES,
    Activity,
    Chain,
    ChainLink,
    CostSheet,
    ItemKind,
    ParkCommitment,
    Policy,
    PolicyItem,
    Prospect,
    Source,
    Stage,
)
from attraction.policy_cost import Item, discount_percent, rent_free_months
from attraction.queries import park_tenants
from core.audit import audit_record
from core.errors import Conflict, Invalid, NotAllowed
from core.models import User
from parks.actions.unit_status import ensure_park_role
from parks.models import Lease, OperatorRole, OperatorStaff, Park, Sale
from tenants.actions import uscc_normalise
from tenants.models import Company

OFFICERS = (OperatorRole.MANAGER, OperatorRole.STAFF)


def ensure_officer(actor: Any, park: Park) -> str:
    """Managers and staff of the park's operator run attraction; others 404/403."""
    return ensure_park_role(actor, park, roles=OFFICERS)


# --- chains -----------------------------------------------------------------------


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
    chain = Chain(
        park=park,
        name=template.name,
        name_zh=template.name_zh,
        industry_code=template.industry_code,
        gap_points=template.gap_points,
        weak_points=template.weak_points,
        copied_from=template,
    )
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


CHAIN_FIELDS = ("name", "name_zh", "industry_code", "gap_points", "weak_points")


@transaction.atomic
def chain_save(*, park: Park, actor: User, **fields: Any) -> Chain:
    ensure_officer(actor, park)
    chain = Chain.objects.select_for_update().filter(park=park).first() or Chain(
        park=park
    )
    for name in CHAIN_FIELDS:
        if name in fields:
            setattr(chain, name, fields[name])
    chain.full_clean()
    chain.save()
    audit_record(actor=actor, obj=chain, action="chain_saved")
    return chain


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
    for name in LINK_FIELDS:
        if name in fields:
            setattr(link, name, fields[name])
    if isinstance(link.industry_codes, str):
        link.industry_codes = list(link.industry_codes.replace(",", " ").split())
    link.full_clean()
    link.save()
    audit_record(
        actor=actor, obj=chain, action="chain_link_saved", data={"key": link.key}
    )
    return link


@transaction.atomic
def link_delete(*, link: ChainLink, actor: User) -> None:
    ensure_officer(actor, link.chain.park)
    audit_record(
        actor=actor, obj=link.chain, action="chain_link_deleted", data={"key": link.key}
    )
    link.delete()


# --- prospects --------------------------------------------------------------------


def _officer(park: Park, officer: Any) -> User | None:
    if officer in (None, ""):
        return None
    officer_id = getattr(officer, "pk", officer)
    staff = OperatorStaff.objects.filter(
        operator_id=park.operator_id, user_id=officer_id, role__in=OFFICERS
    ).select_related("user")
    found = staff.first() if str(officer_id).isdigit() else None
    if found is None:
        raise Invalid.field("officer", _("Choose a member of the park's staff."))
    return found.user


def _link(park: Park, link: Any) -> ChainLink | None:
    if link in (None, ""):
        return None
    link_id = getattr(link, "pk", link)
    found = (
        ChainLink.objects.filter(chain__park=park, pk=link_id).first()
        if str(link_id).isdigit()
        else None
    )
    if found is None:
        raise Invalid.field("chain_link", _("Choose a link of this park's chain."))
    return found


def _referrer(park: Park, referred_by: Any) -> Company | None:
    """Only a company with space in the park refers (以企招企): its members then
    see the referral's progress."""
    if referred_by in (None, ""):
        return None
    company_id = getattr(referred_by, "pk", referred_by)
    found = next((c for c in park_tenants(park) if str(c.pk) == str(company_id)), None)
    if found is None:
        raise Invalid.field(
            "referred_by_company_id", _("Choose a tenant company of this park.")
        )
    return found


PROSPECT_FIELDS = (
    "company_name",
    "industry_code",
    "origin_region",
    "source",
    "next_action_on",
    "next_action",
    "planned_investment",
    "expected_annual_output",
    "expected_annual_tax",
    "jobs",
    "area_m2",
)


def _fill(prospect: Prospect, park: Park, fields: dict[str, Any]) -> None:
    for name in PROSPECT_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(prospect, name, fields[name])
    if "uscc" in fields:
        prospect.uscc = uscc_normalise(fields["uscc"]) if fields["uscc"] else ""
    if "chain_link" in fields:
        prospect.chain_link = _link(park, fields["chain_link"])
    if "officer" in fields:
        prospect.officer = _officer(park, fields["officer"])
    if "referred_by" in fields:
        prospect.referred_by = _referrer(park, fields["referred_by"])
    if prospect.source != Source.TENANT_REFERRAL:
        prospect.referred_by = None
    prospect.full_clean(exclude=["created_by"] if not prospect.created_by_id else None)


@transaction.atomic
def prospect_create(*, park: Park, actor: User, **fields: Any) -> Prospect:
    ensure_officer(actor, park)
    prospect = Prospect(park=park, created_by=actor)
    if "officer" not in fields or fields["officer"] in (None, ""):
        fields["officer"] = actor
    _fill(prospect, park, fields)
    prospect.save()
    audit_record(actor=actor, obj=prospect, action="prospect_created", to_state="lead")
    return prospect


@transaction.atomic
def prospect_update(*, prospect: Prospect, actor: User, **fields: Any) -> Prospect:
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    _fill(prospect, prospect.park, fields)
    prospect.save()
    audit_record(actor=actor, obj=prospect, action="prospect_updated")
    return prospect


def _move(prospect: Prospect, *, to: str, actor: User | None, note: str) -> Prospect:
    before = prospect.stage
    prospect.transition(to=to, actor=actor, note=note, save=False)
    prospect.stage_changed_at = timezone.now()
    prospect.save()
    Activity.objects.create(
        prospect=prospect,
        kind=Activity.Kind.STAGE,
        from_stage=before,
        to_stage=to,
        note=note,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return prospect


@transaction.atomic
def prospect_advance(
    *, prospect: Prospect, actor: User, stage: str, note: str = ""
) -> Prospect:
    """Move a prospect forward through the funnel (skipping is allowed, going
    back is not). Landing is not a choice: it follows the firm's lease or
    purchase (`prospect_land`)."""
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    if stage == Stage.LANDED:
        raise Conflict(
            _(
                "A prospect lands when its company signs a lease or purchase in "
                "the park; it cannot be marked landed by hand."
            ),
            code="landing_is_automatic",
        )
    if stage == Stage.LOST or stage not in Stage.values:
        raise Invalid.field("stage", _("Choose a later stage of the pipeline."))
    return _move(prospect, to=stage, actor=actor, note=note)


@transaction.atomic
def prospect_lose(*, prospect: Prospect, actor: User, reason: str) -> Prospect:
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid.field("note", _("Say why the prospect was lost."))
    prospect.lost_reason = reason
    return _move(prospect, to=Stage.LOST, actor=actor, note=reason)


def prospect_set_stage(
    *, prospect: Prospect, actor: User, stage: str, note: str = ""
) -> Prospect:
    """The one door of the API and the board: lost needs a reason, the rest move
    forward."""
    if stage == Stage.LOST:
        return prospect_lose(prospect=prospect, actor=actor, reason=note)
    return prospect_advance(prospect=prospect, actor=actor, stage=stage, note=note)


@transaction.atomic
def activity_log(
    *,
    prospect: Prospect,
    actor: User,
    kind: str,
    note: str,
    on: date | None = None,
    next_action_on: date | None = None,
    next_action: str = "",
) -> Activity:
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    if kind not in Activity.Kind.values or kind == Activity.Kind.STAGE:
        raise Invalid.field(
            "kind", _("Choose a call, visit, meeting, document or note.")
        )
    activity = Activity(
        prospect=prospect,
        kind=kind,
        note=(note or "").strip(),
        on=on or timezone.localdate(),
        actor=actor,
    )
    activity.full_clean()
    activity.save()
    if next_action_on is not None:
        prospect.next_action_on = next_action_on
        prospect.next_action = (next_action or "").strip()[:200]
    prospect.save()
    return activity


# --- landing ----------------------------------------------------------------------


def prospects_to_land(park: Park, company: Company):
    return Prospect.objects.select_for_update().filter(
        park=park, uscc=company.uscc, stage__in=OPEN_STAGES
    )


@transaction.atomic
def prospect_land(
    *,
    prospect: Prospect,
    company: Company,
    actor: User | None,
    lease: Lease | None = None,
    sale: Sale | None = None,
) -> Prospect:
    """The prospect's firm signed a lease or purchase in the park: link them,
    mark it landed, and put its approved policy in force — rent-free months and
    discount on the lease, each item a park commitment — then tell listeners."""
    prospect.company = company
    prospect.lease = lease
    prospect.sale = sale
    _move(prospect, to=Stage.LANDED, actor=actor, note=_("Company signed in the park."))
    policy = Policy.objects.select_for_update().filter(prospect=prospect).first()
    if policy is None or policy.status != Policy.Status.APPROVED:
        return prospect
    items = list(policy.items.all())
    if lease is not None:
        lease_apply_concessions(lease=lease, items=items)
    commitments = [
        ParkCommitment.objects.create(
            prospect=prospect,
            item=item,
            park=prospect.park,
            company=company,
            kind=item.kind,
            description=item_summary(item),
            amount=item.amount,
            rate_percent=item.rate_percent,
            months=item.months,
            conditions=item.conditions,
        )
        for item in items
    ]
    policy.transition(to=Policy.Status.LANDED, actor=actor)
    hooks.policy_landed.fire(
        policy=policy,
        prospect=prospect,
        commitments=commitments,
        lease=lease,
        sale=sale,
        actor=actor,
    )
    return prospect


def lease_apply_concessions(*, lease: Lease, items: list[PolicyItem]) -> Lease:
    """Rent-free months (the more generous of lease and policy) and the discount
    go onto the lease; the one rent calculation then charges accordingly."""
    plain = [Item.of(i) for i in items]
    lease.rent_free_months = max(lease.rent_free_months, rent_free_months(plain))
    lease.rent_discount_percent = max(
        Decimal(lease.rent_discount_percent or 0), discount_percent(plain)
    )
    lease.save(
        update_fields=["rent_free_months", "rent_discount_percent", "updated_at"]
    )
    audit_record(
        actor=None,
        obj=lease,
        action="lease_concessions",
        data={
            "rent_free_months": lease.rent_free_months,
            "rent_discount_percent": str(lease.rent_discount_percent),
        },
    )
    return lease


def on_lease_approved(*, lease: Lease, actor: User) -> None:
    for prospect in prospects_to_land(lease.unit.park, lease.company):
        prospect_land(
            prospect=prospect, company=lease.company, actor=actor, lease=lease
        )


def on_sale_approved(*, sale: Sale, actor: User) -> None:
    for prospect in prospects_to_land(sale.unit.park, sale.company):
        prospect_land(prospect=prospect, company=sale.company, actor=actor, sale=sale)


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


def _editable(policy: Policy, actor: User) -> Policy:
    policy = (
        Policy.objects.select_for_update()
        .select_related("prospect__park")
        .get(pk=policy.pk)
    )
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
    item.full_clean()
    item.save()
    audit_record(
        actor=actor, obj=policy, action="policy_item_added", data={"kind": item.kind}
    )
    return item


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
    policy = (
        Policy.objects.select_for_update()
        .select_related("prospect__park")
        .get(pk=policy.pk)
    )
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


# --- cost sheets ------------------------------------------------------------------

COST_FIELDS = (
    "as_of",
    "rent_per_m2",
    "sale_price_per_m2",
    "wage_general",
    "wage_skilled",
    "wage_technical",
    "power_tariff",
    "water_tariff",
    "gas_tariff",
    "logistics",
    "sources",
)


@transaction.atomic
def cost_sheet_save(*, park: Park, actor: User, **fields: Any) -> CostSheet:
    """A park's cost sheet as of a date (a new date keeps the older sheets)."""
    ensure_officer(actor, park)
    sheet = CostSheet.objects.filter(park=park, as_of=fields.get("as_of")).first()
    sheet = sheet or CostSheet(park=park, city=park.host_region)
    for name in COST_FIELDS:
        if name in fields:
            setattr(sheet, name, fields[name])
    sheet.full_clean()
    sheet.save()
    audit_record(actor=actor, obj=sheet, action="cost_sheet_saved")
    return sheet
