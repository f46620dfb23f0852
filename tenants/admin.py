from django.contrib import admin

from core.admin import TabularInline
from tenants.models import Company, Document, Invitation, Membership


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "uscc", "industry_code", "size_class", "created_at"]
    search_fields = ["name", "uscc"]
    list_filter = ["size_class"]
    inlines = [MembershipInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "company", "kind", "size", "uploaded_at"]
    readonly_fields = ["sha256", "size", "content_type"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "company",
        "role",
        "created_at",
        "accepted_at",
        "revoked_at",
    ]
