from django.contrib import admin

from finance.models import Bank, BankStaff


class BankStaffInline(admin.TabularInline):
    model = BankStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    inlines = [BankStaffInline]
