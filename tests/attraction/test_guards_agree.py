"""A prospect's stage steps and its policy's review: the guard the page asks
(`Prospect.moves_for`, `Prospect.can_lose`, `Policy.can_approve`) is the rule
the action enforces, for every state and every kind of actor, and the
prospect's page shows a step exactly when its guard allows it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from attraction import actions
from attraction.models import OPEN_STAGES, Policy, Prospect, Stage
from tests import factories
from tests.governance.agreement import observers_of
from tests.guards import GuardedSteps, assert_each_guard_agrees

# A forward move to each open stage but the first, and the loss.
ADVANCES = [s.value for s in OPEN_STAGES[1:]]
PROSPECT_STEPS: GuardedSteps = {
    **{
        f"advance:{stage}": (
            lambda p, actor, stage=stage: stage in dict(p.moves_for(actor)),
            lambda p, actor, stage=stage: actions.prospect_advance(
                prospect=p, actor=actor, stage=stage
            ),
        )
        for stage in ADVANCES
    },
    "lose": (
        Prospect.can_lose,
        lambda p, actor: actions.prospect_lose(
            prospect=p, actor=actor, reason="Chose Guangxi"
        ),
    ),
    "activity": (
        Prospect.can_log_activity,
        lambda p, actor: actions.activity_log(
            prospect=p, actor=actor, kind="call", note="Called the CFO"
        ),
    ),
    "start_policy": (
        Prospect.can_start_policy,
        lambda p, actor: actions.policy_draft(prospect=p, actor=actor),
    ),
}
POLICY_STEPS: GuardedSteps = {
    "add_item": (
        Policy.can_edit,
        lambda p, actor: actions.policy_item_add(
            policy=p, actor=actor, kind="talent_subsidy", amount=D("100000")
        ),
    ),
    "remove_item": (
        Policy.can_edit,
        lambda p, actor: actions.policy_item_remove(item=p.items.first(), actor=actor),
    ),
    "submit": (
        Policy.can_submit,
        lambda p, actor: actions.policy_submit(policy=p, actor=actor),
    ),
    "approve": (
        Policy.can_approve,
        lambda p, actor: actions.policy_approve(policy=p, actor=actor),
    ),
    "return": (
        Policy.can_approve,
        lambda p, actor: actions.policy_return(policy=p, actor=actor, note="Less"),
    ),
}


@pytest.fixture
def actors(park, manager, officer, outsider, tenant, company, other_tenant):
    """Every kind of user who might meet a prospect: the operator's managers,
    staff and finance, another operator, the government observers of both
    regions, the tenant's owner and plain member, another tenant, a stranger."""

    def staff(role: str):
        return factories.OperatorStaffFactory(operator=park.operator, role=role).user

    return {
        "manager": manager,
        "second_manager": staff("manager"),
        "officer": officer,
        "finance": staff("finance"),
        "outsider": outsider,
        **observers_of(park),
        "owner": tenant,
        "member": factories.MembershipFactory(company=company, role="member").user,
        "other_tenant": other_tenant,
        "stranger": factories.UserFactory(),
    }


def _prospect(park, officer, name: str) -> Prospect:
    return actions.prospect_create(
        park=park,
        actor=officer,
        company_name=name,
        industry_code="21",
        source="direct",
        planned_investment=D("30000000"),
        expected_annual_tax=D("2000000"),
    )


def _prospects(park, officer, company) -> dict[str, Prospect]:
    """One prospect in each stage, reached through the actions."""
    found = {}
    for stage in Stage.values:
        prospect = _prospect(park, officer, f"Firm {stage}")
        if stage in ADVANCES:
            actions.prospect_advance(prospect=prospect, actor=officer, stage=stage)
        elif stage == Stage.LOST:
            actions.prospect_lose(prospect=prospect, actor=officer, reason="Gone")
        elif stage == Stage.LANDED:
            actions.prospect_land(prospect=prospect, company=company, actor=None)
        found[stage] = Prospect.objects.get(pk=prospect.pk)
    return found


def _policies(park, officer, manager, company) -> dict[str, Policy]:
    """One policy in each status, drafted by the officer, and one submitted
    by a manager (who then may not review it)."""

    def drafted(by, name: str) -> Policy:
        policy = actions.policy_draft(prospect=_prospect(park, by, name), actor=by)
        actions.policy_item_add(
            policy=policy, actor=by, kind="equipment_subsidy", amount=D("664000")
        )
        return policy

    found = {"draft": drafted(officer, "Draft Co.")}
    for name in ("submitted", "approved", "landed"):
        found[name] = actions.policy_submit(
            policy=drafted(officer, f"{name} Co."), actor=officer
        )
    found["submitted_by_manager"] = actions.policy_submit(
        policy=drafted(manager, "Manager's Co."), actor=manager
    )
    for name in ("approved", "landed"):
        actions.policy_approve(policy=found[name], actor=manager)
    actions.prospect_land(
        prospect=found["landed"].prospect, company=company, actor=None
    )
    return {name: Policy.objects.get(pk=p.pk) for name, p in found.items()}


def test_each_stage_step_is_taken_exactly_when_its_guard_allows(
    park, officer, company, actors
):
    prospects = _prospects(park, officer, company)
    assert {p.stage for p in prospects.values()} == set(Stage.values)
    assert_each_guard_agrees(prospects, actors, PROSPECT_STEPS)


def test_each_policy_step_is_taken_exactly_when_its_guard_allows(
    park, officer, manager, company, actors
):
    policies = _policies(park, officer, manager, company)
    assert {p.status for p in policies.values()} == set(Policy.Status.values)
    assert_each_guard_agrees(policies, actors, POLICY_STEPS)


def _action(name: str, *args) -> str:
    return f'action="{reverse(f"attraction:{name}", args=args)}"'


def _page_steps(prospect: Prospect, policy: Policy | None, actor) -> dict:
    """Each step the prospect's page may offer: (what on the page offers it,
    whether its guard allows it)."""
    fresh = Prospect.objects.get(pk=prospect.pk)
    policy = policy and Policy.objects.get(pk=policy.pk)
    item = policy.items.first() if policy else None
    steps = {
        f"advance:{s}": (f'data-to="{s}"', s in dict(fresh.moves_for(actor)))
        for s in ADVANCES
    }
    steps["lose"] = ('name="stage" value="lost"', fresh.can_lose(actor))
    steps["activity"] = (
        _action("activity", fresh.pk),
        fresh.can_log_activity(actor),
    )
    # One item form: it starts the policy, or adds to the draft there is.
    steps["add_item"] = (
        _action("item_add", fresh.pk),
        policy.can_edit(actor) if policy else fresh.can_start_policy(actor),
    )
    steps["remove_item"] = (
        _action("item_remove", item.pk if item else 0),
        bool(policy) and policy.can_edit(actor),
    )
    for verb, guard in (
        ("submit", Policy.can_submit),
        ("approve", Policy.can_approve),
        ("return", Policy.can_approve),
    ):
        steps[verb] = (
            _action("policy_decide", fresh.pk, verb),
            bool(policy) and guard(policy, actor),
        )
    return steps


def test_the_prospect_page_offers_exactly_the_allowed_steps(
    client, park, officer, manager, company, actors
):
    prospects = _prospects(park, officer, company)
    policies = _policies(park, officer, manager, company)
    pages = [(f"stage {s}", p, None) for s, p in prospects.items()]
    pages += [(f"policy {s}", p.prospect, p) for s, p in policies.items()]
    seen = set()
    for state, prospect, policy in pages:
        for who, actor in actors.items():
            client.force_login(actor)
            response = client.get(reverse("attraction:prospect", args=[prospect.pk]))
            steps = _page_steps(prospect, policy, actor)
            if not Prospect.objects.of_operator(actor).filter(pk=prospect.pk).exists():
                assert response.status_code == 404, (state, who)
                assert not any(allowed for _m, allowed in steps.values()), who
                continue
            page = response.content.decode()
            for step, (marker, allowed) in steps.items():
                assert (marker in page) == allowed, (state, who, step)
                seen.add((step, allowed))
    assert seen == {(s, t) for s in steps for t in (True, False)}


def test_the_board_offers_stage_steps_to_officers_only(client, park, officer, actors):
    prospect = _prospect(park, officer, "Board Co.")
    board = reverse("attraction:board", args=[park.pk])
    for who in ("manager", "officer", "finance"):
        client.force_login(actors[who])
        page = client.get(board).content.decode()
        offered = 'name="stage" value="lost"' in page
        assert offered == prospect.can_lose(actors[who]), who
        assert ('data-to="contacted"' in page) == bool(
            prospect.moves_for(actors[who])
        ), who
