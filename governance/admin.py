from django.contrib import admin

from core.admin import TabularInline
from governance.models import (
    Commitment,
    Concern,
    EnclaveAgreement,
    OperatingReport,
    ParkGovernance,
    Region,
    RegionObserver,
    SplitPeriod,
)


class ObserverInline(TabularInline):
    model = RegionObserver
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    inlines = [ObserverInline]


class SplitInline(TabularInline):
    model = SplitPeriod
    extra = 0


@admin.register(EnclaveAgreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["park", "host_region", "partner_region", "firm_scope"]
    filter_horizontal = ["partner_firms"]
    inlines = [SplitInline]


@admin.register(ParkGovernance)
class ParkGovernanceAdmin(admin.ModelAdmin):
    list_display = ["park", "service_officer", "concern_sla_days", "shortfall_percent"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["company", "park", "side", "kind", "due_date", "status"]
    list_filter = ["status", "side", "kind"]
    readonly_fields = ["status"]


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["commitment", "status", "due_on", "escalated_at"]
    readonly_fields = ["status"]


@admin.register(OperatingReport)
class OperatingReportAdmin(admin.ModelAdmin):
    list_display = ["company", "park", "period", "output", "tax_paid", "late"]
