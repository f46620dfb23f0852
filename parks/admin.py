from django.contrib import admin

from parks.models import Operator, OperatorStaff


class OperatorStaffInline(admin.TabularInline):
    model = OperatorStaff
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    inlines = [OperatorStaffInline]
