"""The authorization matrix, generated from the OpenAPI document: every operation
that names an object, called by every party on the objects of the other side.

No leak means: never a 2xx, and the same answer as for an id that does not exist
(404 when nothing else is wrong), so a caller cannot learn that the object exists.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis.strategies import from_regex

from config.api import api

PREFIX = "/api/v1"
MISSING_ID = 2_000_000_000
SPEC = api.get_openapi_schema()
# The object kinds the two-sided world (tests/hardening/world.py) builds: every
# object id a path can name. A new kind fails the coverage test below until the
# world builds it.
KINDS = {
    "operator_id",
    "bank_id",
    "company_id",
    "document_id",
    "park_id",
    "admission_id",
    "application_id",
    "lease_id",
    "sale_id",
    "invoice_id",
    "payment_id",
    "run_id",
    "request_id",
    "offer_id",
    "provider_id",
    "listing_id",
    "window_id",
    "offering_id",
    "booking_id",
    "quote_id",
    "case_id",
    "step_id",
    "review_id",
    "commitment_id",
    "concern_id",
    "evidence_id",
    "region_id",
    "notification_id",
    "link_id",
    "prospect_id",
    "item_id",
}
# Public by design: anyone reads a park's chain summary (no tenant names or
# figures; the operator's own call gets the full map) and the catalogue's offerings.
PUBLIC = {
    f"{PREFIX}/parks/{{park_id}}/chain-map",
    f"{PREFIX}/services/offerings/{{offering_id}}",
    f"{PREFIX}/services/offerings/{{offering_id}}/slots",
}


def _names(path: str) -> set[str]:
    return set(re.findall(r"\{([a-z_]+)\}", path))


ALL_OPERATIONS = [
    (method, path, operation)
    for path, operations in SPEC["paths"].items()
    for method, operation in operations.items()
    if "{" in path and operation.get("security")
]
OPERATIONS = [
    op for op in ALL_OPERATIONS if _names(op[1]) <= KINDS and op[1] not in PUBLIC
]
# Who stands outside each side: every party of the other side.
OUTSIDERS = {
    "a": ("other_tenant", "other_operator", "other_bank", "other_provider"),
    "b": ("tenant", "operator", "maker", "checker", "provider"),
}


FORM_BODY = (
    b'--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--b--\r\n'
)


def url_for(path: str, ids: dict[str, int], missing: bool = False) -> str:
    return re.sub(
        r"\{([a-z_]+)\}", lambda m: str(MISSING_ID if missing else ids[m[1]]), path
    )


def call(client: Client, method: str, url: str, token: str, operation: dict):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        return client.generic(
            method.upper(),
            url,
            FORM_BODY,
            content_type="multipart/form-data; boundary=b",
            **headers,
        )
    body = content.get("application/json", {}).get("schema")
    payload = json.dumps(valid_example(body) if body else {})
    return client.generic(
        method.upper(), url, payload, content_type="application/json", **headers
    )


def valid_example(schema: dict[str, Any]) -> Any:
    """A body the schema accepts (its required properties only), so the call
    passes validation and reaches the object lookup: a body refused first would
    hide nothing either way."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return valid_example(SPEC["components"]["schemas"][name])
    if "anyOf" in schema:
        return valid_example(
            next(b for b in schema["anyOf"] if b.get("type") != "null")
        )
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            name: valid_example(schema["properties"][name])
            for name in schema.get("required", [])
        }
    if kind == "array":
        return [valid_example(schema["items"])] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return date.today().isoformat()
    if schema.get("format") == "date-time":
        return timezone.now().isoformat()
    if "pattern" in schema:
        with warnings.catch_warnings():  # .example() outside a @given is fine here
            warnings.simplefilter("ignore")
            return from_regex(schema["pattern"], fullmatch=True).example()
    return "x" * max(schema.get("minLength", 1), 1)


def answer(response) -> tuple[int, str]:
    try:
        code = response.json().get("code", "")
    except ValueError:
        code = ""
    return response.status_code, code


def test_the_matrix_covers_every_object_kind():
    names = {n for _m, p, _o in ALL_OPERATIONS for n in _names(p)}
    assert len(OPERATIONS) >= 40
    assert {n for _m, p, _o in OPERATIONS for n in _names(p)} == KINDS
    assert names <= KINDS, names - KINDS


@pytest.mark.parametrize("side", ["a", "b"])
def test_no_party_reaches_the_objects_of_another(parties, side):
    client = Client()
    objects = getattr(parties, side).ids
    leaks, checked, not_found = [], 0, 0
    for method, path, operation in OPERATIONS:
        for party in OUTSIDERS[side]:
            token = parties.tokens[party]
            theirs = answer(
                call(client, method, url_for(path, objects), token, operation)
            )
            missing = answer(
                call(client, method, url_for(path, objects, True), token, operation)
            )
            checked += 1
            not_found += theirs[0] == 404
            if theirs != missing or 200 <= theirs[0] < 300:
                leaks.append((party, method.upper(), path, theirs, missing))
    assert leaks == []
    # Most denials must be the plain 404, not an earlier refusal that hides nothing.
    assert checked >= 400
    # (a role refused outright answers 403 for a missing id too: no leak)
    assert not_found >= checked * 0.9, (not_found, checked)


def test_the_owners_do_reach_their_objects(parties):
    """The ids above are real: the owning side reads each kind of object."""
    client = Client()
    owners = {
        "park_id": "operator",
        "payment_id": "operator",
        "run_id": "operator",
        "prospect_id": "operator",
        "region_id": "operator",  # the operator observes its park's region
        "operator_id": "operator",
        "bank_id": "maker",
    }
    for method, path, operation in OPERATIONS:
        if method != "get":
            continue
        names = re.findall(r"\{([a-z_]+)\}", path)
        party = next((owners[n] for n in names if n in owners), "tenant")
        response = call(
            client,
            "get",
            url_for(path, parties.a.ids),
            parties.tokens[party],
            operation,
        )
        assert response.status_code == 200, (party, path, response.content[:200])
