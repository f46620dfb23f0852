"""Admission scoring: a pure function of a project's figures and a park's thresholds.

Every criterion is a row with its value, the park's threshold, the points it
earned and a sentence saying why, so the tenant and the officer read the same
explanation. The rules, out of 100 points:

- investment intensity (fixed investment / mu)            20 points, minimum
- output intensity (annual output / mu)                   20 points, minimum
- tax intensity (annual tax / mu)                         20 points, minimum
- jobs                                                    10 points, minimum
- industry fit: the park's leading industry 15, one of its featured industries
  10, anything else 0 (fails)
- energy per output (tce per CNY 10,000 of output)        10 points, maximum;
  above twice the park's maximum the project is high-energy: veto
- pollution: none or low 5, medium 2, high: veto
- criteria registered by higher apps (`register_criterion`), e.g. attraction's
  "fills a gap / weak link of the park's chain", with the points they set; the
  park's own rows keep their weights, so such a criterion can only add points

A "minimum" criterion below its threshold earns points in proportion
(points × value / threshold, rounded down, so a miss never earns full marks); a
"maximum" criterion above it earns points × threshold / value, rounded down.
Land need is in mu; a need stated only as floor area counts as floor area /
666.67 m² per mu. The project passes when nothing vetoes it and it scores at
least 60. The total is the plain sum of the rows, also when vetoed, so the
officer sees how the project does otherwise; `passed` is then false.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

M2_PER_MU = Decimal("666.67")
PASS_MARK = 60
ENERGY_VETO_FACTOR = Decimal("2")

WEIGHTS = {
    "investment_intensity": 20,
    "output_intensity": 20,
    "tax_intensity": 20,
    "jobs": 10,
    "industry_fit": 15,
    "energy_per_output": 10,
    "pollution": 5,
}
INDUSTRY_POINTS = {"leading": 15, "featured": 10, "other": 0}
POLLUTION_POINTS = {"none": 5, "low": 5, "medium": 2, "high": 0}

LABELS = {
    "investment_intensity": gettext_lazy("Investment intensity"),
    "output_intensity": gettext_lazy("Output intensity"),
    "tax_intensity": gettext_lazy("Tax intensity"),
    "jobs": gettext_lazy("Jobs"),
    "industry_fit": gettext_lazy("Industry fit"),
    "energy_per_output": gettext_lazy("Energy per output"),
    "pollution": gettext_lazy("Pollution"),
}
UNITS = {
    "investment_intensity": gettext_lazy("CNY per mu"),
    "output_intensity": gettext_lazy("CNY per mu per year"),
    "tax_intensity": gettext_lazy("CNY per mu per year"),
    "jobs": gettext_lazy("jobs"),
    "industry_fit": "",
    "energy_per_output": gettext_lazy("tce per CNY 10,000"),
    "pollution": "",
}

POLLUTION_LABELS = {
    "none": gettext_lazy("none"),
    "low": gettext_lazy("low"),
    "medium": gettext_lazy("medium"),
    "high": gettext_lazy("high"),
}

TWO = Decimal("0.01")
FOUR = Decimal("0.0001")


@dataclass(frozen=True)
class Figures:
    """What the applicant states about the project."""

    planned_investment: Decimal
    expected_annual_output: Decimal
    expected_annual_tax: Decimal
    jobs: int
    land_mu: Decimal = Decimal("0")
    floor_area_m2: Decimal = Decimal("0")
    energy_tce_per_year: Decimal = Decimal("0")
    pollution_category: str = "none"
    industry_code: str = ""


def read_fields[T](cls: type[T], obj: Any, **given: Any) -> T:
    """A `cls` dataclass whose fields are `obj`'s attributes of the same names,
    but for those `given`."""
    names = (f.name for f in fields(cls) if f.name not in given)
    return cls(**{name: getattr(obj, name) for name in names}, **given)


@dataclass(frozen=True)
class Thresholds:
    """What the park asks for."""

    min_investment_per_mu: Decimal
    min_output_per_mu: Decimal
    min_tax_per_mu: Decimal
    min_jobs: int
    max_energy_per_10k_output: Decimal
    leading_industry: str
    featured_industries: tuple[str, ...] = ()
    park_id: int | None = None  # lets registered criteria look at the park

    @classmethod
    def of_park(cls, park: Any) -> Thresholds:
        return read_fields(
            cls,
            park,
            park_id=park.pk,
            featured_industries=tuple(park.featured_industries or ()),
        )


@dataclass(frozen=True)
class Criterion:
    key: str
    value: Decimal | str | None
    threshold: Decimal | str | None
    passed: bool
    points: int
    max_points: int
    vetoed: bool = False

    @property
    def label(self) -> str:
        extra = _registered.get(self.key)
        return str(extra.label if extra else LABELS[self.key])

    @property
    def unit(self) -> str:
        extra = _registered.get(self.key)
        return str(extra.unit if extra else UNITS[self.key])

    @property
    def explanation(self) -> str:
        return _explain(self)


@dataclass(frozen=True)
class Score:
    total: int
    passed: bool
    vetoed: bool
    land_mu: Decimal
    criteria: list[Criterion] = field(default_factory=list)
    pass_mark: int = PASS_MARK

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: decimals as strings; labels and explanations in the
        active language (a snapshot is re-read with `from_dict`)."""

        def text(v: Any) -> Any:
            return None if v is None else str(v)

        return {
            "total": self.total,
            "passed": self.passed,
            "vetoed": self.vetoed,
            "pass_mark": self.pass_mark,
            "land_mu": str(self.land_mu),
            "criteria": [
                {
                    **asdict(c),
                    "value": text(c.value),
                    "threshold": text(c.threshold),
                    "label": c.label,
                    "unit": c.unit,
                    "explanation": c.explanation,
                }
                for c in self.criteria
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score | None:
        if not data or "criteria" not in data:
            return None

        def number(v: Any) -> Decimal | str | None:
            if v is None:
                return None
            try:
                return Decimal(v)
            except ArithmeticError:
                return v

        return cls(
            total=data["total"],
            passed=data["passed"],
            vetoed=data["vetoed"],
            pass_mark=data.get("pass_mark", PASS_MARK),
            land_mu=Decimal(data["land_mu"]),
            criteria=[
                Criterion(
                    key=c["key"],
                    value=number(c["value"]),
                    threshold=number(c["threshold"]),
                    passed=c["passed"],
                    points=c["points"],
                    max_points=c["max_points"],
                    vetoed=c.get("vetoed", False),
                )
                for c in data["criteria"]
                if c["key"] in LABELS or c["key"] in _registered
            ],
        )


@dataclass(frozen=True)
class RegisteredCriterion:
    """A criterion a higher app adds: `evaluate` returns its row (or None when
    it does not apply to this park), `explain` the sentence for that row."""

    key: str
    label: Any
    unit: Any
    evaluate: Callable[[Figures, Thresholds], Criterion | None]
    explain: Callable[[Criterion, str], str]


_registered: dict[str, RegisteredCriterion] = {}


def register_criterion(criterion: RegisteredCriterion) -> None:
    _registered[criterion.key] = criterion


def unregister_criterion(key: str) -> None:
    _registered.pop(key, None)


def land_mu_of(figures: Figures) -> Decimal:
    if figures.land_mu > 0:
        return figures.land_mu
    if figures.floor_area_m2 > 0:
        return (figures.floor_area_m2 / M2_PER_MU).quantize(TWO, ROUND_HALF_UP)
    return Decimal("0")


def _floor(x: Decimal) -> int:
    return int(x.to_integral_value(ROUND_DOWN))


def _at_least(key: str, value: Decimal | None, threshold: Decimal) -> Criterion:
    top = WEIGHTS[key]
    if value is None:
        return Criterion(key, None, threshold, False, 0, top)
    if value >= threshold:
        return Criterion(key, value, threshold, True, top, top)
    points = _floor(Decimal(top) * value / threshold) if threshold > 0 else 0
    return Criterion(key, value, threshold, False, max(points, 0), top)


def _per_mu(amount: Decimal, mu: Decimal) -> Decimal | None:
    return (amount / mu).quantize(TWO, ROUND_HALF_UP) if mu > 0 else None


def _energy(figures: Figures, limit: Decimal) -> Criterion:
    key, top = "energy_per_output", WEIGHTS["energy_per_output"]
    if figures.energy_tce_per_year <= 0:
        return Criterion(key, Decimal("0.0000"), limit, True, top, top)
    if figures.expected_annual_output <= 0:
        return Criterion(key, None, limit, False, 0, top)
    value = (
        figures.energy_tce_per_year / (figures.expected_annual_output / 10000)
    ).quantize(FOUR, ROUND_HALF_UP)
    if value <= limit:
        return Criterion(key, value, limit, True, top, top)
    vetoed = value > limit * ENERGY_VETO_FACTOR
    points = 0 if vetoed else _floor(Decimal(top) * limit / value)
    return Criterion(key, value, limit, False, points, top, vetoed=vetoed)


def _industry(code: str, t: Thresholds) -> Criterion:
    if code and code == t.leading_industry:
        fit = "leading"
    elif code and code in t.featured_industries:
        fit = "featured"
    else:
        fit = "other"
    threshold = "+".join([t.leading_industry, *t.featured_industries])
    return Criterion(
        "industry_fit",
        code or None,
        threshold,
        fit != "other",
        INDUSTRY_POINTS[fit],
        WEIGHTS["industry_fit"],
    )


def _pollution(category: str) -> Criterion:
    vetoed = category == "high"
    return Criterion(
        "pollution",
        category,
        "high",
        not vetoed,
        POLLUTION_POINTS.get(category, 0),
        WEIGHTS["pollution"],
        vetoed=vetoed,
    )


def score_project(figures: Figures, thresholds: Thresholds) -> Score:
    mu = land_mu_of(figures)
    criteria = [
        _at_least(
            "investment_intensity",
            _per_mu(figures.planned_investment, mu),
            thresholds.min_investment_per_mu,
        ),
        _at_least(
            "output_intensity",
            _per_mu(figures.expected_annual_output, mu),
            thresholds.min_output_per_mu,
        ),
        _at_least(
            "tax_intensity",
            _per_mu(figures.expected_annual_tax, mu),
            thresholds.min_tax_per_mu,
        ),
        _at_least("jobs", Decimal(figures.jobs), Decimal(thresholds.min_jobs)),
        _industry(figures.industry_code, thresholds),
        _energy(figures, thresholds.max_energy_per_10k_output),
        _pollution(figures.pollution_category),
    ]
    for extra in _registered.values():
        row = extra.evaluate(figures, thresholds)
        if row is not None:
            criteria.append(row)
    total = sum(c.points for c in criteria)
    vetoed = any(c.vetoed for c in criteria)
    return Score(
        total=total,
        passed=not vetoed and total >= PASS_MARK,
        vetoed=vetoed,
        land_mu=mu,
        criteria=criteria,
    )


def _n(value: Any) -> str:
    """A number for a sentence: thousands separated, no trailing zeros past 2dp."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{value:,.0f}"
        return f"{value.normalize():,f}"
    return str(value)


def _reason(why: str, score: str) -> str:
    # Translators: a criterion's explanation followed by its points.
    return _("%(reason)s %(score)s.") % {"reason": why, "score": score}


def _explain(c: Criterion) -> str:
    score = _("%(points)d of %(max)d points") % {
        "points": c.points,
        "max": c.max_points,
    }
    if c.key in _registered:
        return _registered[c.key].explain(c, score)
    if c.key == "industry_fit":
        if c.points == INDUSTRY_POINTS["leading"]:
            why = _("Industry %(code)s is the park's leading industry.")
        elif c.passed:
            why = _("Industry %(code)s is one of the park's featured industries.")
        elif c.value:
            why = _(
                "Industry %(code)s is neither the park's leading industry nor one "
                "of its featured industries (%(park)s)."
            )
        else:
            why = _("No industry given.")
        return _reason(why % {"code": c.value, "park": c.threshold}, score)
    if c.key == "pollution":
        if c.vetoed:
            return _("Heavy-pollution projects are not admitted: veto.")
        return _("Pollution category “%(category)s”: %(score)s.") % {
            "category": POLLUTION_LABELS.get(str(c.value), c.value),
            "score": score,
        }
    if c.value is None:
        if c.key == "energy_per_output":
            why = _("No annual output given, so energy per output is unknown.")
        else:
            why = _("No land or floor area given, so the intensity is unknown.")
        return _reason(why, score)
    if c.key == "energy_per_output":
        if c.vetoed:
            return _(
                "%(value)s tce per CNY 10,000 of output is more than twice the "
                "park's maximum of %(threshold)s: a high-energy project, veto."
            ) % {"value": _n(c.value), "threshold": _n(c.threshold)}
        template = (
            _("%(value)s %(unit)s is within the maximum of %(threshold)s: %(score)s.")
            if c.passed
            else _(
                "%(value)s %(unit)s is above the maximum of %(threshold)s: %(score)s."
            )
        )
    elif c.passed:
        template = _(
            "%(value)s %(unit)s meets the minimum of %(threshold)s: %(score)s."
        )
    else:
        template = _(
            "%(value)s %(unit)s is below the minimum of %(threshold)s: %(score)s, "
            "in proportion."
        )
    return template % {
        "value": _n(c.value),
        "unit": c.unit,
        "threshold": _n(c.threshold),
        "score": score,
    }
