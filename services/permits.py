"""The maintained list of permit types the agency handles, each with its steps.

A step is (key, English title, Chinese title, owner, working-day SLA): one row
of permit_steps.csv next to this module, in order. Owners: the tenant supplies
documents, the provider prepares and files, the authority decides (the
provider records its progress).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

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


def _steps() -> dict[str, tuple[StepTemplate, ...]]:
    steps: dict[str, list[StepTemplate]] = {}
    with (Path(__file__).resolve().parent / "permit_steps.csv").open(
        encoding="utf-8", newline=""
    ) as rows:
        for row in csv.DictReader(rows):
            steps.setdefault(PermitType(row["permit_type"]), []).append(
                StepTemplate(
                    row["key"],
                    row["title_en"],
                    row["title_zh"],
                    StepOwner(row["owner"]),
                    int(row["sla_days"]),
                )
            )
    return {permit_type: tuple(rows) for permit_type, rows in steps.items()}


#: Each permit type's steps in order (the table is data: permit_steps.csv).
STEP_TEMPLATES: dict[str, tuple[StepTemplate, ...]] = _steps()
