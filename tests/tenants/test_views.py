"""Tenant pages: registration, USCC check, profile, documents, members, invitations."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.actions import member_invite
from tenants.models import Company, Document, Invitation, Membership
from tests.factories import DocumentFactory, MembershipFactory, UserFactory

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
HTMX = {"HX-Request": "true"}


def form_data(**overrides) -> dict:
    data = {
        "name": "黔东南精工模具有限公司",
        "uscc": "91522601MA6DN2L0KJ",
        "legal_representative": "李伟",
        "registered_capital": "5000000",
        "founded_on": "2019-04-18",
        "employees": "86",
        "annual_revenue": "32800000",
        "industry_code": "35",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner_client(client, tenant):
    client.force_login(tenant)
    return client


# --- registration --------------------------------------------------------------


def test_company_new_needs_login(client, db):
    assert client.get("/companies/new/").status_code == 302


def test_company_new_valid_redirects_to_documents(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/companies/new/", form_data(uscc="91522601ma6dn2l0kj"))
    company = Company.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/documents/"
    assert company.uscc == "91522601MA6DN2L0KJ"
    assert Membership.objects.get(company=company).user == user


def test_company_new_invalid_uscc_shows_the_error_and_saves_nothing(client, db):
    client.force_login(UserFactory())
    response = client.post("/companies/new/", form_data(uscc="91522601MA6DN2L0K0"))
    assert response.status_code == 200
    assert "check character" in response.context["form"].errors["uscc"][0]
    assert 'aria-invalid="true"' in response.text
    assert not Company.objects.exists()
    assert not Membership.objects.exists()


def test_company_new_taken_uscc_shows_the_error(owner_client, company):
    response = owner_client.post("/companies/new/", form_data(uscc=company.uscc))
    assert response.status_code == 200
    assert response.context["form"].errors["uscc"]
    assert Company.objects.count() == 1


# --- live USCC check -----------------------------------------------------------


def uscc_check(client, value):
    client.force_login(UserFactory())
    return client.get("/companies/uscc-check/", {"uscc": value}, headers=HTMX)


def test_uscc_check_needs_sign_in(client, db):
    response = client.get("/companies/uscc-check/", {"uscc": "915226"}, headers=HTMX)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_uscc_check_valid_fragment_only(client, db):
    response = uscc_check(client, "91522601ma6dn2l0kj")
    assert response.status_code == 200
    assert 'id="uscc-feedback"' in response.text
    assert "<html" not in response.text and "<form" not in response.text
    assert "Valid USCC" in response.text and "91522601MA6DN2L0KJ" in response.text
    assert 'class="feedback ok"' in response.text


def test_uscc_check_invalid(client, db):
    response = uscc_check(client, "915226")
    assert "18 characters" in response.text
    assert "feedback bad" in response.text


def test_uscc_check_taken(client, company):
    response = uscc_check(client, company.uscc)
    assert "already registered" in response.text
    assert "feedback bad" in response.text


def test_uscc_check_empty_says_nothing(client, db):
    response = uscc_check(client, "  ")
    assert 'id="uscc-feedback"' in response.text
    assert "Valid" not in response.text and "bad" not in response.text


# --- profile -------------------------------------------------------------------


def test_company_detail_for_owner_has_the_edit_form(owner_client, company):
    response = owner_client.get(f"/companies/{company.pk}/")
    assert response.status_code == 200
    assert company.uscc in response.text
    assert response.context["form"] is not None


def test_company_edit_by_owner(owner_client, company):
    data = form_data(name="Renamed Co.", employees="400", annual_revenue="30000000")
    del data["uscc"]
    response = owner_client.post(f"/companies/{company.pk}/", data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.size_class) == ("Renamed Co.", "medium")


def test_company_detail_for_a_plain_member_is_read_only(client, company):
    member = MembershipFactory(company=company, role="member").user
    client.force_login(member)
    response = client.get(f"/companies/{company.pk}/")
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(f"/companies/{company.pk}/", {"name": "X"}).status_code == 200
    company.refresh_from_db()
    assert company.name != "X"


def test_another_tenants_company_404(owner_client, other_company):
    assert owner_client.get(f"/companies/{other_company.pk}/").status_code == 404
    assert (
        owner_client.get(f"/companies/{other_company.pk}/documents/").status_code == 404
    )
    assert owner_client.get(f"/companies/{other_company.pk}/members/").status_code == (
        404
    )


# --- documents -----------------------------------------------------------------


def test_documents_full_page(owner_client, company):
    DocumentFactory(company=company, filename="licence.pdf")
    response = owner_client.get(f"/companies/{company.pk}/documents/")
    assert response.status_code == 200
    assert "<html" in response.text
    assert 'id="documents-panel"' in response.text
    assert "licence.pdf" in response.text


def test_documents_htmx_fragment(owner_client, company):
    response = owner_client.get(f"/companies/{company.pk}/documents/", headers=HTMX)
    assert response.status_code == 200
    assert 'id="documents-panel"' in response.text
    assert "<html" not in response.text
    assert "KYC checklist" in response.text


def test_upload_via_the_page(owner_client, company):
    response = owner_client.post(
        f"/companies/{company.pk}/documents/",
        {"kind": "id_card", "file": SimpleUploadedFile("身份证.pdf", PDF)},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.filename) == ("id_card", "身份证.pdf")


def test_upload_via_htmx_returns_the_panel(owner_client, company):
    response = owner_client.post(
        f"/companies/{company.pk}/documents/",
        {"kind": "id_card", "file": SimpleUploadedFile("id.png", PDF)},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'id="documents-panel"' in response.text and "<html" not in response.text
    assert "id.pdf" in response.text
    assert Document.objects.count() == 1


def test_bad_upload_via_the_page_shows_the_error(owner_client, company):
    response = owner_client.post(
        f"/companies/{company.pk}/documents/",
        {"kind": "id_card", "file": SimpleUploadedFile("fake.pdf", b"hello")},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Only PDF, PNG or JPEG" in response.text
    assert not Document.objects.exists()


def test_plain_member_sees_no_upload_form_and_cannot_post(client, company):
    member = MembershipFactory(company=company, role="member").user
    client.force_login(member)
    page = client.get(f"/companies/{company.pk}/documents/")
    assert page.context["form"] is None
    client.post(
        f"/companies/{company.pk}/documents/",
        {"kind": "id_card", "file": SimpleUploadedFile("id.pdf", PDF)},
    )
    assert not Document.objects.exists()


def test_download_via_the_page(owner_client, company, other_company):
    mine = DocumentFactory(company=company)
    theirs = DocumentFactory(company=other_company)
    response = owner_client.get(f"/documents/{mine.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert owner_client.get(f"/documents/{theirs.pk}/").status_code == 404


def test_delete_via_the_page(owner_client, company, django_capture_on_commit_callbacks):
    document = DocumentFactory(company=company)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(f"/documents/{document.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/documents/"
    assert not Document.objects.exists()


def test_delete_via_htmx_returns_the_panel(owner_client, company):
    document = DocumentFactory(company=company, filename="gone.pdf")
    response = owner_client.post(f"/documents/{document.pk}/delete/", headers=HTMX)
    assert response.status_code == 200
    assert 'id="documents-panel"' in response.text and "<html" not in response.text
    assert "gone.pdf was deleted." in response.text
    assert not Document.objects.exists()


def test_delete_is_post_only_and_scoped(owner_client, other_company):
    theirs = DocumentFactory(company=other_company)
    assert (
        owner_client.get(f"/documents/{theirs.pk}/delete/").status_code == 302
    )  # back, not a 405
    assert owner_client.post(f"/documents/{theirs.pk}/delete/").status_code == 404
    assert Document.objects.filter(pk=theirs.pk).exists()


# --- members and invitations ---------------------------------------------------


def test_members_page_invite(owner_client, company, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            f"/companies/{company.pk}/members/",
            {"email": "new.hire@example.com", "role": "admin"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("new.hire@example.com", "admin")
    [message] = mail.outbox
    assert "http://testserver/invitations/" in message.body
    page = owner_client.get(f"/companies/{company.pk}/members/")
    assert "new.hire@example.com" in page.text


def test_members_page_invite_existing_member_shows_the_error(
    owner_client, company, tenant
):
    response = owner_client.post(
        f"/companies/{company.pk}/members/", {"email": tenant.email, "role": "member"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_member_remove_via_the_page(owner_client, company):
    membership = MembershipFactory(company=company, role="member")
    response = owner_client.post(
        f"/companies/{company.pk}/members/{membership.pk}/remove/"
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_invitation_accept_page(client, tenant, company):
    # given an invitation for a user who is not signed in
    _invitation, raw = member_invite(
        company=company,
        actor=tenant,
        email="joiner@example.com",
        role="member",
        accept_url="/invitations/{token}/",
    )
    page = client.get(f"/invitations/{raw}/")
    assert page.status_code == 200
    assert company.name in page.text
    assert "/accounts/login/?next=" in page.text
    # when the invitee signs in and accepts
    joiner = UserFactory(email="joiner@example.com")
    client.force_login(joiner)
    response = client.post(f"/invitations/{raw}/")
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/"
    assert company.memberships.filter(user=joiner, role="member").exists()
    # and the link is spent
    assert client.get(f"/invitations/{raw}/").status_code == 404


def test_invitation_accept_with_the_wrong_account_shows_the_error(
    client, tenant, company
):
    _invitation, raw = member_invite(
        company=company,
        actor=tenant,
        email="joiner@example.com",
        role="member",
        accept_url="/invitations/{token}/",
    )
    client.force_login(UserFactory(email="someone.else@example.com"))
    response = client.post(f"/invitations/{raw}/")
    assert response.status_code == 200
    assert "joiner@example.com" in response.context["error"]
    assert not company.memberships.filter(user__email="someone.else@example.com")


def test_unknown_invitation_404(client, db):
    assert client.get("/invitations/no-such-token/").status_code == 404
