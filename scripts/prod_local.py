"""The production topology on one machine: `make prod-local`.

A throwaway PostgreSQL (scripts/test.py's cluster; or $DATABASE_URL), migrations,
demo data, then gunicorn (config/gunicorn.conf.py, 2 workers, static files by
WhiteNoise) and 2 task workers (`manage.py db_worker`) until Ctrl-C.
The processes are the ones a deployment runs behind a load balancer.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import test as harness  # noqa: E402 (the throwaway cluster helpers)

PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TASK_WORKERS = 2


def production_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "prod-local-only-not-secret")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SECURE_SSL_REDIRECT", "0")  # no TLS terminator in front here
    env.setdefault("SECURE_COOKIES", "0")  # plain HTTP on this machine
    env.setdefault("WEB_BIND", "127.0.0.1:8000")
    env.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    env["DATABASE_URL"] = database_url
    return env


def serve(env: dict[str, str]) -> int:
    def manage(*args: str) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo", "--force")  # a throwaway database: demo data is wanted
    procs = [
        subprocess.Popen([GUNICORN, "-c", "config/gunicorn.conf.py"], cwd=ROOT, env=env)
    ]
    procs += [
        subprocess.Popen([PY, "manage.py", "db_worker"], cwd=ROOT, env=env)
        for _ in range(TASK_WORKERS)
    ]
    harness.log(f"serving on http://{env['WEB_BIND']} (health: /healthz); Ctrl-C stops")
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        harness.log("a process exited; stopping the others")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            p.wait(timeout=30)


def main() -> int:
    signal.signal(signal.SIGTERM, harness._on_sigterm)
    with ExitStack() as stack:
        url = os.environ.get("DATABASE_URL", "").strip()
        if not url:
            bindir = harness.find_pg_bindir()
            if bindir is None:
                sys.exit("PostgreSQL server binaries not found; set DATABASE_URL")
            url = stack.enter_context(harness.throwaway_cluster(bindir)).url
        return serve(production_env(url))


if __name__ == "__main__":
    sys.exit(main())
