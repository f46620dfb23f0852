"""Platform staff manage operators, parks, buildings and units here; admissions,
lease applications, leases and sales are read-only, since their status changes
only through the actions (transition table, locks, audit)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, TabularInline
from parks.models import (
    AdmissionApplication,
    Building,
    Lease,
    LeaseApplication,
    Operator,
    OperatorStaff,
    Park,
    Sale,
    Unit,
)


class OperatorStaffInline(TabularInline):
    model = OperatorStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    search_fields = ["name", "name_zh"]
    inlines = [OperatorStaffInline]


class BuildingInline(TabularInline):
    model = Building
    extra = 0


@admin.register(Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "operator", "kind", "host_region"]
    list_filter = ["kind", "operator"]
    search_fields = ["name", "name_zh", "host_region", "partner_region"]
    list_select_related = ["operator"]
    inlines = [BuildingInline]


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "park", "kind", "floors"]
    list_filter = ["kind", "park"]
    search_fields = ["name", "name_zh"]
    list_select_related = ["park"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "park", "building", "floor", "area_m2", "offer", "status"]
    list_filter = ["park", "offer", "status"]
    search_fields = ["code"]
    list_select_related = ["park", "building"]
    # The status follows leases and sales (unit_refresh_status), not a hand edit.
    readonly_fields = ["status"]


@admin.register(AdmissionApplication)
class AdmissionApplicationAdmin(ReadOnlyAdmin):
    list_display = ["id", "company", "park", "status", "submitted_at"]
    list_filter = ["status", "park"]
    search_fields = ["company__name"]
    list_select_related = ["company", "park"]


@admin.register(LeaseApplication)
class LeaseApplicationAdmin(ReadOnlyAdmin):
    list_display = ["id", "company", "unit", "start_date", "term_months", "status"]
    list_filter = ["status"]
    search_fields = ["company__name", "unit__code"]
    list_select_related = ["company", "unit"]


@admin.register(Lease)
class LeaseAdmin(ReadOnlyAdmin):
    list_display = ["id", "company", "unit", "start_date", "end_date", "status"]
    list_filter = ["status", "unit__park"]
    search_fields = ["company__name", "unit__code"]
    list_select_related = ["company", "unit"]


@admin.register(Sale)
class SaleAdmin(ReadOnlyAdmin):
    list_display = ["id", "company", "unit", "price", "status"]
    list_filter = ["status"]
    search_fields = ["company__name", "unit__code"]
    list_select_related = ["company", "unit"]
