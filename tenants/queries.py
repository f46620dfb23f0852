"""Reads for the tenant portal: companies with their KYC checklists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import FileResponse

from tenants.models import REQUIRED_KYC, Company, Document, DocumentKind, Membership


@dataclass
class KycItem:
    kind: str
    label: str
    done: bool


@dataclass
class CompanyCard:
    company: Company
    role: str
    kyc: list[KycItem]

    @property
    def kyc_complete(self) -> bool:
        return all(item.done for item in self.kyc)


def kyc_checklist(documents: list[Document]) -> list[KycItem]:
    have = {d.kind for d in documents}
    return [
        KycItem(kind=str(kind), label=str(DocumentKind(kind).label), done=kind in have)
        for kind in REQUIRED_KYC
    ]


def tenant_home(user: Any) -> list[CompanyCard]:
    """The user's companies with their KYC checklists and the user's role in
    each, in two queries."""
    my_role = Membership.objects.filter(company=OuterRef("pk"), user=user)
    companies = (
        Company.objects.of_member(user)
        .annotate(my_role=Subquery(my_role.values("role")[:1]))
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.in_vault().only("id", "kind", "company_id"),
            )
        )
        .order_by("name")
    )
    cards = []
    for company in companies:
        cards.append(
            CompanyCard(
                company,
                company.my_role or "member",
                kyc_checklist(list(company.documents.all())),
            )
        )
    return cards


def document_file_response(document: Document) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
