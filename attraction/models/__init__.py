"""Investment attraction: industry-chain templates, prospects, exclusive policies
(一企一策), the park-side commitments they become, and cost sheets."""

from attraction.models.chains import (
    Chain,
    ChainLink,
    ChainQuerySet,
    LinkStatus,
    Position,
)
from attraction.models.common import (
    CLASS_CODE,
    CODE_PATTERN,
    codes_match,
    industry_code_error,
)
from attraction.models.costs import MARKETS, CostSheet
from attraction.models.policy import (
    KIND_FIELDS,
    ItemKind,
    ParkCommitment,
    Policy,
    PolicyItem,
)
from attraction.models.prospects import (
    FUNNEL,
    OPEN_STAGES,
    Activity,
    Prospect,
    ProspectQuerySet,
    Source,
    Stage,
)

__all__ = [
    "Activity",
    "CLASS_CODE",
    "CODE_PATTERN",
    "Chain",
    "ChainLink",
    "ChainQuerySet",
    "CostSheet",
    "FUNNEL",
    "ItemKind",
    "KIND_FIELDS",
    "LinkStatus",
    "MARKETS",
    "OPEN_STAGES",
    "ParkCommitment",
    "Policy",
    "PolicyItem",
    "Position",
    "Prospect",
    "ProspectQuerySet",
    "Source",
    "Stage",
    "codes_match",
    "industry_code_error",
]
