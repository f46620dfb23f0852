"""Governance pages: commitments and concerns, the park's settings, operating
reports and per-mu performance, the enclave report, regions."""

from core.routes import routes, variants
from governance.views import commitments as c
from governance.views import reports as r

COMMITMENT = "commitments/<int:commitment_id>/"
PARK = "parks/<int:park_id>/"

# (route, view, name): the pages that are one view each.
PAGES = (
    (PARK + "governance/", c.governance_settings, "settings"),
    ("commitments/", c.commitment_list, "commitments"),
    (COMMITMENT, c.commitment_detail, "commitment"),
    (COMMITMENT + "evidence/", c.evidence_add, "evidence_add"),
    (COMMITMENT + "link/", c.evidence_link, "evidence_link"),
    ("evidence/<int:evidence_id>/", c.evidence_download, "evidence_download"),
    (COMMITMENT + "concerns/", c.concern_raise, "concern_raise"),
    ("concerns/<int:concern_id>/answer/", c.concern_answer, "concern_answer"),
    (PARK + "commitments/new/", c.commitment_new, "commitment_new"),
    (PARK + "concerns/", c.concern_queue, "concerns"),
    ("reports/", r.report_list, "reports"),
    ("reports/<int:report_id>/attachment/", r.report_attachment, "report_attachment"),
    (PARK + "performance/", r.park_performance_page, "performance"),
    (PARK + "enclave-report/", r.enclave_report_page, "enclave_report"),
    ("regions/", r.region_list, "regions"),
    ("regions/<int:region_id>/", r.region_page, "region"),
)

app_name = "governance"
urlpatterns = [
    *routes(PAGES),
    # One view per family, the variant from the route: a commitment's
    # outcomes, the enclave report's file formats.
    *variants(
        COMMITMENT + "{}/",
        c.commitment_outcome,
        "commitment_{}",
        "outcome",
        list(c.OUTCOMES),
    ),
    *variants(
        PARK + "enclave-report.{}",
        r.enclave_report_file,
        "enclave_report_{}",
        "kind",
        ["pdf", "xlsx"],
    ),
]
