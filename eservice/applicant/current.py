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
from ..sessions import ADULT_KEY, start_afresh


def sign_in(adult: Adult) -> None:
    start_afresh()  # a new identity (or none) inherits nothing in this browser, and gets a new token
    session.permanent = True
    session[ADULT_KEY] = adult.id


def sign_out(adult: Adult | None) -> None:
    """End every session of this adult, on every device, and start this browser afresh."""
    if adult is not None:
        drafts.end_sessions(db_session(), adult)
    start_afresh()  # a new identity (or none) inherits nothing in this browser, and gets a new token


def current_adult() -> Adult | None:
    adult_id = session.get(ADULT_KEY)
    if not adult_id:
        return None
    return drafts.adult_by_id(db_session(), adult_id)


def applicant_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        adult = current_adult()
        if adult is None:
            return redirect(url_for("applicant.resume"))
        g.adult = adult
        return view(*args, **kwargs)

    return access(APPLICANT)(wrapped)
