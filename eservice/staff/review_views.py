"""Confirming a section with the person, and changing an answer beside the applicant's original (eservice.cases.review).

The form of a page is the applicant's own, built from the same definition; what the caseworker saves is recorded as
changes, stamped with the signed-in member.
"""

from __future__ import annotations

from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..cases import review
from ..db import db_session
from ..forms.questions import build_page_form, form_to_stored, stored_to_form
from ..instrument.fingerprint import page_version
from ..instrument.path import render_questions, visible_questions
from ..instrument.schema import FREE_TEXT_TYPES, Question
from ..models import Household
from ..security import CASEWORKER
from . import bp
from .case_views import case_or_404, local_time, whole_number
from .current import staff_required

# What the caseworker types is written in Swedish: the staff pages are Swedish.
STAFF_LANGUAGE = "sv"


def _position(value: str) -> int:
    position = whole_number(value)
    if position is None:
        abort(404)
    return position


def _section_anchor(position: int, section_id: str) -> str:
    return f"section-{position}-{section_id}"


def _stored(question: Question, value: Any, previous: Any) -> Any:
    """Free text unchanged keeps the language it was written in; changed, it is the caseworker's, in Swedish."""
    if question.type in FREE_TEXT_TYPES and isinstance(previous, dict) and previous.get("text") == value:
        return previous
    return form_to_stored(question, value, STAFF_LANGUAGE)


def _render_page(
    household: Household, case: review.CaseAnswers, position: int, page_id: str, form_data: Any, status: int
) -> tuple[str, int]:
    part, section, page = review.locate(case, position, page_id)
    answers, base = case.answers(position, part)
    shown = render_questions(page, answers, base)
    form = build_page_form(
        shown,
        formdata=form_data,
        data={q.id: stored_to_form(q, answers.get(q.id)) for q in shown},
        context={**base, **answers},
    )
    if form_data is not None:
        form.validate()  # shows the messages again beside the fields
    reviewed = case.section(position, part, section)
    rows = next((rows for shown_page, rows in reviewed.pages if shown_page is page), []) if reviewed else []
    html = render_template(
        "staff/review_page.html",
        member=g.staff,
        case=household,
        position=position,
        part=part,
        section=section,
        page=page,
        form=form,
        questions=shown,
        version=page_version(answers, [q.id for q in page.questions]),
        conflict=status == 409,
        rows=rows,
        local_time=local_time,
        back=url_for("staff.case_view", case_id=household.id, _anchor=_section_anchor(position, section.id)),
    )
    return html, status


@bp.route("/cases/<case_id>/adults/<position>/pages/<page_id>", methods=["GET", "POST"])
@staff_required(CASEWORKER)
def change_answers(case_id: str, position: str, page_id: str) -> Response | tuple[str, int]:
    db = db_session()
    household = case_or_404(case_id)
    adult = _position(position)
    try:
        case = review.CaseAnswers(db, household)
        if request.method == "GET":
            return _render_page(household, case, adult, page_id, None, 200)
        part, section, page = review.locate(case, adult, page_id)
        answers, base = case.answers(adult, part)
        shown = render_questions(page, answers, base)
        form = build_page_form(shown, formdata=request.form, context={**base, **answers})
        form.enforce_required = False  # the caseworker records what was said; confirming the section is the check
        if not form.validate():
            return _render_page(household, case, adult, page_id, request.form, 400)
        submitted = {q.id: form[q.id].data for q in shown}
        merged = {**answers, **{k: v for k, v in submitted.items() if v not in (None, "", [])}}
        applies = {q.id for q in visible_questions(page, merged, base)}
        new_answers = {q.id: _stored(q, submitted[q.id], answers.get(q.id)) for q in shown if q.id in applies}
        try:
            review.change_page(db, g.staff, household, adult, page.id, new_answers, request.form.get("version", ""))
        except review.EditConflict:
            # Someone else changed this page since it was shown: show what stands now, keep what was typed.
            return _render_page(household, review.CaseAnswers(db, household), adult, page_id, request.form, 409)
    except review.NotInCase:
        abort(404)
    anchor = _section_anchor(adult, section.id)
    return redirect(url_for("staff.case_view", case_id=case_id, changed=anchor, _anchor=anchor))


@bp.post("/cases/<case_id>/adults/<position>/sections/<section_id>/confirm")
@staff_required(CASEWORKER)
def confirm_section(case_id: str, position: str, section_id: str) -> Response:
    household = case_or_404(case_id)
    adult = _position(position)
    anchor = _section_anchor(adult, section_id)
    try:
        review.confirm_section(db_session(), g.staff, household, adult, section_id, request.form.get("version", ""))
    except review.NotInCase:
        abort(404)
    except review.EditConflict:
        return redirect(url_for("staff.case_view", case_id=case_id, conflict=anchor, _anchor=anchor))
    return redirect(url_for("staff.case_view", case_id=case_id, confirmed=anchor, _anchor=anchor))
