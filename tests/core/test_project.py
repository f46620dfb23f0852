"""Project-wide checks: migrations are complete, production settings pass --deploy."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**settings: str) -> dict[str, str]:
    """Only what a process needs to start, plus the given settings."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings", **settings}


def test_no_missing_migrations(db):
    # makemigrations --check exits non-zero when a model change has no migration
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


def test_production_settings_pass_check_deploy(tmp_path):
    # given the environment of a production host, and nothing leaked from tests
    # (e.g. DJANGO_ALLOW_ASYNC_UNSAFE set for the browser tests)
    env = clean_env(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="enclave.example.com",
    )
    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = clean_env(DEBUG="0")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
