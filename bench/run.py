"""Benchmark (not a test): every portal list and dashboard against its floor.

    .venv/bin/python bench/run.py [--rounds 15] [--skip-load] [--skip-rent-run]

Starts a throwaway PostgreSQL (scripts/test.py's cluster; or $DATABASE_URL's
server), seeds the full portfolio (`seed_scale` defaults) and a 10 % one into two
databases, then in this one process, round-robin and interleaved (small and full
data set alternate every round), times each endpoint, the raw SQL that fetches
the same rows, and a trivial Django view (`/healthz`). Floor = raw SQL p50 +
trivial view p50; growth = full p50 / small p50. The trivial view is also timed
signed in as each endpoint's reader (its session, user row and roles, which
every signed-in page pays first): `ratio_to_signed_in_floor` says how far a page
is from its rows plus that, the part of the gap a page's own code can close.
`least_ratio` is the issue's ratio of a page that did nothing but sign its
reader in and run its raw SQL ((signed-in trivial + raw) / floor): where it is
above the target (lists 2.5, aggregates 1.5), no page code can meet the target.
Then a load test (gunicorn with 2 workers, locust headless): mixed
tenant/operator/bank reads (A), the trivial view (B) and the trivial view
signed in as those readers (C), in A-B-C-C-B-A order; A/B is the issue's
throughput ratio, C/B the most any signed-in reads could reach. Then the rent
run over the full portfolio and the contract PDF. Writes bench/results.json and
prints the table.

The production topology has a shared cache: with `redis-server` on PATH (or
$REDIS_URL set) the run starts a throwaway one and every process uses it, for
cached sessions as in production (`--no-redis`: the single-machine default).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from endpoints import (  # bench/endpoints.py
    ENDPOINTS,
    TRIVIAL,
    Endpoint,
    run_floor,
    signed_in_clients,
)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The issue's targets: a page's ratio to its floor, by kind.
TARGET = {"list": 2.5, "aggregate": 1.5}
FULL = {"parks": 200, "units": 100_000, "companies": 50_000, "leases": 80_000}
SMALL_FACTOR = 0.1


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def manage(url: str, *args: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, DEBUG="0", SECRET_KEY="bench-only")
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(base_url: str, factor: float) -> dict[str, str]:
    """Migrate once, clone the schema, seed both sizes (timed: ≤ 5 min full)."""
    import psycopg

    urls = {size: with_db(base_url, f"bench_{size}") for size in ("small", "full")}
    admin = with_db(base_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        for size in urls:
            conn.execute(f"DROP DATABASE IF EXISTS bench_{size}")
        conn.execute("CREATE DATABASE bench_small")
    manage(urls["small"], "migrate", "-v", "0")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE bench_full TEMPLATE bench_small")
    seed_args = {
        size: {k: max(1, round(v * factor * scale)) for k, v in FULL.items()}
        for size, scale in (("small", SMALL_FACTOR), ("full", 1))
    }
    for size, url in urls.items():
        started = time.perf_counter()
        args = [f"--{k}={v}" for k, v in seed_args[size].items()]
        manage(url, "seed_scale", *args, "--seed", "1")
        log(f"seeded {size} in {time.perf_counter() - started:.0f} s")
    return urls


# --------------------------------------------------------------------------- #
# In-process timing
# --------------------------------------------------------------------------- #
@contextmanager
def throwaway_redis() -> Iterator[str | None]:
    """A private redis-server on a Unix socket, without persistence: its URL,
    or None when there is no redis-server on PATH."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="bench-redis-")
    socket = Path(folder) / "redis.sock"
    server = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(socket), "--save", "",
         "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not socket.exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"unix://{socket}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def use_shared_cache(stack: ExitStack, wanted: bool) -> None:
    """$REDIS_URL for every process of the run: the given one, a throwaway
    server's (until `stack` closes), or none."""
    if not wanted:
        os.environ.pop("REDIS_URL", None)
    elif not os.environ.get("REDIS_URL"):
        url = stack.enter_context(throwaway_redis())
        if url:
            os.environ["REDIS_URL"] = url
    log(f"shared cache: {'Redis' if os.environ.get('REDIS_URL') else 'none'}")


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")  # DEBUG would keep every SQL statement
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("CONN_MAX_AGE", "600")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="bench-static-"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from config.startup import collect_static

    collect_static()  # as a production start-up does


# One open connection per data set, as a server keeps its connections
# (CONN_MAX_AGE): switching data sets swaps them, so no round pays for a new
# PostgreSQL backend (its catalogue caches start cold).
_CONNECTIONS: dict[str, object] = {}


def use_database(name: str) -> None:
    from django.db import connections

    current = connections["default"]
    _CONNECTIONS.setdefault(current.settings_dict["NAME"], current)
    if name not in _CONNECTIONS:
        wrapper = connections.create_connection("default")
        wrapper.settings_dict = {**wrapper.settings_dict, "NAME": name}
        _CONNECTIONS[name] = wrapper
    connections["default"] = _CONNECTIONS[name]
    connections["default"].ensure_connection()


def timed(fn: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def measure(
    urls: dict[str, str], rounds: int, skip: list[str]
) -> tuple[list[Endpoint], dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    names = {size: urlsplit(url).path.lstrip("/") for size, url in urls.items()}
    clients: dict[str, dict[str, Client]] = {}
    params: dict[str, dict[str, int]] = {}
    for size, name in names.items():
        use_database(name)
        clients[size], params[size] = signed_in_clients()
    trivial: dict[str, list[float]] = {size: [] for size in names}
    endpoints = [ep for ep in ENDPOINTS if ep.name not in skip]

    # A first call of each page computes what it keeps (the parks' figures,
    # once after seeding): not what a page costs, so not counted.
    for size, name in names.items():
        use_database(name)
        for ep in endpoints:
            clients[size][ep.actor].get(ep.path.format(**params[size]))
    for rnd in range(rounds + 1):  # round 0 warms caches and is dropped
        for size, name in names.items():
            use_database(name)
            for ep in endpoints:
                path = ep.path.format(**params[size])
                sql = ep.floor_sql.format(**params[size])
                client = clients[size][ep.actor]
                if rnd == 0:
                    connection.queries_log.clear()  # a bounded deque
                    with CaptureQueriesContext(connection) as ctx:
                        response = client.get(path)
                    ep.queries[size] = len(ctx.captured_queries)
                    ep.statuses.add(response.status_code)
                    continue
                ep.times.setdefault(size, []).append(timed(client.get, path))
                ep.raw.setdefault(size, []).append(timed(run_floor, sql))
                ep.signed_in.setdefault(size, []).append(timed(client.get, TRIVIAL))
                trivial[size].append(timed(clients[size]["anonymous"].get, TRIVIAL))
        if rnd:
            log(f"round {rnd}/{rounds}")
    return endpoints, trivial


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(endpoints: list[Endpoint], trivial: dict) -> list[dict]:
    trivial_p50 = statistics.median(trivial["full"])
    rows = []
    for ep in endpoints:
        full, small = ep.times["full"], ep.times["small"]
        raw_p50 = statistics.median(ep.raw["full"])
        p50 = statistics.median(full)
        signed_in_p50 = statistics.median(ep.signed_in["full"])
        rows.append(
            {
                "name": ep.name,
                "kind": ep.kind,
                "queries_small": ep.queries["small"],
                "queries_full": ep.queries["full"],
                "p50_ms": round(p50, 2),
                "p95_ms": round(p(full, 0.95), 2),
                "raw_sql_p50_ms": round(raw_p50, 2),
                "trivial_p50_ms": round(trivial_p50, 2),
                "ratio_to_floor": round(p50 / (raw_p50 + trivial_p50), 2),
                "growth": round(p50 / statistics.median(small), 2),
                "trivial_signed_in_p50_ms": round(signed_in_p50, 2),
                "ratio_to_signed_in_floor": round(p50 / (raw_p50 + signed_in_p50), 2),
                "least_ratio": round(
                    (signed_in_p50 + raw_p50) / (raw_p50 + trivial_p50), 2
                ),
            }
        )
        if ep.statuses != {200}:
            log(f"WARNING {ep.name}: status {sorted(ep.statuses)}")
    return rows


# --------------------------------------------------------------------------- #
# Load, rent run, PDF
# --------------------------------------------------------------------------- #
def session_cookies(url: str) -> dict[str, str]:
    """A signed-in session per role, stored in the database the server reads."""
    from django.conf import settings
    from django.test import Client

    from config.scale import actors
    from core.models import User

    use_database(urlsplit(url).path.lstrip("/"))
    cookies = {}
    for actor in ("operator", "bank", "tenant"):
        client = Client()
        client.force_login(User.objects.get(email=getattr(actors(), actor)))
        cookies[actor] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


LOAD_PHASES = {"A": "MixedReads", "B": "Trivial", "C": "SignedInTrivial"}


def load(url: str, seconds: int, users: int) -> tuple[dict[str, float] | None, int]:
    """A-B-C-C-B-A: A = mixed portal reads, B = the trivial view, C = the trivial
    view signed in as A's readers; returns the mean requests per second of each
    (None if B served none) and the errors of the A phases."""
    port = 18000 + os.getpid() % 1000
    host = f"http://127.0.0.1:{port}"
    static = tempfile.mkdtemp(prefix="bench-static-")
    env = dict(
        os.environ, DATABASE_URL=url, DEBUG="0", SECRET_KEY="bench-only",
        ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", STATIC_ROOT=static,
        WEB_BIND=f"127.0.0.1:{port}", WEB_WORKERS="2", WEB_ACCESS_LOG="",
        LOG_LEVEL="WARNING", BENCH_SESSIONS=json.dumps(session_cookies(url)),
    )  # fmt: skip
    env.pop("WEB_ACCESS_LOG")
    bindir = Path(PY).parent
    server = subprocess.Popen(
        [str(bindir / "gunicorn"), "-c", "config/gunicorn.conf.py",
         "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        import urllib.request

        deadline = (
            time.monotonic() + 300
        )  # collectstatic compresses: slow on a busy host
        while True:
            try:
                urllib.request.urlopen(host + TRIVIAL, timeout=5)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.5)
        rps: dict[str, list[float]] = {phase: [] for phase in LOAD_PHASES}
        errors = 0
        for phase in "ABCCBA":
            out = tempfile.mkdtemp(prefix="bench-locust-")
            subprocess.run(
                [str(bindir / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                 "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
                 "--host", host, "--csv", f"{out}/s", "--only-summary",
                 "--loglevel", "WARNING", LOAD_PHASES[phase]],
                cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            with open(f"{out}/s_stats.csv") as fh:
                total = next(r for r in csv.DictReader(fh) if r["Name"] == "Aggregated")
            rps[phase].append(float(total["Requests/s"]))
            if phase == "A":
                errors += int(total["Failure Count"])
            log(f"load {phase}: {float(total['Requests/s']):.1f} req/s, "
                f"{total['Failure Count']} failures")  # fmt: skip
        if not statistics.mean(rps["B"]):
            return None, errors  # the server was saturated: no ratio to report
        return {phase: statistics.mean(got) for phase, got in rps.items()}, errors
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def rent_run(url: str) -> tuple[float, float]:
    env = dict(os.environ, DATABASE_URL=url)
    out = subprocess.run(
        [PY, str(ROOT / "bench" / "rent_run.py"), "--phase", "run"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    print(out)
    seconds = float(re.search(r"elapsed:\s+([\d.]+) s", out).group(1))
    peak = float(re.search(r"peak RSS:\s+([\d.]+) MiB", out).group(1))
    return seconds, peak


def contract_pdf(url: str) -> float:
    from django.test import Client

    from config.scale import actors
    from core.models import User

    use_database(urlsplit(url).path.lstrip("/"))
    client = Client()
    client.force_login(User.objects.get(email=actors().operator))
    client.get("/leases/1/contract.pdf")  # fonts and templates load once
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/leases/1/contract.pdf")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def print_table(rows: list[dict]) -> None:
    head = f"{'endpoint':32} {'kind':9} {'q s/f':>7} {'p50':>8} {'p95':>8} "
    head += f"{'raw':>7} {'triv':>6} {'ratio':>6} {'growth':>6} "
    head += f"{'s-in':>6} {'ratio':>6} {'least':>6}"
    print(head)
    for r in rows:
        print(
            f"{r['name']:32} {r['kind']:9} "
            f"{r['queries_small']:>3}/{r['queries_full']:<3} {r['p50_ms']:>8.1f} "
            f"{r['p95_ms']:>8.1f} {r['raw_sql_p50_ms']:>7.2f} "
            f"{r['trivial_p50_ms']:>6.2f} {r['ratio_to_floor']:>6.2f} "
            f"{r['growth']:>6.2f} {r['trivial_signed_in_p50_ms']:>6.2f} "
            f"{r['ratio_to_signed_in_floor']:>6.2f} {r['least_ratio']:>6.2f}"
        )
    beyond = [r["name"] for r in rows if r["least_ratio"] > TARGET[r["kind"]]]
    if beyond:
        print(
            "least ratio above the target (signing in and the raw SQL alone): "
            + ", ".join(beyond)
        )


def bench(base_url: str, args: argparse.Namespace) -> int:
    if args.reuse:  # the seeded databases of an earlier run, brought up to date
        urls = {size: with_db(base_url, f"bench_{size}") for size in ("small", "full")}
        for url in urls.values():
            manage(url, "migrate", "-v", "0")
    else:
        urls = prepare(base_url, args.factor)
    django_setup(urls["full"])
    endpoints, trivial = measure(urls, args.rounds, args.skip)
    rows = summarise(endpoints, trivial)
    results: dict = {"endpoints": rows}
    print_table(rows)
    rps, errors = (None, None) if args.skip_load else load(urls["full"], 20, 20)
    results["throughput_ratio"] = rps and round(rps["A"] / rps["B"], 3)
    results["throughput_ratio_signed_in_trivial"] = rps and round(
        rps["C"] / rps["B"], 3
    )
    results["load_errors"] = errors
    results["contract_pdf_seconds"] = round(contract_pdf(urls["full"]), 3)
    if args.skip_rent_run or args.reuse:
        # On reused databases the month is already billed: the run would only
        # skip every lease, and its seconds would mean nothing.
        if args.reuse and not args.skip_rent_run:
            log("rent run skipped: --reuse (run bench/rent_run.py on its own)")
        results["rent_run_seconds"] = results["rent_run_peak_mb"] = None
    else:
        seconds, peak = rent_run(urls["full"])
        results["rent_run_seconds"], results["rent_run_peak_mb"] = seconds, peak
    keys = ["endpoints", "throughput_ratio", "throughput_ratio_signed_in_trivial",
            "load_errors", "rent_run_seconds", "rent_run_peak_mb",
            "contract_pdf_seconds"]  # fmt: skip
    results = {k: results[k] for k in keys}
    out = Path(args.output)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(rows)
    print({k: v for k, v in results.items() if k != "endpoints"})
    log(f"wrote {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        help="leave out an endpoint by name (one that takes minutes)",
    )
    parser.add_argument(
        "--factor",
        type=float,
        default=1.0,
        help="shrink both data sets (a quick trial: 0.1)",
    )
    parser.add_argument("--skip-rent-run", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="$DATABASE_URL's server already holds bench_small/full",
    )
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="no shared cache: sessions in the database, a cache per process",
    )
    args = parser.parse_args()  # fmt: skip
    with ExitStack() as stack:
        use_shared_cache(stack, wanted=not args.no_redis)
        if os.environ.get("DATABASE_URL"):
            return bench(os.environ["DATABASE_URL"], args)
        sys.path.insert(0, str(ROOT / "scripts"))
        import test as harness  # scripts/test.py: the throwaway cluster helpers

        bindir = harness.find_pg_bindir()
        if bindir is None:
            sys.exit("PostgreSQL server binaries not found; set DATABASE_URL")
        cluster = stack.enter_context(harness.throwaway_cluster(bindir))
        return bench(cluster.url, args)


if __name__ == "__main__":
    sys.exit(main())
