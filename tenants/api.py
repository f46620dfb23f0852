"""Tenants API: companies and their KYC documents."""

from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from core.access import get_scoped
from core.limits import limited, schema_field
from core.schemas import CappedPagination, Money, ObjectId
from tenants import actions
from tenants.access import member_company
from tenants.models import Company, Document, Invitation
from tenants.queries import document_file_response

router = Router(tags=["tenants"])


class CompanyIn(Schema):
    name: str = schema_field(Company, "name")
    # Wider than the column: a code typed with spaces or dashes is normalised.
    uscc: str = Field(max_length=40)
    legal_representative: str = schema_field(Company, "legal_representative")
    registered_capital: Decimal = schema_field(Company, "registered_capital")
    founded_on: date
    employees: int = schema_field(Company, "employees")
    annual_revenue: Decimal = schema_field(Company, "annual_revenue")
    industry_code: str = schema_field(Company, "industry_code")


class CompanyOut(Schema):
    id: int
    name: str
    uscc: str
    legal_representative: str
    registered_capital: Money
    founded_on: date
    employees: int
    annual_revenue: Money
    industry_code: str
    industry_name: str
    size_class: str


class DocumentOut(Schema):
    id: int
    company_id: ObjectId
    kind: str
    filename: str
    size: int
    sha256: str
    content_type: str
    uploaded_at: str

    @staticmethod
    def resolve_uploaded_at(obj: Document) -> str:
        return obj.uploaded_at.isoformat()


class MemberOut(Schema):
    user_id: ObjectId
    email: str = Field(alias="user.email")
    full_name: str = Field(alias="user.full_name")
    role: str


class InvitationIn(Schema):
    email: str = schema_field(Invitation, "email")
    role: str = schema_field(Invitation, "role", "member")


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: str

    @staticmethod
    def resolve_expires_at(obj) -> str:
        return obj.expires_at.isoformat()


@router.post("/companies", response={201: CompanyOut})
def company_create(request: HttpRequest, payload: CompanyIn):
    company = actions.company_register(actor=request.user, **payload.dict())
    return Status(201, company)


@router.get("/companies", response=list[CompanyOut])
@paginate(CappedPagination)
def company_list(request: HttpRequest):
    return Company.objects.visible_to(request.user).order_by("name", "id")


@router.get("/companies/{company_id}", response=CompanyOut)
def company_detail(request: HttpRequest, company_id: ObjectId):
    return get_scoped(Company.objects.visible_to(request.user), pk=company_id)


@router.get("/companies/{company_id}/members", response=list[MemberOut])
def member_list(request: HttpRequest, company_id: ObjectId):
    company = member_company(request.user, company_id)
    return company.memberships.select_related("user").order_by("created_at")


@router.post("/companies/{company_id}/invitations", response={201: InvitationOut})
def invitation_create(
    request: HttpRequest, company_id: ObjectId, payload: InvitationIn
):
    company = member_company(request.user, company_id)
    invitation, _raw = actions.member_invite(
        company=company,
        actor=request.user,
        email=payload.email,
        role=payload.role,
        accept_url=request.build_absolute_uri("/invitations/{token}/"),
    )
    return Status(201, invitation)


@router.post("/companies/{company_id}/documents", response={201: DocumentOut})
def document_create(
    request: HttpRequest,
    company_id: ObjectId,
    kind: limited(str, Form, Document, "kind"),
    file: File[UploadedFile],
    supersedes_id: Form[ObjectId | None] = None,
):
    """Upload a KYC file; `supersedes_id` makes it the next version of a current
    document (the old version stays for the parties that relied on it)."""
    company = member_company(request.user, company_id)
    supersedes = None
    if supersedes_id is not None:
        supersedes = get_scoped(company.documents.in_vault(), pk=supersedes_id)
    document = actions.document_upload(
        company=company,
        actor=request.user,
        kind=kind,
        file=file,
        supersedes=supersedes,
    )
    return Status(201, document)


@router.get("/companies/{company_id}/documents", response=list[DocumentOut])
@paginate(CappedPagination)
def document_list(request: HttpRequest, company_id: ObjectId):
    company = get_scoped(Company.objects.visible_to(request.user), pk=company_id)
    return Document.objects.visible_to(request.user).in_vault().filter(company=company)


@router.get("/documents/{document_id}/download")
def document_download(request: HttpRequest, document_id: ObjectId):
    document = get_scoped(Document.objects.visible_to(request.user), pk=document_id)
    return document_file_response(document)
