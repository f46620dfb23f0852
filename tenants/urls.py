from core.routes import routes
from tenants import views

COMPANY = "companies/<int:company_id>/"
DOCUMENT = "documents/<int:document_id>/"

app_name = "tenants"
urlpatterns = routes(
    [
        ("companies/new/", views.company_new, "company_new"),
        ("companies/uscc-check/", views.uscc_check, "uscc_check"),
        (COMPANY, views.company_detail, "company"),
        (COMPANY + "members/", views.members, "members"),
        (
            COMPANY + "members/<int:membership_id>/remove/",
            views.member_remove,
            "member_remove",
        ),
        (COMPANY + "documents/", views.documents, "documents"),
        (DOCUMENT, views.document_download, "document_download"),
        (DOCUMENT + "delete/", views.document_delete, "document_delete"),
        ("invitations/<str:token>/", views.invitation_accept, "invitation_accept"),
    ]
)
