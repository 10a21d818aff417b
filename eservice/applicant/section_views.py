"""The opening page of a sensitive section: said once, before its questions, with the choice to answer now or to
talk about all of it at the meeting. Shown again from the task list, so the choice can be changed."""

from __future__ import annotations

from flask import abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from .. import drafts
from ..db import db_session
from ..instrument.path import applicable_sections, first_open_page, has_own_answers, talks_at_meeting
from ..instrument.schema import Part, Section
from . import bp
from .current import applicant_required
from .journey import after_section, is_read_only, section_number

ANSWER_NOW = "answer_now"
AT_MEETING = "at_meeting"


def _sensitive_section(section_id: str) -> tuple[Part, Section]:
    """The part and section, if this is a sensitive section of a part this adult answers; else a 404."""
    found = next(
        ((p, s) for p in drafts.parts_for(g.adult) for s in p.sections if s.id == section_id and s.sensitive), None
    )
    if found is None:
        abort(404)
    return found


@bp.route("/<lang:lang>/section/<section_id>", methods=["GET", "POST"])
@applicant_required
def section_start(section_id: str):
    adult = g.adult
    part, section = _sensitive_section(section_id)
    if is_read_only(adult, part):
        return redirect(url_for("applicant.check"))
    db = db_session()
    row = drafts.answer_set(db, adult, part)
    base = drafts.base_context(db, adult, part)
    if section not in applicable_sections(part, row.answers, base):
        return redirect(url_for("applicant.tasks"))
    form = FlaskForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        action = request.form.get("action")
        if action == AT_MEETING:
            drafts.choose_meeting(db, adult, part, section)
            return redirect(after_section(db, adult, section.id))
        if action != ANSWER_NOW:
            abort(400)
        page = first_open_page(section, row.answers, set(row.completed_pages), base)
        if page is None:  # cannot happen for a section that applies; the task list is the safe place
            return redirect(url_for("applicant.tasks"))
        return redirect(url_for("applicant.question_page", page_id=page.id))
    number, total = section_number(db, adult, section.id)
    return render_template(
        "applicant/section_start.html",
        form=form,
        part=part,
        section=section,
        at_meeting=talks_at_meeting(section, row.answers, base),
        has_answers=has_own_answers(section, row.answers),
        section_number=number,
        section_total=total,
        actions={"answer_now": ANSWER_NOW, "at_meeting": AT_MEETING},
    )
