"""Exclusive policy: items per kind, maker–checker approval, its cost and
payback (pure), the letter of intent PDF."""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest

from attraction import actions
from attraction.models import PolicyItem
from attraction.policy_cost import Commitments, Item, item_cost, policy_cost
from core.errors import Conflict, IllegalTransition, NotAllowed, NotFound
from tests import factories

RENT = D("20000.00")  # 2,000 m² at ¥10


def test_item_costs_by_kind():
    tax = D("2000000")
    assert item_cost(
        Item("rent_free_months", months=6), monthly_rent=RENT, annual_tax=tax
    ) == D("120000.00")
    # 20% off the months charged in five years after 6 free months: 54 months
    discount = Item("rent_discount", rate_percent=D("20"))
    assert item_cost(discount, monthly_rent=RENT, annual_tax=tax, free_months=6) == D(
        "216000.00"
    )
    assert item_cost(
        Item("fit_out_subsidy", amount=D("500000")), monthly_rent=RENT, annual_tax=tax
    ) == D("500000.00")
    # 30% of the tax for 36 months = 3 years × 600,000
    rebate = Item("tax_rebate", rate_percent=D("30"), months=36)
    assert item_cost(rebate, monthly_rent=RENT, annual_tax=tax) == D("1800000.00")


def test_policy_total_and_payback():
    items = [
        Item("rent_free_months", months=6),
        Item("rent_discount", rate_percent=D("20")),
        Item("equipment_subsidy", amount=D("664000")),
    ]
    result = policy_cost(
        items,
        monthly_rent=RENT,
        commitments=Commitments(D("30000000"), D("80000000"), D("2000000")),
    )
    assert result.total == D("1000000.00")  # 120,000 + 216,000 + 664,000
    assert result.payback_years == D("0.5")
    assert result.cost_per_investment_percent == D("3.3")
    no_tax = policy_cost(
        items, monthly_rent=RENT, commitments=Commitments(D(0), D(0), D(0))
    )
    assert no_tax.payback_years is None and no_tax.cost_per_investment_percent is None


def draft(prospect, officer):
    policy = actions.policy_draft(prospect=prospect, actor=officer)
    actions.policy_item_add(
        policy=policy, actor=officer, kind="rent_free_months", months=6
    )
    actions.policy_item_add(
        policy=policy, actor=officer, kind="rent_discount", rate_percent=D("20")
    )
    actions.policy_item_add(
        policy=policy,
        actor=officer,
        kind="equipment_subsidy",
        amount=D("664000"),
        conditions="if annual output ≥ ¥50M by 2028",
        schedule="after commissioning",
        budget_source="County industrial fund",
    )
    return policy


def test_items_need_their_own_figures(prospect, officer):
    policy = actions.policy_draft(prospect=prospect, actor=officer)
    with pytest.raises(Exception) as exc:
        actions.policy_item_add(policy=policy, actor=officer, kind="rent_discount")
    assert "rate_percent" in exc.value.message_dict
    with pytest.raises(Exception) as exc:
        actions.policy_item_add(
            policy=policy,
            actor=officer,
            kind="fit_out_subsidy",
            amount=D("1"),
            months=3,
        )
    assert "months" in exc.value.message_dict
    actions.policy_item_add(
        policy=policy, actor=officer, kind="rent_free_months", months=3
    )
    with pytest.raises(Conflict):
        actions.policy_item_add(
            policy=policy, actor=officer, kind="rent_free_months", months=2
        )


def test_maker_checker(prospect, officer, manager):
    policy = draft(prospect, officer)
    with pytest.raises(IllegalTransition):
        actions.policy_approve(policy=policy, actor=manager)  # not submitted yet
    actions.policy_submit(policy=policy, actor=officer)
    with pytest.raises(NotAllowed):
        actions.policy_approve(policy=policy, actor=officer)  # staff, not a manager
    policy = actions.policy_approve(policy=policy, actor=manager)
    assert policy.status == "approved" and policy.approved_by == manager
    with pytest.raises(Conflict):
        actions.policy_item_add(
            policy=policy, actor=officer, kind="talent_subsidy", amount=D("1")
        )


def test_the_drafter_cannot_approve_even_as_manager(prospect, manager):
    policy = draft(prospect, manager)
    actions.policy_submit(policy=policy, actor=manager)
    with pytest.raises(Conflict) as exc:
        actions.policy_approve(policy=policy, actor=manager)
    assert exc.value.code == "maker_checker"


def test_return_sends_it_back_to_draft(prospect, officer, manager):
    policy = draft(prospect, officer)
    actions.policy_submit(policy=policy, actor=officer)
    policy = actions.policy_return(policy=policy, actor=manager, note="Too generous")
    assert policy.status == "draft"
    actions.policy_item_remove(
        item=policy.items.get(kind="equipment_subsidy"), actor=officer
    )
    assert PolicyItem.objects.filter(policy=policy).count() == 2


def test_an_empty_package_cannot_be_submitted(prospect, officer):
    policy = actions.policy_draft(prospect=prospect, actor=officer)
    with pytest.raises(Conflict):
        actions.policy_submit(policy=policy, actor=officer)


def test_outsiders_cannot_draft(prospect, outsider):
    with pytest.raises(NotFound):
        actions.policy_draft(prospect=prospect, actor=outsider)


# --- API --------------------------------------------------------------------------


def test_api_maker_checker_409(api_as, prospect, manager, officer, sheets):
    maker, checker = api_as(officer), api_as(manager)
    assert maker.post(f"/prospects/{prospect.pk}/policy").status_code == 200
    added = maker.post(
        f"/prospects/{prospect.pk}/policy/items",
        json={"kind": "rent_free_months", "months": 6},
    )
    assert added.status_code == 201
    assert added.json()["total_cost"] == "120000.00"  # 2,000 m² × ¥10 × 6
    assert added.json()["payback_years"] == "0.1"
    assert (
        maker.post(f"/prospects/{prospect.pk}/policy/submit").json()["status"]
        == "submitted"
    )
    assert maker.post(f"/prospects/{prospect.pk}/policy/approve").status_code == 403
    approved = checker.post(f"/prospects/{prospect.pk}/policy/approve")
    assert approved.json()["status"] == "approved"


def test_api_drafter_approving_is_409(api_as, prospect, manager):
    client = api_as(manager)
    client.post(f"/prospects/{prospect.pk}/policy")
    client.post(
        f"/prospects/{prospect.pk}/policy/items",
        json={"kind": "fit_out_subsidy", "amount": "100000"},
    )
    client.post(f"/prospects/{prospect.pk}/policy/submit")
    response = client.post(f"/prospects/{prospect.pk}/policy/approve")
    assert response.status_code == 409
    assert response.json()["code"] == "maker_checker"


def test_api_policy_of_another_park_is_404(api_as, prospect, outsider, tenant):
    for user in (outsider, tenant):
        client = api_as(user)
        assert client.post(f"/prospects/{prospect.pk}/policy").status_code == 404
        assert (
            client.get(f"/prospects/{prospect.pk}/letter-of-intent.pdf").status_code
            == 404
        )


# --- letter of intent -------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_letter_of_intent_lists_package_commitments_and_five_years(
    client, prospect, officer, manager, sheets
):
    policy = draft(prospect, officer)
    actions.policy_submit(policy=policy, actor=officer)
    actions.policy_approve(policy=policy, actor=manager)
    client.force_login(officer)
    response = client.get(f"/attraction/prospects/{prospect.pk}/letter-of-intent.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "投资意向书" in text and "Letter of Intent" in text
    assert prospect.company_name in text
    assert "免租期" in text and "Rent-free" in text
    assert "664,000.00" in text
    assert "1,000,000.00" in text  # total cost
    assert "30,000,000.00" in text  # committed investment
    assert "Five-year cost comparison" in text
    assert "佛山" in text  # origin Foshan matched from the region of origin


def test_a_draft_letter_says_it_is_not_binding(api_as, prospect, officer):
    draft(prospect, officer)
    response = api_as(officer).get(f"/prospects/{prospect.pk}/letter-of-intent.pdf")
    assert response.status_code == 200
    assert "not binding" in pdf_text(response.content)


def test_prospect_page_shows_cost_and_approval_buttons(
    client, prospect, officer, manager, sheets
):
    policy = draft(prospect, officer)
    actions.policy_submit(policy=policy, actor=officer)
    client.force_login(officer)
    html = client.get(f"/attraction/prospects/{prospect.pk}/").content.decode()
    assert "1,000,000" in html and "Awaiting approval by a park manager" in html
    assert "/policy/approve/" not in html
    client.force_login(manager)
    html = client.get(f"/attraction/prospects/{prospect.pk}/").content.decode()
    assert "/policy/approve/" in html
    response = client.post(f"/attraction/prospects/{prospect.pk}/policy/approve/")
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.status == "approved"


def test_add_item_through_the_page(client, prospect, officer):
    client.force_login(officer)
    response = client.post(
        f"/attraction/prospects/{prospect.pk}/policy/items/",
        {"kind": "tax_rebate", "rate_percent": "30", "months": "36"},
    )
    assert response.status_code == 302
    assert prospect.policy.items.get().kind == "tax_rebate"
    bad = client.post(
        f"/attraction/prospects/{prospect.pk}/policy/items/", {"kind": "tax_rebate"}
    )
    assert (
        bad.status_code == 200
        and "Required for this kind of item." in bad.content.decode()
    )


def test_factories_are_used():
    assert factories.valid_uscc(1)
