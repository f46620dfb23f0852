"""Stripe: Checkout for one-off payments, a saved card (SetupIntent through a
setup-mode Checkout) charged off-session for rent. Webhooks settle the invoices
(see billing.actions.stripe_events)."""

from __future__ import annotations

import stripe
from django.conf import settings

from billing.gateways.base import Checkout, CheckoutStart, OffSessionCharge, SavedCard
from billing.models import PaymentMethod


def stripe_client() -> stripe.StripeClient:
    """A client for the configured key; STRIPE_API_BASE points tests at a double."""
    base = settings.STRIPE_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base} if base else None,
        max_network_retries=2,  # retries reuse the idempotency key
    )


class StripeGateway:
    method = PaymentMethod.STRIPE
    online = True

    def __init__(self) -> None:
        self.client = stripe_client()

    def checkout_start(self, checkout: Checkout) -> CheckoutStart:
        metadata = {"invoice_id": str(checkout.invoice_id)}
        params: dict = {
            "mode": "payment",
            "client_reference_id": str(checkout.invoice_id),
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": checkout.currency.lower(),
                        "unit_amount": checkout.amount_minor,
                        "product_data": {"name": checkout.description},
                    },
                }
            ],
            "success_url": checkout.success_url,
            "cancel_url": checkout.cancel_url,
        }
        if checkout.customer_email:
            params["customer_email"] = checkout.customer_email
        session = self.client.v1.checkout.sessions.create(
            params, {"idempotency_key": checkout.idempotency_key}
        )
        return CheckoutStart(session_id=session.id, checkout_url=session.url)

    def card_setup_start(
        self, *, customer_id: str, company_name: str, email: str, return_url: str
    ) -> tuple[str, CheckoutStart]:
        if not customer_id:
            customer = self.client.v1.customers.create(
                {"name": company_name, "email": email}
            )
            customer_id = customer.id
        session = self.client.v1.checkout.sessions.create(
            {
                "mode": "setup",
                "customer": customer_id,
                "currency": "cny",
                "payment_method_types": ["card"],
                "success_url": return_url,
                "cancel_url": return_url,
            }
        )
        return customer_id, CheckoutStart(
            session_id=session.id, checkout_url=session.url
        )

    def card_setup_finish(self, *, session_id: str) -> SavedCard:
        session = self.client.v1.checkout.sessions.retrieve(session_id)
        setup_intent = self.client.v1.setup_intents.retrieve(session.setup_intent)
        return self.saved_card_from_setup_intent(setup_intent)

    def saved_card_from_setup_intent(self, setup_intent) -> SavedCard:
        if setup_intent.status != "succeeded" or not setup_intent.payment_method:
            raise ValueError("the card was not saved")
        method = self.client.v1.payment_methods.retrieve(setup_intent.payment_method)
        card = method.to_dict().get("card") or {}
        return SavedCard(
            customer_id=setup_intent.customer,
            payment_method_id=method.id,
            brand=card.get("brand", ""),
            last4=card.get("last4", ""),
        )

    def charge_saved_card(
        self,
        *,
        invoice_id: int,
        amount_minor: int,
        currency: str,
        card: SavedCard,
        idempotency_key: str,
    ) -> OffSessionCharge:
        try:
            intent = self.client.v1.payment_intents.create(
                {
                    "amount": amount_minor,
                    "currency": currency.lower(),
                    "customer": card.customer_id,
                    "payment_method": card.payment_method_id,
                    "confirm": True,
                    "off_session": True,
                    "metadata": {"invoice_id": str(invoice_id)},
                },
                {"idempotency_key": idempotency_key},
            )
        except stripe.CardError as exc:
            intent = getattr(exc.error, "payment_intent", None) if exc.error else None
            intent_id = intent["id"] if intent else ""
            return OffSessionCharge(intent_id, "failed", exc.user_message or str(exc))
        return OffSessionCharge(intent.id, intent.status)

    def refund(
        self, *, external_id: str, amount_minor: int, idempotency_key: str
    ) -> str:
        refund = self.client.v1.refunds.create(
            {"payment_intent": external_id, "amount": amount_minor},
            {"idempotency_key": idempotency_key},
        )
        return refund.id


def verify_signature(payload: bytes, signature: str) -> None:
    """Check the Stripe-Signature header against the raw body (raises
    SignatureVerificationError); the body is parsed, and judged, separately."""
    stripe.WebhookSignature.verify_header(
        payload.decode("utf-8", "replace"),
        signature,
        settings.STRIPE_WEBHOOK_SECRET,
        stripe.Webhook.DEFAULT_TOLERANCE,
    )
