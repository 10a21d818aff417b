"""Check your answers, submit once, and the confirmation."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, url_for
from flask_wtf import FlaskForm

from .. import drafts
from ..db import db_session
from ..i18n import SOURCE_LANGUAGE, current_language
from ..instrument import INSTRUMENT
from ..instrument.path import applicable_pages, missing_required, visible_questions
from ..models import Status
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


@bp.get("/<lang:lang>/check")
@applicant_required
def check():
    summary = answer_summary(db_session(), g.adult)
    submitted = g.adult.status == Status.SUBMITTED
    missing = [q for s in summary for q in s["missing"]]
    return render_template(
        "applicant/check.html", summary=summary, submitted=submitted, missing=missing, form=FlaskForm(), adult=g.adult
    )


@bp.post("/<lang:lang>/submit")
@applicant_required
def submit():
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        drafts.submit(db_session(), g.adult)
    except drafts.NotReady:
        return redirect(url_for("applicant.check"))
    return redirect(url_for("applicant.done"))


@bp.get("/<lang:lang>/done")
@applicant_required
def done():
    if g.adult.status != Status.SUBMITTED:
        return redirect(url_for("applicant.check"))
    return render_template("applicant/done.html", adult=g.adult, form=FlaskForm())


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
    )
    return pdf_response(html, f"svar-{g.adult.household.reference}.pdf")


@bp.get("/<lang:lang>/questions")
@access(PUBLIC)
def all_questions():
    """Every question, readable before starting and without any account."""
    return render_template("applicant/all_questions.html", parts=INSTRUMENT.parts)
