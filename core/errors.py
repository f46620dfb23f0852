"""Domain errors: each carries its HTTP status and a machine code, mapped once."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404


class DomainError(Exception):
    status = 400
    code = "error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
        self.fields = fields or {}


# NotAllowed and NotFound are also Django's own 403 and 404, so a view that lets
# one escape (a scoped fetch of another party's object) answers 403/404, not 500.
class NotAllowed(DomainError, PermissionDenied):
    status = 403
    code = "forbidden"


class NotFound(DomainError, Http404):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Invalid(DomainError):
    status = 422
    code = "invalid"

    @classmethod
    def field(cls, name: str, message: str, *, code: str = "invalid") -> Invalid:
        return cls(message, code=code, fields={name: [str(message)]})


class IllegalTransition(Conflict):
    code = "illegal_transition"
