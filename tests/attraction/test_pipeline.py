"""Prospects: creation rules, stage transitions, activity, figures, access
(operators of the park; a referring tenant sees only its referrals)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from freezegun import freeze_time

from attraction import actions
from attraction.models import Activity, Prospect
from attraction.queries import BoardFilter, pipeline_figures
from core.audit import audit_trail
from core.errors import Conflict, IllegalTransition, Invalid, NotFound
from tests import factories
from tests.attraction.conftest import link, seat


def create(park, actor, **kw):
    data = {
        "company_name": "Dongguan Sofa Works",
        "industry_code": "21",
        "source": "direct",
        **kw,
    }
    return actions.prospect_create(park=park, actor=actor, **data)


def test_a_new_prospect_is_a_lead_of_its_creator(park, chain, officer):
    p = create(
        park,
        officer,
        uscc=factories.valid_uscc(77),
        chain_link=link(chain, "furniture").pk,
    )
    assert p.stage == "lead" and p.officer == officer
    assert p.uscc == factories.valid_uscc(77)
    assert [e.action for e in audit_trail(p)] == ["prospect_created"]


def test_a_bad_uscc_is_refused(park, officer):
    with pytest.raises(Invalid) as exc:
        create(park, officer, uscc="91520600000000000X")
    assert "uscc" in exc.value.fields


def test_a_referral_names_the_referring_tenant(park, officer, company):
    with pytest.raises(Exception) as exc:
        create(park, officer, source="tenant_referral")
    assert "referred_by" in str(exc.value)
    with pytest.raises(Invalid):  # not (yet) a tenant of this park
        create(park, officer, source="tenant_referral", referred_by=company.pk)
    seat(park, company)
    p = create(park, officer, source="tenant_referral", referred_by=company.pk)
    assert p.referred_by == company


def test_the_link_must_belong_to_the_park(park, officer, chain):
    other = factories.ParkFactory(operator=park.operator)
    with pytest.raises(Invalid):
        create(other, officer, chain_link=link(chain, "wood").pk)


def test_the_officer_must_be_park_staff(park, officer, outsider):
    with pytest.raises(Invalid):
        create(park, officer, officer=outsider.pk)


def test_forward_moves_skip_ahead_and_never_go_back(prospect, officer):
    actions.prospect_advance(prospect=prospect, actor=officer, stage="visited")
    prospect.refresh_from_db()
    assert prospect.stage == "visited"
    with pytest.raises(IllegalTransition):
        actions.prospect_advance(prospect=prospect, actor=officer, stage="contacted")
    actions.prospect_advance(prospect=prospect, actor=officer, stage="negotiating")
    actions.prospect_advance(prospect=prospect, actor=officer, stage="signed")
    moves = list(
        prospect.activities.filter(kind="stage").values_list("from_stage", "to_stage")
    )
    assert moves == [
        ("signed", "negotiating")[::-1],
        ("negotiating", "visited")[::-1],
        ("visited", "lead")[::-1],
    ]
    transitions = [
        e.to_state for e in audit_trail(prospect) if e.action == "transition"
    ]
    assert sorted(transitions) == ["negotiating", "signed", "visited"]


def test_landing_cannot_be_chosen_by_hand(prospect, officer):
    with pytest.raises(Conflict) as exc:
        actions.prospect_set_stage(prospect=prospect, actor=officer, stage="landed")
    assert exc.value.code == "landing_is_automatic"


def test_lost_needs_a_reason_and_is_final(prospect, officer):
    with pytest.raises(Invalid):
        actions.prospect_set_stage(prospect=prospect, actor=officer, stage="lost")
    actions.prospect_set_stage(
        prospect=prospect, actor=officer, stage="lost", note="Chose Ganzhou"
    )
    prospect.refresh_from_db()
    assert (prospect.stage, prospect.lost_reason) == ("lost", "Chose Ganzhou")
    with pytest.raises(IllegalTransition):
        actions.prospect_advance(prospect=prospect, actor=officer, stage="visited")


def test_only_the_parks_staff_move_a_prospect(prospect, outsider, tenant):
    for user in (outsider, tenant):
        with pytest.raises(NotFound):
            actions.prospect_advance(prospect=prospect, actor=user, stage="contacted")


def test_activity_log_sets_the_next_action(prospect, officer):
    day = timezone.localdate() + timedelta(days=5)
    actions.activity_log(
        prospect=prospect,
        actor=officer,
        kind="visit",
        note="Toured block S2",
        next_action_on=day,
        next_action="Send draft policy",
    )
    prospect.refresh_from_db()
    assert prospect.next_action_on == day
    assert prospect.activities.get().kind == "visit"
    with pytest.raises(Invalid):
        actions.activity_log(prospect=prospect, actor=officer, kind="stage", note="x")


def test_figures_conversion_by_stage_source_and_days(park, chain, officer, company):
    seat(park, company)
    with freeze_time("2026-03-01"):
        a = create(park, officer, source="fair")
        b = create(park, officer, source="fair")
        c = create(park, officer, source="tenant_referral", referred_by=company.pk)
    with freeze_time("2026-03-11"):
        actions.prospect_advance(prospect=a, actor=officer, stage="contacted")
        actions.prospect_advance(prospect=b, actor=officer, stage="visited")
    with freeze_time("2026-03-15"):
        actions.prospect_set_stage(prospect=c, actor=officer, stage="lost", note="no")
    Prospect.objects.filter(pk=a.pk).update(stage="landed")  # as landing would
    figures = pipeline_figures(park)
    stages = {str(s): (reached, further) for s, reached, further, _p in figures.stages}
    assert stages["Lead"] == (3, 2)
    # b skipped "contacted": it counts as having passed through it.
    assert stages["Contacted"] == (2, 2)
    assert stages["Visited"] == (2, 1)
    days = {str(s): d for s, d in figures.days_per_stage}
    assert days["Lead"] == D("11.3")  # (10 + 10 + 14) / 3
    by_source = {r.label: (r.total, r.landed, r.lost) for r in figures.by_source}
    assert by_source == {"Investment fair": (2, 1, 0), "Tenant referral": (1, 0, 1)}
    only_fair = pipeline_figures(park, BoardFilter(source="fair"))
    assert sum(r.total for r in only_fair.by_source) == 2


# --- API --------------------------------------------------------------------------


def test_api_create_list_detail_and_stage(api_as, park, chain, officer):
    client = api_as(officer)
    response = client.post(
        "/prospects",
        json={
            "park_id": park.pk,
            "company_name": "Foshan Cabinets",
            "industry_code": "21",
            "chain_link": link(chain, "furniture").pk,
            "source": "partner_city",
        },
    )
    assert response.status_code == 201, response.content
    pid = response.json()["id"]
    assert response.json()["stage"] == "lead"
    assert client.get("/prospects").json()["count"] == 1
    stage = client.post(f"/prospects/{pid}/stage", json={"stage": "contacted"})
    assert stage.json() == {"stage": "contacted"}
    back = client.post(f"/prospects/{pid}/stage", json={"stage": "lead"})
    assert back.status_code == 409
    landed = client.post(f"/prospects/{pid}/stage", json={"stage": "landed"})
    assert landed.status_code == 409
    lost = client.post(f"/prospects/{pid}/stage", json={"stage": "lost"})
    assert lost.status_code == 422
    detail = client.get(f"/prospects/{pid}").json()
    assert detail["activities"][0]["to_stage"] == "contacted"
    assert detail["policy"] is None


def test_api_bad_uscc_is_422_on_the_field(api_as, park, officer):
    response = api_as(officer).post(
        "/prospects",
        json={
            "park_id": park.pk,
            "company_name": "X",
            "uscc": "123",
            "industry_code": "21",
            "source": "direct",
        },
    )
    assert response.status_code == 422
    assert "uscc" in response.json()["fields"]


@pytest.mark.parametrize("who", ["outsider", "tenant"])
def test_api_another_partys_prospect_is_404(
    api_as, prospect, park, who, outsider, tenant
):
    client = api_as({"outsider": outsider, "tenant": tenant}[who])
    assert client.get(f"/prospects/{prospect.pk}").status_code == 404
    assert (
        client.post(
            f"/prospects/{prospect.pk}/stage", json={"stage": "contacted"}
        ).status_code
        == 404
    )
    assert client.get("/prospects").json()["count"] == 0
    assert (
        client.post(
            "/prospects",
            json={
                "park_id": park.pk,
                "company_name": "X",
                "industry_code": "21",
                "source": "direct",
            },
        ).status_code
        == 404
    )
    assert client.get(f"/parks/{park.pk}/pipeline-figures").status_code == 404


def test_api_anonymous_is_401(api_as, prospect):
    assert api_as().get("/prospects").status_code == 401


def test_referring_tenant_sees_only_its_referrals(
    api_as, park, officer, tenant, company, other_company
):
    seat(park, company)
    seat(park, other_company)
    mine = create(park, officer, source="tenant_referral", referred_by=company.pk)
    create(park, officer, source="tenant_referral", referred_by=other_company.pk)
    create(park, officer)
    items = api_as(tenant).get("/referrals").json()["items"]
    assert [(i["id"], i["stage"]) for i in items] == [(mine.pk, "lead")]
    assert api_as(tenant).get(f"/prospects/{mine.pk}").status_code == 404


# --- pages ------------------------------------------------------------------------


def test_board_moves_a_card_without_javascript(client, prospect, officer):
    client.force_login(officer)
    board = client.get(f"/attraction/parks/{prospect.park_id}/pipeline/")
    assert board.status_code == 200
    assert prospect.company_name in board.content.decode()
    response = client.post(
        f"/attraction/prospects/{prospect.pk}/stage/",
        {"stage": "contacted", "next": "board"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/parks/{prospect.park_id}/pipeline/")
    prospect.refresh_from_db()
    assert prospect.stage == "contacted"


def test_board_htmx_move_returns_the_board(client, prospect, officer):
    client.force_login(officer)
    response = client.post(
        f"/attraction/prospects/{prospect.pk}/stage/",
        {"stage": "visited", "next": "board"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="board"' in html and "<html" not in html


def test_board_filters(client, prospect, officer, park):
    client.force_login(officer)
    html = client.get(
        f"/attraction/parks/{park.pk}/pipeline/?source=fair"
    ).content.decode()
    assert prospect.company_name not in html.split('id="board"')[1].split("<h2>")[0]


def test_pages_of_another_park_are_404(client, prospect, outsider, tenant):
    for user in (outsider, tenant):
        client.force_login(user)
        assert (
            client.get(f"/attraction/parks/{prospect.park_id}/pipeline/").status_code
            == 404
        )
        assert client.get(f"/attraction/prospects/{prospect.pk}/").status_code == 404
        assert (
            client.post(
                f"/attraction/prospects/{prospect.pk}/stage/", {"stage": "contacted"}
            ).status_code
            == 404
        )


def test_new_prospect_page(client, park, chain, officer):
    client.force_login(officer)
    assert client.get(f"/attraction/parks/{park.pk}/pipeline/new/").status_code == 200
    response = client.post(
        f"/attraction/parks/{park.pk}/pipeline/new/",
        {
            "company_name": "Jiangmen Lacquer",
            "industry_code": "26",
            "source": "fair",
            "officer": officer.pk,
            "planned_investment": "0",
            "expected_annual_output": "0",
            "expected_annual_tax": "0",
            "jobs": "0",
            "area_m2": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Prospect.objects.get(company_name="Jiangmen Lacquer").source == "fair"


def test_referrals_page_lists_own_referrals(
    client, park, officer, tenant, company, other_company
):
    seat(park, company)
    seat(park, other_company)
    create(
        park,
        officer,
        company_name="Mine Ltd",
        source="tenant_referral",
        referred_by=company.pk,
    )
    create(
        park,
        officer,
        company_name="Theirs Ltd",
        source="tenant_referral",
        referred_by=other_company.pk,
    )
    client.force_login(tenant)
    html = client.get("/attraction/referrals/").content.decode()
    assert "Mine Ltd" in html and "Theirs Ltd" not in html


def test_activity_model_kinds():
    assert "stage" in Activity.Kind.values


def test_every_operator_endpoint_hides_another_park(
    api_as, park, chain, prospect, outsider
):
    client = api_as(outsider)
    wood = link(chain, "wood").pk
    link_body = {
        "key": "x",
        "position": "upstream",
        "name": "X",
        "industry_codes": ["02"],
    }
    calls = [
        ("post", f"/parks/{park.pk}/chain", {"name": "X", "industry_code": "21"}),
        ("post", f"/parks/{park.pk}/chain/copy", {"template_id": chain.pk}),
        ("post", f"/parks/{park.pk}/chain/links", link_body),
        ("put", f"/chain-links/{wood}", link_body),
        ("delete", f"/chain-links/{wood}", None),
        ("patch", f"/prospects/{prospect.pk}", {"company_name": "Y"}),
        ("post", f"/prospects/{prospect.pk}/activities", {"kind": "call", "note": "x"}),
        ("post", f"/prospects/{prospect.pk}/policy/submit", None),
        ("post", f"/prospects/{prospect.pk}/policy/approve", None),
        ("get", f"/parks/{park.pk}/pipeline-figures", None),
    ]
    for method, path, body in calls:
        kwargs = {"json": body} if body is not None else {}
        response = getattr(client, method)(path, **kwargs)
        assert response.status_code == 404, (method, path, response.status_code)


def test_operator_endpoints_work_for_the_park(api_as, park, chain, prospect, officer):
    client = api_as(officer)
    created = client.post(
        f"/parks/{park.pk}/chain/links",
        json={
            "key": "design",
            "position": "downstream",
            "name": "Design",
            "industry_codes": ["74"],
        },
    )
    assert created.status_code == 201
    assert client.delete(f"/chain-links/{created.json()['id']}").status_code == 204
    patched = client.patch(
        f"/prospects/{prospect.pk}", json={"next_action": "Call back"}
    )
    assert patched.json()["next_action"] == "Call back"
    logged = client.post(
        f"/prospects/{prospect.pk}/activities",
        json={"kind": "visit", "note": "Toured S2"},
    )
    assert logged.status_code == 201
    figures = client.get(f"/parks/{park.pk}/pipeline-figures").json()
    assert figures["stages"][0]["reached"] == 1
