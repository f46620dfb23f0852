"""Admission criterion "fills a gap / weak link of this park's chain", registered
with parks' scoring in AppConfig.ready: a project whose industry joins a gap
earns the chain's gap points, a weak link its weak points, a strong link none."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from attraction.chain import GAP, WEAK
from parks.scoring import Criterion, Figures, RegisteredCriterion, Thresholds

KEY = "chain_fit"


def evaluate(figures: Figures, thresholds: Thresholds) -> Criterion | None:
    from attraction.models import Chain
    from attraction.queries import link_for_industry

    if thresholds.park_id is None:
        return None
    chain = Chain.objects.filter(park_id=thresholds.park_id).first()
    if chain is None or not chain.gap_points:
        return None
    row = link_for_industry(thresholds.park_id, figures.industry_code)
    top = chain.gap_points
    if row is None:
        return Criterion(KEY, None, None, False, 0, top)
    points = {GAP: chain.gap_points, WEAK: chain.weak_points}.get(row.status, 0)
    return Criterion(
        KEY, row.link.display_name, row.status, points > 0, min(points, top), top
    )


def explain(c: Criterion, score: str) -> str:
    values = {"link": c.value, "score": score}
    if c.value is None:
        return _("The industry is not part of the park's chain: %(score)s.") % values
    if c.threshold == GAP:
        return (
            _("The project fills “%(link)s”, a gap in the park's chain: %(score)s.")
            % values
        )
    if c.threshold == WEAK:
        return (
            _(
                "The project strengthens “%(link)s”, a weak link of the park's "
                "chain: %(score)s."
            )
            % values
        )
    return (
        _("“%(link)s” is already a strong link of the park's chain: %(score)s.")
        % values
    )


CRITERION = RegisteredCriterion(
    key=KEY,
    label=gettext_lazy("Chain fit"),
    unit="",
    evaluate=evaluate,
    explain=explain,
)
