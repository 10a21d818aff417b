"""The figures as a table, the targets of issue 14, and the result files with the machine they came from.

Shares are of the hello world's requests per second in the same pass (same gunicorn settings, same minutes of the
same machine): absolute figures differ between machines and moments, shares much less. No test times anything;
these targets are reported, never asserted.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .wrk import Result

APPLICANT_PAGES = ("start", "question", "save", "check")
PDF_FROM_CACHE_MS = 250  # a cache hit reads a file; rendering the interpreter's PDF takes seconds


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    result: Result | None  # None: not measured (the warm-up request failed, see `problem`)
    problem: str = ""

    def share(self, baseline: Result | None) -> float | None:
        if self.result is None or baseline is None or not baseline.rps:
            return None
        return self.result.rps / baseline.rps


@dataclass(frozen=True)
class Goal:
    text: str
    keys: tuple[str, ...]
    met: Callable[[Row, Result | None], bool]


def _share_at_least(least: float) -> Callable[[Row, Result | None], bool]:
    return lambda row, baseline: (row.share(baseline) or 0.0) >= least


def _p95_below(ms: float) -> Callable[[Row, Result | None], bool]:
    return lambda row, _baseline: row.result is not None and row.result.requests > 0 and row.result.p95_ms < ms


GOALS = (
    Goal("A question page: at least 50% of the baseline's requests/s", ("question",), _share_at_least(0.50)),
    Goal("Saving a page: at least 30% of the baseline's requests/s", ("save",), _share_at_least(0.30)),
    Goal("Every applicant page: at least 25% of the baseline's requests/s", APPLICANT_PAGES, _share_at_least(0.25)),
    Goal("Queue and case view: p95 under 50 ms", ("queue", "queue_filtered", "case"), _p95_below(50)),
    Goal("Statistics: p95 under 300 ms", ("statistics",), _p95_below(300)),
    Goal(
        f"Interpreter PDF from its cache: p95 under {PDF_FROM_CACHE_MS} ms (a render takes seconds)",
        ("interpreter_pdf",),
        _p95_below(PDF_FROM_CACHE_MS),
    ),
)


def goals_met(rows: list[Row], baseline: Result | None) -> list[tuple[str, str]]:
    """(goal, verdict) for each goal: "met", "not met (which rows)", or "not measured"."""
    by_key = {row.key: row for row in rows}
    verdicts = []
    for goal in GOALS:
        wanted = [by_key.get(key) for key in goal.keys]
        if any(row is None or row.result is None for row in wanted) or baseline is None:
            verdicts.append((goal.text, "not measured"))
            continue
        missed = [row.key for row in wanted if row is not None and not goal.met(row, baseline)]
        failed = [row.key for row in wanted if row is not None and row.result is not None and row.result.failed]
        verdict = "met" if not missed else f"not met ({', '.join(missed)})"
        if failed:
            verdict += f"; with failed requests ({', '.join(failed)})"
        verdicts.append((goal.text, verdict))
    return verdicts


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(rows: list[Row], baseline: Result | None) -> list[str]:
    """The figures as a Markdown table (also readable as plain text)."""
    lines = [
        "| Page | Requests/s | p50 ms | p95 ms | p99 ms | Share of baseline | Failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.result is None:
            lines.append(f"| {row.label} | - | - | - | - | - | {row.problem} |")
            continue
        r = row.result
        share = row.share(baseline)
        shown = "-" if share is None else f"{share:.0%}"
        lines.append(
            f"| {row.label} | {r.rps:.1f} | {_ms(r.p50_ms)} | {_ms(r.p95_ms)} | {_ms(r.p99_ms)} | {shown} | "
            f"{r.failed or ''}{' ' + json.dumps(r.errors) if r.errors else ''} |"
        )
    return lines


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return "not found"
    return (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr).strip() else "?"


def machine() -> dict[str, Any]:
    """Where the figures came from."""
    from importlib.metadata import version

    from .server import postgresql_version

    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), cpu)  # fmt: skip
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = next((line.split()[1] for line in meminfo.read_text().splitlines() if line.startswith("MemTotal")), "")
        memory = f"{int(total) / 1024 / 1024:.1f} GiB" if total else ""
    return {
        "host": socket.gethostname(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "system": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgresql_version(),
        "sqlite": sqlite3.sqlite_version,
        "gunicorn": version("gunicorn"),
        "flask": version("flask"),
        "sqlalchemy": version("sqlalchemy"),
        "wrk": _first_line(["wrk", "--version"]).split(" [")[0],
    }


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "?"
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


@dataclass
class Pass:
    """One database's run: its data, its baseline and its rows."""

    database: str
    baseline: Result | None
    rows: list[Row]
    data: dict[str, Any]
    notes: list[str]


def markdown(started: datetime, settings: dict[str, Any], host: dict[str, Any], passes: list[Pass],
             heading_note: str) -> str:  # fmt: skip
    lines = [f"# Bench {started:%Y-%m-%d %H:%M} UTC on {host['host']}", ""]
    if heading_note:
        lines += [f"**{heading_note}**", ""]
    lines += [
        "Machine: " + ", ".join(f"{k} {v}" for k, v in host.items() if k != "host"),
        "",
        "Settings: " + ", ".join(f"{k} {v}" for k, v in settings.items()),
        "",
    ]
    for run in passes:
        baseline = run.baseline
        lines += [f"## {run.database}", ""]
        if baseline is not None:
            figures = f"p50 {_ms(baseline.p50_ms)} ms, p95 {_ms(baseline.p95_ms)} ms, p99 {_ms(baseline.p99_ms)} ms"
            lines.append(f"Baseline (hello world, same gunicorn settings): {baseline.rps:.0f} requests/s, {figures}.")
            lines.append("")
        lines += table(run.rows, baseline)
        lines += ["", "Targets (issue 14; reported, not asserted):", ""]
        lines += [f"- {text}: **{verdict}**" for text, verdict in goals_met(run.rows, baseline)]
        lines += ["", "Data: " + ", ".join(f"{k} {v}" for k, v in run.data.items()), ""]
        lines += [f"- {note}" for note in run.notes]
        lines.append("")
    return "\n".join(lines)


def as_json(started: datetime, settings: dict[str, Any], host: dict[str, Any], passes: list[Pass]) -> dict[str, Any]:
    return {
        "started": started.isoformat(),
        "machine": host,
        "settings": settings,
        "passes": [
            {
                "database": run.database,
                "baseline": run.baseline.as_dict() if run.baseline else None,
                "rows": [
                    {
                        "key": row.key,
                        "label": row.label,
                        "result": row.result.as_dict() if row.result else None,
                        "share_of_baseline": row.share(run.baseline),
                        "problem": row.problem,
                    }
                    for row in run.rows
                ],
                "targets": dict(goals_met(run.rows, run.baseline)),
                "data": run.data,
                "notes": run.notes,
            }
            for run in passes
        ],
    }


def write(directory: Path, name: str, text: str, data: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.md"
    path.write_text(text)
    (directory / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path
