"""Sessions kept in the database, shared by every process: the cookie carries a random token and nothing else.

Why not Flask's signed cookie: a signed cookie cannot be ended. A copy of it keeps working after signing out, and
whatever is in it (a code shown once) can be read by anyone who has the cookie. Here, signing out, the quick exit
and a new code delete the rows, so every copy of the cookie stops working at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Request, Response, session
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.datastructures import CallbackDict

from .models import WebSession, aware, utcnow

ADULT_KEY = "adult_id"
# Renewing on every request would write on every page load; within this much of the last renewal it is skipped.
RENEW_AFTER = timedelta(seconds=15)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(
        self, data: dict[str, Any] | None = None, token: str | None = None, expires_at: datetime | None = None
    ) -> None:
        def on_update(session: ServerSession) -> None:
            session.modified = True

        super().__init__(data or {}, on_update)
        self.token = token
        self.expires_at = expires_at
        self.modified = False
        self.renew_token = False  # a new token at sign-in, so a token planted before cannot follow the person

    def regenerate(self) -> None:
        self.renew_token = True
        self.modified = True


def start_afresh() -> None:
    """This browser starts over: nothing of the session stays, and it gets a new token when it is saved.

    At every sign-in (a token planted before cannot follow the person) and every sign-out, on every door.
    """
    session.clear()
    current = session._get_current_object()  # type: ignore[attr-defined]
    if not isinstance(current, ServerSession):
        raise TypeError("the app must use eservice.sessions (server-side sessions)")
    current.regenerate()


def end_sessions_of(db: Session, adult_id: str) -> None:
    """Every session of this adult, in every browser, ends now."""
    db.execute(delete(WebSession).where(WebSession.adult_id == adult_id))
    db.commit()


class DatabaseSessionInterface(SessionInterface):
    def _maker(self, app: Flask) -> sessionmaker[Session]:
        maker: sessionmaker[Session] = app.extensions["db_sessionmaker"]
        return maker

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        token = request.cookies.get(self.get_cookie_name(app), "")
        if not token or len(token) > 100:
            return ServerSession()
        with self._maker(app)() as db:
            row = db.scalar(select(WebSession).where(WebSession.token_hash == _hash(token)))
            if row is None or aware(row.expires_at) <= utcnow():
                return ServerSession()
            return ServerSession(dict(row.data), token, aware(row.expires_at))

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not isinstance(session, ServerSession):
            raise TypeError("DatabaseSessionInterface saves only the sessions it opened")
        name, domain, path = self.get_cookie_name(app), self.get_cookie_domain(app), self.get_cookie_path(app)
        if not session.token and not session:
            return
        now = utcnow()
        lifetime: timedelta = app.permanent_session_lifetime
        with self._maker(app)() as db:
            if session.token and (session.renew_token or not session):
                db.execute(delete(WebSession).where(WebSession.token_hash == _hash(session.token)))
                if not session:
                    db.commit()
                    response.delete_cookie(name, domain=domain, path=path)
                    return
                session.token = None
            expires_at = now + lifetime
            if session.token is None:
                session.token = secrets.token_urlsafe(32)
                db.add(
                    WebSession(
                        token_hash=_hash(session.token),
                        adult_id=session.get(ADULT_KEY),
                        data=dict(session),
                        created_at=now,
                        expires_at=expires_at,
                    )
                )
            elif session.modified or session.expires_at is None or session.expires_at - lifetime < now - RENEW_AFTER:
                values: dict[str, Any] = {"expires_at": expires_at}
                if session.modified:
                    values.update(data=dict(session), adult_id=session.get(ADULT_KEY))
                changed = db.execute(
                    update(WebSession).where(WebSession.token_hash == _hash(session.token)).values(**values)
                )
                if not getattr(changed, "rowcount", 1):  # ended meanwhile (signed out in another tab): stay ended
                    db.rollback()
                    response.delete_cookie(name, domain=domain, path=path)
                    return
            else:
                return  # nothing to write: the cookie the browser has is still right
            db.commit()
        response.set_cookie(
            name,
            session.token,
            expires=expires_at,
            httponly=self.get_cookie_httponly(app),
            domain=domain,
            path=path,
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")


def init_app(app: Flask) -> None:
    app.session_interface = DatabaseSessionInterface()
