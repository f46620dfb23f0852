"""Forms that shape input for the sign-in, sign-up and token pages, and the
text fields of every form: a note typed beside an action, a model's text."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.limits import form_field
from core.models import AuditEvent


def note_field(**kwargs: Any) -> forms.Field:
    """An optional note typed beside an action that only the audit trail keeps:
    its length is the audit event's note's (a note stored on the object takes
    `text_field(Model, "decision_note")` instead)."""
    kwargs.setdefault("label", _("Note"))
    return text_field(AuditEvent, "note", **kwargs)


def text_field(model: Any, name: str, *, rows: int = 2, **kwargs: Any) -> forms.Field:
    """The model field's text in a box of `rows` lines, with its length (and,
    as every `form_field`, its verbose name unless `label` says otherwise)."""
    kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
    return form_field(model, name, **kwargs)


def required_text(
    model: Any, name: str, *, rows: int = 2, **kwargs: Any
) -> forms.Field:
    """A text the user must write (a reason, an answer)."""
    return text_field(model, name, rows=rows, required=True, **kwargs)


class NoteForm(forms.Form):
    """The optional note a page sends beside an action (withdraw, approve...)."""

    note = note_field()


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters; not only digits, not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, required=False)
