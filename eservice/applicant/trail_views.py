"""After submitting: who has opened the case, from the audit trail, so that the secrecy promise can be checked."""

from __future__ import annotations

from flask import g, redirect, render_template, url_for
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l

from .. import case_trail
from ..db import db_session
from ..models import Status
from . import bp
from .current import applicant_required

# What each kind of entry (eservice.cases.audit.Action) means to the applicant, in plain words.
ACTIONS = {
    "open": _l("Öppnade ditt ärende"),
    "change": _l("Ändrade något i ditt ärende"),
    "pick_up": _l("Började arbeta med ditt ärende"),
    "book": _l("Bokade ett möte med dig"),
    "export": _l("Tog ut en kopia av ditt ärende"),
    "reassign": _l("Gav ditt ärende till en kollega"),
}
SOME_ACTION = _l("Arbetade med ditt ärende")  # a kind of entry added later, before it has words of its own here
ROLES = {
    "caseworker": _l("En handläggare"),
    "team_lead": _l("En gruppledare"),
    "administrator": _l("En administratör"),
}
SOME_ROLE = _l("Någon i personalen")  # entries written before the role was kept (migration 0008)


def shown(entry: case_trail.TrailEntry) -> dict[str, object]:
    """One entry as the page shows it: the time in Swedish time, written the way the reader's language writes it."""
    return {
        "date": format_date(entry.at, "long"),
        "time": format_time(entry.at, "short"),
        "iso": entry.at.isoformat("T", "seconds"),  # HTML's datetime takes at most three digits of a second
        "what": ACTIONS.get(entry.action, SOME_ACTION),
        "who": ROLES.get(entry.role or "", SOME_ROLE),
        "name": entry.name,
    }


@bp.get("/<lang:lang>/who-opened")
@applicant_required
def who_opened():
    """Only once this adult has sent their answers: before that, nothing of theirs has reached anyone."""
    if g.adult.status != Status.SUBMITTED:
        return redirect(url_for("applicant.check"))
    trail = case_trail.trail_of(db_session(), g.adult)
    return render_template(
        "applicant/who_opened.html",
        entries=[shown(entry) for entry in trail.entries],
        total=trail.total,
        capped=trail.capped,
        names_shown=case_trail.names_shown(),
    )
