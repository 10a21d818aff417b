"""When the database is away (restarting, unreachable, too slow): a clear 503 page, never a broken one.

Every request reads the database first (its session), so a database that is away would fail every request before
any view or error handler could say anything useful. Here the session that cannot be read is kept aside unread:
the request is matched as usual, and the view's error handler (the question page keeps what was typed, see
eservice/applicant/question_views.py) or the general 503 page answers. The session is never written back then:
writing an unread, empty session would sign the person out.
"""

from __future__ import annotations

import logging

from flask import Flask, Request, Response, g, session
from flask.sessions import SessionMixin
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import ServiceUnavailable

from .db import close_quietly
from .sessions import DatabaseSessionInterface, ServerSession

logger = logging.getLogger("eservice.outage")

RETRY_AFTER_SECONDS = 10


class DatabaseAway(ServiceUnavailable):
    """The session could not be read: raised before the view, handled like any error of the database."""


# What a database that is away raises: a refused or cut connection, a statement timeout (OperationalError), a
# connection already closed (InterfaceError), and no free connection in the pool (the pool's TimeoutError).
OUTAGE_ERRORS: tuple[type[Exception], ...] = (DatabaseAway, OperationalError, InterfaceError, PoolTimeoutError)


def is_outage(error: BaseException | None) -> bool:
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True  # any error SQLAlchemy recognised as a lost connection
    return isinstance(error, OUTAGE_ERRORS)


class UnreadSession(ServerSession):
    """The session of a request whose database was away: its token is kept, its data unknown."""


class OutageTolerantSessions(DatabaseSessionInterface):
    def open_session(self, app: Flask, request: Request) -> ServerSession:
        try:
            return super().open_session(app, request)
        except OUTAGE_ERRORS:
            logger.warning("The session could not be read: the database is away", exc_info=True)
            return UnreadSession()

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if isinstance(session, UnreadSession):
            return  # the cookie the browser has stays as it is, and works again once the database is back
        try:
            super().save_session(app, session, response)
        except OUTAGE_ERRORS:
            if getattr(session, "modified", True):
                raise  # a new or changed session that is not stored must not be taken for one that is
            # Only the renewal of an unchanged session failed: the page itself (a save, say) went through.
            logger.warning("The session could not be renewed: the database is away", exc_info=True)


def forget_failed_work() -> None:
    """Roll back this request's database session, so that nothing half done stays and its connection goes back to
    the pool clean; a connection that cannot even roll back is thrown away (a restart cut it)."""
    db = g.pop("db_session", None)
    if db is not None:
        close_quietly(db)  # closing rolls back; a connection that cannot is thrown away


def unavailable_page(_error: BaseException | None = None):
    from .errors import unavailable

    forget_failed_work()
    response = unavailable()
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def init_app(app: Flask) -> None:
    """Before security.init_app: a request whose session is unread must not reach the CSRF check, which would
    find no token in the empty session and answer "the page was open too long"."""
    app.session_interface = OutageTolerantSessions()

    @app.before_request
    def _refuse_without_session():
        if isinstance(session._get_current_object(), UnreadSession):  # type: ignore[attr-defined]
            raise DatabaseAway()

    for error in OUTAGE_ERRORS:
        app.register_error_handler(error, unavailable_page)
