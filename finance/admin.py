"""Django admin for platform staff: banks and lending reference data."""

from __future__ import annotations

from django.contrib import admin

from finance.models import Bank, BankStaff, LprRate, Product


class BankStaffInline(admin.TabularInline):
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
