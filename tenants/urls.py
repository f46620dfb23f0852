from django.urls import path

from tenants import views

app_name = "tenants"
urlpatterns = [
    path("companies/new/", views.company_new, name="company_new"),
    path("companies/uscc-check/", views.uscc_check, name="uscc_check"),
    path("companies/<int:company_id>/", views.company_detail, name="company"),
    path("companies/<int:company_id>/members/", views.members, name="members"),
    path(
        "companies/<int:company_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("companies/<int:company_id>/documents/", views.documents, name="documents"),
    path(
        "documents/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "documents/<int:document_id>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
