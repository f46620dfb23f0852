"""The pipeline: the board, a prospect with its activities and exclusive
policy, the letter of intent, and a tenant's referrals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from attraction import actions
from attraction.comparison import cost_of_policy, prospect_comparison
from attraction.documents import letter_response
from attraction.forms import ActivityForm, ItemForm, ProspectForm, StageForm
from attraction.models import ItemKind, Policy, Prospect, Source, Stage
from attraction.queries import (
    BoardFilter,
    board,
    park_tenants,
    pipeline_figures,
    policy_items_of_operator,
)
from attraction.views.common import links_of, officers_of, park_of, prospect_of
from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError
from core.forms import NoteForm
from core.views import render_page, run_action, submit
from parks.access import refuse_park_form
from parks.models import MANAGER_ROLES, OFFICER_ROLES


def _prospect_url(prospect_id: int) -> str:
    return reverse("attraction:prospect", args=[prospect_id])


@login_required
def board_page(request: HttpRequest, park_id: int) -> HttpResponse:
    park = park_of(request, park_id)
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
        # Officer or not is one answer for every card of the park (the guards
        # `Prospect.moves_for` and `can_lose`, asked once for the board).
        "can_move": park.can_run(request.user),
        # The filters' options as (value, text), the value as the URL gives it.
        "officers": [(str(u.pk), u) for u in officers_of(park)],
        "links": [(str(link.pk), link.display_name) for link in links_of(park)],
        "sources": Source.choices,
    }
    return render_page(request, "attraction/board.html", "board", context)


@login_required
def prospect_new(request: HttpRequest, park_id: int) -> HttpResponse:
    park = park_of(request, park_id)
    board = reverse("attraction:board", args=[park.pk])
    if refused := refuse_park_form(request, park, OFFICER_ROLES, board):
        return refused
    form = ProspectForm(
        request.POST or None,
        initial={"officer": request.user.pk, "source": Source.DIRECT},
        park=park,
        officers=officers_of(park),
        links=links_of(park),
        tenants=park_tenants(park),
    )
    done = submit(
        request,
        form,
        actions.prospect_create,
        success=_("Prospect added"),
        then=lambda prospect: _prospect_url(prospect.pk),
        park=park,
    )
    return done or render(
        request,
        "attraction/prospect_form.html",
        {"park": park, "tab": "pipeline", "form": form},
    )


@login_required
def prospect_page(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = prospect_of(request, prospect_id)
    return render(
        request, "attraction/prospect.html", _prospect_context(request, prospect)
    )


# The activity and policy-item forms share a page and field names (kind, note):
# the item form's ids are its own so each label points at its input.
ITEM_IDS = "id_item_%s"


def _prospect_context(request: HttpRequest, prospect: Prospect, **forms) -> dict:
    policy = Policy.objects.filter(prospect=prospect).first()
    costed = cost_of_policy(policy) if policy else None
    return {
        "park": prospect.park,
        "tab": "pipeline",
        "prospect": prospect,
        "moves": prospect.moves_for(request.user),
        "can_lose": prospect.can_lose(request.user),
        "activities": prospect.activities.select_related("actor"),
        "activity_form": forms.get("activity_form") or ActivityForm(),
        "item_form": forms.get("item_form") or ItemForm(auto_id=ITEM_IDS),
        "policy": policy,
        "lines": list(zip(costed.items, costed.result.lines, strict=True))
        if costed
        else [],
        "cost": costed.result if costed else None,
        "can_log_activity": prospect.can_log_activity(request.user),
        "can_add_item": policy.can_edit(request.user)
        if policy
        else prospect.can_start_policy(request.user),
        "can_edit_policy": bool(policy) and policy.can_edit(request.user),
        "can_submit": bool(policy) and policy.can_submit(request.user),
        "can_approve": policy.can_approve(request.user) if policy else False,
        "is_manager": prospect.park.has_role(request.user, MANAGER_ROLES),
        "comparison": prospect_comparison(prospect),
        "trail": audit_trail(prospect)[:20],
        "kinds": ItemKind.choices,
    }


@login_required
@require_POST
def prospect_stage(request: HttpRequest, prospect_id: int) -> HttpResponse:
    prospect = prospect_of(request, prospect_id)
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
    return redirect(_prospect_url(prospect.pk))


def _as_get(request: HttpRequest) -> HttpRequest:
    request.method = "GET"
    return request


def _add_item(*, prospect: Prospect, actor: Any, **data: Any):
    """An item of the prospect's policy, drafting the policy first if needed."""
    policy = actions.policy_draft(prospect=prospect, actor=actor)
    return actions.policy_item_add(policy=policy, actor=actor, **data)


def _prospect_form_view(
    form_class: type, action: Callable[..., Any], *, key: str, success: Any, **ids: Any
) -> Callable[..., HttpResponse]:
    """The POST of a form on the prospect's page (in its context as `key`):
    done → back to the page; a refusal or invalid input → the page again with
    the form's errors."""

    @login_required
    @require_POST
    def view(request: HttpRequest, prospect_id: int) -> HttpResponse:
        prospect = prospect_of(request, prospect_id)
        form = form_class(request.POST, **ids)
        done = submit(
            request,
            form,
            action,
            success=str(success),
            then=_prospect_url(prospect.pk),
            prospect=prospect,
        )
        if done:
            return done
        context = _prospect_context(request, prospect, **{key: form})
        return render(request, "attraction/prospect.html", context)

    return view


prospect_activity = _prospect_form_view(
    ActivityForm,
    actions.activity_log,
    key="activity_form",
    success=gettext_lazy("Activity logged."),
)
policy_item_add = _prospect_form_view(
    ItemForm,
    _add_item,
    key="item_form",
    success=gettext_lazy("Policy item added"),
    auto_id=ITEM_IDS,
)


@login_required
@require_POST
def policy_item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_scoped(policy_items_of_operator(request.user), pk=item_id)
    return run_action(
        request,
        lambda: actions.policy_item_remove(item=item, actor=request.user),
        success=_("Policy item removed"),
        then=_prospect_url(item.policy.prospect_id),
    )


POLICY_ACTIONS = {
    "submit": actions.policy_submit,
    "approve": actions.policy_approve,
    "return": actions.policy_return,
}


@login_required
@require_POST
def policy_decide(request: HttpRequest, prospect_id: int, verb: str) -> HttpResponse:
    prospect = prospect_of(request, prospect_id)
    policy = get_scoped(Policy.objects.filter(prospect=prospect), prospect=prospect)
    action = POLICY_ACTIONS.get(verb)
    form = NoteForm(request.POST)
    if action is None:
        messages.error(request, _("Unknown action."))
    elif not form.is_valid():
        messages.error(request, form.errors["note"][0])
    else:
        try:
            action(policy=policy, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect(_prospect_url(prospect.pk))


@login_required
def letter_of_intent(request: HttpRequest, prospect_id: int) -> HttpResponse:
    return letter_response(prospect_of(request, prospect_id))


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    rows = (
        Prospect.objects.referred_by_member(request.user)
        .select_related("park", "referred_by")
        .order_by("-created_at")
    )
    return render(request, "attraction/referrals.html", {"prospects": rows})
