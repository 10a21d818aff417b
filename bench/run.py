"""`make bench`: for PostgreSQL and then SQLite, an empty database, generated cases, the service under gunicorn, and
wrk against each measured page; the hello world before each, as the baseline. Prints a table and writes
bench/results/<date>-<host>.md and .json.

    python -m bench.run                       # the full sizes (100,000 households, 20,000 closed, 10 s per page)
    python -m bench.run --quick               # 2,000 households, 3 s per page: a few minutes
    BENCH_HOUSEHOLDS=5000 BENCH_SECONDS=5 python -m bench.run --databases sqlite

The service runs with its production configuration (ESERVICE_ENV=bench: production's, SQLite allowed) and
settings made up for this run: a fresh SECRET_KEY and answer key, example municipality settings, two units.
Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import report, sessions, wrk
from .server import ROOT, SETTINGS, database, gunicorn, request

UNITS = "north=Norra kontoret, south=Södra kontoret"
QUICK = {"households": 2000, "closed": 400, "seconds": 3}
QUICK_NOTE = "Quick run (bench-quick) on a busy shared machine: it checks that the bench works; it is not a measurement of the targets."  # noqa: E501


@dataclass(frozen=True)
class Options:
    households: int
    closed: int
    seconds: int
    threads: int
    connections: int
    timeout: int
    databases: tuple[str, ...]
    name: str
    note: str


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def options(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a check that the bench works")
    parser.add_argument("--households", type=int, help="submitted households (BENCH_HOUSEHOLDS, 100000)")
    parser.add_argument("--closed", type=int, help="of them closed, with plan and evaluation (BENCH_CLOSED, 20000)")
    parser.add_argument("--seconds", type=int, help="wrk's duration per page (BENCH_SECONDS, 10)")
    parser.add_argument("--threads", type=int, default=_env_int("BENCH_THREADS", 2))
    parser.add_argument("--connections", type=int, default=_env_int("BENCH_CONNECTIONS", 16))
    parser.add_argument("--timeout", type=int, default=_env_int("BENCH_TIMEOUT", 30), help="wrk's per-request limit")
    parser.add_argument("--databases", default=os.environ.get("BENCH_DATABASES", "postgresql,sqlite"))
    parser.add_argument("--name", help="the result files' name (default <date>-<host>, or <date>-quick)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else {"households": 100_000, "closed": 20_000, "seconds": 10}
    households = args.households or _env_int("BENCH_HOUSEHOLDS", sizes["households"])
    closed = args.closed if args.closed is not None else _env_int("BENCH_CLOSED", sizes["closed"])
    databases = tuple(d.strip() for d in args.databases.split(",") if d.strip())
    if set(databases) - {"postgresql", "sqlite"} or not databases:
        parser.error("--databases takes postgresql, sqlite or both")
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    import socket

    return Options(
        households=households,
        closed=min(closed, households),
        seconds=args.seconds or _env_int("BENCH_SECONDS", sizes["seconds"]),
        threads=args.threads,
        connections=args.connections,
        timeout=args.timeout,
        databases=databases,
        name=args.name or f"{today}-{'quick' if args.quick else socket.gethostname()}",
        note=QUICK_NOTE if args.quick else "",
    )


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def production_environment() -> None:
    """Settings for the service under gunicorn and for our own app on the same database (sessions, data). Set
    before eservice is imported: its configuration reads the environment when it is imported."""
    os.environ.update(
        {
            "ESERVICE_ENV": "bench",  # production's configuration, which on its own refuses SQLite
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ANSWER_KEYS": "bench1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "MUNICIPALITY_NAME": "Exempelkommunen",
            "MUNICIPALITY_PHONE": "0000-00 00 00",
            "MUNICIPALITY_OPENING_HOURS": "mon-fri 09:00-16:00",
            "SUBMIT_IS_APPLICATION": "false",
            "STAFF_UNITS": UNITS,
        }
    )


def warm_up(base_url: str, target: wrk.Target) -> tuple[str, float]:
    """Each item once, before wrk: a target that does not answer as it should is not measured. (problem, seconds
    the first request took)."""
    first = None
    for item in dict.fromkeys(target.items):
        status, seconds = request(base_url, target.method, item.path, item.cookie, item.body)
        first = seconds if first is None else first
        if status != target.expect:
            return f"answered {status} to {target.method} {item.path.split('?')[0]}, not {target.expect}", seconds
    return "", first or 0.0


def measure(base_url: str, target: wrk.Target, opts: Options, workdir: Path, log: Path) -> report.Row:
    problem, first = warm_up(base_url, target)
    if problem:
        say(f"  {target.label}: not measured, {problem}")
        return report.Row(target.key, target.label, None, problem)
    result, output = wrk.run(base_url, target, workdir, threads=opts.threads, connections=opts.connections,
                             seconds=opts.seconds, timeout=opts.timeout)  # fmt: skip
    with log.open("a") as out:
        out.write(f"\n== wrk {target.key} (first request {first * 1000:.0f} ms)\n{output}")
    say(f"  {target.label}: {result.rps:.1f} req/s, p95 {result.p95_ms:.1f} ms, first request {first * 1000:.0f} ms"
        + (f", failed {result.errors}" if result.errors else ""))  # fmt: skip
    return report.Row(target.key, target.label, result)


def one_pass(kind: str, opts: Options, workdir: Path) -> report.Pass:
    import logging

    from eservice import create_app
    from eservice.cli import upgrade
    from eservice.db import db_session

    from .data import generate

    log = workdir / f"{kind}.log"
    say(f"== {kind}")
    with database(kind, workdir) as url:
        os.environ["DATABASE_URL"] = url
        upgrade(url)
        app = create_app("bench", DATABASE_URL=url)
        logging.getLogger("eservice").setLevel(logging.WARNING)  # our own app's request lines: the setup's, not news
        units = [item.split("=", 1)[0].strip() for item in UNITS.split(",")]
        say(f"  generating {opts.households} households ({opts.closed} closed) ...")
        with app.app_context():
            made = generate(db_session(), units, opts.households, opts.closed)
        say(f"  generated in {made.total_seconds:.0f} s; sealing {made.sealed} values: {made.sealing_seconds:.1f} s")
        targets = sessions.targets(app, units, made.case_ids[units[0]], opts.threads, opts.connections)
        app.extensions["db_engine"].dispose()
        with gunicorn("bench.hello:app", log) as base_url:
            baseline = measure(base_url, sessions.hello(opts.threads), opts, workdir, log).result
        rows = []
        with gunicorn("eservice:create_app()", log) as base_url:
            rows = [measure(base_url, target, opts, workdir, log) for target in targets]
        cached = sorted(p.name for p in (Path(app.instance_path) / "cache").glob("interpreter-ar-*.pdf"))
        notes = [
            (
                f"Generating the data took {made.total_seconds:.0f} s, of which sealing {made.sealed} part II, plan "
                f"and evaluation values (each bound to its own row) took {made.sealing_seconds:.1f} s "
                f"({made.sealing_seconds / max(made.sealed, 1) * 1e6:.0f} µs each)."
            ),
            "Interpreter PDF in the cache folder after the run: " + (", ".join(cached) if cached else "none") + ".",
            f"wrk's output and gunicorn's log: {log}.",
        ]
        data = {"households": made.households, "closed": made.closed, **{f"rows {k}": v for k, v in made.rows.items()}}
    if kind == "sqlite":
        (workdir / "bench.sqlite3").unlink(missing_ok=True)
    return report.Pass(kind, baseline, rows, data, notes)


def main(argv: list[str] | None = None) -> int:
    opts = options(sys.argv[1:] if argv is None else argv)
    if shutil.which("wrk") is None:
        say("wrk is missing: `make bench` installs it (apt-get install wrk).")
        return 2
    production_environment()
    started = datetime.now(UTC)
    workdir = Path(tempfile.mkdtemp(prefix="ix-bench-"))
    host = report.machine()
    settings = {
        "households": opts.households,
        "closed": opts.closed,
        "wrk": f"-t{opts.threads} -c{opts.connections} -d{opts.seconds}s --timeout {opts.timeout}s",
        "gunicorn": " ".join(SETTINGS),
        "load average at start": report.load_average(),
    }
    passes = [one_pass(kind, opts, workdir) for kind in opts.databases]
    settings["load average at end"] = report.load_average()
    text = report.markdown(started, settings, host, passes, opts.note)
    path = report.write(ROOT / "bench" / "results", opts.name, text, report.as_json(started, settings, host, passes))
    say()
    say(text)
    say(f"Written: {path} (and .json). Logs: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
