"""Fixtures: an app on SQLite and on a real throwaway PostgreSQL, and a client that fills in pages like a person."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from eservice import create_app
from eservice.cli import upgrade
from eservice.db import Base

from .pgcluster import PgCluster

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = PgCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_url(pg_cluster):
    url = pg_cluster.create_database("eservice_test")
    upgrade(url)
    return url


def _app_on(backend: str, request, tmp_path):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        upgrade(url)
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app("test", DATABASE_URL=url)
    yield app
    engine = app.extensions["db_engine"]
    if backend == "postgresql":  # one database for the session: empty it between tests
        with engine.begin() as conn:
            names = ", ".join(t.name for t in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {names} CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    yield from _app_on(request.param, request, tmp_path)


@pytest.fixture
def postgres_app(request, tmp_path):
    """For what only PostgreSQL has (row locks, SKIP LOCKED, triggers): these tests run once, on it."""
    yield from _app_on("postgresql", request, tmp_path)


@pytest.fixture
def sqlite_app(request, tmp_path):
    """For a test that breaks its database on purpose (drops a table): a file of its own, thrown away after."""
    yield from _app_on("sqlite", request, tmp_path)


@pytest.fixture
def client(app):
    return app.test_client()
