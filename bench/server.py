"""The servers the bench starts: gunicorn for the service and for the hello world, and the databases.

Gunicorn runs exactly as a municipality would run it (2 sync workers, one per core of these machines), on a free
port of the loopback address only. PostgreSQL is a throwaway cluster, started as the tests start theirs.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pgcluster import PgCluster

ROOT = Path(__file__).resolve().parent.parent
# The same for the service and the hello world. No control socket: gunicorn 23+ puts one in the user's home, which
# two bench runs (or a colleague's server) would share.
SETTINGS = ("--workers", "2", "--worker-class", "sync", "--no-control-socket")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start; see {log}:\n" + log.read_text()[-2000:])
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s; see {log}")


@contextmanager
def gunicorn(app: str, log: Path) -> Iterator[str]:
    """`app` ("module:variable" or "module:factory()") under gunicorn; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(":")}
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603  (our own command line, no shell)
            [sys.executable, "-m", "gunicorn", *SETTINGS, "--bind", f"127.0.0.1:{port}", app],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(port, process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: the workers finish what they are doing
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """An empty database of this kind; yields its URL. PostgreSQL's cluster is removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    cluster = PgCluster().start()
    try:
        yield cluster.create_database("eservice_bench")
    finally:
        cluster.stop()


def request(base_url: str, method: str, path: str, cookie: str = "", body: str = "") -> tuple[int, float]:
    """One request outside wrk (to warm up and check a target): (status, seconds)."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=300)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def postgresql_version() -> str:
    from tests.pgcluster import _bin

    try:
        done = subprocess.run([_bin("postgres"), "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    except (RuntimeError, OSError, subprocess.CalledProcessError):
        return "not installed"
    return done.stdout.strip()
