"""Reads: the chain map of a park, the pipeline board and its figures."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from attraction.chain import GAP, STRONG, WEAK, link_status
from attraction.models import (
    FUNNEL,
    OPEN_STAGES,
    Activity,
    Chain,
    ChainLink,
    CostSheet,
    LinkStatus,
    PolicyItem,
    Prospect,
    Source,
    Stage,
)
from attraction.output import Output, annual_outputs
from parks.models import Lease, Park, Sale
from parks.queries.admission import admissions_granted
from tenants.models import Company

ZERO = Decimal("0.00")


def policy_items_of_operator(user: Any):
    """The policy items of the prospects `user`'s operator pursues (another
    operator's item is not found)."""
    return PolicyItem.objects.filter(
        policy__prospect__in=Prospect.objects.of_operator(user)
    ).select_related("policy")


# --- chain map --------------------------------------------------------------------


@dataclass
class Firm:
    company: Company
    industry_code: str
    output: Output | None


@dataclass
class LinkRow:
    link: ChainLink
    firms: list[Firm] = field(default_factory=list)
    prospects: list[Prospect] = field(default_factory=list)
    status: str = GAP

    @property
    def output(self) -> Decimal:
        return sum((f.output.amount for f in self.firms if f.output), ZERO)

    @property
    def output_committed_only(self) -> bool:
        """True when some of the link's output is a commitment, not a report."""
        return any(f.output and f.output.basis == "committed" for f in self.firms)

    @property
    def tone(self) -> str:
        return LinkStatus(self.status).tone

    @property
    def status_label(self) -> str:
        return LinkStatus(self.status).label


@dataclass
class ChainMap:
    chain: Chain | None
    rows: list[LinkRow]

    @property
    def wanted(self) -> list[LinkRow]:
        """Gaps first, then weak links: what the park is looking for."""
        return [r for r in self.rows if r.status == GAP] + [
            r for r in self.rows if r.status == WEAK
        ]


def park_tenants(park: Park) -> list[Company]:
    """Companies that hold (or are taking) space in the park: an approved or
    active lease, or an approved or completed purchase."""
    lease_ids = Lease.objects.filter(unit__park=park, status__in=Lease.HOLDING).values(
        "company_id"
    )
    sale_ids = Sale.objects.filter(
        unit__park=park, status__in=(Sale.Status.APPROVED, Sale.Status.COMPLETED)
    ).values("company_id")
    return list(
        Company.objects.filter(Q(pk__in=lease_ids) | Q(pk__in=sale_ids)).order_by(
            "name"
        )
    )


def _project_industries(park: Park, company_ids: set[int]) -> dict[int, str]:
    """The industry of each firm's approved project in the park (finer than the
    company's own when the project is in another line of business)."""
    rows = (
        admissions_granted(park=park, company_id__in=company_ids)
        .exclude(industry_code="")
        .order_by("company_id", "-id")
        .values_list("company_id", "industry_code")
    )
    found: dict[int, str] = {}
    for company_id, code in rows:
        found.setdefault(company_id, code)
    return found


def chain_map(park: Park, *, with_prospects: bool = True) -> ChainMap:
    chain = Chain.objects.filter(park=park).first()
    if chain is None:
        return ChainMap(None, [])
    links = list(chain.links.all())
    tenants = park_tenants(park)
    ids = {c.pk for c in tenants}
    outputs = annual_outputs(park, ids)
    industries = _project_industries(park, ids)
    firms = [
        Firm(c, industries.get(c.pk, c.industry_code), outputs.get(c.pk))
        for c in tenants
    ]
    prospects: dict[int, list[Prospect]] = defaultdict(list)
    if with_prospects:
        for p in Prospect.objects.filter(
            park=park, stage__in=OPEN_STAGES, chain_link__in=links
        ).select_related("officer"):
            prospects[p.chain_link_id].append(p)
    rows = []
    for link in links:
        row = LinkRow(
            link,
            [f for f in firms if link.matches(f.industry_code)],
            prospects.get(link.pk, []),
        )
        row.status = link_status(firms=len(row.firms), output=row.output, link=link)
        rows.append(row)
    return ChainMap(chain, rows)


def link_for_industry(park_id: int, industry_code: str) -> LinkRow | None:
    """The link of the park's chain that a firm of this industry would join,
    preferring a gap, then a weak link (what scoring rewards)."""
    park = Park.objects.filter(pk=park_id).first()
    if park is None or not industry_code:
        return None
    rows = list(chain_map(park, with_prospects=False).rows)
    matching = [r for r in rows if r.link.matches(industry_code)]
    order = {GAP: 0, WEAK: 1, STRONG: 2}
    return min(matching, key=lambda r: order[r.status], default=None)


# --- the board and its figures ----------------------------------------------------


@dataclass
class BoardFilter:
    officer: str = ""
    link: str = ""
    source: str = ""

    @classmethod
    def from_query(cls, query: Any) -> BoardFilter:
        return cls(
            officer=query.get("officer", ""),
            link=query.get("link", ""),
            source=query.get("source", ""),
        )

    def apply(self, qs):
        if self.officer.isdigit():
            qs = qs.filter(officer_id=int(self.officer))
        if self.link.isdigit():
            qs = qs.filter(chain_link_id=int(self.link))
        if self.source in Source.values:
            qs = qs.filter(source=self.source)
        return qs


def board(park: Park, filters: BoardFilter) -> list[tuple[str, str, list[Prospect]]]:
    prospects = filters.apply(
        Prospect.objects.filter(park=park).select_related(
            "chain_link", "officer", "referred_by"
        )
    ).order_by("next_action_on", "company_name")
    columns: dict[str, list[Prospect]] = {s: [] for s in Stage.values}
    for p in prospects:
        columns[p.stage].append(p)
    return [(s, Stage(s).label, columns[s]) for s in Stage.values]


@dataclass
class Rate:
    label: str
    total: int
    landed: int
    lost: int

    @property
    def percent(self) -> Decimal | None:
        closed = self.total
        return (
            (Decimal(self.landed) * 100 / closed).quantize(Decimal("0.1"))
            if closed
            else None
        )


@dataclass
class Figures:
    stages: list[tuple[str, int, int, Decimal | None]]  # stage, reached, next, %
    by_source: list[Rate]
    by_link: list[Rate]
    by_officer: list[Rate]
    days_per_stage: list[tuple[str, Decimal | None]]


def _reached(history: list[str], final: str) -> set[str]:
    reached = {Stage.LEAD, *history, final}
    reached.discard(Stage.LOST)
    # A prospect that skipped a stage has passed through it.
    furthest = max((FUNNEL.index(s) for s in reached if s in FUNNEL), default=0)
    return set(FUNNEL[: furthest + 1])


def _rates(prospects, key) -> list[Rate]:
    groups: dict[str, list[Prospect]] = defaultdict(list)
    for p in prospects:
        groups[key(p)].append(p)
    return [
        Rate(
            label,
            len(rows),
            sum(1 for r in rows if r.stage == Stage.LANDED),
            sum(1 for r in rows if r.stage == Stage.LOST),
        )
        for label, rows in sorted(groups.items(), key=lambda kv: str(kv[0]))
    ]


def pipeline_figures(park: Park, filters: BoardFilter | None = None) -> Figures:
    """Conversion: of the prospects that reached each stage, how many went
    further; landing rates by source, chain link and officer; average days a
    prospect spent in each stage it left (from the stage changes logged)."""
    qs = Prospect.objects.filter(park=park).select_related("chain_link", "officer")
    if filters:
        qs = filters.apply(qs)
    prospects = list(qs)
    changes: dict[int, list[Activity]] = defaultdict(list)
    for a in Activity.objects.filter(
        prospect__in=prospects, kind=Activity.Kind.STAGE
    ).order_by("at", "id"):
        changes[a.prospect_id].append(a)
    counts: Counter[str] = Counter()
    spent: dict[str, list[float]] = defaultdict(list)
    for p in prospects:
        for stage in _reached([a.to_stage for a in changes[p.pk]], p.stage):
            counts[stage] += 1
        entered: datetime = p.created_at
        for a in changes[p.pk]:
            spent[a.from_stage].append((a.at - entered).total_seconds() / 86400)
            entered = a.at
    stages = []
    for i, stage in enumerate(FUNNEL[:-1]):
        reached, further = counts[stage], counts[FUNNEL[i + 1]]
        pct = (
            (Decimal(further) * 100 / reached).quantize(Decimal("0.1"))
            if reached
            else None
        )
        stages.append((Stage(stage).label, reached, further, pct))
    days = [
        (
            Stage(s).label,
            Decimal(sum(spent[s]) / len(spent[s])).quantize(Decimal("0.1"))
            if spent[s]
            else None,
        )
        for s in OPEN_STAGES
    ]
    return Figures(
        stages=stages,
        by_source=_rates(prospects, lambda p: str(p.get_source_display())),
        by_link=_rates(
            prospects, lambda p: p.chain_link.display_name if p.chain_link else "—"
        ),
        by_officer=_rates(prospects, lambda p: str(p.officer) if p.officer else "—"),
        days_per_stage=days,
    )


def current_cost_sheet(park: Park) -> CostSheet | None:
    """The park's newest sheet in force today (one query)."""
    return (
        CostSheet.objects.filter(park=park, as_of__lte=timezone.localdate())
        .order_by("-as_of")
        .first()
    )


def origin_presets() -> list[CostSheet]:
    """The newest sheet of each origin city."""
    seen: dict[str, CostSheet] = {}
    for sheet in CostSheet.objects.filter(park__isnull=True).order_by(
        "preset_key", "-as_of"
    ):
        seen.setdefault(sheet.preset_key, sheet)
    return list(seen.values())
