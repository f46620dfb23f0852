"""Django admin for platform staff: banks and lending reference data."""

from __future__ import annotations

from django.contrib import admin

from core.admin import ReadOnlyAdmin, TabularInline
from finance.models import Bank, BankStaff, FinanceRequest, LprRate, Offer, Product


class BankStaffInline(TabularInline):
    model = BankStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    inlines = [BankStaffInline]


# --- lending: the LPR table and banks' products, kept by platform staff -----------


@admin.register(LprRate)
class LprRateAdmin(admin.ModelAdmin):
    list_display = ["tenor", "rate_percent", "effective_from"]
    list_filter = ["tenor"]
    ordering = ["-effective_from", "tenor"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "bank",
        "kind",
        "min_amount",
        "max_amount",
        "max_term_months",
        "lpr_tenor",
        "spread_bp",
        "max_ltv_percent",
        "active",
    ]
    list_filter = ["kind", "bank", "active"]
    search_fields = ["name", "name_zh"]


# --- requests and offers: read-only, they move only through the lending actions ---


class OfferInline(TabularInline):
    model = Offer
    extra = 0
    fields = ["bank", "amount", "annual_rate_percent", "term_months", "status"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FinanceRequest)
class FinanceRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "company", "kind", "amount", "term_months", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["company__name"]
    list_select_related = ["company"]
    inlines = [OfferInline]
