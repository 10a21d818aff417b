"""Who is answering: the adult signed in to this browser session, and the guard for views that need one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, redirect, session, url_for

from .. import drafts
from ..db import db_session
from ..models import Adult
from ..security import APPLICANT, access
from ..sessions import ADULT_KEY, ServerSession


def sign_in(adult: Adult) -> None:
    session.clear()  # a new identity never inherits anything from the previous one in this browser
    _server_session().regenerate()  # and gets a new session token
    session.permanent = True
    session[ADULT_KEY] = adult.id


def sign_out(adult: Adult | None) -> None:
    """End every session of this adult, on every device, and start this browser afresh."""
    if adult is not None:
        drafts.end_sessions(db_session(), adult)
    session.clear()
    _server_session().regenerate()


def current_adult() -> Adult | None:
    adult_id = session.get(ADULT_KEY)
    if not adult_id:
        return None
    return drafts.adult_by_id(db_session(), adult_id)


def _server_session() -> ServerSession:
    current = session._get_current_object()  # type: ignore[attr-defined]
    if not isinstance(current, ServerSession):
        raise TypeError("the app must use eservice.sessions (server-side sessions)")
    return current


def applicant_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        adult = current_adult()
        if adult is None:
            return redirect(url_for("applicant.resume"))
        g.adult = adult
        return view(*args, **kwargs)

    return access(APPLICANT)(wrapped)
