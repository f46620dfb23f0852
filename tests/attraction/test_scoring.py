"""The admission criterion "fills a gap / weak link of this park's chain",
registered with parks' scoring by the attraction app."""

from __future__ import annotations

from decimal import Decimal as D

from parks.actions.admission import admission_score
from parks.scoring import Score
from tests import factories
from tests.attraction.conftest import seat


def rows(score):
    return {c.key: c for c in score.criteria}


def application(park, industry):
    return factories.AdmissionApplicationFactory(park=park, industry_code=industry)


def test_filling_a_gap_earns_the_chains_gap_points(park, chain):
    score = admission_score(application(park, "21"))
    row = rows(score)["chain_fit"]
    assert (row.points, row.max_points, row.threshold) == (10, 10, "gap")
    assert row.explanation == (
        "The project fills “Furniture”, a gap in the park's chain: 10 of 10 points."
    )
    assert row.label == "Chain fit"
    assert score.total == sum(c.points for c in score.criteria)


def test_a_weak_link_earns_the_weak_points_and_strong_none(park, chain):
    seat(park, factories.CompanyFactory(), industry="20", output=D("1"))
    assert rows(admission_score(application(park, "20")))["chain_fit"].points == 5
    seat(park, factories.CompanyFactory(), industry="20", output=D("200000000"))
    strong = rows(admission_score(application(park, "20")))["chain_fit"]
    assert (strong.points, strong.threshold) == (0, "strong")
    assert "already a strong link" in strong.explanation


def test_an_industry_outside_the_chain_earns_nothing(park, chain):
    row = rows(admission_score(application(park, "38")))["chain_fit"]
    assert row.points == 0 and "not part of the park's chain" in row.explanation


def test_points_are_configurable_per_chain(park, chain):
    chain.gap_points, chain.weak_points = 15, 8
    chain.save()
    assert rows(admission_score(application(park, "21")))["chain_fit"].points == 15


def test_a_park_without_a_chain_scores_as_before(park):
    assert "chain_fit" not in rows(admission_score(application(park, "21")))


def test_a_snapshot_keeps_the_criterion(park, chain):
    score = admission_score(application(park, "21"))
    again = Score.from_dict(score.as_dict())
    assert rows(again)["chain_fit"].explanation == rows(score)["chain_fit"].explanation
