"""The queue, picking up, reassigning and booking the meeting. Data comes through eservice.cases only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from werkzeug.wrappers import Response

from ..cases import commands, need_groups, plans, queries, review
from ..cases.audit import AuditFilter, entries
from ..cases.workdays import LOCAL, local_date
from ..db import db_session
from ..i18n import SOURCE_LANGUAGE, Language, offered_language, offered_languages, translated
from ..instrument import INSTRUMENT
from ..instrument.need_groups import NEED_GROUPS, UNCLEAR
from ..models import CaseState, aware, utcnow
from ..security import ADMINISTRATOR, CASEWORKER, TEAM_LEAD
from . import bp
from .current import staff_required
from .facts_form import facts_context
from .notes import note_html
from .views import units

STATES = [state.value for state in CaseState]
# The queue's box of follow-ups this week shows the soonest so many, and says how many there are in all: a large
# unit may have hundreds due, and the queue itself is what the page is for.
FOLLOW_UPS_SHOWN = 20


def whole_number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 6 else None


def _filter_from(args) -> queries.QueueFilter:
    return queries.QueueFilter(
        holder=args.get("holder", ""),
        state=args.get("state", "") if args.get("state", "") in STATES else "",
        language=args.get("language", "")[:8],
        interpreter=args.get("interpreter", "") if args.get("interpreter") in ("yes", "no") else "",
        waiting_over=whole_number(args.get("waiting_over")),
        oldest_first=args.get("sort") != "newest",
    )


def case_or_404(case_id: str):
    household = queries.case_for(db_session(), g.staff, case_id)
    if household is None:
        abort(404)
    return household


def local_time(moment: datetime, seconds: bool = False) -> str:
    return aware(moment).astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def _due_days() -> int:
    return int(current_app.config.get("CASE_DUE_WORKING_DAYS", 5))


@bp.get("/", endpoint="home")
@staff_required(CASEWORKER)
def queue() -> str:
    db = db_session()
    wanted = _filter_from(request.args)
    page = queries.queue(
        db,
        g.staff,
        wanted,
        today=local_date(utcnow()),
        due_days=_due_days(),
        page=whole_number(request.args.get("page")) or 1,
    )
    query = {k: v for k, v in request.args.items() if k != "page" and v}
    today = local_date(utcnow())
    week_ends = today + timedelta(days=6 - today.weekday())
    return render_template(
        "staff/queue.html",
        follow_ups=plans.open_follow_ups(db, g.staff, mine_only=False, due_by=week_ends, at_most=FOLLOW_UPS_SHOWN),
        today=today,
        member=g.staff,
        unit_name=units().get(g.staff.unit, ""),
        units=units(),
        page=page,
        wanted=wanted,
        query=query,
        states=STATES,
        colleagues=queries.colleagues(db, g.staff),
        due_days=_due_days(),
        may_reassign=g.staff.may(TEAM_LEAD),
    )


@bp.post("/cases/<case_id>/pick-up")
@staff_required(CASEWORKER)
def pick_up(case_id: str) -> Response | tuple[str, int]:
    db = db_session()
    taken = commands.pick_up(db, g.staff, case_or_404(case_id))
    if not taken.won:
        return render_template("staff/taken.html", member=g.staff, holder_name=taken.holder_name), 409
    return redirect(url_for("staff.meeting", case_id=case_id))


@bp.post("/pick-next")
@staff_required(CASEWORKER)
def pick_next() -> Response | tuple[str, int]:
    household = commands.pick_next(db_session(), g.staff)
    if household is None:
        return render_template("staff/none_waiting.html", member=g.staff), 404
    return redirect(url_for("staff.meeting", case_id=household.id))


@bp.post("/reassign")
@staff_required(TEAM_LEAD)
def reassign() -> Response | tuple[str, int]:
    db = db_session()
    to = queries.colleague(db, g.staff, request.form.get("colleague", ""))
    case_ids = request.form.getlist("case")
    if to is None or not case_ids:
        return render_template("staff/reassign_failed.html", member=g.staff), 400
    moved = commands.reassign(db, g.staff, case_ids[:200], to.subject, to.name)
    if moved == 0:
        abort(404)
    return redirect(url_for("staff.home", holder=to.subject))


@bp.post("/cases/<case_id>/reassign")
@staff_required(TEAM_LEAD)
def reassign_one(case_id: str) -> Response | tuple[str, int]:
    db = db_session()
    household = case_or_404(case_id)
    to = queries.colleague(db, g.staff, request.form.get("colleague", ""))
    if to is None:
        return render_template("staff/reassign_failed.html", member=g.staff), 400
    commands.reassign(db, g.staff, [household.id], to.subject, to.name)
    return redirect(url_for("staff.meeting", case_id=household.id))


def _meeting_from(form) -> tuple[commands.Meeting | None, list[str]]:
    errors = []
    try:
        # Typed in Swedish time, stored in UTC (SQLite keeps no zone).
        at = datetime.strptime(form.get("meeting_at", ""), "%Y-%m-%dT%H:%M").replace(tzinfo=LOCAL).astimezone(UTC)
    except ValueError:
        at = None
        errors.append("meeting_at")
    mode = form.get("mode", "")
    if mode not in ("place", "phone"):
        errors.append("mode")
    where = form.get("where", "").strip()[:255]
    if not where:
        errors.append("where")
    booked = form.get("interpreter_booked") == "yes"
    language = form.get("interpreter_language", "").strip()[:100]
    if booked and not language:
        errors.append("interpreter_language")
    if errors or at is None:
        return None, errors
    return commands.Meeting(at, mode, where, booked, language), []


def _safe_contact_labels() -> dict[str, str]:
    question = INSTRUMENT.question("safe_contact")
    return {o.code: o.label for o in question.options} if question else {}


@bp.route("/cases/<case_id>/meeting", methods=["GET", "POST"])
@staff_required(CASEWORKER)
def meeting(case_id: str) -> Response | tuple[str, int]:
    db = db_session()
    household = case_or_404(case_id)
    errors: list[str] = []
    if request.method == "POST":
        booking, errors = _meeting_from(request.form)
        if booking is not None:
            commands.book_meeting(db, g.staff, household, booking)
            return redirect(url_for("staff.meeting", case_id=case_id, booked=1))
    contacts = queries.contacts(db, household)
    commands.opened(db, g.staff, household)  # before the page is shown: an unrecorded read is no read at all
    html = render_template(
        "staff/meeting.html",
        member=g.staff,
        case=household,
        contacts=contacts,
        safe_labels=_safe_contact_labels(),
        errors=errors,
        form=request.form,
        # Only a well-formed time goes back into the field: the browser's datetime-local takes nothing else.
        meeting_at_value="" if "meeting_at" in errors else request.form.get("meeting_at", ""),
        booked=request.args.get("booked") == "1",
        colleagues=queries.colleagues(db, g.staff),
        may_reassign=g.staff.may(TEAM_LEAD),
        local_time=local_time,
    )
    return (html, 400) if errors else html  # type: ignore[return-value]  # a page, or a page with its status


@bp.post("/cases/<case_id>/meeting-held")
@staff_required(CASEWORKER)
def meeting_held(case_id: str) -> Response:
    commands.meeting_held(db_session(), g.staff, case_or_404(case_id))
    return redirect(url_for("staff.case_view", case_id=case_id))


@bp.get("/audit")
@staff_required(ADMINISTRATOR)
def audit_log() -> str:
    on = request.args.get("on", "")
    try:
        day = datetime.fromisoformat(on).date() if on else None
    except ValueError:
        day = None
    wanted = AuditFilter(reference=request.args.get("reference", ""), staff=request.args.get("staff", ""), on=day)
    page = whole_number(request.args.get("page")) or 1
    rows, more = entries(db_session(), wanted, page)
    query = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "staff/audit.html",
        member=g.staff,
        rows=rows,
        more=more,
        page=page,
        wanted=wanted,
        query=query,
        local_time=local_time,
    )


def _beside_language() -> Language | None:
    """The applicant's language to show beside the Swedish, when asked for and offered."""
    wanted = offered_language(request.args.get("beside", ""))
    return wanted if wanted is not None and wanted is not SOURCE_LANGUAGE else None


@bp.get("/cases/<case_id>")
@staff_required(CASEWORKER)
def case_view(case_id: str) -> str:
    """For the meeting: contact details first, then parts I and II as each adult sent them, numbered as in the
    interpreter's view; Swedish, with the applicant's language beside it on request."""
    db = db_session()
    household = case_or_404(case_id)
    beside = _beside_language()

    def in_beside(owner: Any, field_name: str, option: Any = None) -> str:
        if beside is None:
            return ""
        with force_locale(beside.locale):
            return translated(owner, field_name, option)

    contacts = queries.contacts(db, household)
    case_answers = review.CaseAnswers(db, household)
    answered = case_answers.reviewed()
    case_notes = queries.notes(db, household)
    commands.opened(db, g.staff, household)  # recorded before the page is shown
    return render_template(
        "staff/case.html",
        member=g.staff,
        case=household,
        contacts=contacts,
        adults=answered,
        safe_labels=_safe_contact_labels(),
        beside=beside,
        in_beside=in_beside,
        languages=[lang for lang in offered_languages() if lang is not SOURCE_LANGUAGE],
        local_time=local_time,
        notes=case_notes,
        note_html=note_html,
        note_max=commands.NOTE_MAX,
        note_error=request.args.get("note") == "empty",
        need_groups=NEED_GROUPS,
        unclear=UNCLEAR,
        decisions=need_groups.history(db, household.id),
        suggestions={adult.position: need_groups.suggestion(adult.original_part2) for adult in answered},
        suggestion_labels=_suggestion_labels(),
        need_group_saved=whole_number(request.args.get("need_group_saved")),
        confirmed=request.args.get("confirmed", ""),
        changed=request.args.get("changed", ""),
        conflict=request.args.get("conflict", ""),
        plans=plans.of_case(db, household),
        **facts_context(db, household, case_answers),
    )


def _suggestion_labels() -> dict[str, str]:
    question = INSTRUMENT.question(need_groups.SUGGESTION)
    return {o.code: o.label for o in question.options} if question else {}


@bp.post("/cases/<case_id>/need-group")
@staff_required(CASEWORKER)
def need_group(case_id: str) -> Response:
    """Sets an adult's need group; who decided is the signed-in member (any name in the form is ignored)."""
    household = case_or_404(case_id)
    position = whole_number(request.form.get("position")) or 0
    try:
        need_groups.decide(
            db_session(),
            g.staff,
            household,
            position,
            request.form.get("group", ""),
            agreed=request.form.get("agreed") == "yes",
        )
    except need_groups.UnknownGroup:
        abort(400)
    return redirect(
        url_for("staff.case_view", case_id=case_id, need_group_saved=position, _anchor=f"need-group-{position}")
    )


@bp.post("/cases/<case_id>/notes")
@staff_required(CASEWORKER)
def add_note(case_id: str) -> Response:
    household = case_or_404(case_id)
    text = request.form.get("note", "")
    if not text.strip():
        return redirect(url_for("staff.case_view", case_id=case_id, note="empty", _anchor="notes"))
    commands.add_note(db_session(), g.staff, household, text)
    return redirect(url_for("staff.case_view", case_id=case_id, _anchor="notes"))
