"""Run the linters, then the test suite against a throwaway PostgreSQL if possible.

Usage: scripts/test.py [pytest args...]
       scripts/test.py --pg-shell-check   (start a cluster, run `select 1`, stop)

Database choice: $DATABASE_URL if set; else a temporary PostgreSQL cluster when
the server binaries can be found; else SQLite. REQUIRE_POSTGRES=1 turns the
SQLite fallback into an error.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_OS_USER = "postgres"
DB_NAME = "enclave"
PG_GLOB = "/usr/lib/postgresql/*/bin/"

LINTERS: tuple[tuple[str, ...], ...] = (
    ("ruff", "check", "."),
    ("ruff", "format", "--check", "."),
    ("lint-imports",),
)


class PgError(RuntimeError):
    """The throwaway cluster could not be created or started."""


def log(msg: str) -> None:
    print(f"[test.py] {msg}", flush=True)


def truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def venv_tool(name: str) -> str:
    path = VENV_BIN / name
    if not path.exists():
        sys.exit(f"[test.py] {path} not found - run `make venv` first.")
    return str(path)


def run_linters() -> None:
    for cmd in LINTERS:
        log("$ " + " ".join(cmd))
        rc = subprocess.call([venv_tool(cmd[0]), *cmd[1:]], cwd=ROOT)
        if rc != 0:
            log(f"{cmd[0]} failed (exit {rc}); stopping.")
            sys.exit(rc)


# --------------------------------------------------------------------------- #
# PostgreSQL discovery and throwaway cluster
# --------------------------------------------------------------------------- #
def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def find_pg_bindir() -> Path | None:
    """Directory holding both initdb and pg_ctl (PATH first, then distro dirs)."""
    initdb = shutil.which("initdb")
    if initdb:
        real = Path(os.path.realpath(initdb)).parent
        if (real / "pg_ctl").exists():
            return real
        pg_ctl = shutil.which("pg_ctl")
        if pg_ctl and Path(pg_ctl).parent == Path(initdb).parent:
            return Path(initdb).parent
    for bindir in sorted(glob.glob(PG_GLOB), key=_version_key, reverse=True):
        p = Path(bindir)
        if (p / "initdb").exists() and (p / "pg_ctl").exists():
            return p
    return None


def _world_traversable(path: Path) -> bool:
    return all(os.stat(p).st_mode & 0o001 for p in (path, *path.parents))


@dataclass
class Cluster:
    bindir: Path
    tmpdir: Path
    as_postgres: bool

    @property
    def datadir(self) -> Path:
        return self.tmpdir / "data"

    @property
    def logfile(self) -> Path:
        return self.tmpdir / "postgres.log"

    @property
    def url(self) -> str:
        host = quote(str(self.tmpdir), safe="")
        return f"postgres://postgres@{host}/{DB_NAME}"

    def _cmd(self, args: Sequence[str]) -> list[str]:
        if not self.as_postgres:
            return list(args)
        if shutil.which("runuser"):
            return ["runuser", "-u", PG_OS_USER, "--", *args]
        return ["su", "-s", "/bin/sh", PG_OS_USER, "-c", shlex.join(args)]

    def _run(self, args: Sequence[str], *, check: bool = True) -> int:
        proc = subprocess.run(
            self._cmd(args),
            cwd=self.tmpdir,  # the server user must be able to enter the cwd
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # keep Ctrl-C away from the postmaster
        )
        if check and proc.returncode != 0:
            raise PgError(f"{shlex.join(args)} failed:\n{proc.stdout}{self._log()}")
        return proc.returncode

    def _log(self) -> str:
        try:
            return "\n--- server log ---\n" + self.logfile.read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> None:
        self._run(
            [
                str(self.bindir / "initdb"),
                "-D", str(self.datadir),
                "-A", "trust",
                "-U", "postgres",
                "--no-locale",
                "-E", "UTF8",
            ]
        )  # fmt: skip
        opts = (
            f"-k {shlex.quote(str(self.tmpdir))} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D", str(self.datadir),
                "-l", str(self.logfile),
                "-o", opts,
                "-w",
                "start",
            ]
        )  # fmt: skip
        self._create_db()

    def _create_db(self) -> None:
        createdb = self.bindir / "createdb"
        if not createdb.exists():
            return  # Django falls back to the "postgres" database; harmless.
        proc = subprocess.run(
            [str(createdb), "-h", str(self.tmpdir), "-U", "postgres", DB_NAME],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if proc.returncode != 0:
            raise PgError(f"createdb failed:\n{proc.stdout}{self._log()}")

    def stop(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            pg_ctl = str(self.bindir / "pg_ctl")
            base = [pg_ctl, "-D", str(self.datadir), "-w", "-t", "30"]
            if self._run([*base, "-m", "fast", "stop"], check=False) != 0:
                self._run([*base, "-m", "immediate", "stop"], check=False)


@contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[Cluster]:
    as_postgres = os.geteuid() == 0
    pg_user: pwd.struct_passwd | None = None
    if as_postgres:
        try:
            pg_user = pwd.getpwnam(PG_OS_USER)
        except KeyError as exc:
            raise PgError(f"running as root but no '{PG_OS_USER}' OS user") from exc
        if not _world_traversable(Path(tempfile.gettempdir())):
            raise PgError(
                f"{tempfile.gettempdir()} is not traversable by '{PG_OS_USER}'; "
                "set TMPDIR to a world-accessible directory"
            )

    tmpdir = Path(tempfile.mkdtemp(prefix="enclave-pg-"))
    cluster = Cluster(bindir=bindir, tmpdir=tmpdir, as_postgres=as_postgres)
    try:
        if pg_user is not None:
            os.chown(tmpdir, pg_user.pw_uid, pg_user.pw_gid)
            tmpdir.chmod(0o755)  # server owns it; we can reach the socket
        log(f"starting throwaway PostgreSQL ({bindir}) in {tmpdir}")
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
            log("throwaway PostgreSQL stopped and removed")


# --------------------------------------------------------------------------- #
# Main
# --------------------------------------------------------------------------- #
def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # unwind through the finally blocks


def run_pytest(env: dict[str, str], args: Sequence[str]) -> int:
    # Extra args come last, so e.g. `-n 0` from the caller overrides `-n 2`.
    cmd = [venv_tool("python"), "-m", "pytest", "-n", "2", *args]
    log("$ " + shlex.join(cmd))
    return subprocess.call(cmd, cwd=ROOT, env=env)


def pg_shell_check(bindir: Path | None) -> int:
    if bindir is None:
        log("PostgreSQL server binaries not found")
        return 1
    with throwaway_cluster(bindir) as cluster:
        log(f"DATABASE_URL={cluster.url}")
        psql = bindir / "psql"
        psql_cmd = str(psql) if psql.exists() else (shutil.which("psql") or "psql")
        return subprocess.call(
            [psql_cmd, "-h", str(cluster.tmpdir), "-U", "postgres", "-d", DB_NAME,
             "-Atc", "select 1"]
        )  # fmt: skip


def main(argv: Sequence[str]) -> int:
    signal.signal(signal.SIGTERM, _on_sigterm)
    os.chdir(ROOT)
    args = list(argv)
    if args[:1] == ["--pg-shell-check"]:
        return pg_shell_check(find_pg_bindir())

    run_linters()

    require_pg = truthy("REQUIRE_POSTGRES")
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "").strip()
    if url:
        if require_pg and not url.startswith(("postgres://", "postgresql://")):
            log("REQUIRE_POSTGRES=1 but DATABASE_URL is not a PostgreSQL URL")
            return 2
        log("using DATABASE_URL from the environment")
        return run_pytest(env, args)

    bindir = find_pg_bindir()
    if bindir is not None:
        try:
            with throwaway_cluster(bindir) as cluster:
                env["DATABASE_URL"] = cluster.url
                log(f"DATABASE_URL={cluster.url}")
                return run_pytest(env, args)
        except PgError as exc:
            log(f"could not start PostgreSQL: {exc}")
            if require_pg:
                log("REQUIRE_POSTGRES=1: refusing to fall back to SQLite")
                return 2
            log("falling back to SQLite")

    if require_pg:
        log("REQUIRE_POSTGRES=1 but no PostgreSQL (initdb/pg_ctl) was found")
        return 2
    env.pop("DATABASE_URL", None)
    log(
        "PostgreSQL not found: running on SQLite; PostgreSQL-only tests will be skipped"
    )
    return run_pytest(env, args)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
