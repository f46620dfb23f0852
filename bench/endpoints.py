"""The benchmark's endpoints (bench/run.py): each page or API list with the
actor who reads it and its floor, the raw SQL that fetches the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Endpoint:
    name: str
    kind: str  # list | aggregate
    actor: str  # operator | bank | tenant | observer | anonymous
    path: str
    floor_sql: str
    times: dict[str, list[float]] = field(default_factory=dict)
    raw: dict[str, list[float]] = field(default_factory=dict)
    signed_in: dict[str, list[float]] = field(default_factory=dict)  # /healthz
    queries: dict[str, int] = field(default_factory=dict)
    statuses: set[int] = field(default_factory=set)


# The floor SQL fetches what the page shows: the page of rows (20-50), or the
# figures of a dashboard, with the joins the rows need and nothing more. A page
# that shows several sets of rows has one statement for each (";" between them),
# run one after the other as the page runs its queries.
OPERATOR_PARKS = "SELECT id FROM parks_park WHERE operator_id = 1"
# The API and the page list the same rows, a page of 20 and of 25 (% limit).
LEASES = (
    "SELECT l.*, u.code, c.name FROM parks_lease l "
    "JOIN parks_unit u ON u.id = l.unit_id "
    "JOIN tenants_company c ON c.id = l.company_id "
    f"WHERE u.park_id IN ({OPERATOR_PARKS}) "
    "ORDER BY l.start_date DESC, l.id DESC LIMIT %d"
)
INVOICES = (
    "SELECT i.*, c.name FROM billing_invoice i "
    "JOIN tenants_company c ON c.id = i.company_id WHERE i.operator_id = 1 "
    "ORDER BY i.issue_date DESC, i.id DESC LIMIT %d"
)
# A park's units with their building (the API's page of 20, the public page's 25).
UNITS = (
    "SELECT u.*, b.name FROM parks_unit u JOIN parks_building b "
    "ON b.id = u.building_id WHERE u.park_id = 1 %s ORDER BY u.code LIMIT %d"
)
# A park's units with their active lease's company (rent roll, stacking plan).
OCCUPANTS = (
    "FROM parks_unit u LEFT JOIN parks_lease l ON l.unit_id = u.id "
    "AND l.status = 'active' LEFT JOIN tenants_company c "
    "ON c.id = l.company_id WHERE u.park_id = 1"
)
# A bank's page of routed requests as its API shows them: each with its company
# and the bank's own route; the documents shared with them come second.
BANK_PAGE = (
    "FROM finance_financerequest r "
    "JOIN finance_requestroute rt ON rt.request_id = r.id AND rt.bank_id = 1 "
    "JOIN finance_bank b ON b.id = rt.bank_id "
    "JOIN tenants_company c ON c.id = r.company_id "
    "ORDER BY r.created_at DESC, r.id DESC LIMIT 20"
)
# Portfolio figures (counts and sums per park) are read from the parks' figures.
FIGURES = "FROM parks_park p JOIN parks_parkfigures f ON f.park_id = p.id"
ENDPOINTS = [
    Endpoint("API units of a park", "list", "operator", "/api/v1/parks/1/units",
             UNITS % ("", 20)),
    Endpoint("park page with unit search", "list", "anonymous",
             "/parks/1/?min_area=1000",
             UNITS % ("AND u.status = 'vacant' AND u.area_m2 >= 1000", 25)),
    Endpoint("public vacancy search", "list", "anonymous", "/parks/",
             f"SELECT p.*, f.units_total, f.units_vacant {FIGURES} "
             "ORDER BY p.name, p.id LIMIT 24"),
    Endpoint("API leases (operator)", "list", "operator", "/api/v1/leases",
             LEASES % 20),
    Endpoint("leases page", "list", "operator", "/leases/", LEASES % 25),
    Endpoint("API invoices", "list", "operator", "/api/v1/invoices",
             INVOICES % 20),
    Endpoint("invoices page", "list", "operator", "/invoices/", INVOICES % 25),
    # The parks' open dues, the 50 oldest overdue invoices and the last runs.
    Endpoint("receivables", "aggregate", "operator", "/billing/",
             "SELECT f.open_dues FROM billing_invoicefigures f JOIN parks_park p "
             "ON p.id = f.park_id WHERE p.operator_id = 1;"
             "SELECT i.number, i.due_date, i.total - COALESCE((SELECT sum(y.amount) "
             "FROM billing_payment y WHERE y.invoice_id = i.id "
             "AND y.status = 'accepted'), 0), c.name, p.name, p.name_zh "
             "FROM billing_invoice i JOIN tenants_company c ON c.id = i.company_id "
             "JOIN parks_park p ON p.id = i.park_id WHERE i.operator_id = 1 "
             "AND i.status = 'open' AND i.due_date < CURRENT_DATE "
             "ORDER BY i.due_date, i.id LIMIT 50;"
             "SELECT * FROM billing_rentrun WHERE operator_id = 1 "
             "ORDER BY created_at DESC, id DESC LIMIT 5"),
    Endpoint("rent roll", "list", "operator", "/operator/parks/1/rent-roll/",
             "SELECT u.code, u.area_m2, l.monthly_rent, l.end_date, c.name "
             f"{OCCUPANTS} ORDER BY u.code"),
    Endpoint("API occupancy", "aggregate", "operator", "/api/v1/parks/1/occupancy",
             "SELECT status, count(*), sum(area_m2) FROM parks_unit "
             "WHERE park_id = 1 GROUP BY status"),
    Endpoint("occupancy dashboard", "aggregate", "operator", "/operator/occupancy/",
             f"SELECT p.id, p.name, f.* {FIGURES} WHERE p.operator_id = 1"),
    Endpoint("stacking plan", "list", "operator", "/operator/parks/1/stacking/",
             "SELECT u.id, u.code, u.floor, u.status, u.building_id, c.name "
             f"{OCCUPANTS}"),
    Endpoint("bank inbox", "list", "bank", "/bank/",
             "SELECT r.*, c.name, rt.status FROM finance_financerequest r "
             "JOIN finance_requestroute rt ON rt.request_id = r.id AND rt.bank_id = 1 "
             "JOIN tenants_company c ON c.id = r.company_id "
             "ORDER BY r.submitted_at DESC LIMIT 25"),
    Endpoint("API finance requests (bank)", "list", "bank", "/api/v1/finance/requests",
             f"SELECT r.*, c.name, rt.*, b.name {BANK_PAGE}; "
             "SELECT l.financerequest_id, d.* "
             "FROM finance_financerequest_shared_documents l "
             "JOIN tenants_document d ON d.id = l.document_id "
             f"WHERE l.financerequest_id IN (SELECT r.id {BANK_PAGE})"),
    Endpoint("finance schedule", "aggregate", "tenant",
             "/api/v1/finance/offers/{offer}/schedule",
             "SELECT * FROM finance_offer WHERE id = {offer}"),
    Endpoint("tenant home", "aggregate", "tenant", "/",
             "SELECT c.id, c.name, count(l.id) FROM tenants_membership m "
             "JOIN tenants_company c ON c.id = m.company_id LEFT JOIN parks_lease l "
             "ON l.company_id = c.id WHERE m.user_id = {tenant_user} GROUP BY c.id"),
    Endpoint("operator home", "aggregate", "operator", "/",
             f"SELECT p.id, p.name, f.* {FIGURES} WHERE p.operator_id = 1"),
    # The first host region's parks side by side (20 at either size): their figures.
    Endpoint("region overview", "aggregate", "observer", "/regions/1/",
             f"SELECT p.id, p.name, f.* {FIGURES} JOIN governance_enclaveagreement a "
             "ON a.park_id = p.id WHERE a.host_region_id = 1"),
]  # fmt: skip
TRIVIAL = "/healthz"


def signed_in_clients() -> tuple[dict, dict[str, int]]:
    """A test client per actor of the current database's portfolio (signed in
    but the anonymous one), and the values the endpoints' paths and floors name
    (`{tenant_user}`, `{offer}`)."""
    from django.test import Client

    from config.scale import actors
    from core.models import User
    from finance.models import Offer

    who = actors()
    clients = {"anonymous": Client()}
    for actor in ("operator", "bank", "tenant", "observer"):
        clients[actor] = Client()
        clients[actor].force_login(User.objects.get(email=getattr(who, actor)))
    tenant = User.objects.get(email=who.tenant)
    offer = Offer.objects.filter(request__company__memberships__user=tenant)
    params = {
        "tenant_user": tenant.pk,
        "offer": offer.values_list("pk", flat=True).first() or 0,
    }
    return clients, params


def run_floor(sql: str) -> None:
    """A floor's statements, one after the other, each fetched in full."""
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in sql.split(";"):
            cursor.execute(statement)
            cursor.fetchall()
