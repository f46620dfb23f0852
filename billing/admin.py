"""Django admin for platform staff: operators' billing settings; invoices, payments,
Stripe events and rent runs (read-only: they change only through billing actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from billing.models import BillingSettings, Invoice, Payment, RentRun, StripeEvent
from core.admin import ReadOnlyAdmin, TabularInline


@admin.register(BillingSettings)
class BillingSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "operator",
        "invoice_prefix",
        "payment_terms_days",
        "bank_name",
        "bank_name_zh",
        "bank_account_number",
    ]
    list_select_related = ["operator"]
    search_fields = ["operator__name", "invoice_prefix"]


class PaymentInline(TabularInline):
    model = Payment
    extra = 0
    fields = ["method", "amount", "currency", "status", "paid_at", "flag_reason"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "company",
        "park",
        "kind",
        "total",
        "status",
        "due_date",
    ]
    list_filter = ["status", "kind", "operator", "year"]
    list_select_related = ["company", "park"]
    search_fields = ["number"]
    date_hierarchy = "issue_date"
    inlines = [PaymentInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "invoice",
        "method",
        "amount",
        "currency",
        "status",
        "paid_at",
        "flag_reason",
    ]
    list_filter = ["status", "method"]
    list_select_related = ["invoice"]
    search_fields = ["invoice__number", "reference", "external_id"]


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "outcome", "invoice", "received_at", "note"]
    list_filter = ["outcome", "type"]
    list_select_related = ["invoice"]
    search_fields = ["event_id", "invoice__number"]


@admin.register(RentRun)
class RentRunAdmin(ReadOnlyAdmin):
    list_display = [
        "month",
        "operator",
        "status",
        "total",
        "done",
        "created",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "operator"]
    list_select_related = ["operator"]

    @admin.display(description=_("period"), ordering="period")
    def month(self, run: RentRun) -> str:
        return f"{run.period:%Y-%m}"
