"""`{{ form|fields:"name kind" }}`: some of a form's bound fields, in order, for
`_fields.html` to lay out (side by side with grid=True)."""

from django import forms, template

from core.limits import NOTE_LENGTH

register = template.Library()


@register.filter
def fields(form: forms.Form, names: str) -> list[forms.BoundField]:
    return [form[name] for name in names.split()]


@register.simple_tag
def note_length() -> int:
    """The one length of a note (`core.limits.NOTE_LENGTH`), for a hand-laid
    note input's maxlength."""
    return NOTE_LENGTH
