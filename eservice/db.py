"""Database engine and sessions. One engine per app; a scoped session per request, closed at teardown."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    pass


def prepare_sqlite_file(url: str) -> None:
    """The database file holds personal data: its folder and the file are for the service's own user only."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return
    path = Path(url.removeprefix("sqlite:///"))
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        prepare_sqlite_file(url)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool  # one shared in-memory database for tests
        engine = create_engine(url, hide_parameters=True, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # foreign keys are off by default in SQLite
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    # hide_parameters: an error message (an IntegrityError, say) must not carry answers or codes into the logs.
    return create_engine(url, hide_parameters=True, **pool_options(os.environ))


# Seconds, by environment variable: (default, what it bounds). Chosen so that a request whose database is away
# ends in a clear 503 page well before gunicorn's 30-second worker timeout kills the worker without an answer.
POOL_SETTINGS = {
    "DB_CONNECT_TIMEOUT": 5,  # opening a connection to a server that does not answer
    "DB_POOL_TIMEOUT": 10,  # waiting for a free connection of this process's pool
    "DB_POOL_RECYCLE": 1800,  # a connection older than this is replaced (firewalls drop idle connections)
    "DB_STATEMENT_TIMEOUT": 20,  # one SQL statement, a wait for a row lock included; 0: no limit
}


def pool_options(environ: Mapping[str, str]) -> dict[str, Any]:
    """PostgreSQL's engine settings, so that the service recovers by itself when the database restarts.

    pool_pre_ping tests each connection as it leaves the pool: connections a restart cut are thrown away and new
    ones made, instead of failing the next request of every process.
    """
    value = {}
    for name, default in POOL_SETTINGS.items():
        text = environ.get(name, "").strip()
        try:
            value[name] = int(text) if text else default
        except ValueError:
            raise RuntimeError(f"{name} must be a whole number of seconds, not {text!r}.") from None
        if value[name] < 0 or (value[name] == 0 and name != "DB_STATEMENT_TIMEOUT"):
            raise RuntimeError(f"{name} must be a positive number of seconds, not {text!r}.")
    connect_args: dict[str, Any] = {"connect_timeout": value["DB_CONNECT_TIMEOUT"]}
    if value["DB_STATEMENT_TIMEOUT"]:
        connect_args["options"] = f"-c statement_timeout={value['DB_STATEMENT_TIMEOUT'] * 1000}"
    return {
        "pool_pre_ping": True,
        "pool_timeout": value["DB_POOL_TIMEOUT"],
        "pool_recycle": value["DB_POOL_RECYCLE"],
        "connect_args": connect_args,
    }


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(bind=engine, expire_on_commit=False)

    @app.teardown_appcontext
    def _close_session(_exc):
        session = g.pop("db_session", None)
        if session is not None:
            close_quietly(session)


def close_quietly(session: Session) -> None:
    """Close a request's session once its answer is made. A connection the database cut meanwhile (a restart)
    cannot even roll back: throw it away, and the pool makes a new one. The answer stands either way: whatever it
    said was saved had been committed before it was made."""
    try:
        session.close()
    except SQLAlchemyError:
        session.invalidate()


def db_session() -> Session:
    from flask import current_app

    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session
