"""The OpenAPI document says what is valid: every input property carries its limit
(bounds, length, choices, format or pattern), and every operation documents the
4xx answers the one error mapping (config/openapi.py) can give it. A fuzzer and a
generated client then know what to send."""

from __future__ import annotations

from typing import Any

import pytest

from config.api import api
from config.openapi import error_statuses

SPEC = api.get_openapi_schema()
COMPONENTS = SPEC["components"]["schemas"]
CONSTRAINTS = {
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "maxLength",
    "enum",
    "const",
    "format",
    "pattern",
}
# Input properties that are free on purpose, as "METHOD path location.name".
# Empty today: even free text (notes, descriptions, searches) has a length.
FREE_BY_DESIGN: set[str] = set()


def unconstrained(schema: dict[str, Any], where: str) -> list[str]:
    """The scalar leaves of an input schema that carry no constraint."""
    if "$ref" in schema:
        return unconstrained(COMPONENTS[schema["$ref"].rsplit("/", 1)[1]], where)
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            return [
                leaf
                for branch in schema[combinator]
                for leaf in unconstrained(branch, where)
            ]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return [
            leaf
            for name, prop in schema.get("properties", {}).items()
            for leaf in unconstrained(prop, f"{where}.{name}")
        ]
    if kind == "array":
        return unconstrained(schema.get("items", {}), f"{where}[]")
    if kind in ("number", "integer", "string") and not CONSTRAINTS & schema.keys():
        return [where]
    return []


def input_properties_without_a_limit(spec: dict[str, Any]) -> list[str]:
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for param in operation.get("parameters", []):
                found += unconstrained(
                    param.get("schema", {}), f"{where} {param['in']}.{param['name']}"
                )
            for content in operation.get("requestBody", {}).get("content", {}).values():
                found += unconstrained(content.get("schema", {}), f"{where} body")
    return found


def test_every_input_property_documents_its_limit():
    missing = set(input_properties_without_a_limit(SPEC)) - FREE_BY_DESIGN
    assert sorted(missing) == []


def test_the_walk_finds_a_property_without_a_limit():
    """The check above can fail: a bare string, a bare decimal alternative and a
    bare array item are each reported."""
    spec = {
        "paths": {
            "/x/{x_id}": {
                "post": {
                    "parameters": [
                        {"in": "path", "name": "x_id", "schema": {"type": "integer"}}
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "note": {"type": "string", "maxLength": 9},
                                        "free": {"type": "string"},
                                        "amount": {
                                            "anyOf": [
                                                {"type": "number", "minimum": 0},
                                                {"type": "string"},
                                            ]
                                        },
                                        "codes": {
                                            "type": "array",
                                            "items": {"type": "string"},
                                        },
                                    },
                                }
                            }
                        }
                    },
                }
            }
        }
    }
    assert input_properties_without_a_limit(spec) == [
        "POST /x/{x_id} path.x_id",
        "POST /x/{x_id} body.free",
        "POST /x/{x_id} body.amount",
        "POST /x/{x_id} body.codes[]",
    ]


@pytest.mark.parametrize(
    ("path", "name", "limits"),
    [
        # Money: above zero and within the column.
        ("/api/v1/finance/requests/{request_id}/offers", "amount", {"minimum": 0.01}),
        # A rate is capped by the model (36% a year).
        (
            "/api/v1/finance/requests/{request_id}/offers",
            "annual_rate_percent",
            {"maximum": 36.0},
        ),
        (
            "/api/v1/finance/requests/{request_id}/offers",
            "term_months",
            {"maximum": 360},
        ),
    ],
)
def test_limits_come_from_the_model(path, name, limits):
    ref = SPEC["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    prop = COMPONENTS[ref["schema"]["$ref"].rsplit("/", 1)[1]]["properties"][name]
    number = next((b for b in prop.get("anyOf", []) if b["type"] == "number"), prop)
    assert limits.items() <= number.items()


def test_choices_and_ids_are_documented():
    sales = SPEC["paths"]["/api/v1/sales"]["get"]["parameters"]
    status = next(p for p in sales if p["name"] == "status")["schema"]
    assert "approved" in status["pattern"]
    park_id = next(p for p in sales if p["name"] == "park_id")["schema"]
    assert park_id["anyOf"][0]["minimum"] == 1


def test_every_operation_documents_the_errors_it_can_answer():
    for path, operations in SPEC["paths"].items():
        for method, operation in operations.items():
            documented = {
                int(code) for code in operation["responses"] if 400 <= int(code) < 500
            }
            expected = error_statuses(method, path, operation)
            assert expected <= documented, (method, path, expected - documented)
            if operation.get("security"):
                assert {401, 403, 404} <= documented, (method, path)
