"""Dependency vulnerability audit: fail on a known vulnerability that has a fix.

Runs pip-audit over the project's virtualenv. Vulnerabilities without a released
fix are listed but do not fail the run (there is nothing to upgrade to yet).
pip-audit needs the vulnerability service on the network: offline, the audit is
skipped with a loud message rather than failing every run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
OFFLINE_HINTS = (
    "ConnectionError",
    "Max retries exceeded",
    "NameResolutionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "timed out",
    "ProxyError",
)


def banner(text: str) -> None:
    line = "!" * 78
    print(f"\n{line}\n!!! {text}\n{line}\n", flush=True)


def fixable(report: dict) -> list[tuple[str, str, str, list[str]]]:
    found = []
    for dep in report.get("dependencies", []):
        for vuln in dep.get("vulns", []):
            if vuln.get("fix_versions"):
                found.append(
                    (dep["name"], dep["version"], vuln["id"], vuln["fix_versions"])
                )
    return found


def main() -> int:
    if not PIP_AUDIT.exists():
        banner("pip-audit is not installed in .venv: DEPENDENCY AUDIT SKIPPED")
        return 0
    result = subprocess.run(
        [
            str(PIP_AUDIT),
            "--format",
            "json",
            "--progress-spinner",
            "off",
            "--skip-editable",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        if any(hint in result.stderr for hint in OFFLINE_HINTS):
            banner("No network to the vulnerability service: DEPENDENCY AUDIT SKIPPED")
            return 0
        print(result.stderr, file=sys.stderr)
        return result.returncode or 2
    report = json.loads(result.stdout)
    problems = fixable(report)
    unfixed = sum(len(d.get("vulns", [])) for d in report.get("dependencies", []))
    unfixed -= len(problems)
    if unfixed:
        print(f"[audit] {unfixed} known vulnerabilities without a released fix.")
    for name, version, vuln_id, fixes in problems:
        print(f"[audit] {name} {version}: {vuln_id}, fixed in {', '.join(fixes)}")
    if problems:
        banner(f"{len(problems)} fixable vulnerabilities: upgrade and re-lock")
        return 1
    print("[audit] no known vulnerability with a fix available.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
