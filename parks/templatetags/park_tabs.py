"""`{% park_extra_tabs park tab %}`: the operator tabs other apps registered."""

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from parks.panels import park_operator_tabs

register = template.Library()


@register.simple_tag
def park_extra_tabs(park, tab: str = "") -> str:
    return format_html_join(
        "",
        '<a href="{}"{}>{}</a>',
        (
            (
                reverse(url_name, args=[park.pk]),
                mark_safe(' aria-current="page"') if key == tab else "",
                label,
            )
            for key, label, url_name in park_operator_tabs
        ),
    )
