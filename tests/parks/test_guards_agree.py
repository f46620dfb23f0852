"""The parks' state machines (lease applications, leases, sales, admissions): the
rule the page asks (`allowed_actions`) is the rule the action enforces, for every
state and every kind of actor, and each detail page offers exactly those steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from freezegun import freeze_time

from core.dates import term_end
from core.errors import DomainError
from core.models import User
from parks.actions import admission, leases, leasing, sales
from parks.models import AdmissionApplication, Lease, LeaseApplication, Park, Sale
from tests import factories
from tests.guards import assert_guards_agree
from tests.parks.leasing_fixtures import manager_of, staff_of

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)
LONG_AGO = date(2023, 1, 1)
MONTH_START = TODAY.replace(day=1)
DECISION = "decision"  # a form whose radio buttons name the steps it offers

Step = Callable[[Any, User], Any]


@pytest.fixture(autouse=True)
def _frozen():
    with freeze_time("2027-03-10 02:00:00"):  # 10:00 in Shanghai
        yield


@dataclass
class Cast:
    park: Park
    building: Any
    company: Any
    actors: dict[str, User]


@pytest.fixture
def cast(tenant, company, other_tenant) -> Cast:
    """One park and one tenant company, with everyone who might press a button."""
    park = factories.ParkFactory()
    actors = {
        "park manager": manager_of(park),
        "park staff": staff_of(park),
        "park finance": staff_of(park, "finance"),
        "another operator's manager": factories.OperatorStaffFactory().user,
        "tenant owner": tenant,
        "tenant admin": factories.MembershipFactory(company=company, role="admin").user,
        "tenant member": factories.MembershipFactory(
            company=company, role="member"
        ).user,
        "another tenant's owner": other_tenant,
        "stranger": factories.UserFactory(),
    }
    return Cast(park, factories.BuildingFactory(park=park), company, actors)


class _Forms(HTMLParser):
    """The POST forms of a page: their action URL and the decision radios."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "").lower() == "post":
            self.forms.append((a.get("action") or "", set()))
        elif tag == "input" and a.get("name") == "decision" and self.forms:
            self.forms[-1][1].add(a.get("value"))


def offered(html: str, prefix: str, routes: dict[str, str]) -> set[str]:
    """The steps a page offers on one object: its forms posting under `prefix`,
    named by `routes` (URL → step, or DECISION for a form of several steps),
    and its links to a step's own page; an unknown form counts as itself, so it
    shows up as a difference."""
    parser = _Forms()
    parser.feed(html)
    steps = {
        routes[href] for href in parser.links if routes.get(href, DECISION) != DECISION
    }
    for action, decisions in parser.forms:
        step = routes.get(action)
        if step == DECISION:
            steps |= decisions
        elif step is not None:
            steps.add(step)
        elif action.startswith(prefix):
            steps.add(action)
    return steps


def assert_pages_agree(client, objects, actors, routes, steps) -> None:
    """Each actor's view of each object's page: a 404 for those with nothing to
    do there, else the forms for exactly the allowed steps."""
    wrong, shown = [], set()
    for state, obj in objects.items():
        prefix = obj.get_absolute_url()
        for who, actor in actors.items():
            allowed = type(obj).objects.get(pk=obj.pk).allowed_actions(actor)
            client.force_login(actor)
            response = client.get(prefix)
            if response.status_code == 404:
                page = set()
            else:
                assert response.status_code == 200, (state, who)
                page = offered(response.content.decode(), prefix, routes(obj))
            if page != allowed:
                wrong.append((state, who, sorted(allowed), sorted(page)))
            shown |= page
    assert wrong == []
    assert shown == set(steps)


# --- lease applications --------------------------------------------------------


APPLICATION_STEPS: dict[str, Step] = {
    "approve": lambda a, actor: leasing.lease_approve(application=a, actor=actor),
    "reject": lambda a, actor: leasing.lease_reject(
        application=a, actor=actor, note="Reserved for the chain leader"
    ),
    "withdraw": lambda a, actor: leasing.lease_application_withdraw(
        application=a, actor=actor
    ),
}


def _applications(cast: Cast) -> dict[str, LeaseApplication]:
    def application() -> LeaseApplication:
        return factories.LeaseApplicationFactory(
            company=cast.company,
            unit=factories.UnitFactory(building=cast.building),
            start_date=TODAY + timedelta(days=30),
        )

    manager, owner = cast.actors["park manager"], cast.actors["tenant owner"]
    approved, rejected, withdrawn = application(), application(), application()
    leasing.lease_approve(application=approved, actor=manager)
    leasing.lease_reject(application=rejected, actor=manager, note="No")
    leasing.lease_application_withdraw(application=withdrawn, actor=owner)
    no_rate, sold, taken = application(), application(), application()
    no_rate.unit.monthly_rent_per_m2 = None
    no_rate.unit.save()
    factories.SaleFactory(unit=sold.unit, status="submitted", price=Decimal("900000"))
    factories.LeaseFactory(
        unit=taken.unit,
        status="approved",
        start_date=taken.start_date + timedelta(days=60),
        end_date=taken.start_date + timedelta(days=400),
    )
    return {
        "submitted": application(),
        "submitted, the unit has no rent rate": no_rate,
        "submitted, the unit is being sold": sold,
        "submitted, another lease holds the unit": taken,
        "approved": approved,
        "rejected": rejected,
        "withdrawn": withdrawn,
    }


def _application_routes(application: LeaseApplication) -> dict[str, str]:
    return {
        application.get_absolute_url(): DECISION,
        reverse("parks:lease_application_withdraw", args=[application.pk]): "withdraw",
    }


def test_a_lease_application_step_runs_exactly_when_allowed(cast):
    assert_guards_agree(_applications(cast), cast.actors, APPLICATION_STEPS)


def test_an_application_blocked_by_other_rows_is_rejected_not_approved(client, cast):
    """Approving is offered only when it would succeed: otherwise the page says
    what stands in the way, offers Reject, and the action refuses with that
    same reason."""
    manager = cast.actors["park manager"]
    client.force_login(manager)
    for state, code in (
        ("submitted, the unit has no rent rate", "unit_without_rent"),
        ("submitted, the unit is being sold", "unit_sold"),
        ("submitted, another lease holds the unit", "unit_taken"),
    ):
        application = _applications(cast)[state]
        reason = application.approval_blocker()
        assert reason.code == code
        assert application.allowed_actions(manager) == {"reject"}
        page = client.get(application.get_absolute_url()).content.decode()
        assert reason.message.replace("'", "&#x27;") in page
        with pytest.raises(DomainError) as refused:
            APPLICATION_STEPS["approve"](application, manager)
        assert refused.value.code == code


def test_the_lease_application_page_offers_the_allowed_steps(client, cast):
    assert_pages_agree(
        client, _applications(cast), cast.actors, _application_routes, APPLICATION_STEPS
    )


# --- leases -----------------------------------------------------------------------


def _termination_day(lease: Lease) -> date:
    """A day the termination form accepts: today, kept within the term."""
    return min(max(TODAY, lease.start_date), lease.end_date)


LEASE_STEPS: dict[str, Step] = {
    "activate": lambda lease, actor: leases.lease_activate(lease=lease, actor=actor),
    "renew": lambda lease, actor: leases.lease_renew(
        lease=lease, actor=actor, term_months=24
    ),
    "terminate": lambda lease, actor: leases.lease_terminate(
        lease=lease, actor=actor, on=_termination_day(lease), reason="Moving out"
    ),
}


def _leases(cast: Cast) -> dict[str, Lease]:
    """A lease in each state the park's manager meets: before and after its
    start, handed over or not, ending, renewed (and that renewal cancelled)."""

    def lease(status="active", start=MONTH_START, months=36, **kw) -> Lease:
        return factories.LeaseFactory(
            unit=factories.UnitFactory(building=cast.building),
            company=cast.company,
            status=status,
            start_date=start,
            end_date=term_end(start, months),
            **kw,
        )

    manager = cast.actors["park manager"]
    renewed, cancelled = lease(), lease()
    renewal = leases.lease_renew(lease=renewed, actor=manager, term_months=24)
    leases.lease_terminate(
        lease=leases.lease_renew(lease=cancelled, actor=manager, term_months=24),
        actor=manager,
        on=TODAY,
        reason="The tenant changed its plans",
    )
    ending = leases.lease_terminate(
        lease=lease(), actor=manager, on=TODAY + timedelta(days=30), reason="Closing"
    )
    return {
        "approved, starts later": lease("approved", start=TODAY + timedelta(days=20)),
        "approved, started": lease("approved", start=TODAY - timedelta(days=5)),
        "approved, term over": lease("approved", start=LONG_AGO, months=24),
        "active": lease(),
        "active, term over": lease(start=LONG_AGO, months=24),
        "active, termination scheduled": ending,
        "active, renewed": renewed,
        "the renewal": renewal,
        "active, renewal cancelled": cancelled,
        "terminated": lease("terminated", terminated_on=TODAY - timedelta(days=3)),
        "expired": lease("expired", start=LONG_AGO, months=24),
    }


def _lease_routes(lease: Lease) -> dict[str, str]:
    return {
        reverse(f"parks:lease_{step}", args=[lease.pk]): step for step in LEASE_STEPS
    }


def test_a_lease_step_runs_exactly_when_allowed(cast):
    assert_guards_agree(_leases(cast), cast.actors, LEASE_STEPS)


def test_a_lease_whose_renewal_was_cancelled_may_end_but_not_renew_again(cast):
    """`previous` is one-to-one, so the action refuses a second renewal; the
    page offered one until the guard learned it too."""
    manager = cast.actors["park manager"]
    lease = _leases(cast)["active, renewal cancelled"]

    assert lease.allowed_actions(manager) == {"terminate"}
    with pytest.raises(DomainError) as refused:
        LEASE_STEPS["renew"](lease, manager)
    assert refused.value.code == "renewed"


def test_a_lease_past_its_term_is_not_renewed_into_the_past(cast):
    """Until the daily expiry run marks it expired, a lease past its end date
    is still active; a renewal would start in the past, so neither the page
    nor the action offers one (a new lease is signed instead)."""
    manager = cast.actors["park manager"]
    lease = _leases(cast)["active, term over"]

    assert "renew" not in lease.allowed_actions(manager)
    with pytest.raises(DomainError) as refused:
        LEASE_STEPS["renew"](lease, manager)
    assert refused.value.code == "lease_ended"


def test_the_lease_page_offers_the_allowed_steps(client, cast):
    assert_pages_agree(client, _leases(cast), cast.actors, _lease_routes, LEASE_STEPS)


# --- sales ------------------------------------------------------------------------


SALE_STEPS: dict[str, Step] = {
    "approve": lambda sale, actor: sales.sale_approve(sale=sale, actor=actor),
    "reject": lambda sale, actor: sales.sale_reject(
        sale=sale, actor=actor, note="Sold to a chain leader"
    ),
    "complete": lambda sale, actor: sales.sale_complete(sale=sale, actor=actor),
    "withdraw": lambda sale, actor: sales.sale_withdraw(sale=sale, actor=actor),
}


def _sales(cast: Cast) -> dict[str, Sale]:
    def sale(status: str) -> Sale:
        return factories.SaleFactory(
            unit=factories.UnitFactory(building=cast.building, offer="sale"),
            company=cast.company,
            status=status,
        )

    return {status: sale(status) for status in Sale.Status.values}


def _sale_routes(sale: Sale) -> dict[str, str]:
    return {
        sale.get_absolute_url(): DECISION,
        reverse("parks:sale_complete", args=[sale.pk]): "complete",
        reverse("parks:sale_withdraw", args=[sale.pk]): "withdraw",
    }


def test_a_sale_step_runs_exactly_when_allowed(cast):
    assert_guards_agree(_sales(cast), cast.actors, SALE_STEPS)


def test_the_sale_page_offers_the_allowed_steps(client, cast):
    assert_pages_agree(client, _sales(cast), cast.actors, _sale_routes, SALE_STEPS)


# --- admissions -------------------------------------------------------------------


def _admission_steps(officer: User) -> dict[str, Step]:
    return {
        "edit": lambda a, actor: admission.admission_update(
            application=a, actor=actor, jobs=a.jobs
        ),
        "submit": lambda a, actor: admission.admission_submit(
            application=a, actor=actor
        ),
        "withdraw": lambda a, actor: admission.admission_withdraw(
            application=a, actor=actor
        ),
        "approve": lambda a, actor: admission.admission_approve(
            application=a, actor=actor
        ),
        "reject": lambda a, actor: admission.admission_reject(
            application=a, actor=actor, note="Outside the park's industries"
        ),
        "request_info": lambda a, actor: admission.admission_request_info(
            application=a, actor=actor, note="Send the EIA registration form"
        ),
        "assign": lambda a, actor: admission.admission_assign_officer(
            application=a, actor=actor, officer=officer
        ),
    }


def _admissions(cast: Cast) -> dict[str, AdmissionApplication]:
    def filed() -> AdmissionApplication:
        draft = factories.AdmissionApplicationFactory(
            company=cast.company, park=cast.park
        )
        return admission.admission_submit(application=draft, actor=owner)

    owner, staff = cast.actors["tenant owner"], cast.actors["park staff"]
    return {
        "draft": factories.AdmissionApplicationFactory(
            company=cast.company, park=cast.park
        ),
        "submitted": filed(),
        "info requested": admission.admission_request_info(
            application=filed(), actor=staff, note="The EIA form, please"
        ),
        "approved": admission.admission_approve(application=filed(), actor=staff),
        "rejected": admission.admission_reject(
            application=filed(), actor=staff, note="Heavy polluter"
        ),
        "withdrawn": admission.admission_withdraw(application=filed(), actor=owner),
    }


def _admission_routes(application: AdmissionApplication) -> dict[str, str]:
    def url(name: str) -> str:
        return reverse(f"parks:admission_{name}", args=[application.pk])

    return {
        url("edit"): "edit",  # a link to the edit page
        url("submit"): "submit",
        url("withdraw"): "withdraw",
        url("decide"): DECISION,
        url("officer"): "assign",
    }


def test_an_admission_step_runs_exactly_when_allowed(cast):
    steps = _admission_steps(officer=cast.actors["park staff"])
    assert_guards_agree(_admissions(cast), cast.actors, steps)


def test_the_admission_page_offers_the_allowed_steps(client, cast):
    steps = _admission_steps(officer=cast.actors["park staff"])
    assert_pages_agree(client, _admissions(cast), cast.actors, _admission_routes, steps)
