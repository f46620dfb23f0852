"""Documents the error answers of every operation in the OpenAPI document (and
the text form of decimals).

Errors are mapped to HTTP once (config/api.py), so which 4xx an operation can
answer follows from what it is: the rules below are that mapping, stated once.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.schemas import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
UNSAFE = {"post", "put", "patch", "delete"}
DESCRIPTIONS = {
    400: _("The request body could not be read"),
    401: _("Authentication credentials were missing or invalid"),
    403: _("The caller's role may not do this"),
    404: _("No such object, or not one the caller may see"),
    409: _("The object's state does not allow this now"),
    413: _("The upload is larger than the cap"),
    422: _("Invalid input; `fields` names each offending field"),
    429: _("Too many attempts; try again later"),
}
# Doors without a session: wrong credentials are a 401, repeated tries a 429.
PUBLIC_DOORS = {("post", "/auth/token"): {401, 429}, ("post", "/auth/signup"): {429}}


def error_statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    statuses = {422}
    secured = bool(operation.get("security"))
    if secured:
        # A body or path may name any object: one that is not the caller's is a 404.
        statuses |= {401, 403, 404}
    if "{" in path:
        statuses.add(404)
    if method in UNSAFE:
        statuses.add(409)
    content = operation.get("requestBody", {}).get("content", {})
    if content:
        statuses.add(400)  # a body that cannot be parsed at all
    if "multipart/form-data" in content:
        statuses.add(413)
    for (door_method, door_path), extra in PUBLIC_DOORS.items():
        if method == door_method and path.endswith(door_path):
            statuses |= extra
    return statuses


# A decimal is accepted as a JSON number or as a string; the number form carries
# the field's bounds, the string form at least says it must read as a decimal.
DECIMAL_TEXT = r"^-?\d+(\.\d+)?$"


def document_decimal_text(node: Any) -> None:
    """Give every bare string alternative of a number its decimal pattern."""
    if isinstance(node, dict):
        branches = node.get("anyOf", [])
        if any(b.get("type") == "number" for b in branches):
            for branch in branches:
                if branch.get("type") == "string" and not branch.keys() & {
                    "pattern",
                    "format",
                    "enum",
                }:
                    branch["pattern"] = DECIMAL_TEXT
        for value in node.values():
            document_decimal_text(value)
    elif isinstance(node, list):
        for value in node:
            document_decimal_text(value)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers, with the ErrorOut body, to every operation."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    components.setdefault("ErrorOut", error_schema)
    document_decimal_text(schema)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(method, path, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": str(DESCRIPTIONS[status]),
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return schema
