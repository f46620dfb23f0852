"""The maintained list of permit types the agency handles, each with its steps.

A step is (key, English title, Chinese title, owner, working-day SLA). Owners:
the tenant supplies documents, the provider prepares and files, the authority
decides (the provider records its progress).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class PermitType(models.TextChoices):
    BUSINESS_LICENCE_CHANGE = "business_licence_change", _("Business licence change")
    EIA_APPROVAL = "eia_approval", _("Environmental impact assessment approval")
    CONSTRUCTION_PERMIT = "construction_permit", _("Construction permit")
    FIRE_SAFETY_ACCEPTANCE = "fire_safety_acceptance", _("Fire-safety acceptance")
    POLLUTANT_DISCHARGE_PERMIT = (
        "pollutant_discharge_permit",
        _("Pollutant discharge permit"),
    )


class StepOwner(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    PROVIDER = "provider", _("Provider")
    AUTHORITY = "authority", _("Authority")


@dataclass(frozen=True)
class StepTemplate:
    key: str
    title_en: str
    title_zh: str
    owner: str
    sla_days: int


T, P, A = StepOwner.TENANT, StepOwner.PROVIDER, StepOwner.AUTHORITY

STEP_TEMPLATES: dict[str, tuple[StepTemplate, ...]] = {
    PermitType.BUSINESS_LICENCE_CHANGE: (
        StepTemplate(
            "documents",
            "Supply the change resolution and licence",
            "提供变更决议及营业执照",
            T,
            3,
        ),
        StepTemplate(
            "filing",
            "File the change with the market regulator",
            "向市场监管局提交变更登记",
            P,
            2,
        ),
        StepTemplate(
            "decision", "Regulator issues the new licence", "市场监管局核发新执照", A, 3
        ),
    ),
    PermitType.EIA_APPROVAL: (
        StepTemplate(
            "documents",
            "Supply project and process documents",
            "提供项目及工艺资料",
            T,
            5,
        ),
        StepTemplate("report", "Prepare the EIA report", "编制环境影响报告", P, 15),
        StepTemplate("publicity", "Public notice of the report", "环评报告公示", A, 10),
        StepTemplate(
            "decision", "Ecology bureau approves the EIA", "生态环境局批复环评", A, 20
        ),
    ),
    PermitType.CONSTRUCTION_PERMIT: (
        StepTemplate(
            "documents",
            "Supply land, planning and design documents",
            "提供用地、规划及设计文件",
            T,
            5,
        ),
        StepTemplate(
            "review",
            "Check drawings and file the application",
            "审核图纸并提交申请",
            P,
            5,
        ),
        StepTemplate(
            "decision", "Housing bureau issues the permit", "住建局核发施工许可证", A, 7
        ),
    ),
    PermitType.FIRE_SAFETY_ACCEPTANCE: (
        StepTemplate(
            "documents",
            "Supply fire-protection design and test reports",
            "提供消防设计及检测报告",
            T,
            5,
        ),
        StepTemplate("inspection", "Pre-inspection on site", "现场预验收", P, 5),
        StepTemplate(
            "decision", "Fire-safety acceptance decision", "消防验收意见", A, 15
        ),
    ),
    PermitType.POLLUTANT_DISCHARGE_PERMIT: (
        StepTemplate(
            "documents",
            "Supply EIA approval and monitoring plan",
            "提供环评批复及自行监测方案",
            T,
            5,
        ),
        StepTemplate(
            "application",
            "File on the national discharge permit platform",
            "在全国排污许可平台申报",
            P,
            5,
        ),
        StepTemplate(
            "decision",
            "Ecology bureau issues the permit",
            "生态环境局核发排污许可证",
            A,
            20,
        ),
    ),
}
