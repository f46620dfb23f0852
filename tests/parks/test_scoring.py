"""Admission scoring with hand-computed numbers (no database)."""

from decimal import Decimal as D

from parks.scoring import Figures, Score, Thresholds, land_mu_of, score_project

PARK = Thresholds(
    min_investment_per_mu=D("3000000"),
    min_output_per_mu=D("4000000"),
    min_tax_per_mu=D("200000"),
    min_jobs=20,
    max_energy_per_10k_output=D("0.5"),
    leading_industry="38",
    featured_industries=("34", "35", "39"),
)

STRONG = {
    "planned_investment": D("60000000"),
    "expected_annual_output": D("100000000"),
    "expected_annual_tax": D("5000000"),
    "jobs": 80,
    "land_mu": D("15"),
    "energy_tce_per_year": D("2000"),
    "pollution_category": "low",
    "industry_code": "35",
}


def rows(score: Score) -> dict:
    return {c.key: c for c in score.criteria}


def test_strong_featured_project_scores_95_and_passes():
    score = score_project(Figures(**STRONG), PARK)
    r = rows(score)
    # 60M / 15 mu = 4M per mu ≥ 3M
    assert r["investment_intensity"].value == D("4000000.00")
    assert (r["investment_intensity"].points, r["investment_intensity"].passed) == (
        20,
        True,
    )
    # 100M / 15 = 6,666,666.67 per mu ≥ 4M
    assert r["output_intensity"].value == D("6666666.67")
    assert r["output_intensity"].points == 20
    # 5M / 15 = 333,333.33 ≥ 200k
    assert r["tax_intensity"].value == D("333333.33")
    assert r["tax_intensity"].points == 20
    assert r["jobs"].points == 10
    assert (r["industry_fit"].points, r["industry_fit"].passed) == (10, True)
    # 2000 tce / (100M / 10k) = 0.2 tce per CNY 10,000 ≤ 0.5
    assert r["energy_per_output"].value == D("0.2000")
    assert r["energy_per_output"].points == 10
    assert r["pollution"].points == 5
    assert score.total == 95
    assert score.passed and not score.vetoed
    assert score.land_mu == D("15")


def test_leading_industry_earns_15():
    score = score_project(Figures(**{**STRONG, "industry_code": "38"}), PARK)
    assert rows(score)["industry_fit"].points == 15
    assert score.total == 100


def test_floor_area_converts_and_misses_earn_points_in_proportion():
    figures = Figures(
        planned_investment=D("24000000"),
        expected_annual_output=D("30000000"),
        expected_annual_tax=D("1500000"),
        jobs=15,
        land_mu=D("0"),
        floor_area_m2=D("6666.70"),  # / 666.67 = 10.00004 → 10.00 mu
        energy_tce_per_year=D("2400"),
        pollution_category="medium",
        industry_code="13",
    )
    score = score_project(figures, PARK)
    r = rows(score)
    assert score.land_mu == D("10.00")
    # 2.4M per mu against 3M: 20 × 0.8 = 16
    assert (r["investment_intensity"].points, r["investment_intensity"].passed) == (
        16,
        False,
    )
    assert r["output_intensity"].points == 15  # 3M / 4M × 20
    assert r["tax_intensity"].points == 15  # 150k / 200k × 20
    assert r["jobs"].points == 7  # 15 / 20 × 10 = 7.5, rounded down
    assert (r["industry_fit"].points, r["industry_fit"].passed) == (0, False)
    # 2400 / 3000 = 0.8 > 0.5 (not above 1.0, no veto): 10 × 0.5 / 0.8 = 6.25 → 6
    assert r["energy_per_output"].value == D("0.8000")
    assert r["energy_per_output"].points == 6
    assert not r["energy_per_output"].vetoed
    assert r["pollution"].points == 2
    assert score.total == 61
    assert score.passed  # 61 ≥ 60 and no veto


def test_just_below_pass_mark_fails():
    figures = Figures(**{**STRONG, "industry_code": "13", "jobs": 0})
    # 95 - 10 (featured → other) - 10 (no jobs) = 75: still passes
    assert score_project(figures, PARK).total == 75
    weak = Figures(
        **{**STRONG, "industry_code": "13", "jobs": 0, "planned_investment": D("0")}
    )
    score = score_project(weak, PARK)
    assert score.total == 55
    assert not score.passed and not score.vetoed


def test_exactly_at_thresholds_passes_each_criterion():
    figures = Figures(
        planned_investment=D("30000000"),
        expected_annual_output=D("40000000"),
        expected_annual_tax=D("2000000"),
        jobs=20,
        land_mu=D("10"),
        energy_tce_per_year=D("2000"),  # 2000 / 4000 = 0.5
        pollution_category="none",
        industry_code="38",
    )
    score = score_project(figures, PARK)
    assert all(c.passed for c in score.criteria)
    assert score.total == 100


def test_heavy_pollution_is_a_veto_whatever_the_score():
    score = score_project(Figures(**{**STRONG, "pollution_category": "high"}), PARK)
    assert score.vetoed
    assert not score.passed
    assert score.total == 90  # the other rows still count, for information
    assert "veto" in rows(score)["pollution"].explanation


def test_energy_more_than_twice_the_maximum_is_a_veto():
    # 12,000 tce / 10,000 = 1.2 > 2 × 0.5
    score = score_project(
        Figures(**{**STRONG, "energy_tce_per_year": D("12000")}), PARK
    )
    r = rows(score)["energy_per_output"]
    assert r.value == D("1.2000")
    assert r.vetoed and r.points == 0
    assert score.vetoed and not score.passed


def test_no_land_makes_intensities_unknown():
    score = score_project(Figures(**{**STRONG, "land_mu": D("0")}), PARK)
    r = rows(score)
    for key in ("investment_intensity", "output_intensity", "tax_intensity"):
        assert r[key].value is None
        assert r[key].points == 0
        assert "No land" in r[key].explanation
    assert score.total == 35


def test_no_output_makes_energy_unknown_but_no_energy_passes():
    zero_output = Figures(**{**STRONG, "expected_annual_output": D("0")})
    assert rows(score_project(zero_output, PARK))["energy_per_output"].points == 0
    no_energy = Figures(**{**STRONG, "energy_tce_per_year": D("0")})
    assert rows(score_project(no_energy, PARK))["energy_per_output"].passed


def test_land_mu_wins_over_floor_area():
    figures = Figures(**{**STRONG, "floor_area_m2": D("1000")})
    assert land_mu_of(figures) == D("15")
    assert land_mu_of(Figures(**{**STRONG, "land_mu": D("0")})) == D("0")


def test_explanations_state_the_numbers():
    r = rows(score_project(Figures(**STRONG), PARK))
    assert r["investment_intensity"].explanation == (
        "4,000,000 CNY per mu meets the minimum of 3,000,000: 20 of 20 points."
    )
    assert "is one of the park's featured industries" in r["industry_fit"].explanation
    assert r["energy_per_output"].unit == "tce per CNY 10,000"


def test_snapshot_round_trips():
    score = score_project(Figures(**STRONG), PARK)
    data = score.as_dict()
    assert data["total"] == 95
    assert data["criteria"][0]["value"] == "4000000.00"
    assert data["criteria"][0]["label"] == "Investment intensity"
    again = Score.from_dict(data)
    assert again is not None
    assert again.total == 95
    assert [c.points for c in again.criteria] == [c.points for c in score.criteria]
    assert again.criteria[0].explanation == score.criteria[0].explanation
    assert Score.from_dict({}) is None
