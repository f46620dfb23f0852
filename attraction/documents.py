"""The bilingual letter of intent (投资意向书) for a prospect, as a PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from attraction.comparison import cost_of_policy, prospect_comparison
from attraction.models import ItemKind, Policy, Prospect
from attraction.relocation import ITEMS
from core.pdf import pdf_response, render_pdf

# The letter is bilingual by design (both languages side by side whatever the
# reader's language), like the lease contract, so its labels are fixed pairs.
KIND_PAIRS = {
    ItemKind.RENT_FREE_MONTHS: ("免租期", "Rent-free months"),
    ItemKind.RENT_DISCOUNT: ("租金折扣", "Rent discount"),
    ItemKind.FIT_OUT_SUBSIDY: ("装修补贴", "Fit-out subsidy"),
    ItemKind.EQUIPMENT_SUBSIDY: ("设备补贴", "Equipment subsidy"),
    ItemKind.LOGISTICS_SUBSIDY: ("物流补贴", "Logistics subsidy"),
    ItemKind.TAX_REBATE: ("税收返还分成", "Tax-rebate share"),
    ItemKind.TALENT_SUBSIDY: ("人才及住房补贴", "Talent and housing subsidy"),
}
ITEM_PAIRS = {
    "rent": ("厂房租金", "Factory rent"),
    "wages": ("人工工资", "Wages"),
    "power": ("电费", "Power"),
    "water": ("水费", "Water"),
    "gas": ("燃气费", "Gas"),
    "logistics": ("物流费", "Logistics"),
}
STATUS_PAIRS = {
    Policy.Status.DRAFT: ("草案", "Draft"),
    Policy.Status.SUBMITTED: ("待审批", "Awaiting approval"),
    Policy.Status.APPROVED: ("已批准", "Approved"),
    Policy.Status.LANDED: ("已生效", "In force"),
}


def letter_context(prospect: Prospect) -> dict:
    policy = Policy.objects.filter(prospect=prospect).first()
    costed = cost_of_policy(policy) if policy else None
    comparison = prospect_comparison(prospect)
    return {
        "prospect": prospect,
        "park": prospect.park,
        "operator": prospect.park.operator,
        "policy": policy,
        "status": STATUS_PAIRS.get(policy.status) if policy else None,
        "lines": [
            (KIND_PAIRS[item.kind], item, cost)
            for item, (_plain, cost) in zip(
                costed.items, costed.result.lines, strict=True
            )
        ]
        if costed
        else [],
        "cost": costed.result if costed else None,
        "comparison": comparison,
        "comparison_items": [
            (ITEM_PAIRS[line.key], line)
            for line in (comparison.comparison.items if comparison else [])
            if line.key in ITEMS
        ],
        "generated_on": timezone.localdate(),
        "number": f"LOI-{prospect.park_id:03d}-{prospect.pk:05d}",
    }


def letter_of_intent_pdf(prospect: Prospect) -> bytes:
    prospect = Prospect.objects.select_related("park__operator", "chain_link").get(
        pk=prospect.pk
    )
    return render_pdf("attraction/letter_of_intent_pdf.html", letter_context(prospect))


def letter_response(prospect: Prospect) -> HttpResponse:
    return pdf_response(
        letter_of_intent_pdf(prospect), f"letter-of-intent-{prospect.pk}.pdf"
    )
