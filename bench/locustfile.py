"""Load for bench/run.py: mixed portal reads (A), the trivial view (B) and the
trivial view signed in as A's readers (C).

Each simulated user signs in with a session cookie made by bench/run.py
($BENCH_SESSIONS: role -> session key) and reads its role's pages.
"""

import json
import os
import random

from locust import HttpUser, between, task

SESSIONS = json.loads(os.environ.get("BENCH_SESSIONS", "{}"))
PAGES = {
    "operator": ["/", "/api/v1/parks/1/units", "/api/v1/invoices", "/leases/",
                 "/operator/occupancy/", "/api/v1/parks/1/occupancy"],
    "bank": ["/bank/", "/api/v1/finance/requests"],
    "tenant": ["/", "/invoices/", "/leases/"],
}  # fmt: skip


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.role = random.choice(["operator", "operator", "bank", "tenant"])
        self.client.cookies.set("sessionid", SESSIONS[self.role])


class MixedReads(SignedIn):
    @task
    def read(self) -> None:
        self.client.get(random.choice(PAGES[self.role]), name=self.role)


class Trivial(HttpUser):
    wait_time = between(0, 0)

    @task
    def health(self) -> None:
        self.client.get("/healthz")


class SignedInTrivial(SignedIn):
    """What the readers of A pay before any page: their session and user row."""

    @task
    def health(self) -> None:
        self.client.get("/healthz", name=self.role)
