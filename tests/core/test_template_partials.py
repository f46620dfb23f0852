"""Shared template pieces: every status has a badge tone and one partial draws them
all; pagination and status tabs keep the other filters ({% querystring %})."""

import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from billing.models import Invoice, StripeEvent
from core.choices import Tone, choices_for, tones
from parks.models import Unit

STATUS_FIELDS = ("status", "outcome")


def status_fields():
    """The project's own models (not third-party ones like the task queue)."""
    for model in apps.get_models():
        if not (settings.BASE_DIR / model.__module__.split(".")[0]).is_dir():
            continue
        for field in model._meta.get_fields():
            if field.name in STATUS_FIELDS and getattr(field, "choices", None):
                yield model, field


def test_every_status_of_every_model_has_a_tone():
    found = list(status_fields())
    assert len(found) >= 10  # invoices, payments, leases, sales, requests, offers…
    for model, field in found:
        choices = choices_for(model, field.name)
        assert [value for value, _ in field.choices] == list(choices.values)
        for value in choices.values:
            assert choices(value).tone in Tone, (model, value)


def test_a_member_without_a_tone_is_refused_at_import():
    from django.db import models

    class Colour(models.TextChoices):
        RED = "red", "Red"
        BLUE = "blue", "Blue"

    with pytest.raises(ValueError, match="no tone"):
        tones(ok=["red"])(Colour)
    with pytest.raises(ValueError, match="bad tone"):
        tones(ok=["red", "green"], bad=["blue"])(Colour)


def render(source: str, **context) -> str:
    return Template("{% load status %}" + source).render(Context(context))


def test_the_partial_renders_label_and_tone():
    invoice = Invoice(status=Invoice.Status.PAID)
    assert render("{% status_badge i %}", i=invoice).strip() == (
        '<span class="badge ok">Paid</span>'
    )
    unit = Unit(status="reserved")
    assert 'class="badge warn">Reserved<' in render("{% status_badge u %}", u=unit)


def test_the_partial_renders_another_field_an_override_and_a_title():
    event = StripeEvent(outcome=StripeEvent.Outcome.UNMATCHED)
    assert 'class="badge warn">Not matched to an invoice<' in render(
        '{% status_badge e "outcome" %}', e=event
    )
    invoice = Invoice(status=Invoice.Status.OPEN)
    badge = '{% status_badge i label="Overdue" tone="bad" title="x" %}'
    html = render(badge, i=invoice)
    assert html.strip() == '<span class="badge bad" title="x">Overdue</span>'


def test_the_badge_escapes_a_title_and_draws_without_an_object():
    invoice = Invoice(status=Invoice.Status.OPEN)
    html = render("{% status_badge i title=t %}", i=invoice, t='<b>"x" & y')
    assert 'title="&lt;b&gt;&quot;x&quot; &amp; y"' in html
    assert render('{% status_badge label=l tone="ok" %}', l="<i>") == (
        '<span class="badge ok">&lt;i&gt;</span>'
    )


def test_the_label_follows_the_language():
    with translation.override("zh-hans"):
        html = render("{% status_badge i %}", i=Invoice(status=Invoice.Status.PAID))
    assert "Paid" not in html and 'class="badge ok"' in html


def test_pagination_and_status_tabs_keep_the_other_filters():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/x", {"status": "open", "park": "3", "page": "2"})
    page = Paginator(range(60), 25).get_page(2)
    html = render_to_string("_pagination.html", {"page_obj": page}, request=request)
    assert 'href="?status=open&amp;park=3&amp;page=1"' in html
    assert 'href="?status=open&amp;park=3&amp;page=3"' in html
    tabs = render_to_string(
        "_status_filter.html",
        {"statuses": Invoice.Status.choices, "status": "open"},
        request=request,
    )
    assert 'href="?park=3"' in tabs  # "All"
    assert 'href="?status=paid&amp;park=3"' in tabs


def test_action_form_renders_the_named_fields_and_one_button():
    from django import forms
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    class TerminateForm(forms.Form):
        on = forms.DateField(label="Last day")
        reason = forms.CharField(label="Reason")
        extra = forms.CharField(label="Not shown")

    html = render_to_string(
        "_action_form.html",
        {
            "action": "/leases/1/terminate",
            "form": TerminateForm(),
            "fields": "reason on",
            "button": "Terminate",
            "secondary": True,
        },
        request=RequestFactory().get("/"),
    )
    assert 'action="/leases/1/terminate"' in html
    assert "csrfmiddlewaretoken" in html
    assert html.index("Reason") < html.index("Last day")  # the order asked for
    assert "Not shown" not in html
    assert '<button type="submit" class="secondary">Terminate</button>' in html
