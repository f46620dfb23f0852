from governance.models.commitments import (
    Commitment,
    CommitmentKind,
    Concern,
    Evidence,
    ParkGovernance,
    Side,
)
from governance.models.regions import (
    OBSERVER_ROLES,
    EnclaveAgreement,
    FirmScope,
    Region,
    RegionObserver,
    SplitPeriod,
)
from governance.models.reports import Metric, OperatingReport, PerformanceAlert
