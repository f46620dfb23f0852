from django.contrib import admin

from core.admin import TabularInline
from services.models import (
    Availability,
    Booking,
    Case,
    CaseStep,
    Listing,
    Offering,
    Provider,
    ProviderDocument,
    ProviderStaff,
)


class ProviderStaffInline(TabularInline):
    model = ProviderStaff
    extra = 0
    raw_id_fields = ["user"]


class ProviderDocumentInline(TabularInline):
    model = ProviderDocument
    extra = 0
    fields = ["kind", "filename", "size", "sha256", "uploaded_at"]
    readonly_fields = fields


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "category", "invoice_prefix"]
    list_filter = ["category"]
    inlines = [ProviderStaffInline, ProviderDocumentInline]


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ["provider", "park", "status"]
    list_filter = ["status"]
    readonly_fields = ["status"]  # changes go through listing_decide (audited)


class AvailabilityInline(TabularInline):
    model = Availability
    extra = 0


@admin.register(ProviderStaff)
class ProviderStaffAdmin(admin.ModelAdmin):
    list_display = ["user", "provider"]
    raw_id_fields = ["user"]
    inlines = [AvailabilityInline]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["name_en", "provider", "pricing", "price", "active"]
    list_filter = ["pricing", "delivery", "active"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Read-only: bookings move only through their actions."""

    list_display = ["pk", "offering", "company", "starts_at", "status", "paid_at"]
    list_filter = ["status"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CaseStepInline(TabularInline):
    model = CaseStep
    extra = 0
    fields = ["position", "title_en", "owner", "status", "due_on"]
    readonly_fields = fields
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["pk", "permit_type", "booking", "status", "opened_on"]
    list_filter = ["permit_type", "status"]
    inlines = [CaseStepInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False
