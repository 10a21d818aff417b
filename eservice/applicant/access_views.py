"""Starting, showing the code once, resuming, saving and leaving, and inviting a partner."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from .. import drafts
from ..db import db_session
from ..i18n import preferred_language
from ..instrument import INSTRUMENT
from ..models import Status
from ..security import PUBLIC, access, csrf
from . import bp
from .current import applicant_required, current_adult, sign_in, sign_out

NEW_CODE_KEY = "new_code"  # the code to show once, kept (server-side) only until the person has seen it
INVITATION_KEY = "partner_invitation"


class ResumeForm(FlaskForm):
    reference = StringField(validators=[InputRequired(), Length(max=20)])
    code = StringField(validators=[InputRequired(), Length(max=30)])


@bp.get("/")
@access(PUBLIC)
def root():
    return redirect(url_for("applicant.start", lang=preferred_language()))


@bp.get("/<lang:lang>/")
@access(PUBLIC)
def start():
    return render_template("applicant/start.html", form=FlaskForm(), parts=INSTRUMENT.applicant_parts())


def client_address() -> str:
    """The client's address; behind a proxy, ProxyFix (configured hops) has already put the real one here."""
    return (request.remote_addr or "unknown")[:64]


@bp.post("/<lang:lang>/new")
@access(PUBLIC)
def new_draft():
    if not FlaskForm().validate_on_submit():
        abort(400)
    db = db_session()
    if not drafts.may_start_household(db, client_address()):
        message = _("Många nya ansökningar har startats från din uppkoppling. Vänta en stund och försök igen.")
        return render_template("error.html", title=_("Vänta en stund"), body=message), 429
    access_ = drafts.start_household(db)
    sign_in(access_.adult)
    session[NEW_CODE_KEY] = {"reference": access_.reference, "code": access_.code, "for": "self"}
    return redirect(url_for("applicant.your_code"))


@bp.route("/<lang:lang>/your-code", methods=["GET", "POST"])
@applicant_required
def your_code():
    """The code, shown once. It is kept only in the server-side session until the person says they have it."""
    shown = session.get(NEW_CODE_KEY)
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        session.pop(NEW_CODE_KEY, None)
        return redirect(url_for("applicant.tasks"))
    if not shown:
        return redirect(url_for("applicant.tasks"))
    return render_template(
        "applicant/your_code.html",
        shown=shown,
        form=form,
        adult=g.adult,
        deleted_on=drafts.draft_deleted_on(g.adult.household),
    )


@bp.route("/<lang:lang>/resume", methods=["GET", "POST"])
@access(PUBLIC)
def resume():
    form = ResumeForm()
    error = None
    if form.validate_on_submit():
        resumed = drafts.resume(db_session(), form.reference.data or "", form.code.data or "", client_address())
        if resumed is not None:
            sign_in(resumed.adult)
            if resumed.new_code is not None:  # a partner's invitation, exchanged for their own code
                session[NEW_CODE_KEY] = {
                    "reference": resumed.adult.household.reference,
                    "code": resumed.new_code,
                    "for": "joined",
                }
                return redirect(url_for("applicant.your_code"))
            return redirect(url_for("applicant.tasks"))
        # One message for every way it can fail (unknown number, wrong code, too many tries), so that the answer
        # tells a stranger nothing about the household.
        error = _(
            "Vi hittade ingen ansökan med det numret och den koden. Kontrollera och försök igen. "
            "Har det blivit fel flera gånger? Vänta några minuter innan du försöker igen."
        )
    elif request.method == "POST":
        error = _("Skriv ditt ärendenummer och din kod.")
    if error:
        # One message for the pair, shown at the first field: which of the two was wrong is not said.
        form.reference.errors, form.code.errors = [error], []
    status = 400 if error else 200
    return render_template("applicant/resume.html", form=form, error=error), status


@bp.post("/<lang:lang>/save-and-exit")
@applicant_required
def save_and_exit():
    if not FlaskForm().validate_on_submit():
        abort(400)
    return leave_saved(g.adult)


@bp.post("/<lang:lang>/still-here")
@applicant_required
def still_here():
    """The timeout warning's "continue": renews the session."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    session.modified = True
    return "", 204


def leave_saved(adult):
    """Everything is saved already: end this adult's sessions everywhere and say how to come back. When the timeout
    warning went unanswered, the page it was on was saved first, and the saved page says why the person was signed
    out."""
    reference = adult.household.reference
    deleted_on = drafts.draft_deleted_on(adult.household) if adult.status != Status.SUBMITTED else None
    timed_out = request.form.get("timed_out") == "1"
    sign_out(adult)
    session["saved"] = {
        "reference": reference,
        "timed_out": timed_out,
        "deleted_on": deleted_on.date().isoformat() if deleted_on else None,
    }
    return redirect(url_for("applicant.saved"))


@bp.get("/<lang:lang>/saved")
@access(PUBLIC)
def saved():
    shown = session.get("saved") or {}
    deleted_on = shown.get("deleted_on")
    return render_template(
        "applicant/saved.html",
        reference=shown.get("reference"),
        timed_out=shown.get("timed_out", False),
        deleted_on=date.fromisoformat(deleted_on) if deleted_on else None,
    )


@bp.route("/<lang:lang>/exit", methods=["GET", "POST"])
@csrf.exempt  # ending one's own session needs no token: the worst a forged request can do is sign someone out
@access(PUBLIC)
def quick_exit():
    """The quick exit: end the session on the server (every session of this adult), then leave for a neutral site.
    Works without JavaScript (a plain link); with it, site.js sends a beacon here first and replaces the history
    entry."""
    sign_out(current_adult())
    if request.method == "POST":
        return "", 204
    response = redirect(current_app.config["QUICK_EXIT_URL"])
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/<lang:lang>/partner", methods=["GET", "POST"])
@applicant_required
def partner():
    """Adult 1 invites the second adult. The invitation opens nothing by itself: the partner exchanges it for their own
    code, shown only to them, and after that adult 1 can never make a new one."""
    adult = g.adult
    if adult.position != 1:
        abort(404)
    form = FlaskForm()
    household = adult.household
    state = drafts.partner_state(household)
    if request.method == "POST" and form.validate_on_submit() and state is not drafts.PartnerState.JOINED:
        access_ = drafts.invite_partner(db_session(), household)
        session[INVITATION_KEY] = {"reference": access_.reference, "code": access_.code, "for": "partner"}
        return redirect(url_for("applicant.partner_invitation"))
    return render_template("applicant/partner.html", form=form, state=state.value)


@bp.get("/<lang:lang>/partner/invitation")
@applicant_required
def partner_invitation():
    """The invitation just made, shown to adult 1 from the server-side session: a reload shows the same one and
    never replaces it."""
    if g.adult.position != 1:
        abort(404)
    shown = session.get(INVITATION_KEY)
    if not shown or drafts.partner_state(g.adult.household) is not drafts.PartnerState.INVITED:
        session.pop(INVITATION_KEY, None)
        return redirect(url_for("applicant.partner"))
    return render_template("applicant/your_code.html", shown=shown, form=FlaskForm(), partner=True, adult=g.adult)


@bp.route("/<lang:lang>/delete", methods=["GET", "POST"])
@applicant_required
def delete_draft():
    """The applicant deletes their own draft, after a page that says what goes."""
    adult = g.adult
    if adult.status == Status.SUBMITTED:
        return redirect(url_for("applicant.tasks"))
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        drafts.delete_draft(db_session(), adult)
        sign_out(None)
        session["deleted"] = True
        return redirect(url_for("applicant.deleted"))
    joined = drafts.partner_state(adult.household) is not drafts.PartnerState.NONE
    return render_template("applicant/delete.html", form=form, adult=adult, partner_joined=joined)


@bp.get("/<lang:lang>/deleted")
@access(PUBLIC)
def deleted():
    if not session.get("deleted"):
        return redirect(url_for("applicant.start"))
    return render_template("applicant/deleted.html")
