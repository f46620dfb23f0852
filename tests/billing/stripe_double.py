"""A local stand-in for the parts of Stripe that localstripe lacks: Checkout.

A stdlib HTTP server in a thread. It answers /v1/checkout/sessions itself (with
Stripe's idempotency-key replay), serves a tiny hosted payment page with Pay and
Cancel buttons, and forwards every other /v1/ request to localstripe, so one
STRIPE_API_BASE serves both. Completing a session signs a
checkout.session.completed event with the webhook secret and posts it to the
configured webhook URL (or hands it to the test), as Stripe would.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import stripe


def _flatten_form(body: str) -> dict[str, Any]:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    out: dict[str, Any] = {}
    for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
        parts = key.replace("]", "").split("[")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(out)


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


class StripeDouble:
    def __init__(self, *, localstripe_url: str, webhook_secret: str) -> None:
        self.localstripe_url = localstripe_url.rstrip("/")
        self.webhook_secret = webhook_secret
        self.webhook_url = ""  # set by a test that wants live delivery
        self.sessions: dict[str, dict[str, Any]] = {}
        self.idempotent: dict[str, tuple[int, bytes]] = {}
        self.create_calls = 0
        self.sink: list[tuple[bytes, str]] = []  # webhooks localstripe sent us
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> StripeDouble:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- the Checkout API ---------------------------------------------------------

    def create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        session_id = "cs_test_" + secrets.token_hex(12)
        mode = params.get("mode", "payment")
        amount = sum(
            int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
            for item in params.get("line_items", [])
        )
        currency = (
            params.get("line_items", [{}])[0].get("price_data", {}).get("currency")
            if mode == "payment"
            else params.get("currency", "cny")
        )
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": mode,
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": amount if mode == "payment" else None,
            "currency": currency,
            "customer": params.get("customer"),
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata", {}),
            "payment_intent": None,
            "setup_intent": None,
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "url": f"{self.url}/pay/{session_id}",
            "_pi_metadata": (params.get("payment_intent_data") or {}).get(
                "metadata", {}
            ),
        }
        self.sessions[session_id] = session
        return session

    def public(self, session: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in session.items() if not k.startswith("_")}

    def complete(self, session_id: str, *, amount_total: int | None = None) -> dict:
        """Pay (or set up) a session; returns the signed event as (payload, header).

        `amount_total` lets a test simulate a payment that differs from the
        invoice. Delivery to `webhook_url` happens when one is set.
        """
        session = self.sessions[session_id]
        session["status"] = "complete"
        if session["mode"] == "setup":
            session["setup_intent"] = self._setup_card(session["customer"])
        else:
            session["payment_status"] = "paid"
            session["payment_intent"] = "pi_test_" + secrets.token_hex(12)
            if amount_total is not None:
                session["amount_total"] = amount_total
        event = self.event("checkout.session.completed", self.public(session))
        self.deliver(event)
        return event

    def event(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": "evt_test_" + secrets.token_hex(12),
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "data": {"object": obj},
        }

    def sign(self, event: dict[str, Any]) -> tuple[bytes, str]:
        payload = json.dumps(event)
        header = stripe.WebhookSignature.generate_signature_header(
            payload, self.webhook_secret
        )
        return payload.encode(), header

    def deliver(self, event: dict[str, Any]) -> int | None:
        if not self.webhook_url:
            return None
        payload, header = self.sign(event)
        request = urllib.request.Request(
            self.webhook_url,
            data=payload,
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def _setup_card(self, customer: str) -> str:
        """A real SetupIntent in localstripe with a test card attached."""
        card = self._localstripe(
            "/v1/payment_methods",
            {
                "type": "card",
                "card[number]": "4242424242424242",
                "card[exp_month]": "12",
                "card[exp_year]": "2030",
                "card[cvc]": "123",
            },
        )
        intent = self._localstripe(
            "/v1/setup_intents", {"customer": customer, "usage": "off_session"}
        )
        self._localstripe(
            f"/v1/setup_intents/{intent['id']}/confirm", {"payment_method": card["id"]}
        )
        self._localstripe(
            f"/v1/payment_methods/{card['id']}/attach", {"customer": customer}
        )
        return intent["id"]

    def _localstripe(self, path: str, form: dict[str, str]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.localstripe_url + path,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Authorization": "Bearer sk_test_double"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    # --- HTTP ---------------------------------------------------------------------

    def _handler(self):
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _send(self, status: int, body: bytes, ctype="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, data: Any) -> None:
                self._send(status, json.dumps(data).encode())

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self) -> None:
                path = urllib.parse.urlparse(self.path).path
                if path.startswith("/v1/checkout/sessions/"):
                    session = double.sessions.get(path.rsplit("/", 1)[1])
                    if session is None:
                        return self._json(
                            404, {"error": {"message": "No such session"}}
                        )
                    return self._json(200, double.public(session))
                if path.startswith("/pay/"):
                    return self._page(path.split("/")[2])
                return self._proxy("GET", b"")

            def do_POST(self) -> None:
                path = urllib.parse.urlparse(self.path).path
                body = self._body()
                if path == "/_sink":
                    double.sink.append((body, self.headers.get("Stripe-Signature", "")))
                    return self._json(200, {})
                if path == "/v1/checkout/sessions":
                    key = self.headers.get("Idempotency-Key", "")
                    with double.lock:
                        if key and key in double.idempotent:
                            status, data = double.idempotent[key]
                            return self._send(status, data)
                        double.create_calls += 1
                        session = double.create_session(_flatten_form(body.decode()))
                        data = json.dumps(double.public(session)).encode()
                        if key:
                            double.idempotent[key] = (200, data)
                    return self._send(200, data)
                if path.startswith("/pay/"):
                    _, _, session_id, action = path.split("/")
                    session = double.sessions[session_id]
                    if action == "complete":
                        double.complete(session_id)
                        target = session["success_url"]
                    else:
                        target = session["cancel_url"]
                    target = target.replace("{CHECKOUT_SESSION_ID}", session_id)
                    self.send_response(303)
                    self.send_header("Location", target)
                    self.end_headers()
                    return None
                return self._proxy("POST", body)

            def _page(self, session_id: str) -> None:
                session = double.sessions.get(session_id)
                if session is None:
                    return self._send(404, b"no such session", "text/plain")
                amount = (session["amount_total"] or 0) / 100
                html = f"""<!doctype html><html><head><title>Checkout double</title>
                </head><body><h1>Stripe Checkout (test double)</h1>
                <p id="amount">{session["currency"] or ""} {amount:.2f}</p>
                <form method="post" action="/pay/{session_id}/complete">
                <button type="submit">Pay</button></form>
                <form method="post" action="/pay/{session_id}/cancel">
                <button type="submit">Cancel</button></form></body></html>"""
                return self._send(200, html.encode(), "text/html; charset=utf-8")

            def _proxy(self, method: str, body: bytes) -> None:
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type", "idempotency-key")
                }
                request = urllib.request.Request(
                    double.localstripe_url + self.path,
                    data=body if method == "POST" else None,
                    headers=headers,
                    method=method,
                )
                try:
                    with urllib.request.urlopen(request, timeout=20) as response:
                        return self._send(response.status, response.read())
                except urllib.error.HTTPError as exc:
                    return self._send(exc.code, exc.read())

        return Handler
