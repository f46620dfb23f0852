from django.contrib import admin

from services.models import Provider, ProviderStaff


class ProviderStaffInline(admin.TabularInline):
    model = ProviderStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "category"]
    inlines = [ProviderStaffInline]
