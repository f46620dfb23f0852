from governance.models.commitments import (
    Commitment,
    CommitmentKind,
    Concern,
    Evidence,
    ParkGovernance,
    Side,
)
from governance.models.regions import (
    EnclaveAgreement,
    FirmScope,
    Region,
    RegionObserver,
    SplitPeriod,
    observer_roles,
)
from governance.models.reports import Metric, OperatingReport, PerformanceAlert
