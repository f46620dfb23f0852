"""`{{ park|localized:"description" }}`: a model's text in the page's language."""

from django import template

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    return obj.localized(field)
