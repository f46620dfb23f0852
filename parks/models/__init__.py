"""Parks models, one module per concern; import from `parks.models`."""

from parks.models.inventory import (  # noqa: F401
    Building,
    BuildingKind,
    Park,
    ParkKind,
    Unit,
    UnitOffer,
    UnitStatus,
)
from parks.models.org import (  # noqa: F401
    Operator,
    OperatorRole,
    OperatorStaff,
    operator_roles,
)
