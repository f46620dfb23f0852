"""`{{ event|audit_describe }}`: an audit event as one readable line."""

from django import template

from core.audit import audit_describe as describe
from core.models import AuditEvent

register = template.Library()


@register.filter
def audit_describe(event: AuditEvent) -> str:
    return describe(event)
