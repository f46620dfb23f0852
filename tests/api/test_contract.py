"""The public contract of ../shared/API.md: every promised path and method exists
in the OpenAPI document under its documented name, and the document is served."""

from __future__ import annotations

import re

import pytest

from config.api import api

# (method, path) pairs of API.md for the capabilities built so far. Banks integrate
# against these: a rename must fail here before it reaches them.
CONTRACT = [
    ("POST", "/auth/signup"),
    ("POST", "/auth/token"),
    ("DELETE", "/auth/token"),
    ("GET", "/me"),
    ("GET", "/industries"),
    ("POST", "/companies"),
    ("GET", "/companies"),
    ("GET", "/companies/{id}"),
    ("POST", "/companies/{id}/documents"),
    ("GET", "/companies/{id}/documents"),
    ("GET", "/documents/{id}/download"),
    ("GET", "/parks"),
    ("GET", "/parks/{id}"),
    ("GET", "/parks/{id}/units"),
    ("POST", "/admissions"),
    ("POST", "/admissions/{id}/submit"),
    ("GET", "/admissions"),
    ("POST", "/admissions/{id}/decision"),
    ("POST", "/lease-applications"),
    ("POST", "/lease-applications/{id}/decision"),
    ("GET", "/leases"),
    ("GET", "/leases/{id}"),
    ("GET", "/leases/{id}/contract.pdf"),
    ("POST", "/sales"),
    ("GET", "/parks/{id}/occupancy"),
    ("GET", "/banks"),
    ("GET", "/finance/products"),
    ("POST", "/finance/requests"),
    ("POST", "/finance/requests/{id}/submit"),
    ("GET", "/finance/requests"),
    ("GET", "/finance/requests/{id}"),
    ("GET", "/finance/requests/{id}/dossier.pdf"),
    ("POST", "/finance/requests/{id}/offers"),
    ("POST", "/finance/offers/{id}/approve"),
    ("POST", "/finance/offers/{id}/decline"),
    ("GET", "/finance/requests/{id}/offers"),
    ("POST", "/finance/offers/{id}/accept"),
    ("GET", "/finance/offers/{id}/schedule"),
    ("GET", "/invoices"),
    ("GET", "/invoices/{id}"),
    ("GET", "/invoices/{id}/pdf"),
    ("POST", "/invoices/{id}/pay"),
    ("GET", "/parks/{id}/chain-map"),
    ("POST", "/prospects"),
    ("GET", "/prospects"),
    ("GET", "/prospects/{id}"),
    ("POST", "/prospects/{id}/stage"),
    ("GET", "/parks/{id}/cost-sheet"),
    ("POST", "/parks/{id}/relocation-comparison"),
    ("GET", "/regions/{id}/overview"),
    ("GET", "/commitments"),
    ("POST", "/commitments/{id}/honour"),
    ("POST", "/operating-reports"),
    ("GET", "/parks/{id}/enclave-report"),
    ("GET", "/parks/{id}/enclave-report.pdf"),
    ("GET", "/parks/{id}/commitments/concerns"),
    ("POST", "/commitments/{id}/concerns"),
    ("GET", "/parks/{id}/performance"),
]


def normalise(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{id}", path.removeprefix("/api/v1"))


@pytest.fixture(scope="module")
def spec() -> dict:
    return api.get_openapi_schema()


def test_every_contract_path_is_in_the_openapi_document(spec):
    served = {
        (method.upper(), normalise(path))
        for path, operations in spec["paths"].items()
        for method in operations
    }
    missing = [pair for pair in CONTRACT if pair not in served]
    assert missing == []


def test_list_endpoints_take_limit_and_offset(spec):
    for path in (
        "/companies",
        "/admissions",
        "/leases",
        "/invoices",
        "/finance/requests",
        "/prospects",
    ):
        parameters = spec["paths"][f"/api/v1{path}"]["get"].get("parameters", [])
        names = {p["name"] for p in parameters}
        assert {"limit", "offset"} <= names, path


def test_openapi_and_docs_are_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Enclave API"
    assert client.get("/api/v1/docs").status_code == 200


def test_webhook_and_health_live_outside_the_api_prefix(client, db):
    assert client.get("/healthz").json() == {"database": "ok"}
    # An unsigned webhook is refused, not routed to a 404.
    assert (
        client.post(
            "/payments/stripe/webhook", data=b"{}", content_type="application/json"
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    ("path", "operation_id", "id_name"),
    [
        ("/sales/{sale_id}/complete", "parks_api_sales_sale_complete", "sale_id"),
        (
            "/admissions/{admission_id}/withdraw",
            "parks_api_admission_admission_withdraw",
            "admission_id",
        ),
        ("/finance/offers/{offer_id}/decline", "finance_api_offer_decline", "offer_id"),
        (
            "/services/bookings/{booking_id}/confirm",
            "services_api_bookings_booking_confirm",
            "booking_id",
        ),
    ],
)
def test_step_endpoints_read_as_if_written_by_hand(spec, path, operation_id, id_name):
    """`core.api.step_endpoint` builds the step buttons of the API; a client
    generated from the document keeps its method names and parameters."""
    operation = spec["paths"][f"/api/v1{path}"]["post"]
    assert operation["operationId"] == operation_id
    assert [p["name"] for p in operation["parameters"]] == [id_name]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"$ref": "#/components/schemas/NoteIn"} in body["anyOf"]
    assert not operation["requestBody"].get("required", False)
