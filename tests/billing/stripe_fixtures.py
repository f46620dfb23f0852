"""A real localstripe server (a subprocess on a free loopback port) behind the
Checkout double, and settings that point the app at them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from tests.billing.stripe_double import StripeDouble

WEBHOOK_SECRET = "whsec_test_enclave"
SECRET_KEY = "sk_test_enclave"

# localstripe pickles its store to a fixed file in /tmp after every write; the
# tests keep it in memory so parallel runs cannot trip over each other.
LAUNCH = (
    "import sys, localstripe.resources as r;"
    "r.Store.dump_to_disk = lambda self: None;"
    "from localstripe.server import start;"
    "sys.argv = ['localstripe', '--port', sys.argv[1], '--from-scratch'];"
    "start()"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 without a key): it is up
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"localstripe did not start at {url}")


@pytest.fixture(scope="session")
def localstripe_url() -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/v1/customers")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def stripe_double(localstripe_url) -> Iterator[StripeDouble]:
    double = StripeDouble(
        localstripe_url=localstripe_url, webhook_secret=WEBHOOK_SECRET
    )
    double.start()
    # localstripe signs its own events (payment_intent.*) and posts them here.
    request = urllib.request.Request(
        f"{localstripe_url}/_config/webhooks/enclave",
        data=urllib.parse.urlencode(
            {"url": f"{double.url}/_sink", "secret": WEBHOOK_SECRET}
        ).encode(),
    )
    urllib.request.urlopen(request, timeout=5)
    yield double
    double.stop()


@pytest.fixture
def stripe_on(settings, stripe_double) -> StripeDouble:
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = stripe_double.url
    stripe_double.webhook_url = ""
    stripe_double.sink.clear()
    return stripe_double
