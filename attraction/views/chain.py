"""The park's industry chain: the gap map, its settings, its links, and the
panel on the park's public page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from attraction import actions
from attraction.forms import ChainForm, LinkForm
from attraction.models import Chain
from attraction.queries import chain_map, current_cost_sheet
from attraction.svg import layout
from attraction.views.common import links_of, park_of
from core.access import get_scoped
from core.views import run_action, submit
from parks.access import refuse_park_form
from parks.models import OFFICER_ROLES, Park


def _chain_url(park: Park) -> str:
    return reverse("attraction:chain", args=[park.pk])


def _map_context(park: Park, *, full: bool, **extra) -> dict:
    cmap = chain_map(park, with_prospects=full)
    return {
        "park": park,
        "map": cmap,
        "picture": layout(cmap.rows),
        "full": full,
        **extra,
    }


@login_required
def chain_page(request: HttpRequest, park_id: int) -> HttpResponse:
    return _chain_page(request, park_of(request, park_id))


def _chain_page(
    request: HttpRequest, park: Park, chain_form: ChainForm | None = None
) -> HttpResponse:
    """The chain map; `chain_form` is a refused settings form to show again."""
    context = _map_context(
        park,
        full=True,
        tab="chain",
        templates=Chain.objects.shared().order_by("name"),
    )
    context["chain_form"] = chain_form or ChainForm(instance=context["map"].chain)
    return render(request, "attraction/chain.html", context)


@login_required
@require_POST
def chain_settings(request: HttpRequest, park_id: int) -> HttpResponse:
    park = park_of(request, park_id)
    form = ChainForm(request.POST, instance=Chain.objects.filter(park=park).first())
    done = submit(
        request,
        form,
        lambda *, actor, **data: actions.chain_save(
            park=park, actor=actor, **{k: data[k] for k in actions.CHAIN_FIELDS}
        ),
        success=_("Chain saved."),
        then=_chain_url(park),
    )
    return done or _chain_page(request, park, form)


@login_required
@require_POST
def chain_copy(request: HttpRequest, park_id: int) -> HttpResponse:
    park = park_of(request, park_id)
    template = get_scoped(Chain.objects.shared(), pk=request.POST.get("template"))
    return run_action(
        request,
        lambda: actions.chain_copy(template=template, park=park, actor=request.user),
        success=_("Chain copied from a shared template"),
        then=_chain_url(park),
    )


@login_required
def link_edit(
    request: HttpRequest, park_id: int, link_id: int | None = None
) -> HttpResponse:
    park = park_of(request, park_id)
    if refused := refuse_park_form(request, park, OFFICER_ROLES, _chain_url(park)):
        return refused
    chain = get_scoped(Chain.objects.filter(park=park), park=park)
    link = get_scoped(chain.links.all(), pk=link_id) if link_id else None
    form = LinkForm(request.POST or None, instance=link)
    done = submit(
        request,
        form,
        actions.link_save,
        success=_("Chain link saved"),
        then=_chain_url(park),
        chain=chain,
        link=link,
    )
    return done or render(
        request,
        "attraction/link_form.html",
        {"park": park, "tab": "chain", "form": form, "link": link},
    )


@login_required
@require_POST
def link_delete(request: HttpRequest, park_id: int, link_id: int) -> HttpResponse:
    park = park_of(request, park_id)
    link = get_scoped(links_of(park), pk=link_id)
    return run_action(
        request,
        lambda: actions.link_delete(link=link, actor=request.user),
        success=_("Chain link removed"),
        then=_chain_url(park),
    )


def public_panel(request: HttpRequest, park: Park) -> str:
    """On the park's public page: the chain without names or figures, what the
    park is looking for, and the way to the cost calculator."""
    has_costs = current_cost_sheet(park) is not None
    context = _map_context(park, full=False, has_costs=has_costs)
    if context["map"].chain is None and not has_costs:
        return ""
    return render_to_string("attraction/_public_panel.html", context, request=request)
