"""Applicants with e-ID: sign in at the e-ID broker, find one's own drafts, start one, or tie one started with a code.

Everyone without e-ID keeps the code path; this door appears only when EID_OIDC_* is configured. The personal
identity number never goes into a URL, a log line or the cookie: it waits sealed in the server-side session until
it fills in "about you".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from flask import abort, g, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import HiddenField

from .. import drafts, identities
from ..db import db_session
from ..i18n import offered_language, preferred_language
from ..models import keyring
from ..security import EID_HOLDER, PUBLIC, access
from ..sessions import start_afresh
from ..signin import oidc
from . import bp
from .access_views import ResumeForm, client_address
from .current import sign_in

log = logging.getLogger(__name__)
EID_KEY = "eid"  # the signed-in e-ID: identity id, assurance level, provider, sign-in time, the sealed number
LANG_KEY = "eid_lang"  # the language to come back to after the broker


class OpenForm(FlaskForm):
    adult = HiddenField()


def _sealed_number(number: str, identity_id: str) -> list[str] | None:
    if not number:
        return None
    key_id, token = keyring().seal(number, f"eid:{identity_id}")
    return [key_id, token]


def _opened_number(state: dict[str, Any]) -> str:
    sealed = state.get("number")
    if not sealed:
        return ""
    return str(keyring().open(sealed[0], sealed[1], f"eid:{state['identity']}"))


def _facts(state: dict[str, Any]) -> identities.EidSignIn:
    return identities.EidSignIn(
        issuer=state["issuer"],
        subject="",
        acr=state["acr"],
        identity_provider=state.get("provider", ""),
        signed_in_at=datetime.fromtimestamp(state["auth_time"], UTC),
    )


def eid_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        state = session.get(EID_KEY)
        if not isinstance(state, dict):
            return redirect(url_for("applicant.resume"))
        g.eid = state
        return view(*args, **kwargs)

    return access(EID_HOLDER)(wrapped)


# A link, not a form: the policy's form-action 'self' would stop a form's redirect to the broker.
@bp.get("/<lang:lang>/e-id")
@access(PUBLIC)
def eid_start():
    settings = oidc.settings_of("eid")
    if settings is None:
        abort(404)
    session[LANG_KEY] = g.lang.url_code
    try:
        return oidc.begin(settings, url_for("applicant.eid_callback", _external=True))
    except oidc.SignInFailed as failure:
        log.warning("e-ID sign-in could not start: %s", failure.reason)
        return redirect(url_for("applicant.eid_failed"))


@bp.get("/e-id/callback")
@access(PUBLIC)
def eid_callback():
    settings = oidc.settings_of("eid")
    if settings is None:
        abort(404)
    lang = offered_language(str(session.get(LANG_KEY, ""))) or preferred_language()
    try:
        signed_in = oidc.finish(settings)
    except oidc.SignInFailed as failure:
        log.warning("e-ID sign-in failed: %s", failure.reason)
        return redirect(url_for("applicant.eid_failed", lang=lang))
    db = db_session()
    identity = identities.identity_for(db, signed_in.issuer, signed_in.subject)
    number = signed_in.claim(settings, "personal_number") or signed_in.claim(settings, "coordination_number") or ""
    start_afresh()  # a new identity inherits nothing in this browser
    session.permanent = True
    session[EID_KEY] = {
        "identity": identity.id,
        "issuer": signed_in.issuer,
        "acr": signed_in.acr,
        "provider": str(signed_in.claim(settings, "identity_provider") or ""),
        "auth_time": signed_in.auth_time,
        "number": _sealed_number(str(number), identity.id),
    }
    log.info("e-ID sign-in, assurance level %s", signed_in.acr)
    return redirect(url_for("applicant.eid_drafts", lang=lang))


@bp.get("/<lang:lang>/e-id/failed")
@access(PUBLIC)
def eid_failed():
    return render_template("applicant/eid_failed.html"), 400


@bp.get("/<lang:lang>/e-id/drafts")
@eid_required
def eid_drafts():
    adults = identities.adults_of(db_session(), g.eid["identity"])
    return render_template("applicant/eid_drafts.html", adults=adults, form=OpenForm(), tie_form=ResumeForm())


def _enter(adult) -> Any:
    """Sign in as this adult, keeping the e-ID in the session, and fill in the number where it is asked."""
    state = dict(g.eid)
    db = db_session()
    identities.signed_in_as(db, adult, state["identity"], _facts(state))
    identities.fill_in_personal_number(db, adult, _opened_number(state))
    sign_in(adult)
    session[EID_KEY] = state
    return redirect(url_for("applicant.tasks"))


@bp.post("/<lang:lang>/e-id/open")
@eid_required
def eid_open():
    form = OpenForm()
    if not form.validate_on_submit():
        abort(400)
    adult = identities.adult_for(db_session(), g.eid["identity"], form.adult.data or "")
    if adult is None:
        abort(404)
    return _enter(adult)


@bp.post("/<lang:lang>/e-id/new")
@eid_required
def eid_new():
    if not FlaskForm().validate_on_submit():
        abort(400)
    db = db_session()
    if not drafts.may_start_household(db, client_address()):
        abort(429)
    adult = identities.start_household(db, g.eid["identity"], _facts(g.eid))
    return _enter(adult)


@bp.post("/<lang:lang>/e-id/tie")
@eid_required
def eid_tie():
    """A draft started with a code: entering its code once while signed in ties it to this e-ID."""
    form = ResumeForm()
    adults = identities.adults_of(db_session(), g.eid["identity"])
    error = _("Skriv ditt ärendenummer och din kod.")
    if form.validate_on_submit():
        db = db_session()
        resumed = drafts.resume(db, form.reference.data or "", form.code.data or "", client_address())
        if resumed is not None:
            try:
                identities.tie(db, resumed.adult, g.eid["identity"], _facts(g.eid))
            except identities.TiedToAnother:
                db.rollback()
                error = _("Den ansökan är redan kopplad till en annan e-legitimation.")
            else:
                return _enter(resumed.adult)
        else:
            error = _(
                "Vi hittade ingen ansökan med det numret och den koden. Kontrollera och försök igen. "
                "Har det blivit fel flera gånger? Vänta några minuter innan du försöker igen."
            )
    form.reference.errors = [error]
    page = render_template("applicant/eid_drafts.html", adults=adults, form=OpenForm(), tie_form=form, error=error)
    return page, 400
