"""Billing URLs: tenants' invoices and payments, operators' billing desk, the
Stripe webhook."""

from django.urls import path

from billing.views import invoices, operator

app_name = "billing"
urlpatterns = [
    path("invoices/", invoices.invoice_list, name="invoices"),
    path("invoices/<int:invoice_id>/", invoices.invoice_detail, name="invoice"),
    path(
        "invoices/<int:invoice_id>/status",
        invoices.invoice_status,
        name="invoice_status",
    ),
    path("invoices/<int:invoice_id>/paid", invoices.invoice_paid, name="invoice_paid"),
    path(
        "invoices/<int:invoice_id>/pdf", invoices.invoice_download, name="invoice_pdf"
    ),
    path("invoices/<int:invoice_id>/pay", invoices.invoice_pay, name="invoice_pay"),
    path(
        "invoices/<int:invoice_id>/i-have-paid",
        invoices.invoice_notify_payment,
        name="invoice_notify_payment",
    ),
    path("billing/autopay/<int:company_id>/", invoices.autopay, name="autopay"),
    path("payments/stripe/webhook", invoices.stripe_webhook, name="stripe_webhook"),
    path("billing/", operator.billing, name="billing"),
    path("billing/rent-runs", operator.rent_run_create, name="rent_run_create"),
    path(
        "billing/rent-runs/<int:run_id>/", operator.rent_run_progress, name="rent_run"
    ),
    path(
        "billing/receivables.xlsx",
        operator.receivables_export,
        name="receivables_export",
    ),
    path(
        "billing/reconciliation/", operator.reconciliation_view, name="reconciliation"
    ),
    path(
        "billing/payments/<int:payment_id>/review",
        operator.payment_review_view,
        name="payment_review",
    ),
    path(
        "invoices/<int:invoice_id>/transfer",
        invoices.invoice_record_transfer,
        name="invoice_transfer",
    ),
    path(
        "invoices/<int:invoice_id>/void",
        invoices.invoice_void_view,
        name="invoice_void",
    ),
]
