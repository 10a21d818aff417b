"""Who is answering: the adult signed in to this browser session, and the guard for views that need one."""

from __future__ import annotations

from functools import wraps

from flask import g, redirect, session, url_for
from sqlalchemy import select

from ..db import db_session
from ..models import Adult
from ..security import APPLICANT, access

SESSION_KEY = "adult_id"


def sign_in(adult: Adult) -> None:
    session.clear()  # a new identity never inherits anything from the previous one in this browser
    session.permanent = True
    session[SESSION_KEY] = adult.id


def sign_out() -> None:
    session.clear()


def current_adult() -> Adult | None:
    adult_id = session.get(SESSION_KEY)
    if not adult_id:
        return None
    return db_session().scalar(select(Adult).where(Adult.id == adult_id))


def applicant_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        adult = current_adult()
        if adult is None:
            return redirect(url_for("applicant.resume"))
        g.adult = adult
        return view(*args, **kwargs)

    return access(APPLICANT)(wrapped)
