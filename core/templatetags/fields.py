"""`{{ form|fields:"name kind" }}`: some of a form's bound fields, in order, for
`_fields.html` to lay out (side by side with grid=True)."""

from django import forms, template

register = template.Library()


@register.filter
def fields(form: forms.Form, names: str) -> list[forms.BoundField]:
    return [form[name] for name in names.split()]
