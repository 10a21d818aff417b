"""The service as production runs it, for the tests that kill its workers and restart its database.

One gunicorn server (tests/app_processes.py: sync workers, production settings made up for the run) on a throwaway
PostgreSQL cluster of its own, since the test stops and starts that cluster under the running service. The test
holds the server and the cluster, so it can SIGKILL a worker and stop and start PostgreSQL.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from eservice.cli import upgrade

from .app_processes import AppProcess, production_env, running
from .pgcluster import PgCluster


@dataclass
class Service:
    server: AppProcess
    cluster: PgCluster
    database_url: str

    @property
    def url(self) -> str:
        return self.server.base_url

    @property
    def log(self) -> Path:
        return self.server.log

    def workers(self) -> list[int]:
        return self.server.worker_pids()

    def kill_worker(self, pid: int | None = None) -> int:
        pid = pid or self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop_database(self) -> None:
        self.cluster.stop_server("immediate")

    def start_database(self) -> None:
        self.cluster.start_server()


@contextmanager
def gunicorn_service(workdir: Path, workers: int = 2, extra_env: dict[str, str] | None = None) -> Iterator[Service]:
    cluster = PgCluster().start()
    try:
        database_url = cluster.create_database("eservice_crash")
        upgrade(database_url)
        env = production_env(database_url, **(extra_env or {}))
        with running(database_url, workdir, count=1, env=env, workers=workers) as servers:
            yield Service(servers[0], cluster, database_url)
    finally:
        cluster.stop()
