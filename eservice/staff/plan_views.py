"""Writing a plan (part III) and evaluating it (part IV) with the person, from the same definition and forms as the
applicant's pages. Data through eservice.cases.plans; who wrote and signed off is the signed-in member."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..cases import plans, review
from ..cases.workdays import local_date
from ..db import db_session
from ..forms.questions import QuestionPageForm, build_page_form, form_to_stored, stored_to_form
from ..instrument.path import applicable_pages, render_questions, visible_questions
from ..instrument.schema import Part, Question
from ..models import CaseEvaluation, CasePlan, Household, SignedOff, utcnow
from ..security import CASEWORKER
from . import bp
from .case_views import case_or_404, local_time, whole_number
from .current import staff_required
from .review_views import STAFF_LANGUAGE


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_follow_up() -> date:
    return _months_later(local_date(utcnow()), int(current_app.config["PLAN_FOLLOW_UP_MONTHS"]))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def _position(household: Household, value: str) -> tuple[review.CaseAnswers, int]:
    case = review.CaseAnswers(db_session(), household)
    position = whole_number(value)
    if position is None or position not in case.adults:
        abort(404)
    return case, position


def _questions(part: Part, answers: dict[str, Any], base: dict[str, Any]) -> list[Question]:
    return [q for page in applicable_pages(part, answers, base) for q in render_questions(page, answers, base)]


def _form(part: Part, answers: dict[str, Any], base: dict[str, Any], formdata: Any = None) -> QuestionPageForm:
    shown = _questions(part, answers, base)
    form = build_page_form(
        shown,
        formdata=formdata,
        data={q.id: stored_to_form(q, answers.get(q.id)) for q in shown},
        context={**base, **answers},
    )
    form.enforce_required = False  # a draft keeps what is there; signing off checks the rest (plans._sign)
    return form


def _submitted(part: Part, answers: dict[str, Any], base: dict[str, Any], form: QuestionPageForm) -> dict[str, Any]:
    """The answers on the form, as stored: free text the caseworker typed is Swedish, unchanged text keeps its own."""
    shown = _questions(part, answers, base)
    typed = {q.id: form[q.id].data for q in shown}
    merged = {**answers, **{k: v for k, v in typed.items() if v not in (None, "", [])}}
    applies = {q.id for page in applicable_pages(part, merged, base) for q in visible_questions(page, merged, base)}
    stored = {}
    for q in shown:
        before = answers.get(q.id)
        keep = isinstance(before, dict) and before.get("text") == typed[q.id]
        stored[q.id] = before if keep else form_to_stored(q, typed[q.id], STAFF_LANGUAGE) if q.id in applies else None
    return stored


@dataclass
class RecordPage:
    """A plan or an evaluation on its page: a draft to write, or signed off, with its later changes beside it."""

    household: Household
    record: SignedOff
    part: Part
    base: dict[str, Any]
    now: plans.Written
    form: QuestionPageForm
    problem: str = ""
    status: int = 200

    @classmethod
    def open(cls, household: Household, record: SignedOff, part: Part, base: dict[str, Any]) -> RecordPage:
        now = plans.written(db_session(), record)
        form = _form(part, now.answers, base, request.form if request.method == "POST" else None)
        return cls(household, record, part, base, now, form)

    def answers_on_form(self) -> dict[str, Any]:
        return _submitted(self.part, self.now.answers, self.base, self.form)

    def save_draft(self, save: Callable[[str, bool], object]) -> bool:
        """Saves the draft with `save(seen version, sign off?)`; false, with the problem noted, when it could not."""
        try:
            save(request.form.get("version", ""), request.form.get("action") == "sign_off")
            return True
        except plans.Stale:
            self.problem, self.status = "stale", 409
        except plans.Final:  # signed off by another request between the page's read and this save
            self.problem, self.status = "final", 409
        except plans.NotReady:
            self.problem, self.status = "not_ready", 400
        db_session().refresh(self.record)
        self.now = plans.written(db_session(), self.record)
        return False

    def change_signed(self) -> Response | None:
        """A POST to a signed-off record: its changes are kept beside it; anything else is refused."""
        if request.form.get("action") != "change":
            self.problem, self.status = "final", 409
        elif not self.form.validate():
            self.problem, self.status = "invalid", 400
        else:
            try:
                plans.change_signed(
                    db_session(), g.staff, self.household, self.record, self.part, self.answers_on_form(),
                    request.form.get("version", ""),
                )  # fmt: skip
                return redirect(f"{request.path}?changed=1")
            except plans.Stale:
                self.problem, self.status = "stale", 409
        self.now = plans.written(db_session(), self.record)
        return None

    def context(self) -> dict[str, Any]:
        signed = self.record.signed_off_at is not None
        return {
            "case": self.household,
            "record": self.record,
            "part": self.part,
            "form": self.form,
            "questions": _questions(self.part, self.now.answers, self.base),
            "rows": _rows(self.part, self.now.answers, self.base),
            "changes": self.now.changes,
            "signed_answers": self.now.signed,
            "version": plans.written_version(self.now, self.part),
            "problem": self.problem,
            "saved": request.args.get("saved") == "1",
            "changed": request.args.get("changed") == "1",
            "changing": signed and (request.args.get("change") == "1" or self.problem in ("stale", "invalid")),
        }


def _page(template_args: dict[str, Any], status: int = 200) -> tuple[str, int]:
    return render_template("staff/plan.html", member=g.staff, local_time=local_time, **template_args), status


def _case_anchor(case_id: str, position: int) -> str:
    return url_for("staff.case_view", case_id=case_id, _anchor=f"plans-{position}")


@bp.post("/cases/<case_id>/adults/<position>/plans")
@staff_required(CASEWORKER)
def new_plan(case_id: str, position: str) -> Response:
    household = case_or_404(case_id)
    _case, adult = _position(household, position)
    db = db_session()
    latest = plans.of_case(db, household).get(adult, plans.AdultPlans([], {})).latest_signed
    plan = plans.start_plan(db, g.staff, household, adult, default_follow_up(), latest)
    return redirect(url_for("staff.plan", case_id=case_id, position=adult, plan_id=plan.id))


@bp.route("/cases/<case_id>/adults/<position>/plans/<plan_id>", methods=["GET", "POST"])
@staff_required(CASEWORKER)
def plan(case_id: str, position: str, plan_id: str) -> Response | tuple[str, int]:
    db = db_session()
    household = case_or_404(case_id)
    case, adult = _position(household, position)
    record = plans.plan_of(db, household, plan_id)
    if record is None or record.position != adult:
        abort(404)
    page = RecordPage.open(household, record, plans.plan_part(), case.plan_context(adult))
    follow_up = _date(request.form.get("follow_up_on")) if request.method == "POST" else record.follow_up_on
    if request.method == "POST" and record.signed_off_at is not None:
        changed = page.change_signed()
        if changed is not None:
            return changed
    elif request.method == "POST":
        if not page.form.validate() or follow_up is None:
            page.problem, page.status = "invalid", 400
        else:

            def save(seen: str, sign_off: bool) -> None:
                answers = page.answers_on_form()
                plans.save_plan(db, g.staff, household, record, answers, follow_up, seen, page.base, sign_off=sign_off)

            saved = page.save_draft(save)
            if saved:
                return redirect(url_for("staff.plan", case_id=case_id, position=adult, plan_id=plan_id, saved=1))
    evaluations = plans.evaluations_of(db, record)
    return _page(
        {
            **page.context(),
            "position": adult,
            "kind": "plan",
            "follow_up_on": follow_up,
            "evaluations": evaluations,
            "back": _case_anchor(case_id, adult),
        },
        page.status,
    )


@bp.post("/cases/<case_id>/adults/<position>/plans/<plan_id>/evaluations")
@staff_required(CASEWORKER)
def new_evaluation(case_id: str, position: str, plan_id: str) -> Response:
    db = db_session()
    household = case_or_404(case_id)
    _case, adult = _position(household, position)
    record = plans.plan_of(db, household, plan_id)
    if record is None or record.position != adult or record.signed_off_at is None:
        abort(404)
    evaluation = plans.start_evaluation(db, g.staff, household, record)
    return redirect(url_for("staff.evaluation", case_id=case_id, position=adult, evaluation_id=evaluation.id))


@bp.route("/cases/<case_id>/adults/<position>/evaluations/<evaluation_id>", methods=["GET", "POST"])
@staff_required(CASEWORKER)
def evaluation(case_id: str, position: str, evaluation_id: str) -> Response | tuple[str, int]:
    db = db_session()
    household = case_or_404(case_id)
    case, adult = _position(household, position)
    record = plans.evaluation_of(db, household, evaluation_id)
    if record is None or record.position != adult:
        abort(404)
    evaluated = db.get(CasePlan, record.plan_id)
    plan_now = plans.written(db, evaluated) if evaluated is not None else None
    plan_answers = plan_now.answers if plan_now is not None else {}
    page = RecordPage.open(household, record, plans.evaluation_part(), {**case.plan_context(adult), **plan_answers})
    next_follow_up = _date(request.form.get("next_follow_up_on")) if request.method == "POST" else None
    if request.method == "POST" and record.signed_off_at is not None:
        changed = page.change_signed()
        if changed is not None:
            return changed
    elif request.method == "POST":
        if not page.form.validate():
            page.problem, page.status = "invalid", 400
        else:
            new: list[CasePlan | None] = []  # the plan the decision starts, if it starts one

            def save(seen: str, sign_off: bool) -> None:
                answers = page.answers_on_form()
                new.append(
                    plans.save_evaluation(
                        db, g.staff, household, record, answers, next_follow_up, seen, page.base, sign_off=sign_off
                    )
                )

            saved = page.save_draft(save)
            if saved:
                return _after_evaluation(case_id, adult, record, new[0])
    return _page(
        {
            **page.context(),
            "position": adult,
            "kind": "evaluation",
            "next_follow_up_on": next_follow_up or default_follow_up(),
            "evaluated": evaluated,
            "plan_rows": _rows(plans.plan_part(), plan_answers, case.plan_context(adult)) if evaluated else [],
            "back": _case_anchor(case_id, adult),
        },
        page.status,
    )


def _after_evaluation(case_id: str, adult: int, record: CaseEvaluation, new: CasePlan | None) -> Response:
    if new is not None:  # a new plan, pre-filled from the one evaluated
        return redirect(url_for("staff.plan", case_id=case_id, position=adult, plan_id=new.id))
    if record.decision == plans.REGROUP:
        return redirect(url_for("staff.case_view", case_id=case_id, _anchor=f"need-group-{adult}"))
    return redirect(url_for("staff.evaluation", case_id=case_id, position=adult, evaluation_id=record.id, saved=1))


def _rows(part: Part, answers: dict[str, Any], base: dict[str, Any]) -> list[tuple[Question, Any]]:
    """Answers question by question, as the path function shows them."""
    return [
        (q, answers.get(q.id))
        for page in applicable_pages(part, answers, base)
        for q in visible_questions(page, answers, base)
    ]
