"""`{% object_url 'app:route' row.pk %}`: `{% url %}` for a route whose one
argument is an object's key, from the route reversed once per process
(`core.routes.object_url`). For links in every row of a list."""

from django import template

from core.routes import object_url as _object_url

register = template.Library()


@register.simple_tag
def object_url(name: str, pk: int) -> str:
    return _object_url(name, pk)
