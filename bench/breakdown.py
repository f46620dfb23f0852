"""Where a page's time goes (not a test): each endpoint of bench/endpoints.py on
the full data set that `make bench` seeded, its requests split into the
database, the templates and the rest (middleware, view, ORM, serialisation).

    DATABASE_URL=postgres://… .venv/bin/python bench/breakdown.py [--rounds 20]
        [--only "tenant home"] [--profile 30] [--output breakdown.json]

Run it before changing code for speed: the split says which kind of work a page
is short of its floor by. The database is the time inside cursor calls (rows
fetched included); the templates are the time inside the outermost template's
render, less the queries it sets off; the rest is everything else. Medians of
`--rounds` requests per endpoint, interleaved; `--profile N` adds the N
functions with the most cumulative time per endpoint (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from endpoints import ENDPOINTS, signed_in_clients  # bench/endpoints.py
from run import ROOT, django_setup, use_database, use_shared_cache, with_db


class Clock:
    """The database and template time of the request under way."""

    def __init__(self) -> None:
        self.database = self.templates = self.database_in_templates = 0.0
        self.queries = 0
        self._depth = 0

    def reset(self) -> None:
        self.__init__()

    def query(self, execute, sql, params, many, context):  # execute_wrapper
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.database += spent
            self.queries += 1
            if self._depth:
                self.database_in_templates += spent

    @contextmanager
    def template(self):
        self._depth += 1
        started = time.perf_counter()
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth:
                self.templates += time.perf_counter() - started


def instrument(clock: Clock) -> None:
    from django.template import base

    render = base.Template.render

    def timed_render(self, context):
        with clock.template():
            return render(self, context)

    base.Template.render = timed_render


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", default="", help="endpoints whose name has this")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--output", default="")
    parser.add_argument("--no-redis", action="store_true", help="as bench/run.py")
    args = parser.parse_args()
    with ExitStack() as stack:
        use_shared_cache(stack, wanted=not args.no_redis)
        return breakdown(args)


def breakdown(args: argparse.Namespace) -> int:
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to the server `make bench` seeded bench_full on.")
    django_setup(with_db(base_url, "bench_full"))
    use_database("bench_full")
    from django.db import connection

    clock = Clock()
    instrument(clock)
    signed_in, params = signed_in_clients()
    endpoints = [e for e in ENDPOINTS if args.only.lower() in e.name.lower()]
    samples: dict[str, list[tuple[float, float, float, int]]] = {}
    with connection.execute_wrapper(clock.query):
        for rnd in range(args.rounds + 2):  # two rounds warm up
            for ep in endpoints:
                client = signed_in[ep.actor]
                clock.reset()
                started = time.perf_counter()
                response = client.get(ep.path.format(**params))
                total = time.perf_counter() - started
                assert response.status_code == 200, (ep.name, response.status_code)
                if rnd >= 2:
                    templates = clock.templates - clock.database_in_templates
                    samples.setdefault(ep.name, []).append(
                        (total, clock.database, templates, clock.queries)
                    )
    rows = []
    print(f"{'endpoint':32} {'total':>7} {'database':>15} {'templates':>15} "
          f"{'rest':>15}   (ms, median; share)")  # fmt: skip
    for name, values in samples.items():
        total, database, templates = (
            statistics.median(v[i] for v in values) * 1000 for i in range(3)
        )
        rest = max(total - database - templates, 0.0)
        row = {
            "name": name,
            "total_ms": round(total, 2),
            "queries": values[-1][3],
            "database_ms": round(database, 2),
            "templates_ms": round(templates, 2),
            "rest_ms": round(rest, 2),
        }
        rows.append(row)
        print(
            f"{name[:32]:32} {total:7.1f} "
            + " ".join(f"{v:7.1f} ({v / total:4.0%})" for v in (database, templates))
            + f" {rest:7.1f} ({rest / total:4.0%})   {row['queries']} queries"
        )
    if args.profile:
        for ep in endpoints:
            profile = cProfile.Profile()
            client = signed_in[ep.actor]
            profile.enable()
            for _ in range(5):
                client.get(ep.path.format(**params))
            profile.disable()
            text = io.StringIO()
            stats = pstats.Stats(profile, stream=text).sort_stats(
                os.environ.get("BENCH_SORT", "cumulative")
            )
            stats.print_stats(args.profile)
            print(f"\n== {ep.name} (5 requests)\n{text.getvalue()}")
    if args.output:
        Path(args.output).write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
