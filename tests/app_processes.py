"""The service as real OS processes for the tests: N gunicorn servers on one database, as production runs it.

The same way bench/server.py starts it (sync workers, no control socket, loopback only), but each server with the
environment and worker count the test gives, and with a handle to its workers: a test may kill one (SIGKILL) or stop
the whole server. Every server gets its own free port and log file; `running()` stops them all, whatever happens.

    with running(database_url, tmp_path, count=2, env=production_env(database_url)) as servers:
        servers[0].base_url  # http://127.0.0.1:PORT
"""

from __future__ import annotations

import base64
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "eservice:create_app()"
# As bench/server.py: no control socket, since gunicorn 23+ puts one in the user's home that servers would share.
GUNICORN = ("--worker-class", "sync", "--no-control-socket")
STAFF_UNITS = "north=Norra kontoret, south=Södra kontoret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """ESERVICE_ENV=production with settings made up for this run, as the bench uses: the same dict given to every
    server makes them one service (one SECRET_KEY, one answer key, one database)."""
    return {
        "ESERVICE_ENV": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ANSWER_KEYS": "multi1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "MUNICIPALITY_NAME": "Exempelkommunen",
        "MUNICIPALITY_PHONE": "0000-00 00 00",
        "MUNICIPALITY_OPENING_HOURS": "mon-fri 09:00-16:00",
        "SUBMIT_IS_APPLICATION": "false",
        "STAFF_UNITS": STAFF_UNITS,
        **extra,
    }


@dataclass
class AppProcess:
    """One gunicorn server: its master process, port and log."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """The master's children (its workers), read from /proc: gunicorn does not say which pids it forked."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended while we looked
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def answers(self) -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            connection.close()
        except OSError:
            return False
        return True

    def wait_until_answering(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log}:\n" + self.log.read_text()[-3000:])
            if self.answers():
                return
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s; see {self.log}")

    def stop(self, timeout: float = 20) -> None:
        stop_all([self], timeout)


def stop_all(servers: list[AppProcess], timeout: float = 20) -> None:
    """Gunicorn's graceful stop (SIGTERM: workers finish their request) for all at once, since each takes about a
    second; SIGKILL for any that hangs."""
    for server in servers:
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGTERM)
    for server in servers:
        try:
            server.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def start(database_url: str, log_dir: Path, env: Mapping[str, str] | None = None, workers: int = 1) -> AppProcess:
    """One server, not yet answering (see wait_until_answering): starting several first and then waiting for them
    all lets them import the service side by side."""
    settings = dict(env) if env is not None else production_env(database_url)
    settings["DATABASE_URL"] = database_url
    # This tree first, whatever is installed: a worktree's server must run the worktree's code.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    port = free_port()
    log = log_dir / f"gunicorn-{port}.log"
    command = [sys.executable, "-m", "gunicorn", *GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, APP],
            cwd=ROOT,
            env={**os.environ, **settings, "PYTHONPATH": path},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return AppProcess(process, port, log)


@contextmanager
def running(
    database_url: str, log_dir: Path, count: int = 2, env: Mapping[str, str] | None = None, workers: int = 1
) -> Iterator[list[AppProcess]]:
    """`count` servers with the same settings on one database, answering; stopped afterwards, whatever happened.
    Without `env`, one made-up production configuration shared by all of them."""
    shared = dict(env) if env is not None else production_env(database_url)
    with ExitStack() as stack:
        servers: list[AppProcess] = []
        stack.callback(stop_all, servers)  # before any starts: a later start that fails still stops the earlier
        for _ in range(count):
            servers.append(start(database_url, log_dir, shared, workers))
        for server in servers:
            server.wait_until_answering()
        yield servers
