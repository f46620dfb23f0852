"""Commitment pages: both sides' list, one commitment with its evidence and
concerns, the operator's new-commitment form and concern queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.audit import audit_trail
from core.errors import Invalid
from core.models import User
from core.views import run_action, run_step, submit
from governance.access import operated_park
from governance.actions import commitments as actions
from governance.actions import concerns
from governance.actions import settings as settings_actions
from governance.downloads import evidence_file_response
from governance.forms import (
    AnswerForm,
    CommitmentForm,
    ConcernForm,
    EvidenceForm,
    NoteForm,
    SettingsForm,
)
from governance.links import candidates, link_url
from governance.models import Commitment, Concern, Evidence, ParkGovernance, Side
from parks.access import refuse_park_form
from parks.models import MANAGER_ROLES, OFFICER_ROLES, Park
from parks.queries.admission import admissions_granted
from tenants.models import Document

STATUS_FILTERS = ("open", *Commitment.Status.values)


def _visible(request: HttpRequest):
    return Commitment.objects.visible_to(request.user).select_related("company", "park")


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    rows = _visible(request)
    status = request.GET.get("status", "")
    side = request.GET.get("side", "")
    if status == "open":
        rows = rows.filter(status__in=Commitment.OPEN_STATUSES)
    elif status in Commitment.Status.values:
        rows = rows.filter(status=status)
    if side in Side.values:
        rows = rows.filter(side=side)
    park = request.GET.get("park", "")
    if park.isdigit():
        rows = rows.filter(park_id=int(park))
    return render(
        request,
        "governance/commitment_list.html",
        {
            "rows": rows.order_by("due_date", "pk"),
            "status": status,
            "side": side,
            "filters": [
                ("open", pgettext("commitments filter", "Open")),
                *((s.value, s.label) for s in Commitment.Status),
            ],
            "sides": Side.choices,
            "parks": Park.objects.operated_by(request.user),
        },
    )


def _detail_context(request: HttpRequest, commitment: Commitment, **forms) -> dict:
    user = request.user
    documents = Document.objects.filter(company=commitment.company)
    evidence_form = forms.get("evidence_form") or EvidenceForm()
    evidence_form.fields["document"].choices = [("", "—")] + [
        (d.pk, f"{d.get_kind_display()} · {d.filename}") for d in documents
    ]
    today = timezone.localdate()
    refused = forms.get("answer_form")  # a refused answer, shown under its concern

    def answer_form(concern: Concern) -> AnswerForm:
        ids = _answer_ids(concern)
        return (
            refused if refused and refused.auto_id == ids else AnswerForm(auto_id=ids)
        )

    concerns = [
        (c, c.can_answer(user), c.overdue(today), answer_form(c))
        for c in commitment.concerns.select_related("raised_by", "officer")
    ]
    return {
        "c": commitment,
        "evidence": [
            (e, link_url(e) if e.link_kind else "")
            for e in commitment.evidence.select_related("document", "added_by")
        ],
        "records": candidates(commitment) if commitment.can_link_evidence(user) else [],
        "concerns": concerns,
        "can_honour": commitment.can_honour(user),
        "can_breach": commitment.can_breach(user),
        "can_waive": commitment.can_waive(user),
        "can_add_evidence": commitment.can_add_evidence(user),
        "can_raise_concern": commitment.can_raise_concern(user),
        "note_form": forms.get("note_form") or NoteForm(),
        "evidence_form": evidence_form,
        "concern_form": forms.get("concern_form") or ConcernForm(),
        "trail": audit_trail(commitment),
    }


@login_required
def commitment_detail(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    return render(
        request,
        "governance/commitment_detail.html",
        _detail_context(request, commitment),
    )


def _page(commitment_id: int) -> str:
    return reverse("governance:commitment", args=[commitment_id])


def _act(request: HttpRequest, commitment_id: int, do, done: str) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    return run_action(
        request, lambda: do(commitment), success=done, then=_page(commitment.pk)
    )


def _submit(
    request: HttpRequest,
    commitment: Commitment,
    form,
    form_key: str,
    action,
    done: str,
    *,
    then: str | None = None,
    **targets,
) -> HttpResponse:
    """A form on the commitment page: the action runs on this commitment (or on
    the `targets` named); on success to `then` (the page) with a message,
    otherwise the page again with the form's errors."""
    response = submit(
        request,
        form,
        action,
        success=done,
        then=then or _page(commitment.pk),
        **(targets or {"commitment": commitment}),
    )
    return response or render(
        request,
        "governance/commitment_detail.html",
        _detail_context(request, commitment, **{form_key: form}),
    )


# One outcome per transition: the action that records it and what the page says.
OUTCOMES = {
    "honour": (actions.commitment_honour, gettext_lazy("Recorded as honoured.")),
    "breach": (actions.commitment_breach, gettext_lazy("Recorded as breached.")),
    "waive": (actions.commitment_waive, gettext_lazy("Waived.")),
}


@login_required
@require_POST
def commitment_outcome(
    request: HttpRequest, commitment_id: int, outcome: str
) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    return run_step(
        request,
        OUTCOMES[outcome],
        commitment=commitment,
        then=_page(commitment.pk),
    )


@login_required
@require_POST
def evidence_add(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    form = EvidenceForm(request.POST, request.FILES)
    form.fields["document"].choices = [("", "—")] + [
        (d.pk, d.filename) for d in Document.objects.filter(company=commitment.company)
    ]
    return _submit(
        request,
        commitment,
        form,
        "evidence_form",
        actions.evidence_add,
        _("Evidence added."),
    )


@login_required
@require_POST
def evidence_link(request: HttpRequest, commitment_id: int) -> HttpResponse:
    kind, _sep, ref = request.POST.get("record", "").partition("|")
    return _act(
        request,
        commitment_id,
        lambda c: actions.evidence_link(
            commitment=c, actor=request.user, kind=kind, ref=ref
        ),
        _("Evidence added."),
    )


@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = get_scoped(
        Evidence.objects.filter(commitment__in=_visible(request)),
        pk=evidence_id,
    )
    try:
        return evidence_file_response(evidence)
    except Invalid:
        return redirect("governance:commitment", evidence.commitment_id)


@login_required
@require_POST
def concern_raise(request: HttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    form = ConcernForm(request.POST)
    return _submit(
        request,
        commitment,
        form,
        "concern_form",
        concerns.concern_raise,
        _("Concern sent. The park's service officer will answer."),
    )


@login_required
@require_POST
def concern_answer(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = get_scoped(
        Concern.objects.filter(commitment__in=_visible(request)), pk=concern_id
    )
    if request.POST.get("next") == "queue":
        then = reverse("governance:concerns", args=[concern.commitment.park_id])
    else:
        then = _page(concern.commitment_id)
    form = AnswerForm(request.POST, auto_id=_answer_ids(concern))
    return _submit(
        request,
        concern.commitment,
        form,
        "answer_form",
        concerns.concern_answer,
        _("Answer sent to the tenant."),
        then=then,
        concern=concern,
    )


def _answer_ids(concern: Concern) -> str:
    """Each concern's answer form has its own ids, so its label finds its box."""
    return f"id_concern{concern.pk}_%s"


@login_required
def commitment_new(request: HttpRequest, park_id: int) -> HttpResponse:
    park = operated_park(request.user, park_id)
    listed = f"{reverse('governance:commitments')}?park={park.pk}"
    if refused := refuse_park_form(request, park, OFFICER_ROLES, listed):
        return refused
    companies = {
        a.company_id: a.company
        for a in admissions_granted(park=park).select_related("company")
    }
    form = CommitmentForm(request.POST or None)
    form.fields["company"].choices = [(pk, c.name) for pk, c in companies.items()]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = run_action(
            request,
            lambda: actions.commitment_create(
                actor=request.user,
                park=park,
                company=companies[data["company"]],
                side=Side.PARK,
                kind=data["kind"],
                description=data["description"],
                amount=data["amount"],
                due_date=data["due_date"],
            ),
            success=_("Commitment recorded."),
            then=lambda commitment: _page(commitment.pk),
            form=form,
        )
        if response:
            return response
    return render(
        request, "governance/commitment_new.html", {"park": park, "form": form}
    )


@login_required
def concern_queue(request: HttpRequest, park_id: int) -> HttpResponse:
    park = operated_park(request.user, park_id)
    today = timezone.localdate()
    rows = (
        Concern.objects.filter(commitment__park=park)
        .select_related("commitment__company", "officer")
        .order_by("status", "due_on", "pk")
    )
    return render(
        request,
        "governance/concern_queue.html",
        {
            "park": park,
            "rows": [(c, c.overdue(today), c.can_answer(request.user)) for c in rows],
            "answer_form": AnswerForm(),
        },
    )


@login_required
def governance_settings(request: HttpRequest, park_id: int) -> HttpResponse:
    park = operated_park(request.user, park_id)
    row = ParkGovernance.of(park)
    form = SettingsForm(request.POST or None, instance=row)
    form.fields["service_officer"].queryset = User.objects.filter(
        operator_staff__operator_id=park.operator_id
    )
    done = submit(
        request,
        form,
        settings_actions.governance_settings_update,
        success=_("Settings saved."),
        then=reverse("governance:settings", args=[park.pk]),
        park=park,
    )
    if done:
        return done
    return render(
        request,
        "governance/settings.html",
        {
            "park": park,
            "form": form,
            "can_edit": park.has_role(request.user, MANAGER_ROLES),
        },
    )
