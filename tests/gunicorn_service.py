"""The service as production runs it, for the tests that kill its workers and restart its database.

Gunicorn with sync workers (bench/server.py's settings) on a throwaway PostgreSQL cluster, ESERVICE_ENV=production
with settings made up for the run (as bench/run.py makes them). The test holds the arbiter, the cluster and the
database URL, so it can SIGKILL a worker and stop and start PostgreSQL under the running service.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.server import free_port
from eservice.cli import upgrade

from .pgcluster import PgCluster, _bin

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Service:
    url: str
    arbiter: subprocess.Popen
    cluster: PgCluster
    database_url: str
    log: Path

    def workers(self) -> list[int]:
        """The arbiter's children, from /proc (no psutil on these machines)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended while we looked
            if int(fields[1]) == self.arbiter.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def kill_worker(self, pid: int | None = None) -> int:
        pid = pid or self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def _pg_ctl(self, *args: str) -> None:
        self.cluster._run(_bin("pg_ctl"), "-D", str(self.cluster.data), *args)

    def stop_database(self) -> None:
        """As a crash or a restart does: every connection cut at once, nothing shut down politely."""
        self._pg_ctl("-m", "immediate", "stop")

    def start_database(self) -> None:
        root = self.cluster.root
        options = f"-p {self.cluster.port} -c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories={root}"
        self._pg_ctl("-o", options, "-w", "-l", str(root / "log"), "start")


def _wait_for(url: str, arbiter: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if arbiter.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start:\n{log.read_text()[-2000:]}")
        try:
            requests.get(f"{url}/sv/", timeout=5)
            return  # any answer: the workers are up
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s; see {log}")


@contextmanager
def gunicorn_service(workdir: Path, workers: int = 2, extra_env: dict[str, str] | None = None) -> Iterator[Service]:
    cluster = PgCluster().start()
    arbiter = None
    try:
        database_url = cluster.create_database("eservice_crash")
        upgrade(database_url)
        port = free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "ESERVICE_ENV": "production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ANSWER_KEYS": "crash1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            "MUNICIPALITY_NAME": "Exempelkommunen",
            "MUNICIPALITY_PHONE": "0000-00 00 00",
            "MUNICIPALITY_OPENING_HOURS": "mon-fri 09:00-16:00",
            "SUBMIT_IS_APPLICATION": "false",
            "STAFF_UNITS": "north=Norra kontoret",
            **(extra_env or {}),
        }
        log = workdir / "gunicorn.log"
        # bench/server.py's settings (sync workers, no control socket), with the number of workers the test asks.
        settings = ["--workers", str(workers), "--worker-class", "sync", "--no-control-socket"]
        with log.open("ab") as out:
            arbiter = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", *settings, "--bind", f"127.0.0.1:{port}", "eservice:create_app()"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        _wait_for(url, arbiter, log)
        yield Service(url, arbiter, cluster, database_url, log)
    finally:
        if arbiter is not None:
            arbiter.send_signal(signal.SIGTERM)
            try:
                arbiter.wait(timeout=30)
            except subprocess.TimeoutExpired:
                arbiter.kill()
                arbiter.wait()
        cluster.stop()
