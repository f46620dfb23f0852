"""`{% heading _("Parks") _("What this page is for.") %}`: a page's title and the
line under it, the same on every page."""

from django import template

register = template.Library()


@register.inclusion_tag("_heading.html")
def heading(title: str, lead: str = "") -> dict:
    return {"title": title, "lead": lead}
