"""Check your answers, submit once, and the confirmation."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, url_for
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired

from .. import drafts
from ..db import db_session
from ..i18n import SOURCE_LANGUAGE, current_language
from ..instrument import INSTRUMENT
from ..instrument.path import applicable_pages, missing_required, visible_questions
from ..models import Status, aware
from ..pdf import pdf_response
from ..security import PUBLIC, access
from . import bp
from .current import applicant_required
from .journey import is_read_only


def answer_summary(db, adult):
    """For each part this adult sees: its applicable pages with the visible, answered questions. Once submitted, this
    reads the frozen submission, so nothing changed later in part I alters what the person sent."""
    summary = []
    for part in drafts.parts_for(adult):
        seen = drafts.answers_for(db, adult, part)
        answers, base = seen.answers, seen.base
        pages = [
            (page, [(q, answers.get(q.id)) for q in visible_questions(page, answers, base)])
            for page in applicable_pages(part, answers, base)
        ]
        summary.append(
            {
                "part": part,
                "pages": pages,
                "read_only": is_read_only(adult, part),
                "missing": missing_required(part, answers, base),
            }
        )
    return summary


class SubmitForm(FlaskForm):
    """The declaration before sending: what is written is true as far as the person knows."""

    declaration = BooleanField(
        validators=[DataRequired(message=_l("Kryssa i rutan om det du har skrivit är sant så långt du vet."))]
    )


def _check_page(form: SubmitForm, status: int = 200, tried_to_submit: bool = False):
    summary = answer_summary(db_session(), g.adult)
    submitted = g.adult.status == Status.SUBMITTED
    # Each missing answer links to its own question, on its page.
    missing = [(q, INSTRUMENT.page_of(q.id).id) for s in summary for q in s["missing"]]
    return render_template(
        "applicant/check.html",
        summary=summary,
        submitted=submitted,
        missing=missing,
        form=form,
        adult=g.adult,
        tried_to_submit=tried_to_submit,
    ), status


@bp.get("/<lang:lang>/check")
@applicant_required
def check():
    return _check_page(SubmitForm(formdata=None))


@bp.post("/<lang:lang>/submit")
@applicant_required
def submit():
    """No disabled button: pressing it with answers missing, or without the declaration, says what to do."""
    if g.adult.status == Status.SUBMITTED:  # sent already (another tab, a double tap): the first one stands
        return redirect(url_for("applicant.done"))
    form = SubmitForm()
    valid = form.validate()
    if "csrf_token" in form.errors:
        abort(400)
    if not valid:
        return _check_page(form, 400, tried_to_submit=True)
    try:
        drafts.submit(db_session(), g.adult)
    except drafts.NotReady:
        return _check_page(form, 400, tried_to_submit=True)
    return redirect(url_for("applicant.done"))


def received(adult) -> dict[str, str] | None:
    """When the submission arrived, from its own record, in Swedish time (BABEL_DEFAULT_TIMEZONE) and written the way
    the reader's language writes dates and times. The date matters: it may be the day the application counts from."""
    submission = drafts.submission_of(db_session(), adult)
    if submission is None:
        return None
    at = aware(submission.submitted_at)
    # Whole seconds: HTML's datetime attribute takes at most three digits of a second.
    return {"date": format_date(at, "long"), "time": format_time(at, "short"), "iso": at.isoformat("T", "seconds")}


# The answer in part II that says how the social services may reach this adult; "i_contact_you" means no way is safe.
SAFE_CONTACT, NO_SAFE_WAY = "safe_contact", "i_contact_you"


def reachable(adult) -> bool:
    """Whether this adult, in what they sent, gave a way the caseworker may contact them. Only then may the
    confirmation say "we contact you the way you chose"; otherwise it asks them to call, with their reference."""
    ways = drafts.answers_for(db_session(), adult, INSTRUMENT.part("II")).answers.get(SAFE_CONTACT) or []
    return any(way != NO_SAFE_WAY for way in ways)


@bp.get("/<lang:lang>/done")
@applicant_required
def done():
    if g.adult.status != Status.SUBMITTED:
        return redirect(url_for("applicant.check"))
    return render_template(
        "applicant/done.html",
        adult=g.adult,
        form=FlaskForm(),
        received=received(g.adult),
        reachable=reachable(g.adult),
    )


@bp.get("/<lang:lang>/answers.pdf")
@applicant_required
def answers_pdf():
    """After submitting: the person's own answers, each question in Swedish and in their language."""
    if g.adult.status != Status.SUBMITTED:
        return redirect(url_for("applicant.check"))
    html = render_template(
        "applicant/answers_print.html",
        summary=answer_summary(db_session(), g.adult),
        adult=g.adult,
        bilingual=current_language() != SOURCE_LANGUAGE,
        received=received(g.adult),
    )
    return pdf_response(html, f"svar-{g.adult.household.reference}.pdf")


@bp.get("/<lang:lang>/questions")
@access(PUBLIC)
def all_questions():
    """Every question, readable before starting and without any account."""
    return render_template("applicant/all_questions.html", parts=INSTRUMENT.applicant_parts())
