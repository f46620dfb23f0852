"""The shared pieces pages are built from: the form POST step, decision tables,
optional list filters, the list-table frame, headings and downloads."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import RequestContext, Template
from django.test import RequestFactory

from core.downloads import file_response
from core.errors import Invalid
from core.limits import NOTE_LENGTH
from core.views import decided, posted_note, run_step, submit, submit_page_form
from parks.models import LeaseApplication
from tests import factories


class NoteForm(forms.Form):
    note = forms.CharField(max_length=20)


def _post(data: dict, user=None):
    request = RequestFactory().post("/somewhere/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_submit_calls_the_action_with_the_actor_targets_and_form_fields() -> None:
    calls = []

    def action(*, actor, target, note):
        calls.append((actor, target, note))
        return "done"

    request = _post({"note": "hello"}, user="someone")
    form = NoteForm(request.POST)
    response = submit(
        request, form, action, target=7, success=lambda r: r, then="/next/"
    )
    assert calls == [("someone", 7, "hello")]
    assert (response.status_code, response["Location"]) == (302, "/next/")
    assert [str(m) for m in request._messages] == ["done"]


def test_submit_renders_on_get_invalid_input_or_a_refusal() -> None:
    def refuse(**_kwargs):
        raise Invalid("no", fields={"note_text": ["Too rude."]})

    get = RequestFactory().get("/somewhere/")
    assert submit(get, NoteForm(), refuse, success="", then="/") is None
    invalid = _post({"note": "x" * 30})
    assert submit(invalid, NoteForm(invalid.POST), refuse, success="", then="/") is None
    request = _post({"note": "rude"})
    form = NoteForm(request.POST)
    assert (
        submit(
            request, form, refuse, success="", then="/", rename={"note_text": "note"}
        )
        is None
    )
    # The action's name for the field is mapped onto the form's field.
    assert form.errors["note"] == ["Too rude."]


def test_submit_takes_a_shaped_form_s_action_data() -> None:
    class Shaped(NoteForm):
        def action_data(self):
            return {"text": self.cleaned_data["note"].upper()}

    request = _post({"note": "hi"}, user="u")
    seen = {}
    submit(
        request,
        Shaped(request.POST),
        lambda **kw: seen.update(kw),
        success="ok",
        then="/",
    )
    assert seen == {"actor": "u", "text": "HI"}


def test_a_decision_picks_its_action_and_passes_the_rest() -> None:
    act = decided({"approve": lambda **kw: ("yes", kw), "reject": lambda **kw: "no"})
    assert act(decision="approve", actor="a", note="n") == (
        "yes",
        {"actor": "a", "note": "n"},
    )
    assert act(decision="reject", actor="a") == "no"


def test_a_step_runs_its_action_with_the_note_and_says_its_message() -> None:
    calls = []

    def withdraw(*, actor, application, note):
        calls.append((actor, application, note))

    request = _post({"note": "changed plans"}, user="someone")
    response = run_step(
        request, (withdraw, "Withdrawn."), application=7, then="/applications/7/"
    )
    assert calls == [("someone", 7, "changed plans")]
    assert (response.status_code, response["Location"]) == (302, "/applications/7/")
    assert [str(m) for m in request._messages] == ["Withdrawn."]


def test_a_refused_step_is_said_and_goes_back_to_the_page() -> None:
    def refuse(**_kwargs):
        raise Invalid("Not now.")

    request = _post({}, user="someone")
    response = run_step(request, (refuse, "Done."), application=7, then="/a/7/")
    assert response["Location"] == "/a/7/"
    assert [str(m) for m in request._messages] == ["Not now."]


def test_a_step_refuses_a_note_longer_than_the_one_note_length() -> None:
    calls = []
    request = _post({"note": "x" * (NOTE_LENGTH + 1)}, user="someone")
    response = run_step(
        request, (lambda **kw: calls.append(kw), "Done."), application=7, then="/a/7/"
    )
    assert calls == [] and response["Location"] == "/a/7/"
    [message] = [str(m) for m in request._messages]
    assert str(NOTE_LENGTH) in message
    assert posted_note(_post({"note": "  fine  "})) == "fine"


def test_a_page_form_runs_its_row_or_shows_the_page_again_with_it() -> None:
    seen = {}
    row = (NoteForm, lambda **kw: seen.update(kw), "Noted.")

    def page(**forms):  # the page again: here, the forms it is given
        return forms

    done = _post({"note": "hi"}, user="u")
    response = submit_page_form(done, row, "note", target=3, then="/x/", page=page)
    assert seen == {"actor": "u", "target": 3, "note": "hi"}
    assert response["Location"] == "/x/"
    invalid = _post({"note": "x" * 30}, user="u")
    again = submit_page_form(invalid, row, "note", target=3, then="/x/", page=page)
    assert list(again) == ["note_form"] and again["note_form"].errors


@pytest.mark.django_db
def test_where_filters_only_on_the_lookups_given_a_value() -> None:
    one = factories.LeaseApplicationFactory()
    other = factories.LeaseApplicationFactory()
    everyone = LeaseApplication.objects.all()
    assert set(everyone.where(status="", unit__park_id=None)) == {one, other}
    assert list(everyone.where(unit__park_id=one.unit.park_id, status="")) == [one]


def _render(source: str, **context) -> str:
    request = RequestFactory().get("/list/")
    template = Template("{% load tables page %}" + source)
    return template.render(RequestContext(request, context))


def test_a_table_with_rows_scrolls_in_its_box_and_without_shows_its_empty_state():
    rows = ["a", "b"]
    html = _render(
        '{% table rows empty="Nothing yet." css="compact" id="t" %}'
        "<tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody>"
        "{% endtable %}",
        rows=rows,
    )
    assert html.startswith('<div class="table-wrap"><table class="compact" id="t">')
    assert "<td>b</td>" in html and "Nothing yet." not in html
    empty = _render("{% table rows empty=why %}x{% endtable %}", rows=[], why="<no>")
    assert empty == '<div class="empty">&lt;no&gt;</div>'


def test_an_action_form_shows_only_when_allowed_and_only_its_own_options():
    source = (
        "{% load actions %}"
        '{% action_form "renew" "parks:lease_renew" 7 box="article" button="Go" %}'
    )
    page_form = NoteForm()  # the page's own form is not the action's
    shown = _render(source, allowed={"renew"}, form=page_form)
    hidden = _render(source, allowed={"terminate"}, form=page_form)
    assert shown.startswith("<article>") and shown.endswith("</article>")
    assert '<form method="post" action="/leases/7/renew/"' in shown
    assert "Go</button>" in shown and 'name="note"' not in shown
    assert hidden == ""


def test_a_heading_has_its_lead_only_when_given() -> None:
    assert "<p>" not in _render('{% heading "Parks" %}')
    assert "<p>Find one.</p>" in _render('{% heading "Parks" "Find one." %}')


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("a.pdf", "application/pdf"),
        ("b.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("c.csv", "text/csv; charset=utf-8"),
    ],
)
def test_every_download_is_typed_by_its_name_and_never_cached(name, content_type):
    response = file_response(b"x", name)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "private, no-store"
    assert file_response(b"x", name, inline=True)["Content-Disposition"].startswith(
        "inline;"
    )


def test_a_table_states_the_list_s_total_only_when_asked():
    from django.core.paginator import Paginator

    page = Paginator(list(range(30)), 10).get_page(1)
    source = "{% table page empty='none' paginate=True TOTAL %}<tr></tr>{% endtable %}"
    plain = _render(source.replace("TOTAL", ""), page=page, page_obj=page)
    counted = _render(source.replace("TOTAL", "total=True"), page=page, page_obj=page)
    assert 'data-total="30"' not in plain and "pagination" in plain
    assert 'data-total="30"' in counted
