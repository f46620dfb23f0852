"""The menus rendered once per kinds of role and language still differ by role,
by staff and by language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request's language stays active in the thread after it: later tests
    render in the default one."""
    yield
    translation.deactivate()


def nav(client, user, language="en") -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("core:notifications")).content.decode()


def test_each_kind_of_role_gets_its_own_menu(client, operator_user, tenant):
    operator_page = nav(client, operator_user)
    tenant_page = nav(client, tenant)
    again = nav(client, operator_user)

    assert reverse("parks:operator_parks") in operator_page
    assert reverse("parks:operator_security") in operator_page
    assert reverse("parks:operator_parks") not in tenant_page
    assert reverse("parks:operator_security") not in tenant_page
    assert f'href="{reverse("parks:admission_list")}"' in tenant_page
    assert reverse("parks:operator_parks") in again
    assert f'href="{reverse("parks:admission_list")}"' not in again


def test_only_staff_see_the_administration(client, tenant):
    staff = factories.UserFactory(is_staff=True)
    assert reverse("admin:index") not in nav(client, tenant)
    assert reverse("admin:index") in nav(client, staff)
    assert reverse("admin:index") not in nav(client, tenant)


def test_the_menu_follows_the_language(client, tenant):
    english = nav(client, tenant)
    chinese = nav(client, tenant, "zh-hans")

    assert ">Invoices<" in english
    assert ">Invoices<" not in chinese
    assert ">发票<" in chinese
