"""Parks models, one module per concern; import from `parks.models`."""

from parks.models.admission import (
    M2_PER_MU,
    AdmissionApplication,
    PollutionCategory,
)
from parks.models.figures import ParkFigures
from parks.models.inventory import (
    Building,
    BuildingKind,
    Park,
    ParkKind,
    Unit,
    UnitOffer,
    UnitStatus,
)
from parks.models.leasing import Lease, LeaseApplication, Sale
from parks.models.org import (
    MANAGER_ROLES,
    OFFICER_ROLES,
    OPERATOR_ROLES,
    Operator,
    OperatorRole,
    OperatorStaff,
)
