"""Prospect writes: the record, its stages and its logged activities."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attraction.access import ensure_officer
from attraction.models import (
    Activity,
    ChainLink,
    Prospect,
    Source,
    Stage,
)
from attraction.queries import park_tenants
from core.audit import audit_record
from core.errors import Conflict, Invalid
from core.limits import clean_value
from core.models import User
from parks.models import OFFICER_ROLES, OperatorStaff, Park
from tenants.actions import uscc_normalise
from tenants.models import Company

# --- prospects --------------------------------------------------------------------


def _officer(park: Park, officer: Any) -> User | None:
    if officer in (None, ""):
        return None
    officer_id = getattr(officer, "pk", officer)
    staff = OperatorStaff.objects.filter(
        operator_id=park.operator_id, user_id=officer_id, role__in=OFFICER_ROLES
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


# Every field of a prospect its form and the API may set, in the order the
# form shows them; the four ids and codes in RESOLVED are checked against the
# park (or normalised) before they are set, the others are set as given.
PROSPECT_FORM_FIELDS = (
    "company_name",
    "uscc",
    "industry_code",
    "chain_link",
    "origin_region",
    "source",
    "referred_by",
    "officer",
    "next_action_on",
    "next_action",
    "planned_investment",
    "expected_annual_output",
    "expected_annual_tax",
    "jobs",
    "area_m2",
)
RESOLVED = ("uscc", "chain_link", "referred_by", "officer")
PROSPECT_FIELDS = tuple(f for f in PROSPECT_FORM_FIELDS if f not in RESOLVED)


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


def move_stage(
    prospect: Prospect, *, to: str, actor: User | None, note: str
) -> Prospect:
    before = prospect.stage
    prospect.transition(to=to, actor=actor, note=note, save=False)
    prospect.stage_changed_at = timezone.now()
    prospect.save()
    actor = actor if getattr(actor, "pk", None) else None
    stage_activity(prospect, before, to, actor=actor, note=note)
    return prospect


def stage_activity(
    prospect: Prospect, before: str, to: str, *, actor: User | None, **fields: Any
) -> Activity:
    """The activity that records a stage change (`fields`: its note, or the
    date of a past one)."""
    return Activity.objects.create(
        prospect=prospect,
        kind=Activity.Kind.STAGE,
        from_stage=before,
        to_stage=to,
        actor=actor,
        **fields,
    )


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
    return move_stage(prospect, to=stage, actor=actor, note=note)


@transaction.atomic
def prospect_lose(*, prospect: Prospect, actor: User, reason: str) -> Prospect:
    prospect = Prospect.objects.select_for_update().get(pk=prospect.pk)
    ensure_officer(actor, prospect.park)
    reason = clean_value(Prospect, "lost_reason", (reason or "").strip(), field="note")
    if not reason:
        raise Invalid.field("note", _("Say why the prospect was lost."))
    prospect.lost_reason = reason
    return move_stage(prospect, to=Stage.LOST, actor=actor, note=reason)


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
    if not prospect.is_open:
        raise Conflict(
            _("Activities are logged on an open prospect."), code="prospect_closed"
        )
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
