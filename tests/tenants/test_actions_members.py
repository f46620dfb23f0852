"""Invitations and memberships: invite, accept, remove."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.audit import audit_trail
from core.errors import Conflict, Invalid, NotAllowed, NotFound
from tenants.actions import invitation_accept, member_invite, member_remove
from tenants.models import Invitation, Membership
from tests.factories import MembershipFactory, UserFactory

ACCEPT_URL = "https://enclave.test/invitations/{token}/"


def invite(company, actor, email="new.hire@example.com", role="member"):
    return member_invite(
        company=company, actor=actor, email=email, role=role, accept_url=ACCEPT_URL
    )


# --- invite --------------------------------------------------------------------


def test_invite_sends_an_email_with_the_link(
    tenant, company, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        invitation, raw = invite(company, tenant, email=" New.Hire@Example.com ")
    # then
    assert invitation.email == "new.hire@example.com"
    assert invitation.role == "member"
    assert invitation.is_pending
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert raw not in invitation.token_hash
    [message] = mail.outbox
    assert message.to == ["new.hire@example.com"]
    assert company.name in message.subject
    assert ACCEPT_URL.format(token=raw) in message.body
    assert [e.action for e in audit_trail(invitation)] == ["member_invited"]


def test_no_email_when_the_transaction_does_not_commit(
    tenant, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(company, tenant)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_admin_may_invite_members_and_admins_but_not_owners(company):
    admin = MembershipFactory(company=company, role="admin").user
    invite(company, admin, email="m@example.com", role="member")
    invite(company, admin, email="a@example.com", role="admin")
    with pytest.raises(NotAllowed):
        invite(company, admin, email="o@example.com", role="owner")
    assert not Invitation.objects.filter(email="o@example.com").exists()


def test_owner_may_invite_an_owner(tenant, company):
    invitation, _raw = invite(company, tenant, role="owner")
    assert invitation.role == "owner"


def test_plain_member_may_not_invite(company):
    member = MembershipFactory(company=company, role="member").user
    with pytest.raises(NotAllowed):
        invite(company, member)


def test_outsider_gets_not_found(other_tenant, company):
    with pytest.raises(NotFound):
        invite(company, other_tenant)


def test_inviting_an_existing_member_conflicts(tenant, company):
    member = MembershipFactory(company=company, role="member").user
    with pytest.raises(Conflict) as excinfo:
        invite(company, tenant, email=member.email.upper())
    assert excinfo.value.code == "already_member"
    assert "email" in excinfo.value.fields
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("email", "role", "field"),
    [("not-an-email", "member", "email"), ("x@example.com", "boss", "role")],
)
def test_invalid_email_or_role(tenant, company, email, role, field):
    with pytest.raises(Invalid) as excinfo:
        invite(company, tenant, email=email, role=role)
    assert list(excinfo.value.fields) == [field]


def test_reinvite_revokes_the_previous_invitation(tenant, company):
    # given
    first, first_raw = invite(company, tenant)
    # when
    second, second_raw = invite(company, tenant, role="admin")
    # then
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(company.invitations.pending()) == [second]
    with pytest.raises(NotFound):
        invitation_accept(raw_token=first_raw, actor=UserFactory(email=first.email))


# --- accept --------------------------------------------------------------------


def test_accept_creates_the_membership_with_the_invited_role(tenant, company):
    # given
    _invitation, raw = invite(company, tenant, email="joiner@example.com", role="admin")
    joiner = UserFactory(email="joiner@example.com")
    # when
    membership = invitation_accept(raw_token=raw, actor=joiner)
    # then
    assert (membership.company, membership.user, membership.role) == (
        company,
        joiner,
        "admin",
    )
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == joiner
    assert not invitation.is_pending
    assert "member_joined" in [e.action for e in audit_trail(company)]


def test_accept_with_another_email_is_not_allowed(tenant, company):
    _invitation, raw = invite(company, tenant, email="joiner@example.com")
    with pytest.raises(NotAllowed) as excinfo:
        invitation_accept(raw_token=raw, actor=UserFactory(email="other@example.com"))
    assert "joiner@example.com" in excinfo.value.message
    assert Invitation.objects.get().is_pending
    assert not company.memberships.filter(user__email="other@example.com").exists()


def test_expired_invitation_is_not_found(tenant, company):
    invitation, raw = invite(company, tenant, email="late@example.com")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(NotFound):
        invitation_accept(raw_token=raw, actor=UserFactory(email="late@example.com"))


def test_accepting_twice_is_not_found(tenant, company):
    _invitation, raw = invite(company, tenant, email="twice@example.com")
    joiner = UserFactory(email="twice@example.com")
    invitation_accept(raw_token=raw, actor=joiner)
    with pytest.raises(NotFound):
        invitation_accept(raw_token=raw, actor=joiner)
    assert company.memberships.filter(user=joiner).count() == 1


@pytest.mark.parametrize("raw", ["", "made-up-token"])
def test_unknown_token_is_not_found(db, raw):
    with pytest.raises(NotFound):
        invitation_accept(raw_token=raw, actor=UserFactory())


# --- remove --------------------------------------------------------------------


def test_owner_removes_a_member(tenant, company):
    membership = MembershipFactory(company=company, role="member")
    member_remove(membership=membership, actor=tenant)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert "member_removed" in [e.action for e in audit_trail(company)]


def test_the_last_owner_cannot_be_removed(tenant, company):
    own = tenant.memberships.get()
    with pytest.raises(Conflict) as excinfo:
        member_remove(membership=own, actor=tenant)
    assert excinfo.value.code == "last_owner"
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_owner_may_go_when_another_owner_stays(tenant, company):
    second = MembershipFactory(company=company, role="owner")
    member_remove(membership=tenant.memberships.get(), actor=second.user)
    assert list(company.memberships.values_list("role", flat=True)) == ["owner"]


def test_admin_may_remove_members_but_not_owners(tenant, company):
    admin = MembershipFactory(company=company, role="admin").user
    member = MembershipFactory(company=company, role="member")
    member_remove(membership=member, actor=admin)
    with pytest.raises(NotAllowed):
        member_remove(membership=tenant.memberships.get(), actor=admin)


def test_plain_member_may_not_remove(tenant, company):
    member = MembershipFactory(company=company, role="member").user
    other = MembershipFactory(company=company, role="member")
    with pytest.raises(NotAllowed):
        member_remove(membership=other, actor=member)
    assert Membership.objects.filter(pk=other.pk).exists()


def test_a_removed_member_loses_the_companys_steps_at_once(tenant, company):
    """A member's role is read once with all their roles and kept on the user:
    removing the membership is seen by the next check on the same user."""
    admin = MembershipFactory(company=company, role="admin")
    member = MembershipFactory(company=company, role="member")
    member_remove(membership=member, actor=admin.user)  # reads admin's roles
    member_remove(membership=admin, actor=tenant)
    with pytest.raises(NotFound):
        member_remove(membership=tenant.memberships.get(), actor=admin.user)
