"""Finance URLs: tenants' finance requests and offers, the partner banks' desk."""

from core.routes import routes, variants
from finance.views import bank, security, tenant

REQUEST = "finance/requests/<int:request_id>/"
BANK_REQUEST = "bank/requests/<int:request_id>/"
BANK_OFFER = "bank/offers/<int:offer_id>/"

# (route, view, name): the pages that are one view each.
PAGES = (
    ("finance/requests/", tenant.request_list, "requests"),
    ("finance/requests/new/", tenant.request_new, "request_new"),
    ("finance/requests/new/hints/", tenant.request_hints, "request_hints"),
    (REQUEST, tenant.request_detail, "request"),
    (REQUEST + "submit/", tenant.request_submit, "request_submit"),
    (REQUEST + "withdraw/", tenant.request_withdraw, "request_withdraw"),
    (REQUEST + "dossier.pdf", tenant.request_dossier, "request_dossier"),
    ("finance/offers/<int:offer_id>/accept/", tenant.offer_accept, "offer_accept"),
    ("bank/", bank.inbox, "bank_inbox"),
    ("bank/audit/", bank.audit, "bank_audit"),
    (BANK_REQUEST, bank.request_detail, "bank_request"),
    (BANK_REQUEST + "open/", bank.request_open, "bank_request_open"),
    (BANK_REQUEST + "offers/", bank.offer_create, "bank_offer_new"),
    (BANK_REQUEST + "decline/", bank.request_decline, "bank_request_decline"),
    (BANK_OFFER + "revise/", bank.offer_revise, "offer_revise"),
)

app_name = "finance"
urlpatterns = [
    *routes(PAGES),
    *security.bank_security_routes,
    # One view for an offer's steps (approve, return, withdraw): the step
    # comes from the route.
    *variants(
        BANK_OFFER + "{}/", bank.offer_step, "offer_{}", "step", list(bank.OFFER_STEPS)
    ),
]
