"""Status changes through a transition table, each legal move audited.

A model lists its legal moves as ``TRANSITIONS = {from: {to, ...}}`` and mixes in
``Transitions``; actions call ``obj.transition(to=..., actor=..., note=...)``
inside their transaction, after locking the row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import IllegalTransition


class Transitions:
    STATUS_FIELD: ClassVar[str] = "status"
    TRANSITIONS: ClassVar[dict[str, frozenset[str] | set[str]]] = {}

    def can_transition(self, to: str) -> bool:
        current = getattr(self, self.STATUS_FIELD)
        return to in self.TRANSITIONS.get(current, ())

    def transition_refusal(self, to: str) -> IllegalTransition | None:
        """Why the table refuses the move to `to` now (None: it allows it)."""
        if self.can_transition(to):
            return None
        current = getattr(self, self.STATUS_FIELD)
        return IllegalTransition(
            _("Cannot change %(object)s from “%(from)s” to “%(to)s”.")
            % {"object": self._meta.verbose_name, "from": current, "to": to}
        )

    def transition(
        self, *, to: str, actor: Any, note: str = "", save: bool = True
    ) -> None:
        current = getattr(self, self.STATUS_FIELD)
        if (refusal := self.transition_refusal(to)) is not None:
            raise refusal
        setattr(self, self.STATUS_FIELD, to)
        if save:
            fields = [self.STATUS_FIELD]
            if any(f.name == "updated_at" for f in self._meta.fields):
                fields.append("updated_at")
            self.save(update_fields=fields)
        audit_record(
            actor=actor,
            obj=self,
            action="transition",
            from_state=current,
            to_state=to,
            note=note,
        )


def ensure_allowed(obj: Any, action: str, actor: Any) -> None:
    """The action enforces the same guard the page asks (`allowed_actions`), so
    a page never offers what the action would refuse, and vice versa."""
    if action not in obj.allowed_actions(actor):
        raise IllegalTransition(
            _("This %(object)s does not allow that now.")
            % {"object": obj._meta.verbose_name}
        )
