"""Billing URLs: tenants' invoices and payments, operators' billing desk, the
Stripe webhook."""

from billing.views import invoices, operator
from core.routes import routes, variants

INVOICE = "invoices/<int:invoice_id>/"

# (route, view, name): the pages that are one view each.
PAGES = (
    ("invoices/", invoices.invoice_list, "invoices"),
    (INVOICE, invoices.invoice_detail, "invoice"),
    (INVOICE + "status", invoices.invoice_status, "invoice_status"),
    (INVOICE + "paid", invoices.invoice_paid, "invoice_paid"),
    (INVOICE + "pdf", invoices.invoice_download, "invoice_pdf"),
    (INVOICE + "pay", invoices.invoice_pay, "invoice_pay"),
    (
        INVOICE + "i-have-paid",
        invoices.invoice_notify_payment,
        "invoice_notify_payment",
    ),
    ("billing/autopay/<int:company_id>/", invoices.autopay, "autopay"),
    ("payments/stripe/webhook", invoices.stripe_webhook, "stripe_webhook"),
    ("billing/", operator.billing, "billing"),
    ("billing/rent-runs", operator.rent_run_create, "rent_run_create"),
    (
        "billing/rent-runs/preview",
        operator.rent_run_preview_view,
        "rent_run_preview",
    ),
    ("billing/rent-runs/<int:run_id>/", operator.rent_run_progress, "rent_run"),
    ("billing/receivables.xlsx", operator.receivables_export, "receivables_export"),
    ("billing/reconciliation/", operator.reconciliation_view, "reconciliation"),
    (
        "billing/reconciliation/statement",
        operator.statement_upload,
        "statement_upload",
    ),
    (
        "billing/reconciliation/statement/confirm",
        operator.statement_confirm_view,
        "statement_confirm",
    ),
    (
        "billing/payments/<int:payment_id>/review",
        operator.payment_review_view,
        "payment_review",
    ),
)

app_name = "billing"
urlpatterns = [
    *routes(PAGES),
    # One view for the payee's forms on an invoice: the kind comes from the route.
    *variants(
        INVOICE + "{}",
        invoices.invoice_payee_form,
        "invoice_{}",
        "kind",
        list(invoices.PAYEE_FORMS),
    ),
]
