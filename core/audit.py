"""The audit trail: record an event for any model instance."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    data: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data or {},
    )


def audit_created(
    obj: models.Model,
    *,
    actor: Any,
    action: str,
    note: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """The event of a record just created: the state it starts in is its status."""
    to_state = getattr(obj, "status", "")
    return audit_record(
        actor=actor, obj=obj, action=action, to_state=to_state, note=note, data=data
    )


def audit_trail(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


# What an audit action code means to a person; each app registers its own codes in
# its AppConfig.ready so that trails read "Lease renewed", not "lease_renewed".
_action_labels: dict[str, Any] = {}


def register_audit_actions(labels: dict[str, Any]) -> None:
    _action_labels.update(labels)


def audit_describe(event: AuditEvent) -> str:
    """One line for a trail: the registered label of the action, and the move
    between states in the model's own status labels where there was one."""
    states = ""
    if event.from_state or event.to_state:
        labels = _status_labels(event)
        states = "{} → {}".format(
            labels.get(event.from_state, event.from_state or "—"),
            labels.get(event.to_state, event.to_state or "—"),
        )
    if event.action == "transition":
        return states
    label = _action_labels.get(event.action)
    text = str(label) if label else event.action.replace("_", " ").capitalize()
    return f"{text}: {states}" if states else text


def _status_labels(event: AuditEvent) -> dict[str, str]:
    # get_for_id is cached: a long trail costs no query per row.
    model = ContentType.objects.get_for_id(event.content_type_id).model_class()
    try:
        field = model._meta.get_field(getattr(model, "STATUS_FIELD", "status"))
    except (AttributeError, LookupError):
        return {}
    return {str(k): str(v) for k, v in field.flatchoices}
