"""Platform admin: shared chain templates (parks copy them), origin-city cost
presets for the relocation calculator, and every park's rows for support."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from attraction.models import (
    Chain,
    ChainLink,
    CostSheet,
    ParkCommitment,
    Policy,
    PolicyItem,
    Prospect,
)
from core.admin import TabularInline


class ChainLinkInline(admin.StackedInline):
    model = ChainLink
    extra = 0


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh", "industry_code", "park", "copied_from"]
    list_filter = [("park", admin.EmptyFieldListFilter)]
    inlines = [ChainLinkInline]
    actions = ["make_template"]

    @admin.action(description=_("Copy as a shared template"))
    def make_template(self, request, queryset):
        for chain in queryset:
            links = list(chain.links.all())
            source = chain.pk
            chain.pk = None
            chain.park = None
            chain.copied_from_id = source
            chain.save()
            for link in links:
                link.pk = None
                link.chain = chain
                link.save()
        messages.success(request, _("Templates created."))


@admin.register(CostSheet)
class CostSheetAdmin(admin.ModelAdmin):
    list_display = ["city", "city_zh", "preset_key", "park", "as_of", "rent_per_m2"]
    list_filter = [("park", admin.EmptyFieldListFilter)]


class PolicyItemInline(TabularInline):
    model = PolicyItem
    extra = 0


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["prospect", "status", "drafted_by", "approved_by"]
    inlines = [PolicyItemInline]
    raw_id_fields = ["prospect", "drafted_by", "approved_by"]


@admin.register(Prospect)
class ProspectAdmin(admin.ModelAdmin):
    list_display = ["company_name", "park", "stage", "source", "officer"]
    list_filter = ["stage", "source", "park"]
    search_fields = ["company_name", "uscc"]
    raw_id_fields = ["referred_by", "officer", "company", "lease", "sale", "created_by"]


@admin.register(ParkCommitment)
class ParkCommitmentAdmin(admin.ModelAdmin):
    list_display = ["company", "park", "kind", "description", "due_date"]
    list_filter = ["kind"]
