"""A bank's figures: the finance requests routed to it by status, kept so that
the bank's request list counts one row instead of every request routed to it.
See `core.figures` for how they are kept."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.figures import Figures
from finance.models.banks import Bank
from finance.models.requests import FinanceRequest, RequestRoute


class BankFigures(Figures):
    bank = models.OneToOneField(
        Bank, primary_key=True, on_delete=models.CASCADE, related_name="figures"
    )
    # The requests routed to the bank, by the request's status: {"submitted": 3}.
    requests = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("bank figures")
        verbose_name_plural = _("bank figures")

    @classmethod
    def compute(cls, keys: list[int]) -> dict[int, dict[str, Any]]:
        requests: dict[int, dict[str, int]] = defaultdict(dict)
        for bank_id, status, n in (
            RequestRoute.objects.filter(bank__in=keys)
            .values_list("bank_id", "request__status")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            requests[bank_id][status] = n
        return {k: {"requests": requests[k]} for k in keys}


BankFigures.follow_owner()
BankFigures.follow(RequestRoute, lambda route: {"pk": route.bank_id})
BankFigures.follow(
    FinanceRequest, lambda request: {"bank__routes__request": request.pk}
)
