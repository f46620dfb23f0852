"""Production topology: a DEBUG=0 server started the production way serves pages,
and one whose static files were never collected refuses to start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DEBUG="0",
        SECRET_KEY="test-only-production-like-key",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        # Anonymous pages need no tables: an empty SQLite file is enough.
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_LEVEL="WARNING",
    )
    return env


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.read()


def test_gunicorn_with_production_settings_collects_static_and_serves_pages(
    tmp_path: Path,
) -> None:
    # Given a fresh release: DEBUG off, nothing collected yet
    port = _free_port()
    env = _production_env(tmp_path)
    env.update(WEB_BIND=f"127.0.0.1:{port}", WEB_WORKERS="1")
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        # Collecting (and compressing) static files comes first: minutes on a
        # busy two-core machine.
        deadline = time.monotonic() + 300
        while True:
            try:
                status, body = _get(base + "/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()  # a live server's stderr would never end
                    raise AssertionError(server.stderr.read().decode()) from None
                time.sleep(0.3)
        # When pages are requested; then they render with hashed static URLs
        assert status == 200
        status, body = _get(base + "/")
        assert status == 200
        html = body.decode()
        css = html.split('href="/static/css/app.', 1)[1].split('"', 1)[0]
        assert css.endswith(".css") and css != "css"  # app.<hash>.css
        status, _ = _get(base + "/accounts/login/")
        assert status == 200
        status, _ = _get(f"{base}/static/css/app.{css}")
        assert status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_wsgi_refuses_to_start_in_production_without_collected_static(
    tmp_path: Path,
) -> None:
    env = _production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Static files are not collected" in result.stderr


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [
        ("", "django.contrib.sessions.backends.db"),
        ("redis://cache:6379/0", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_use_the_cache_only_when_it_is_shared(
    tmp_path: Path, redis_url: str, engine: str
) -> None:
    env = _production_env(tmp_path)
    env.update(
        REDIS_URL=redis_url,
        PRIVATE_STORAGE_BUCKET="enclave-private" if redis_url else "",
        CONN_MAX_AGE="" if redis_url else "0",
    )
    env = {k: v for k, v in env.items() if v != ""}
    code = (
        "from config import settings as s;"
        "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'],"
        " s.STORAGES['private']['BACKEND'], s.DATABASES['default']['CONN_MAX_AGE'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    assert out[0] == engine
    if redis_url:
        assert out[1:] == [
            "core.cache.RedisCache",
            "storages.backends.s3.S3Storage",
            "600",
        ]
    else:
        assert out[1:] == [
            "django.core.cache.backends.locmem.LocMemCache",
            "django.core.files.storage.FileSystemStorage",
            "0",
        ]
