"""Forms that only shape input for the services pages; rules live on the models
and in the actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.access import get_scoped
from core.forms import required_text, text_field
from core.limits import form_field
from services.models import (
    Availability,
    Blackout,
    Booking,
    BookingMessage,
    CaseStep,
    Listing,
    Offering,
    ProviderDocument,
    Quote,
    Review,
)
from services.permits import PermitType


class BookingForm(forms.Form):
    company = forms.TypedChoiceField(label=_("Company"), coerce=int)
    park = forms.TypedChoiceField(label=_("Park"), coerce=int)
    slot = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)
    permit_type = forms.ChoiceField(
        label=_("Permit"), choices=PermitType.choices, required=False
    )
    notes = text_field(Booking, "notes", label=_("What do you need?"), rows=3)

    def __init__(self, *args, companies, parks, slots, permit: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [(c.pk, c.name) for c in companies]
        self.fields["park"].choices = [(p.pk, p.display_name) for p in parks]
        self.fields["slot"].choices = [
            (
                f"{s.staff_id}|{s.starts_at.isoformat()}",
                timezone.localtime(s.starts_at).strftime("%a %Y-%m-%d %H:%M"),
            )
            for s in slots
        ]
        if permit:
            self.fields["permit_type"].required = True
        else:
            del self.fields["permit_type"]


class QuoteForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = ["amount", "scope", "valid_until"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["rating", "comment"]
        widgets = {
            "rating": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class ReplyForm(forms.Form):
    reply = required_text(Review, "reply", label=_("Your answer"))


class MessageForm(forms.Form):
    body = text_field(BookingMessage, "body")
    document = forms.TypedChoiceField(
        label=_("Attach a document from your vault (shares it with the provider)"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        if documents:
            self.fields["document"].choices = [("", "—")] + [
                (d.pk, f"{d.get_kind_display()} · {d.filename}") for d in documents
            ]
        else:
            del self.fields["document"]


class StepForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStep.Status.choices)
    note = text_field(CaseStep, "note")
    documents = forms.TypedMultipleChoiceField(
        label=_("Share documents from your vault"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        if documents:
            self.fields["documents"].choices = [
                (d.pk, f"{d.get_kind_display()} · {d.filename}") for d in documents
            ]
        else:
            del self.fields["documents"]


class DecisionForm(forms.Form):
    """Shown in a table cell, without visible labels: the inputs carry them."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("suspend", _("Suspend"))],
        widget=forms.Select(attrs={"aria-label": _("Decision")}),
    )
    note = form_field(
        Listing,
        "decision_note",
        label=_("Note"),
        widget=forms.TextInput(attrs={"aria-label": _("Note")}),
    )


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = list(Offering.EDITABLE)
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "description_zh": forms.Textarea(attrs={"rows": 2}),
        }


class AvailabilityForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )

    class Meta:
        model = Availability
        fields = ["staff", "weekday", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = provider.staff.select_related("user")


class BlackoutForm(forms.ModelForm):
    class Meta:
        model = Blackout
        fields = ["day", "staff", "reason"]
        widgets = {"day": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = provider.staff.select_related("user")
        self.fields["staff"].empty_label = _("Everyone")


class LicenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProviderDocument.Kind.choices)
    file = forms.FileField(label=_("File (PDF, PNG or JPEG)"))


class ListingRequestForm(forms.Form):
    park = forms.TypedChoiceField(label=_("Park"), coerce=int)

    def __init__(self, *args, parks, **kwargs):
        super().__init__(*args, **kwargs)
        self.parks = parks
        self.fields["park"].choices = [(p.pk, p.display_name) for p in parks]

    def action_data(self) -> dict:
        return {"park": get_scoped(self.parks, pk=self.cleaned_data["park"])}
