"""The chain map: link status thresholds, tenants by industry, output from a
registered source or the admission commitment, access to the full map."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from attraction.actions import chain_copy, link_save
from attraction.chain import link_status
from attraction.models import Chain, ChainLink, codes_match
from attraction.output import register_output_source, unregister_output_source
from attraction.queries import chain_map
from core.errors import Conflict, NotFound
from tests import factories
from tests.attraction.conftest import link, seat

LINK = SimpleNamespace(
    strong_min_firms=3,
    strong_min_output=D("100"),
    weak_min_firms=1,
    weak_min_output=D("10"),
)


@pytest.mark.parametrize(
    ("firms", "output", "status"),
    [
        (0, D("0"), "gap"),
        (1, D("9.99"), "gap"),  # a firm, but below the weak output
        (1, D("10"), "weak"),
        (2, D("500"), "weak"),  # enough output, too few firms
        (3, D("99.99"), "weak"),  # enough firms, too little output
        (3, D("100"), "strong"),
        (9, D("1000"), "strong"),
    ],
)
def test_link_status_thresholds(firms, output, status):
    assert link_status(firms=firms, output=output, link=LINK) == status


def test_codes_match_divisions_and_classes():
    assert codes_match("21", ["2110"])
    assert codes_match("2110", ["21"])
    assert not codes_match("20", ["2110", "22"])
    assert not codes_match("", ["21"])


def test_link_codes_are_validated(chain):
    bad = ChainLink(
        chain=chain, key="x", position="upstream", name="X", industry_codes=["99x"]
    )
    with pytest.raises(Exception) as exc:
        bad.full_clean()
    assert "industry_codes" in exc.value.message_dict


def test_map_counts_tenants_by_industry_with_committed_output(park, chain):
    seat(park, factories.CompanyFactory(name="Kaili Timber"), industry="20")
    seat(park, factories.CompanyFactory(name="Miao Boards"), industry="20")
    # Someone else's park does not count.
    seat(factories.ParkFactory(), factories.CompanyFactory(), industry="20")
    rows = {r.link.key: r for r in chain_map(park).rows}
    wood = rows["wood"]
    assert sorted(f.company.name for f in wood.firms) == ["Kaili Timber", "Miao Boards"]
    assert wood.output == D("120000000.00")
    assert wood.status == "strong"
    assert {f.output.basis for f in wood.firms} == {"committed"}
    assert rows["furniture"].status == "gap"
    assert rows["timber"].status == "gap"


def test_a_registered_output_source_wins_over_commitments(park, chain):
    firm = factories.CompanyFactory()
    seat(park, firm, industry="20", output=D("500000000"))

    def reports(*, park, company_ids):
        return {firm.pk: D("30000000")}

    register_output_source(reports)
    try:
        row = next(r for r in chain_map(park).rows if r.link.key == "wood")
    finally:
        unregister_output_source(reports)
    assert row.output == D("30000000")
    assert row.firms[0].output.basis == "reported"
    assert row.status == "weak"


def test_open_prospects_show_on_their_link(park, chain, prospect):
    rows = {r.link.key: r for r in chain_map(park).rows}
    assert rows["furniture"].prospects == [prospect]
    prospect.stage = "lost"
    prospect.save()
    assert chain_map(park).rows[2].prospects == []


def test_copying_a_shared_template(park, manager):
    template = Chain.objects.create(name="Shared", industry_code="21")
    ChainLink.objects.create(
        chain=template, key="a", position="upstream", name="A", industry_codes=["02"]
    )
    chain = chain_copy(template=template, park=park, actor=manager)
    assert chain.park == park and chain.copied_from == template
    assert list(chain.links.values_list("key", flat=True)) == ["a"]
    assert template.links.count() == 1  # the template is untouched
    with pytest.raises(Conflict):
        chain_copy(template=template, park=park, actor=manager)


def test_outsiders_cannot_edit_a_chain(chain, outsider, tenant):
    for user in (outsider, tenant):
        with pytest.raises(NotFound):
            link_save(chain=chain, actor=user, key="new", name="New")


def test_officer_edits_a_link(chain, officer):
    saved = link_save(
        chain=chain,
        link=link(chain, "timber"),
        actor=officer,
        industry_codes="02 2011",
        strong_min_firms=4,
    )
    saved.refresh_from_db()
    assert saved.industry_codes == ["02", "2011"]
    assert saved.strong_min_firms == 4


# --- API and pages ----------------------------------------------------------------


def test_chain_map_api_full_for_the_operator(api_as, park, chain, manager, prospect):
    seat(park, factories.CompanyFactory(name="Kaili Timber"), industry="20")
    body = api_as(manager).get(f"/parks/{park.pk}/chain-map").json()
    assert body["full"] is True
    wood = next(x for x in body["links"] if x["key"] == "wood")
    assert wood["status"] == "weak"
    assert wood["firms"][0]["name"] == "Kaili Timber"
    assert wood["firms"][0]["output_basis"] == "committed"
    assert wood["output"] == "60000000.00"
    furniture = next(x for x in body["links"] if x["key"] == "furniture")
    assert furniture["open_prospects"][0]["company_name"] == prospect.company_name


@pytest.mark.parametrize("who", ["anonymous", "tenant", "outsider"])
def test_chain_map_api_summary_hides_names_and_figures(
    api_as, park, chain, prospect, who, tenant, outsider
):
    seat(park, factories.CompanyFactory(name="Kaili Timber"), industry="20")
    user = {"anonymous": None, "tenant": tenant, "outsider": outsider}[who]
    response = api_as(user).get(f"/parks/{park.pk}/chain-map")
    assert response.status_code == 200
    body = response.json()
    assert body["full"] is False
    assert "Kaili Timber" not in response.content.decode()
    assert prospect.company_name not in response.content.decode()
    assert all(x["output"] is None and x["firms"] is None for x in body["links"])
    assert body["looking_for"][0] == "Timber"  # gaps first


def test_chain_map_api_unknown_park_is_404(api_as):
    assert api_as().get("/parks/999999/chain-map").status_code == 404


def test_chain_page_draws_the_svg(client, park, chain, manager):
    seat(park, factories.CompanyFactory(name="Kaili Timber"), industry="20")
    client.force_login(manager)
    html = client.get(f"/attraction/parks/{park.pk}/chain/").content.decode()
    assert "<svg" in html
    assert 'data-key="wood" data-status="weak"' in html
    assert 'data-key="timber" data-status="gap"' in html
    assert "Kaili Timber" in html
    assert "committed at admission" in html


def test_chain_page_of_another_operator_is_404(client, park, chain, outsider, tenant):
    for user in (outsider, tenant):
        client.force_login(user)
        assert client.get(f"/attraction/parks/{park.pk}/chain/").status_code == 404


def test_public_park_page_says_what_the_park_is_looking_for(client, park, chain):
    seat(park, factories.CompanyFactory(name="Kaili Timber"), industry="20")
    html = client.get(f"/parks/{park.pk}/").content.decode()
    assert "We are looking for:" in html
    assert "<svg" in html and 'data-status="gap"' in html
    assert "Kaili Timber" not in html


def test_chain_settings_page_changes_the_points(client, park, chain, officer):
    client.force_login(officer)
    response = client.post(
        f"/attraction/parks/{park.pk}/chain/settings/",
        {
            "name": "Furniture",
            "name_zh": "家具",
            "industry_code": "21",
            "gap_points": "12",
            "weak_points": "6",
        },
    )
    assert response.status_code == 302
    chain.refresh_from_db()
    assert (chain.gap_points, chain.weak_points) == (12, 6)


def test_link_form_page_adds_a_link(client, park, chain, officer):
    client.force_login(officer)
    assert (
        client.get(f"/attraction/parks/{park.pk}/chain/links/new/").status_code == 200
    )
    response = client.post(
        f"/attraction/parks/{park.pk}/chain/links/new/",
        {
            "key": "design",
            "order": "9",
            "position": "downstream",
            "name": "Design",
            "industry_codes": "74 7491",
            "strong_min_firms": "2",
            "strong_min_output": "0",
            "weak_min_firms": "1",
            "weak_min_output": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert chain.links.get(key="design").industry_codes == ["74", "7491"]


def test_the_link_form_opens_only_for_an_officer(client, park, chain, officer):
    finance = factories.OperatorStaffFactory(operator=park.operator, role="finance")
    chain_page = f"/attraction/parks/{park.pk}/chain/"
    link_id = chain.links.get(key="wood").pk
    for url in (f"{chain_page}links/new/", f"{chain_page}links/{link_id}/"):
        client.force_login(officer)
        response = client.get(url)
        assert response.status_code == 200
        assert "attraction/link_form.html" in [t.name for t in response.templates]
        client.force_login(finance.user)
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == chain_page
        assert "Your role at the park operator may not do this." in (
            response.content.decode()
        )
