"""The dependency audit fails on vulnerabilities with a fix, not on others."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "audit", Path(__file__).resolve().parents[2] / "scripts" / "audit.py"
)
audit = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(audit)


def test_only_vulnerabilities_with_a_fix_count():
    report = {
        "dependencies": [
            {
                "name": "a",
                "version": "1.0",
                "vulns": [
                    {"id": "PYSEC-1", "fix_versions": ["1.1"]},
                    {"id": "PYSEC-2", "fix_versions": []},
                ],
            },
            {"name": "b", "version": "2.0", "vulns": []},
        ]
    }
    assert audit.fixable(report) == [("a", "1.0", "PYSEC-1", ["1.1"])]


def test_audit_is_wired_into_ci():
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "make audit" in ci
