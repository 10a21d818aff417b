"""The task list and one page of questions. Every Continue saves; "save and come back later" saves too."""

from __future__ import annotations

from typing import Any

from flask import abort, g, redirect, render_template, request, url_for

from .. import drafts
from ..db import db_session
from ..forms.questions import build_page_form, form_to_stored, stored_to_form
from ..i18n import Language, current_language, offered_language
from ..instrument.path import (
    applicable_pages,
    next_page_in_section,
    render_questions,
    visible_questions,
)
from ..instrument.schema import FREE_TEXT_TYPES
from ..models import Status
from . import bp
from .access_views import leave_saved
from .current import applicant_required
from .journey import after_section, is_read_only, page_part, progress, ready_to_check, section_number, task_list
from .unsaved import mark_saved


@bp.get("/<lang:lang>/tasks")
@applicant_required
def tasks():
    adult = g.adult
    db = db_session()
    parts = task_list(db, adult)
    done, total = progress(parts)
    part1 = drafts.answer_set(db, adult, parts[0].part).answers if adult.position == 1 else {}
    return render_template(
        "applicant/tasks.html",
        parts=parts,
        done=done,
        total=total,
        ready=ready_to_check(parts),
        adult=adult,
        submitted=adult.status == Status.SUBMITTED,
        wants_partner=part1.get("applying_with") == "with_partner",
        partner_state=drafts.partner_state(adult.household).value,
        deleted_on=drafts.draft_deleted_on(adult.household),
    )


@bp.route("/<lang:lang>/q/<page_id>", methods=["GET", "POST"])
@applicant_required
def question_page(page_id: str):
    adult = g.adult
    located = page_part(page_id)
    if located is None:
        abort(404)
    part, section, page = located
    if part not in drafts.parts_for(adult):
        abort(404)  # the second adult has no part I pages; nobody has another adult's pages at all
    if is_read_only(adult, part):
        return redirect(url_for("applicant.check"))
    db = db_session()
    row = drafts.answer_set(db, adult, part)
    base = drafts.base_context(db, adult, part)
    if page not in applicable_pages(part, row.answers, base):
        return redirect(url_for("applicant.tasks"))  # a page that does not apply to this person now
    back_to_check = request.args.get("return") == "check"
    page_question_ids = [q.id for q in page.questions]
    shown = render_questions(page, row.answers, base)
    conflict = False

    if request.method == "POST":
        form = build_page_form(shown, formdata=request.form, context={**base, **row.answers})
        action = request.form.get("action", "continue")
        # Which questions apply depends on what was just chosen on this very page (follow-ups).
        submitted = {q.id: form[q.id].data for q in shown}
        merged = {**row.answers, **{k: v for k, v in submitted.items() if v not in (None, "", [])}}
        form.shown_ids = {q.id for q in visible_questions(page, merged, base)}
        switch_to = _language_from_action(action)
        # Leaving the page (to come back later, or to read it in another language) keeps what is there without
        # asking for the rest first.
        form.enforce_required = action == "continue"
        if form.validate():
            new_answers = {
                q.id: _stored(q, form[q.id].data, row.answers.get(q.id)) for q in shown if q.id in form.shown_ids
            }
            try:
                drafts.save_page(
                    db,
                    adult,
                    part,
                    page.id,
                    new_answers,
                    page_question_ids,
                    request.form.get("version") or None,
                    complete=form.enforce_required,
                )
            except drafts.EditConflict:
                conflict = True
                row = drafts.answer_set(db, adult, part)
            else:
                mark_saved()
                if action == "save_exit":
                    return leave_saved(adult)
                if switch_to is not None:
                    return_to_check: dict[str, Any] = {"return": "check"} if back_to_check else {}
                    return redirect(
                        url_for(
                            "applicant.question_page",
                            page_id=page.id,
                            lang=switch_to,
                            **return_to_check,
                        )
                    )
                if back_to_check:
                    return redirect(url_for("applicant.check"))
                row = drafts.answer_set(db, adult, part)
                following = next_page_in_section(part, page.id, row.answers, base)
                if following is not None:
                    return redirect(url_for("applicant.question_page", page_id=following.id))
                # The section is finished: straight on to the next one not done, not back to the list.
                return redirect(after_section(db, adult, section.id))
        status = 409 if conflict else 400
    else:
        form = build_page_form(
            shown,
            formdata=None,
            data={q.id: stored_to_form(q, row.answers.get(q.id)) for q in shown},
            context={**base, **row.answers},
        )
        status = 200

    number, total = section_number(db, adult, section.id)
    return render_template(
        "applicant/question_page.html",
        section_number=number,
        section_total=total,
        form=form,
        part=part,
        section=section,
        page=page,
        questions=shown,
        version=drafts.page_version(row.answers, page_question_ids),
        conflict=conflict,
        back_to_check=back_to_check,
        follow_ups={q.id for q in shown if q.show_when and q not in visible_questions(page, row.answers, base)},
    ), status


def _stored(question, value, previous):
    """Store codes and numbers as they are; free text verbatim, keeping the language it was first written in
    when the words did not change (switching the page language must not relabel someone's own words)."""
    if question.type in FREE_TEXT_TYPES and isinstance(previous, dict) and previous.get("text") == value:
        return previous
    return form_to_stored(question, value, current_language().url_code)


def _language_from_action(action: str) -> Language | None:
    if not action.startswith("lang:"):
        return None
    return offered_language(action.removeprefix("lang:"))
