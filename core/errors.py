"""Domain errors: each carries its HTTP status and a machine code, mapped once."""

from __future__ import annotations


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


class NotAllowed(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
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
