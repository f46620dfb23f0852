"""Commitment pages: both sides' list, one commitment with its evidence and
concerns, the operator's new-commitment form and concern queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from core.access import get_scoped
from core.audit import audit_trail
from core.errors import DomainError, Invalid
from core.models import User
from core.views import apply_errors
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
from parks.models import AdmissionApplication, Park
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
    is_operator = commitment.operator_role(user) is not None
    return {
        "c": commitment,
        "evidence": [
            (e, link_url(e) if e.link_kind else "")
            for e in commitment.evidence.select_related("document", "added_by")
        ],
        "records": candidates(commitment) if is_operator and commitment.is_open else [],
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


def _act(request: HttpRequest, commitment_id: int, do, done: str) -> HttpResponse:
    commitment = get_scoped(_visible(request), pk=commitment_id)
    try:
        do(commitment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("governance:commitment", commitment.pk)


def _submit(
    request: HttpRequest, commitment: Commitment, form, form_key: str, do, done: str
) -> HttpResponse:
    """A form on the commitment page: on success back to the page with a message,
    otherwise the page again with the form's errors."""
    if form.is_valid():
        try:
            do(form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("governance:commitment", commitment.pk)
    return render(
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
    action, done = OUTCOMES[outcome]
    note = request.POST.get("note", "")
    return _act(
        request,
        commitment_id,
        lambda c: action(commitment=c, actor=request.user, note=note),
        str(done),
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
        lambda data: actions.evidence_add(
            commitment=commitment,
            actor=request.user,
            document_id=data["document"] or None,
            upload=data["file"],
        ),
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
        lambda data: concerns.concern_raise(
            commitment=commitment, actor=request.user, text=data["text"]
        ),
        _("Concern sent. The park's service officer will answer."),
    )


@login_required
@require_POST
def concern_answer(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = get_scoped(
        Concern.objects.filter(commitment__in=_visible(request)), pk=concern_id
    )
    form = AnswerForm(request.POST, auto_id=_answer_ids(concern))
    return _submit(
        request,
        concern.commitment,
        form,
        "answer_form",
        lambda data: concerns.concern_answer(
            concern=concern, actor=request.user, answer=data["answer"]
        ),
        _("Answer sent to the tenant."),
    )


def _answer_ids(concern: Concern) -> str:
    """Each concern's answer form has its own ids, so its label finds its box."""
    return f"id_concern{concern.pk}_%s"


@login_required
def commitment_new(request: HttpRequest, park_id: int) -> HttpResponse:
    park = operated_park(request.user, park_id)
    companies = {
        a.company_id: a.company
        for a in AdmissionApplication.objects.filter(
            park=park, status=AdmissionApplication.Status.APPROVED
        ).select_related("company")
    }
    form = CommitmentForm(request.POST or None)
    form.fields["company"].choices = [(pk, c.name) for pk, c in companies.items()]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commitment = actions.commitment_create(
                actor=request.user,
                park=park,
                company=companies[data["company"]],
                side=Side.PARK,
                kind=data["kind"],
                description=data["description"],
                amount=data["amount"],
                due_date=data["due_date"],
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Commitment recorded."))
            return redirect("governance:commitment", commitment.pk)
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
    if request.method == "POST" and form.is_valid():
        try:
            settings_actions.governance_settings_update(
                park=park,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("governance:settings", park.pk)
    return render(
        request,
        "governance/settings.html",
        {
            "park": park,
            "form": form,
            "can_edit": park.staff_role(request.user) == "manager",
        },
    )


urlpatterns = [
    path("parks/<int:park_id>/governance/", governance_settings, name="settings"),
    path("commitments/", commitment_list, name="commitments"),
    path("commitments/<int:commitment_id>/", commitment_detail, name="commitment"),
    path(
        "commitments/<int:commitment_id>/honour/",
        commitment_outcome,
        {"outcome": "honour"},
        name="commitment_honour",
    ),
    path(
        "commitments/<int:commitment_id>/breach/",
        commitment_outcome,
        {"outcome": "breach"},
        name="commitment_breach",
    ),
    path(
        "commitments/<int:commitment_id>/waive/",
        commitment_outcome,
        {"outcome": "waive"},
        name="commitment_waive",
    ),
    path(
        "commitments/<int:commitment_id>/evidence/",
        evidence_add,
        name="evidence_add",
    ),
    path(
        "commitments/<int:commitment_id>/link/",
        evidence_link,
        name="evidence_link",
    ),
    path("evidence/<int:evidence_id>/", evidence_download, name="evidence_download"),
    path(
        "commitments/<int:commitment_id>/concerns/",
        concern_raise,
        name="concern_raise",
    ),
    path("concerns/<int:concern_id>/answer/", concern_answer, name="concern_answer"),
    path(
        "parks/<int:park_id>/commitments/new/",
        commitment_new,
        name="commitment_new",
    ),
    path("parks/<int:park_id>/concerns/", concern_queue, name="concerns"),
]
