"""The staff member signed in to this browser session, and the guard every staff view declares its role with."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, redirect, render_template, request, session, url_for

from ..security import access
from ..sessions import start_afresh
from .roles import StaffMember

STAFF_KEY = "staff"
ID_TOKEN_KEY = "staff_id_token"  # noqa: S105  (a session key's name)


def sign_in(member: StaffMember, id_token: str = "") -> None:
    start_afresh()  # a new identity (or none) inherits nothing in this browser, and gets a new token
    session.permanent = True
    session[STAFF_KEY] = member.as_session()
    if id_token:
        session[ID_TOKEN_KEY] = id_token


def sign_out() -> str:
    """End this session; returns the ID token (for the provider's sign-out), if there was one."""
    id_token = str(session.get(ID_TOKEN_KEY, ""))
    start_afresh()  # a new identity (or none) inherits nothing in this browser, and gets a new token
    return id_token


def current_member() -> StaffMember | None:
    data = session.get(STAFF_KEY)
    return StaffMember.from_session(data) if isinstance(data, dict) else None


def staff_required(rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only a signed-in staff member whose role reaches `rule`; others go to sign in or see "no access"."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            member = current_member()
            if member is None:
                # The path only: a query could carry anything, and the page after sign-in needs none of it.
                return redirect(url_for("staff.sign_in", next=request.path if request.method == "GET" else None))
            if not member.may(rule):
                return render_template("staff/no_access.html", member=member), 403
            g.staff = member
            return view(*args, **kwargs)

        return access(rule)(wrapped)

    return decorate
