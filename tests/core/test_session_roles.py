"""A session keeps the roles it read, with the user's `roles_version`: a page
reads them again only when the user joined, left, changed role or had an
organisation renamed since, whichever process served that change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.access import SESSION_ROLES_KEY
from core.models import User
from tenants.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def _page(client) -> list[str]:
    """The queries of a signed-in page (the notifications inbox: it shows the
    navigation, so it needs the roles)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/accounts/notifications/").status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _read_roles(queries: list[str]) -> bool:
    """Whether the roles' UNION over the staff tables ran."""
    return any("UNION ALL" in sql and "tenants_membership" in sql for sql in queries)


def _kept(client) -> list[tuple]:
    """The (kind index, organisation, name, Chinese name, role) rows the
    session keeps."""
    return [tuple(row) for row in client.session[SESSION_ROLES_KEY][1]]


def test_a_signed_in_page_reads_no_roles_after_sign_in(client):
    staff = factories.OperatorStaffFactory()  # roles_version moved: stale instance
    client.force_login(staff.user)
    assert not _read_roles(_page(client))
    assert not _read_roles(_page(client))
    assert [row[1:] for row in _kept(client)] == [
        (staff.operator_id, staff.operator.name, staff.operator.name_zh, "manager")
    ]


def test_joining_and_leaving_an_organisation_show_on_the_next_page(client):
    user = factories.UserFactory()
    client.force_login(user)
    _page(client)
    assert _kept(client) == []
    membership = factories.MembershipFactory(user=user)
    assert _read_roles(_page(client))  # read again once
    assert [row[1] for row in _kept(client)] == [membership.company_id]
    assert not _read_roles(_page(client))
    membership.delete()
    assert _read_roles(_page(client))
    assert _kept(client) == []


def test_a_changed_role_shows_on_the_next_page(client):
    staff = factories.BankStaffFactory(role="maker")
    client.force_login(staff.user)
    _page(client)
    staff.role = "checker"
    staff.save()
    _page(client)
    assert [row[-1] for row in _kept(client)] == ["checker"]


def test_a_staff_row_moved_to_another_user_changes_both(client):
    staff = factories.OperatorStaffFactory()
    first, other = staff.user, factories.UserFactory()
    client.force_login(first)
    _page(client)
    assert len(_kept(client)) == 1
    versions = {u.pk: User.objects.get(pk=u.pk).roles_version for u in (first, other)}
    staff.user = other
    staff.save()
    for user in (first, other):
        assert User.objects.get(pk=user.pk).roles_version == versions[user.pk] + 1
    _page(client)
    assert _kept(client) == []


def test_renaming_an_organisation_shows_on_its_staffs_next_page(client):
    membership = factories.MembershipFactory()
    client.force_login(membership.user)
    _page(client)
    company = membership.company
    company.name = "Renamed Manufacturing Co."
    company.save()
    assert _read_roles(_page(client))
    assert _kept(client)[0][2] == "Renamed Manufacturing Co."


def test_a_session_from_before_kept_roles_reads_them(client):
    membership = factories.MembershipFactory()
    client.force_login(membership.user)
    session = client.session
    del session[SESSION_ROLES_KEY]
    session.save()
    assert _read_roles(_page(client))
    assert [row[1] for row in _kept(client)] == [membership.company_id]


def test_roles_kept_under_other_sources_are_read_again(client):
    membership = factories.MembershipFactory()
    client.force_login(membership.user)
    session = client.session
    stamp, rows = session[SESSION_ROLES_KEY]
    session[SESSION_ROLES_KEY] = [[stamp[0], ["tenant"]], rows]  # an older release
    session.save()
    assert _read_roles(_page(client))
    assert not _read_roles(_page(client))


def test_a_membership_change_touches_only_its_user():
    membership = factories.MembershipFactory()
    bystander = factories.MembershipFactory(company=membership.company).user
    version = User.objects.get(pk=bystander.pk).roles_version
    Membership.objects.get(pk=membership.pk).save()
    assert User.objects.get(pk=bystander.pk).roles_version == version


def test_saving_a_user_read_before_a_change_keeps_the_new_version():
    """The version moves by a queryset update: a save of an instance read
    before it (a profile edit in the same request) must not undo it."""
    user = factories.UserFactory()
    stale = User.objects.get(pk=user.pk)
    factories.MembershipFactory(user=user)
    moved = User.objects.get(pk=user.pk).roles_version
    assert moved > stale.roles_version
    stale.full_name = "Renamed"
    stale.save()
    saved = User.objects.get(pk=user.pk)
    assert (saved.full_name, saved.roles_version) == ("Renamed", moved)


def test_saving_a_user_read_in_part_saves_what_was_read(django_assert_num_queries):
    user = factories.UserFactory(full_name="Before")
    partial = User.objects.only("full_name").get(pk=user.pk)
    partial.full_name = "After"
    with django_assert_num_queries(1):  # one UPDATE: no deferred field loaded
        partial.save()
    assert User.objects.get(pk=user.pk).full_name == "After"


def _api_call(api, path: str):
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(path)
    return response, _read_roles([q["sql"] for q in ctx.captured_queries])


def test_an_api_token_keeps_its_roles_until_they_change(api_as):
    """A token's caller has no session: its roles are kept in the cache under
    the user's roles_version, which the token's user row brings each call."""
    user = factories.UserFactory()
    api = api_as(user)
    membership = factories.MembershipFactory(user=user)
    path = f"/companies/{membership.company_id}"
    response, read = _api_call(api, path)
    assert (response.status_code, read) == (200, True)
    response, read = _api_call(api, path)
    assert (response.status_code, read) == (200, False)  # kept
    other = factories.MembershipFactory(user=user)  # joins another company
    response, read = _api_call(api, f"/companies/{other.company_id}")
    assert (response.status_code, read) == (200, True)
    membership.delete()  # leaves the first
    response, read = _api_call(api, path)
    assert (response.status_code, read) == (404, True)
    assert [c["id"] for c in api.get("/companies").json()["items"]] == [
        other.company_id
    ]


def test_another_users_kept_roles_are_not_the_callers(api_as):
    """Each user has their own entry: one user's kept roles never answer for
    another's token."""
    member = factories.MembershipFactory()
    stranger = factories.UserFactory()
    path = f"/companies/{member.company_id}"
    assert api_as(member.user).get(path).status_code == 200
    assert api_as(stranger).get(path).status_code == 404


def test_the_api_in_a_browser_reads_the_roles_its_session_keeps(client):
    """The browser's session already keeps the roles its pages read: the API
    called from that browser reads them there too."""
    membership = factories.MembershipFactory()
    client.force_login(membership.user)
    path = f"/api/v1/companies/{membership.company_id}"
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    assert not _read_roles([q["sql"] for q in ctx.captured_queries])
    assert [row[1] for row in _kept(client)] == [membership.company_id]
