"""Scoping review of the lending pages and dossier: ids from the query string or
the form that are not numbers answer like any other id that is not yours (no
500), and a bank's dossier shows only the documents its consent still covers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from finance.actions import bank as bank_actions
from finance.actions.dossier import dossier_context
from tests import factories
from tests.finance.lending_fixtures import market, submitted


@pytest.fixture
def m(maker, checker):
    return market(maker, checker)


@pytest.mark.parametrize(
    "query",
    ["?company=abc", "?kind=factory_mortgage&company=1x&sale=abc&amount=5"],
)
def test_request_form_and_hints_ignore_ids_that_are_not_numbers(
    client, tenant, company, m, query
):
    client.force_login(tenant)
    for name in ("finance:request_new", "finance:request_hints"):
        assert client.get(reverse(name) + query).status_code == 200


def test_request_form_post_with_a_company_that_is_not_a_number(
    client, tenant, company, m
):
    client.force_login(tenant)
    response = client.post(reverse("finance:request_new"), {"company": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors["company"]


def test_hints_never_show_another_company_s_sale(client, tenant, company, m):
    other_sale = factories.SaleFactory()
    client.force_login(tenant)
    response = client.get(
        reverse("finance:request_hints"),
        {"kind": "factory_mortgage", "sale": other_sale.pk, "amount": "100"},
    )
    assert response.status_code == 200
    assert response.context["sale"] is None


def test_a_bank_that_declined_no_longer_sees_the_shared_documents_in_the_dossier(
    tenant, company, m
):
    doc = factories.DocumentFactory(company=company, filename="licence.pdf")
    request = submitted(tenant, company, [m.bank_a, m.bank_b], documents=[doc])
    assert dossier_context(request, m.maker_a)["documents"] == [doc]
    bank_actions.route_decline(request=request, actor=m.maker_a, reason="No")
    assert dossier_context(request, m.maker_a)["documents"] == []
    assert dossier_context(request, m.maker_b)["documents"] == [doc]
    assert dossier_context(request, tenant)["documents"] == [doc]


def test_reading_a_request_changes_nothing_opening_it_is_a_post(
    client, tenant, company, m
):
    fin = submitted(tenant, company, [m.bank_a])
    client.force_login(m.maker_a)
    page = client.get(reverse("finance:bank_request", args=[fin.pk]))
    assert page.status_code == 200
    fin.refresh_from_db()
    assert fin.status == "submitted"
    assert fin.routes.get().seen_at is None
    open_url = reverse("finance:bank_request_open", args=[fin.pk])
    assert open_url in page.content.decode()  # the page reports it was opened
    assert client.get(open_url).url == reverse("finance:bank_request", args=[fin.pk])
    response = client.post(open_url, headers={"HX-Request": "true"})
    assert response.status_code == 204
    fin.refresh_from_db()
    assert fin.status == "under_review"
    assert fin.routes.get().seen_at is not None
    assert open_url not in client.get(page.request["PATH_INFO"]).content.decode()


def test_another_bank_cannot_open_a_request(client, tenant, company, m):
    fin = submitted(tenant, company, [m.bank_a])
    client.force_login(m.maker_b)
    open_url = reverse("finance:bank_request_open", args=[fin.pk])
    assert client.post(open_url).status_code == 404
    fin.refresh_from_db()
    assert fin.status == "submitted"
