# ruff: noqa: F811  (pytest fixtures imported from billing_fixtures)
"""The rent run in two steps: a preview (count, total, exceptions) computed by
the run's own plan, then a confirm that plans again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.db.models import Sum

from billing.actions.rent_run import rent_run_preview, rent_run_start
from billing.models import Invoice, RentRun
from core.errors import NotAllowed
from tests import factories
from tests.billing.billing_fixtures import (  # noqa: F401
    finance_user,
    operator,
    park,
    plain_staff,
)

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)
PREVIEW = {"period": "2026-03"}


@pytest.fixture
def leases(operator, park, company):
    """Seven leases of the park: four to invoice in March (one prorated), and
    one each rent-free, ended before March's lease month, invoiced already."""

    def lease(code, **kw):
        unit = factories.UnitFactory(park=park, building__park=park, code=code)
        kw.setdefault("start_date", date(2026, 1, 1))
        kw.setdefault("end_date", date(2027, 12, 31))
        kw.setdefault("monthly_rent", D("10000.00"))
        return factories.LeaseFactory(unit=unit, company=company, **kw)

    made = {f"due{i}": lease(f"D-{i}") for i in range(3)}
    made["short"] = lease("S-1", end_date=date(2026, 3, 20))  # prorated March
    made["free"] = lease("F-1", rent_free_months=3)
    made["ended"] = lease(
        "E-1", start_date=date(2025, 3, 15), terminated_on=date(2026, 3, 10)
    )
    made["invoiced"] = lease("I-1")
    factories.InvoiceFactory(
        park=park,
        company=company,
        lease=made["invoiced"],
        kind="rent",
        period_start=MARCH,
        total=D("10000.00"),
    )
    factories.LeaseFactory(start_date=date(2026, 1, 1))  # another operator's
    return made


def run(operator, actor, capture):
    with capture(execute=True):
        started = rent_run_start(operator=operator, period=MARCH, actor=actor)
    started.refresh_from_db()
    return started


def test_the_preview_counts_what_the_run_then_issues(
    leases, operator, finance_user, django_capture_on_commit_callbacks
):
    plan = rent_run_preview(operator=operator, period=MARCH, actor=finance_user)
    assert plan.count == 4
    assert plan.total == D("30000.00") + D("6451.61")  # 20 of 31 days
    assert plan.by_reason == {"rent_free": 1, "ended": 1, "invoiced": 1}
    reasons = {s.lease_id: s.reason for s in plan.exceptions}
    assert reasons == {
        leases["free"].pk: "rent_free",
        leases["ended"].pk: "ended",
        leases["invoiced"].pk: "invoiced",
    }
    before = set(Invoice.objects.values_list("pk", flat=True))
    done = run(operator, finance_user, django_capture_on_commit_callbacks)
    issued = Invoice.objects.exclude(pk__in=before)
    assert done.created == issued.count() == plan.count
    assert issued.aggregate(s=Sum("total"))["s"] == plan.total
    again = rent_run_preview(operator=operator, period=MARCH, actor=finance_user)
    assert (again.count, again.total, again.by_reason["invoiced"]) == (0, 0, 5)


def test_a_stale_preview_does_not_mislead_the_run(
    leases, operator, park, company, finance_user, django_capture_on_commit_callbacks
):
    plan = rent_run_preview(operator=operator, period=MARCH, actor=finance_user)
    factories.LeaseFactory(
        unit=factories.UnitFactory(park=park, building__park=park, code="N-1"),
        company=company,
        start_date=date(2026, 3, 1),
        monthly_rent=D("500.00"),
    )
    Invoice.objects.filter(lease=leases["invoiced"]).update(status="void")
    done = run(operator, finance_user, django_capture_on_commit_callbacks)
    assert done.created == plan.count + 2  # the run planned again


def test_only_finance_staff_preview(leases, operator, plain_staff):
    with pytest.raises(NotAllowed):
        rent_run_preview(operator=operator, period=MARCH, actor=plain_staff)


def test_the_page_previews_then_confirms_and_refreshes_the_receivables(
    client, leases, operator, finance_user, django_capture_on_commit_callbacks
):
    client.force_login(finance_user)
    page = client.get("/billing/").content.decode()
    assert 'hx-trigger="receivables-changed from:body"' in page
    preview = client.post(
        "/billing/rent-runs/preview", {"period": "2026-03"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-preview="count">4<' in preview and "¥36,451.61" in preview
    assert "Rent-free month" in preview and "Already invoiced" in preview
    assert "Confirm: issue 4 invoices" in preview
    assert not RentRun.objects.exists()  # a preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            "/billing/rent-runs", {"period": "2026-03"}, HTTP_HX_REQUEST="true"
        )
    assert "<progress" in confirmed.content.decode()
    run = RentRun.objects.get()
    RentRun.objects.filter(pk=run.pk).update(status="running")
    polled = client.get(f"/billing/rent-runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert "HX-Trigger" not in polled
    RentRun.objects.filter(pk=run.pk).update(status="done")
    polled = client.get(f"/billing/rent-runs/{run.pk}/", HTTP_HX_REQUEST="true")
    assert polled["HX-Trigger"] == "receivables-changed"
    part = client.get(
        f"/billing/?operator={operator.pk}&part=receivables", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="receivables"' in part
    assert "<h1>" not in part and "Kaili Enclave Park" in part


def test_the_page_shows_form_errors_and_nothing_to_issue(
    client, operator, park, finance_user
):
    client.force_login(finance_user)
    bad = client.post(
        "/billing/rent-runs/preview", {"period": "March"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "YYYY-MM" in bad and "rent-run-preview" not in bad
    empty = client.post("/billing/rent-runs/preview", {"period": "2026-03"})
    assert "Nothing to issue for this month." in empty.content.decode()
    assert "Confirm:" not in empty.content.decode()


def test_the_preview_endpoint(api_as, leases, operator, finance_user, plain_staff):
    response = api_as(finance_user).post(
        "/rent-runs/preview", json={"period": "2026-03"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["total"], body["skipped"]) == (4, "36451.61", 3)
    assert {e["reason"] for e in body["exceptions"]} == {
        "rent_free",
        "ended",
        "invoiced",
    }
    assert not RentRun.objects.exists()
    other = factories.OperatorFactory()
    stranger = api_as(finance_user).post(
        "/rent-runs/preview", json={"period": "2026-03", "operator_id": other.pk}
    )
    assert stranger.status_code == 404
    refused = api_as(plain_staff).post("/rent-runs/preview", json=PREVIEW)
    assert refused.status_code == 403
    bad = api_as(finance_user).post("/rent-runs/preview", json={"period": "3/2026"})
    assert bad.status_code == 422


def test_the_runs_lease_row_names_the_columns_it_reads_in_order():
    from billing.actions.rent_run import LEASE_FIELDS, LeaseRow
    from parks.rent import RentTerms

    assert len(LeaseRow._fields) == len(LEASE_FIELDS)
    assert LeaseRow._fields[-len(RentTerms.FIELDS) :] == RentTerms.FIELDS
