"""Parks pages: apply to buy a unit, purchases, and the operator's decision."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_scoped, portal_required
from core.audit import audit_trail
from core.money import money
from core.views import decided, run_step, submit
from parks.actions import sales
from parks.forms.leasing import DecisionForm, SaleApplyForm
from parks.models import Sale, Unit
from parks.views.leasing import apply_page


@portal_required("tenant")
def sale_apply(request: HttpRequest, unit_id: int) -> HttpResponse:
    return apply_page(
        request,
        unit_id,
        SaleApplyForm,
        sales.sale_apply,
        _("Your purchase application for unit %(code)s was sent to the park."),
        "parks/sale_apply.html",
        facts=_price,
        rename={"down_payment_ratio": "down_payment_percent"},
    )


def _price(unit: Unit) -> dict:
    """The unit's price and the least down payment it takes (none unpriced)."""
    price = unit.sale_price or None
    return {
        "price": price,
        "min_down_payment": money(price * Sale.MIN_DOWN_PAYMENT_RATIO)
        if price
        else None,
    }


# What a purchase's page and row show beside it, joined in one query.
SALE_JOINS = ("unit__park", "unit__building", "company")


def _sales(request: HttpRequest):
    return Sale.objects.visible_to(request.user).select_related(*SALE_JOINS)


@login_required
def sale_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = _sales(request)
    if status in Sale.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-created_at", "-id"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "parks/sale_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": Sale.Status.choices,
        },
    )


def _sale_page(request: HttpRequest, sale: Sale, form=None) -> HttpResponse:
    context = {
        "sale": sale,
        "allowed": sale.allowed_actions(request.user),
        "form": form or DecisionForm(),
        "trail": audit_trail(sale),
    }
    return render(request, "parks/sale_detail.html", context)


@login_required
def sale_detail(request: HttpRequest, sale_id: int) -> HttpResponse:
    sale = get_scoped(_sales(request), pk=sale_id)
    if request.method == "POST":
        sale = get_scoped(
            Sale.objects.of_operator(request.user).select_related(*SALE_JOINS),
            pk=sale_id,
        )
        form = DecisionForm(request.POST)

        if done := submit(
            request,
            form,
            decided(sales.SALE_DECISIONS),
            sale=sale,
            success=_("The decision was recorded."),
        ):
            return done
        return _sale_page(request, sale, form)
    return _sale_page(request, sale)


# One-click steps on a purchase (the route names the step); each action says
# who may take it (the operator completes, the buyer withdraws).
SALE_STEPS = {
    "complete": (
        sales.sale_complete,
        gettext_lazy("The sale is completed: the unit is sold."),
    ),
    "withdraw": (
        sales.sale_withdraw,
        gettext_lazy("The purchase application was withdrawn."),
    ),
}


@login_required
@require_POST
def sale_step(request: HttpRequest, sale_id: int, step: str) -> HttpResponse:
    sale = get_scoped(Sale.objects.visible_to(request.user), pk=sale_id)
    return run_step(request, SALE_STEPS[step], sale=sale, then=sale.get_absolute_url())
