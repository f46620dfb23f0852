"""Billing URLs: tenants' invoices and payments, operators' billing desk, the
Stripe webhook."""

from billing.views import invoices, operator
from core.routes import routes

INVOICE = "invoices/<int:invoice_id>/"

app_name = "billing"
urlpatterns = routes(
    [
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
        ("billing/rent-runs/<int:run_id>/", operator.rent_run_progress, "rent_run"),
        ("billing/receivables.xlsx", operator.receivables_export, "receivables_export"),
        ("billing/reconciliation/", operator.reconciliation_view, "reconciliation"),
        (
            "billing/payments/<int:payment_id>/review",
            operator.payment_review_view,
            "payment_review",
        ),
        (INVOICE + "transfer", operator.invoice_record_transfer, "invoice_transfer"),
        (INVOICE + "void", operator.invoice_void_view, "invoice_void"),
    ]
)
