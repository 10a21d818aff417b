"""Starting, showing the code once, resuming, saving and leaving, and inviting a partner."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from .. import drafts
from ..db import db_session
from ..i18n import preferred_language
from ..instrument import INSTRUMENT
from ..security import PUBLIC, access
from . import bp
from .current import applicant_required, sign_in, sign_out

NEW_CODE_KEY = "new_code"  # the code to show once, kept only until the person has seen it


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
    return render_template("applicant/start.html", form=FlaskForm(), parts=INSTRUMENT.parts)


@bp.post("/<lang:lang>/new")
@access(PUBLIC)
def new_draft():
    if not FlaskForm().validate_on_submit():
        abort(400)
    access_ = drafts.start_household(db_session())
    sign_in(access_.adult)
    session[NEW_CODE_KEY] = {"reference": access_.reference, "code": access_.code, "for": "self"}
    return redirect(url_for("applicant.your_code"))


@bp.route("/<lang:lang>/your-code", methods=["GET", "POST"])
@applicant_required
def your_code():
    shown = session.get(NEW_CODE_KEY)
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        session.pop(NEW_CODE_KEY, None)
        return redirect(url_for("applicant.tasks"))
    if not shown:
        return redirect(url_for("applicant.tasks"))
    return render_template("applicant/your_code.html", shown=shown, form=form)


@bp.route("/<lang:lang>/resume", methods=["GET", "POST"])
@access(PUBLIC)
def resume():
    form = ResumeForm()
    error = None
    if form.validate_on_submit():
        try:
            adult = drafts.resume(db_session(), form.reference.data, form.code.data)
        except drafts.ResumeLocked:
            adult, error = None, _("Det har blivit fel för många gånger. Vänta en kvart och försök igen.")
        if adult is not None:
            sign_in(adult)
            return redirect(url_for("applicant.tasks"))
        error = error or _("Vi hittade ingen ansökan med det numret och den koden. Kontrollera och försök igen.")
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
    """The timeout warning's "continue": any signed-in request renews the session, so this only answers."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    return "", 204


def leave_saved(adult):
    """Everything is saved already: forget who is signed in here and say how to come back. When the timeout warning
    went unanswered, the page it was on was saved first, and the saved page says why the person was signed out."""
    reference = adult.household.reference
    timed_out = request.form.get("timed_out") == "1"
    sign_out()
    session["saved_reference"] = reference
    session["saved_after_timeout"] = timed_out
    return redirect(url_for("applicant.saved"))


@bp.get("/<lang:lang>/saved")
@access(PUBLIC)
def saved():
    return render_template(
        "applicant/saved.html",
        reference=session.get("saved_reference"),
        timed_out=session.get("saved_after_timeout", False),
    )


@bp.route("/<lang:lang>/partner", methods=["GET", "POST"])
@applicant_required
def partner():
    adult = g.adult
    if adult.position != 1:
        abort(404)
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        access_ = drafts.add_partner(db_session(), adult.household)
        flash_code = {"reference": access_.reference, "code": access_.code, "for": "partner"}
        return render_template("applicant/your_code.html", shown=flash_code, form=FlaskForm(), partner=True)
    has_partner = drafts.partner_of(adult.household) is not None
    return render_template("applicant/partner.html", form=form, has_partner=has_partner)
