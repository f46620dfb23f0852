"""Schemathesis over the WSGI app: every operation, every party, no server.

Shared by the suite (a few examples per operation) and `make fuzz` (many).
"""

from __future__ import annotations

import os

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import api

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Examples per operation; each example is sent once per party (ten, anonymous included).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))


def load_schema() -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = WSGIHandler()
    return schema


fuzz_settings = settings(
    phases=[Phase.explicit, Phase.generate]
    if os.environ.get("FUZZ_NO_SHRINK")
    else list(Phase),
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
