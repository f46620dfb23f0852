"""Attraction pages: the chain map, the pipeline board, a prospect with its
policy, cost sheets, the public relocation calculator, a tenant's referrals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from attraction import actions
from attraction.comparison import comparison_for, cost_of_policy, prospect_comparison
from attraction.documents import letter_response
from attraction.forms import (
    ActivityForm,
    CalculatorForm,
    ChainForm,
    CostSheetForm,
    ItemForm,
    LinkForm,
    NoteForm,
    ProspectForm,
    StageForm,
)
from attraction.models import (
    Chain,
    ChainLink,
    CostSheet,
    ItemKind,
    Policy,
    PolicyItem,
    Prospect,
    Source,
    Stage,
)
from attraction.queries import (
    BoardFilter,
    board,
    chain_map,
    current_cost_sheet,
    origin_presets,
    park_tenants,
    pipeline_figures,
)
from attraction.svg import layout
from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError
from core.views import apply_errors, run_action
from parks.actions.unit_status import is_park_manager
from parks.models import OperatorStaff, Park

ITEM_LABELS = {
    "rent": gettext_lazy("Factory rent"),
    "wages": gettext_lazy("Wages"),
    "power": gettext_lazy("Power"),
    "water": gettext_lazy("Water"),
    "gas": gettext_lazy("Gas"),
    "logistics": gettext_lazy("Logistics"),
}

# The activity and policy-item forms share a page and field names (kind, note):
# the item form's ids are its own so each label points at its input.
ITEM_IDS = "id_item_%s"


def _park(request: HttpRequest, park_id: int) -> Park:
    return get_scoped(
        Park.objects.operated_by(request.user).distinct().select_related("operator"),
        pk=park_id,
    )


def _prospect(request: HttpRequest, prospect_id: int) -> Prospect:
    return get_scoped(
        Prospect.objects.of_operator(request.user).select_related(
            "park__operator", "chain_link", "officer", "referred_by", "company"
        ),
        pk=prospect_id,
    )


def _officers(park: Park):
    return [
        s.user
        for s in OperatorStaff.objects.filter(
            operator_id=park.operator_id, role__in=actions.OFFICERS
        ).select_related("user")
    ]


# --- chain ------------------------------------------------------------------------


@login_required
def chain_page(request: HttpRequest, park_id: int) -> HttpResponse:
    return _chain_page(request, _park(request, park_id))


def _chain_page(
    request: HttpRequest, park: Park, chain_form: ChainForm | None = None
) -> HttpResponse:
    """The chain map; `chain_form` is a refused settings form to show again."""
    cmap = chain_map(park)
    context = {
        "park": park,
        "tab": "chain",
        "map": cmap,
        "picture": layout(cmap.rows),
        "full": True,
        "templates": Chain.objects.shared().order_by("name"),
        "chain_form": chain_form or ChainForm(instance=cmap.chain),
    }
    return render(request, "attraction/chain.html", context)


@login_required
@require_POST
def chain_settings(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    form = ChainForm(request.POST, instance=Chain.objects.filter(park=park).first())
    if form.is_valid():
        done = run_action(
            request,
            lambda: actions.chain_save(
                park=park,
                actor=request.user,
                **{k: form.cleaned_data[k] for k in actions.CHAIN_FIELDS},
            ),
            success=_("Chain saved."),
            then=reverse("attraction:chain", args=[park.pk]),
            form=form,
        )
        if done:
            return done
    return _chain_page(request, park, form)


@login_required
@require_POST
def chain_copy(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    template = get_scoped(Chain.objects.shared(), pk=request.POST.get("template"))
    try:
        actions.chain_copy(template=template, park=park, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("attraction:chain", park.pk)


@login_required
def link_edit(
    request: HttpRequest, park_id: int, link_id: int | None = None
) -> HttpResponse:
    park = _park(request, park_id)
    chain = get_scoped(Chain.objects.filter(park=park), park=park)
    link = get_scoped(chain.links.all(), pk=link_id) if link_id else None
    form = LinkForm(request.POST or None, instance=link)
    if request.method == "POST" and form.is_valid():
        try:
            actions.link_save(
                chain=chain,
                link=link,
                actor=request.user,
                **{k: form.cleaned_data[k] for k in actions.LINK_FIELDS},
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Chain link saved."))
            return redirect("attraction:chain", park.pk)
    return render(
        request,
        "attraction/link_form.html",
        {"park": park, "tab": "chain", "form": form, "link": link},
    )


@login_required
@require_POST
def link_delete(request: HttpRequest, park_id: int, link_id: int) -> HttpResponse:
    park = _park(request, park_id)
    link = get_scoped(ChainLink.objects.filter(chain__park=park), pk=link_id)
    actions.link_delete(link=link, actor=request.user)
    return redirect("attraction:chain", park.pk)


def public_panel(request: HttpRequest, park: Park) -> str:
    """On the park's public page: the chain without names or figures, what the
    park is looking for, and the way to the cost calculator."""
    cmap = chain_map(park, with_prospects=False)
    has_costs = current_cost_sheet(park) is not None
    if cmap.chain is None and not has_costs:
        return ""
    return render_to_string(
        "attraction/_public_panel.html",
        {
            "park": park,
            "map": cmap,
            "picture": layout(cmap.rows),
            "full": False,
            "has_costs": has_costs,
        },
        request=request,
    )


# --- pipeline ---------------------------------------------------------------------


@login_required
def board_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    filters = BoardFilter.from_query(request.GET)
    figures = pipeline_figures(park, filters)
    context = {
        "park": park,
        "tab": "pipeline",
        "columns": board(park, filters),
        "figures": figures,
        "figure_groups": [
            (_("Landed by source"), figures.by_source),
            (_("Landed by chain link"), figures.by_link),
            (_("Landed by officer"), figures.by_officer),
        ],
        "filters": filters,
        "officers": _officers(park),
        "links": ChainLink.objects.filter(chain__park=park),
        "sources": Source.choices,
    }
    if request.htmx:
        return render(request, "attraction/board.html#board", context)
    return render(request, "attraction/board.html", context)


@login_required
def prospect_new(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    form = ProspectForm(
        request.POST or None,
        initial={"officer": request.user.pk, "source": Source.DIRECT},
        park=park,
        officers=_officers(park),
        links=ChainLink.objects.filter(chain__park=park),
        tenants=park_tenants(park),
    )
    if request.method == "POST" and form.is_valid():
        try:
            prospect = actions.prospect_create(
                park=park, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Prospect added to the pipeline."))
            return redirect("attraction:prospect", prospect.pk)
    return render(
        request,
        "attraction/prospect_form.html",
        {"park": park, "tab": "pipeline", "form": form},
    )


@login_required
def prospect_page(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    return render(
        request, "attraction/prospect.html", _prospect_context(request, prospect)
    )


def _prospect_context(request: HttpRequest, prospect: Prospect, **forms) -> dict:
    policy = Policy.objects.filter(prospect=prospect).first()
    costed = cost_of_policy(policy) if policy else None
    return {
        "park": prospect.park,
        "tab": "pipeline",
        "prospect": prospect,
        "activities": prospect.activities.select_related("actor"),
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "item_form": forms.get("item_form") or ItemForm(auto_id=ITEM_IDS),
        "policy": policy,
        "lines": list(zip(costed.items, costed.result.lines, strict=True))
        if costed
        else [],
        "cost": costed.result if costed else None,
        "can_approve": policy.can_approve(request.user) if policy else False,
        "is_manager": is_park_manager(request.user, prospect.park),
        "comparison": prospect_comparison(prospect),
        "trail": audit_trail(prospect)[:20],
        "kinds": ItemKind.choices,
    }


@login_required
@require_POST
def prospect_stage(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            actions.prospect_set_stage(
                prospect=prospect,
                actor=request.user,
                stage=form.cleaned_data["stage"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s moved to “%(stage)s”.")
                % {
                    "name": prospect.company_name,
                    "stage": Stage(form.cleaned_data["stage"]).label,
                },
            )
    if request.POST.get("next") == "board":
        if request.htmx:
            return board_page(_as_get(request), prospect.park_id)
        return redirect("attraction:board", prospect.park_id)
    return redirect("attraction:prospect", prospect.pk)


def _as_get(request: HttpRequest) -> HttpRequest:
    request.method = "GET"
    return request


@login_required
@require_POST
def prospect_activity(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            actions.activity_log(
                prospect=prospect, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Activity logged."))
            return redirect("attraction:prospect", prospect.pk)
    context = _prospect_context(request, prospect, activity_form=form)
    return render(request, "attraction/prospect.html", context)


@login_required
@require_POST
def policy_item_add(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    form = ItemForm(request.POST, auto_id=ITEM_IDS)
    if form.is_valid():
        try:
            policy = actions.policy_draft(prospect=prospect, actor=request.user)
            actions.policy_item_add(
                policy=policy, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Item added to the package."))
            return redirect("attraction:prospect", prospect.pk)
    context = _prospect_context(request, prospect, item_form=form)
    return render(request, "attraction/prospect.html", context)


@login_required
@require_POST
def policy_item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_scoped(
        PolicyItem.objects.filter(
            policy__prospect__in=Prospect.objects.of_operator(request.user)
        ).select_related("policy"),
        pk=item_id,
    )
    try:
        actions.policy_item_remove(item=item, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("attraction:prospect", item.policy.prospect_id)


POLICY_ACTIONS = {
    "submit": actions.policy_submit,
    "approve": actions.policy_approve,
    "return": actions.policy_return,
}


@login_required
@require_POST
def policy_decide(request: HttpRequest, prospect_id: int, verb: str) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    policy = get_scoped(Policy.objects.filter(prospect=prospect), prospect=prospect)
    action = POLICY_ACTIONS.get(verb)
    form = NoteForm(request.POST)
    if action is None or not form.is_valid():
        messages.error(request, _("Unknown action."))
    else:
        try:
            action(policy=policy, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("attraction:prospect", prospect.pk)


@login_required
def letter_of_intent(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = _prospect(request, prospect_id)
    return letter_response(prospect)


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    rows = (
        Prospect.objects.referred_by_member(request.user)
        .select_related("park", "referred_by")
        .order_by("-created_at")
    )
    return render(request, "attraction/referrals.html", {"prospects": rows})


# --- costs ------------------------------------------------------------------------


@login_required
def cost_sheet_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = _park(request, park_id)
    current = current_cost_sheet(park)
    # The new sheet is the park's: the model's checks (a sheet without a park is
    # an origin preset and needs a key) see the park while the form validates.
    form = CostSheetForm(request.POST or None, instance=CostSheet(park=park))
    if current is not None and not form.is_bound:
        form = CostSheetForm(instance=current)
        form.initial["as_of"] = None
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k] for k in actions.COST_FIELDS if k != "logistics"
        }
        try:
            actions.cost_sheet_save(
                park=park, actor=request.user, logistics=form.logistics(), **data
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Cost sheet saved."))
            return redirect("attraction:costs", park.pk)
    return render(
        request,
        "attraction/cost_sheet.html",
        {
            "park": park,
            "tab": "costs",
            "form": form,
            "current": current,
            "history": park.cost_sheets.order_by("-as_of"),
        },
    )


def calculator(request: HttpRequest, park_id: int) -> HttpResponse:
    """Public: a firm compares its yearly costs where it is with this park's."""
    park = get_scoped(Park.objects.all(), pk=park_id)
    sheet = current_cost_sheet(park)
    presets = origin_presets()
    form = CalculatorForm(request.GET or None, presets=presets)
    result = None
    if form.is_bound and form.is_valid() and sheet is not None:
        try:
            result = comparison_for(
                park=park,
                preset=form.cleaned_data["origin_preset"] or None,
                origin=form.origin(),
                market=form.cleaned_data["market"],
                size=form.size(),
            )
        except DomainError as exc:
            apply_errors(form, exc)
    context = {
        "park": park,
        "sheet": sheet,
        "form": form,
        "result": result,
        "rows": [(ITEM_LABELS[line.key], line) for line in result.comparison.items]
        if result
        else [],
    }
    if request.htmx:
        return render(request, "attraction/calculator.html#result", context)
    return render(request, "attraction/calculator.html", context)


urlpatterns = [
    path("parks/<int:park_id>/chain/", chain_page, name="chain"),
    path("parks/<int:park_id>/chain/copy/", chain_copy, name="chain_copy"),
    path("parks/<int:park_id>/chain/settings/", chain_settings, name="chain_settings"),
    path("parks/<int:park_id>/chain/links/new/", link_edit, name="link_new"),
    path("parks/<int:park_id>/chain/links/<int:link_id>/", link_edit, name="link_edit"),
    path(
        "parks/<int:park_id>/chain/links/<int:link_id>/delete/",
        link_delete,
        name="link_delete",
    ),
    path("parks/<int:park_id>/pipeline/", board_page, name="board"),
    path("parks/<int:park_id>/pipeline/new/", prospect_new, name="prospect_new"),
    path("parks/<int:park_id>/costs/", cost_sheet_page, name="costs"),
    path("parks/<int:park_id>/relocation/", calculator, name="calculator"),
    path("prospects/<int:prospect_id>/", prospect_page, name="prospect"),
    path("prospects/<int:prospect_id>/stage/", prospect_stage, name="stage"),
    path("prospects/<int:prospect_id>/activities/", prospect_activity, name="activity"),
    path("prospects/<int:prospect_id>/policy/items/", policy_item_add, name="item_add"),
    path("policy-items/<int:item_id>/remove/", policy_item_remove, name="item_remove"),
    path(
        "prospects/<int:prospect_id>/policy/<str:verb>/",
        policy_decide,
        name="policy_decide",
    ),
    path(
        "prospects/<int:prospect_id>/letter-of-intent.pdf",
        letter_of_intent,
        name="letter",
    ),
    path("referrals/", referrals, name="referrals"),
]
