"""Driving wrk: the Lua script for one target, the command, and reading what wrk printed.

Every target, the hello world included, goes through the same kind of script, so the client's own cost is the same
for all and cancels out of the ratios. The script:
- sends each request with its own Cookie header (and, for a POST, the form body with the page's CSRF token), taken
  in turn from a list of items, each wrk thread from its own share, so that two requests in flight rarely use the
  same applicant (two saves of one page at once would be refused as an edit conflict);
- prints one machine-readable line at the end: wrk's `--latency` table has no 95th percentile.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

RESULT_PREFIX = "BENCH-RESULT"


@dataclass(frozen=True)
class Item:
    """One request: a path, the session cookie ("name=value") and, for a POST, the url-encoded form body."""

    path: str
    cookie: str = ""
    body: str = ""


@dataclass(frozen=True)
class Target:
    key: str  # e.g. "question": names the row and the targets that read it
    label: str
    method: str
    items: tuple[Item, ...]
    expect: int = 200  # the status a working request answers with (a save answers with a redirect)


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)  # wrk's socket errors, timeouts and statuses >= 400

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "failed": self.failed}


def _lua(text: str) -> str:
    """A Lua string literal: long brackets can hold anything but their own closing bracket."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def script(target: Target, threads: int) -> str:
    """The Lua script for one target run with `threads` wrk threads."""
    if len(target.items) < threads or len(target.items) % threads:
        raise ValueError(f"{target.key}: the items ({len(target.items)}) must be a multiple of the threads ({threads})")
    items = ",\n".join(
        f"  {{path = {_lua(i.path)}, cookie = {_lua(i.cookie)}, body = {_lua(i.body)}}}" for i in target.items
    )
    content_type = "application/x-www-form-urlencoded" if target.method == "POST" else ""
    return f"""-- made by bench/wrk.py for {target.key}
local items = {{
{items}
}}
local threads, made = {threads}, 0
local content_type = {_lua(content_type)}
function setup(thread)
  thread:set("slot", made)
  made = made + 1
end
local sent = 0
function request()
  local per = #items / threads
  local item = items[slot + 1 + (sent % per) * threads]
  sent = sent + 1
  local headers = {{}}
  if item.cookie ~= "" then headers["Cookie"] = item.cookie end
  if content_type ~= "" then headers["Content-Type"] = content_type end
  local body = nil
  if item.body ~= "" then body = item.body end
  return wrk.format({_lua(target.method)}, item.path, headers, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "{RESULT_PREFIX} requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def command(
    base_url: str, script_path: Path, *, threads: int, connections: int, seconds: int, timeout: int
) -> list[str]:
    return [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        str(script_path),
        base_url,
    ]


RESULT_LINE = re.compile(rf"^{RESULT_PREFIX} (.*)$", re.MULTILINE)
REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)


def parse(output: str) -> Result:
    """wrk's output: requests per second from its own summary, the rest from the script's line."""
    found = RESULT_LINE.search(output)
    if found is None:
        raise ValueError("wrk printed no result line: " + output[-500:])
    values = {key: int(value) for key, value in (pair.split("=") for pair in found.group(1).split())}
    seconds = values["duration_us"] / 1e6
    rps = REQUESTS_PER_SECOND.search(output)
    return Result(
        requests=values["requests"],
        seconds=seconds,
        rps=float(rps.group(1)) if rps else (values["requests"] / seconds if seconds else 0.0),
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors={k: values[k] for k in ("connect", "read", "write", "status", "timeout") if values[k]},
    )


def run(base_url: str, target: Target, workdir: Path, *, threads: int, connections: int, seconds: int,
        timeout: int) -> tuple[Result, str]:  # fmt: skip
    """Run wrk against one target; (the result, wrk's whole output for the log)."""
    path = workdir / f"{target.key}.lua"
    path.write_text(script(target, threads))
    done = subprocess.run(  # noqa: S603  (our own command line, no shell)
        command(base_url, path, threads=threads, connections=connections, seconds=seconds, timeout=timeout),
        capture_output=True,
        text=True,
        timeout=seconds + timeout + 60,
        check=False,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed for {target.key}: {output[-500:]}")
    return parse(output), output
