"""Finance URLs: tenants' finance requests and offers, the partner banks' desk."""

from django.urls import path

from finance.views import bank, security, tenant

app_name = "finance"
urlpatterns = [
    path("finance/requests/", tenant.request_list, name="requests"),
    path("finance/requests/new/", tenant.request_new, name="request_new"),
    path("finance/requests/new/hints/", tenant.request_hints, name="request_hints"),
    path("finance/requests/<int:request_id>/", tenant.request_detail, name="request"),
    path(
        "finance/requests/<int:request_id>/submit/",
        tenant.request_submit,
        name="request_submit",
    ),
    path(
        "finance/requests/<int:request_id>/withdraw/",
        tenant.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "finance/requests/<int:request_id>/dossier.pdf",
        tenant.request_dossier,
        name="request_dossier",
    ),
    path(
        "finance/offers/<int:offer_id>/accept/",
        tenant.offer_accept,
        name="offer_accept",
    ),
    path("bank/", bank.inbox, name="bank_inbox"),
    path("bank/security/", security.bank_security, name="bank_security"),
    path(
        "bank/<int:organisation_id>/security/",
        security.bank_security_change,
        name="bank_security_update",
    ),
    path("bank/audit/", bank.audit, name="bank_audit"),
    path("bank/requests/<int:request_id>/", bank.request_detail, name="bank_request"),
    path(
        "bank/requests/<int:request_id>/open/",
        bank.request_open,
        name="bank_request_open",
    ),
    path(
        "bank/requests/<int:request_id>/offers/",
        bank.offer_create,
        name="bank_offer_new",
    ),
    path(
        "bank/requests/<int:request_id>/decline/",
        bank.request_decline,
        name="bank_request_decline",
    ),
    path(
        "bank/offers/<int:offer_id>/approve/", bank.offer_approve, name="offer_approve"
    ),
    path("bank/offers/<int:offer_id>/return/", bank.offer_return, name="offer_return"),
    path(
        "bank/offers/<int:offer_id>/withdraw/",
        bank.offer_withdraw,
        name="offer_withdraw",
    ),
    path("bank/offers/<int:offer_id>/revise/", bank.offer_revise, name="offer_revise"),
]
