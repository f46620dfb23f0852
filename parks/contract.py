"""The bilingual lease contract (租赁合同) as a PDF."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from core.pdf import render_pdf
from parks.models import Lease


def lease_contract_context(lease: Lease) -> dict:
    unit = lease.unit
    park = unit.park
    return {
        "lease": lease,
        "unit": unit,
        "building": unit.building,
        "park": park,
        "operator": park.operator,
        "company": lease.company,
        "rent_table": lease.rent_table(),
        "rent_total": lease.rent_total(),
        # As agreed at approval, whatever the park's setting is today.
        "deposit_months": format(
            (lease.deposit / lease.monthly_rent).quantize(Decimal("0.1")).normalize(),
            "f",
        )
        if lease.monthly_rent
        else "0",
        "generated_on": timezone.localdate(),
        "number": f"L-{park.pk:03d}-{lease.start_date:%Y}-{lease.pk:05d}",
    }


def lease_contract_pdf(lease: Lease) -> bytes:
    lease = Lease.objects.select_related(
        "unit__park__operator", "unit__building", "company", "previous"
    ).get(pk=lease.pk)
    return render_pdf("parks/contract_pdf.html", lease_contract_context(lease))


def contract_filename(lease: Lease) -> str:
    return f"lease-{lease.pk}-contract.pdf"


def contract_response(lease: Lease, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(lease_contract_pdf(lease), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{contract_filename(lease)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
