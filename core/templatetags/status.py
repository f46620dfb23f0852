"""`{% status_badge obj %}`: the badge of any model's status, in its tone."""

from django import template
from django.db import models

from core.choices import tone_of

register = template.Library()


@register.inclusion_tag("_status.html")
def status_badge(
    obj: models.Model,
    field: str = "status",
    label: str = "",
    tone: str = "",
    title: str = "",
) -> dict:
    """`label`/`tone` override what the status says (an open invoice past its due
    date reads "Overdue" in the bad tone); `title` becomes a tooltip."""
    return {
        "label": label or getattr(obj, f"get_{field}_display")(),
        "tone": tone or tone_of(obj, field),
        "title": title,
    }
