"""What happens to a draft: created, resumed, answered page by page, submitted. Views call these; no view
touches the models' answers directly."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, event, select, text
from sqlalchemy import delete as sa_delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.exc import StaleDataError

from . import credentials, sessions, throttle
from .config import staff_units
from .db import Base
from .instrument import INSTRUMENT, adult_context
from .instrument.fingerprint import page_version as page_version  # re-exported: the applicant views call it here
from .instrument.path import complete_pages, missing_required, prune, talk_at_meeting
from .instrument.queue_facts import queue_facts
from .instrument.schema import Part, Question, Section
from .models import (
    Adult,
    AnswerSet,
    Credential,
    Household,
    Status,
    Submission,
    Throttle,
    WebSession,
    aware,
    new_id,
    utcnow,
)

RESUME_CODE = "resume_code"
INVITATION = "invitation"
SECRET_KINDS = (RESUME_CODE, INVITATION)
# A household has at most two codes at once: adult 1's, and the partner's invitation or the partner's own code.
# Every attempt checks this many hashes, found or not, so the time taken tells nothing.
CHECKS_PER_ATTEMPT = 2


@dataclass
class NewAccess:
    adult: Adult
    reference: str
    code: str  # shown once to the person, never stored


def start_household(db: Session, *, with_code: bool = True) -> NewAccess:
    for _ in range(10):  # a clash of references is rare; try again with a new one
        household = Household(reference=credentials.new_reference(), definition_version=INSTRUMENT.version)
        db.add(household)
        try:
            db.flush()
            break
        except IntegrityError:
            db.rollback()
    else:
        raise RuntimeError("could not find a free reference")
    adult = Adult(household=household, position=1)
    db.add(adult)
    db.flush()
    db.add(AnswerSet.new(household.id, None, "I"))
    db.add(AnswerSet.new(household.id, adult.id, "II"))
    code = _give_code(db, adult, RESUME_CODE) if with_code else ""  # an e-ID needs no code (eservice.identities)
    db.commit()
    return NewAccess(adult, household.reference, code)


class PartnerState(StrEnum):
    NONE = "none"
    INVITED = "invited"  # an invitation exists that nobody has used yet
    JOINED = "joined"  # the partner has their own code: nobody else can give them a new one


def partner_of(household: Household) -> Adult | None:
    return next((a for a in household.adults if a.position == 2), None)


def partner_state(household: Household) -> PartnerState:
    """One query, partner or not: loading the partner and then their credentials cost a query more for a couple."""
    db = object_session(household)
    if db is None:  # every caller has the household from its request's session
        raise RuntimeError("partner_state needs a household loaded in a session")
    of_partner = select(Credential.kind).join(Adult, Adult.id == Credential.adult_id)
    kinds = set(db.scalars(of_partner.where(Adult.household_id == household.id, Adult.position == 2)))
    if RESUME_CODE in kinds:
        return PartnerState.JOINED
    return PartnerState.INVITED if INVITATION in kinds else PartnerState.NONE


class PartnerJoined(Exception):
    """The partner has their own code now; adult 1 can never replace it."""


def invite_partner(db: Session, household: Household) -> NewAccess:
    """A one-time invitation for the second adult. It opens nothing: on first use the partner exchanges it for a
    code of their own, shown only to them. A new invitation replaces one that was never used (a lost paper)."""
    partner = partner_of(household)
    if partner is None:
        partner = Adult(household=household, position=2)
        db.add(partner)
        db.flush()
        db.add(AnswerSet.new(household.id, partner.id, "II"))
    elif partner_state(household) is PartnerState.JOINED:
        raise PartnerJoined()
    code = _give_code(db, partner, INVITATION)
    db.commit()
    return NewAccess(partner, household.reference, code)


def _give_code(db: Session, adult: Adult, kind: str) -> str:
    """A new code of this kind, replacing any earlier one of the same kind."""
    code = credentials.new_resume_code()
    existing = db.scalar(select(Credential).where(Credential.adult_id == adult.id, Credential.kind == kind))
    if existing is None:
        db.add(Credential(adult_id=adult.id, kind=kind, subject=adult.id, secret_hash=credentials.hash_code(code)))
    else:
        existing.secret_hash = credentials.hash_code(code)
    db.flush()
    db.expire(adult, ["credentials"])
    return code


@dataclass
class Resumed:
    adult: Adult
    new_code: str | None = None  # set when an invitation was exchanged: the partner's own code, shown once


def resume_limits(reference: str, client: str) -> list[tuple[str, throttle.Limit]]:
    config = current_app.config
    return [
        (f"client:{client}", config["RESUME_LIMIT_PER_CLIENT"]),
        (f"ref-client:{reference}|{client}", config["RESUME_LIMIT_PER_REFERENCE_AND_CLIENT"]),
        (f"ref:{reference}", config["RESUME_LIMIT_PER_REFERENCE"]),
    ]


def resume(db: Session, reference: str, code: str, client: str) -> Resumed | None:
    """The adult whose code this is, or None; the same answer, in the same time, whatever went wrong.

    Attempts are counted before any hash is checked (eservice.throttle), per client, per reference and client, and
    per reference. An invitation is exchanged here for the partner's own code on first use.
    """
    reference = credentials.normalise_reference(reference)[:20]
    limits = resume_limits(reference, client)
    if not throttle.take_all(db, limits):
        _check_hashes(code, [])
        return None
    household = db.scalar(select(Household).where(Household.reference == reference))
    found = _check_hashes(code, _secrets_of(household) if household is not None else [])
    if found is None:
        return None
    throttle.reset(db, [key for key, _limit in limits[1:]])  # this client's own count stays: it guessed before
    adult = found.adult
    if found.kind == INVITATION:
        db.delete(found)
        db.flush()
        new_code = _give_code(db, adult, RESUME_CODE)
        db.commit()
        return Resumed(adult, new_code)
    return Resumed(adult)


def _secrets_of(household: Household) -> list[Credential]:
    return [c for a in household.adults for c in a.credentials if c.kind in SECRET_KINDS and c.secret_hash]


def _check_hashes(code: str, candidates: list[Credential]) -> Credential | None:
    """Checks every candidate and pads with a dummy to CHECKS_PER_ATTEMPT, found or not: the same work each time."""
    padding: list[Credential | None] = [None] * (CHECKS_PER_ATTEMPT - len(candidates))
    found = None
    for candidate in [*candidates, *padding]:
        secret = candidate.secret_hash if candidate is not None and candidate.secret_hash else _DUMMY_HASH
        if credentials.code_matches(code, secret) and found is None:
            found = candidate
    return found


_DUMMY_HASH = credentials.hash_code("AAAA-AAAA-AAAA")


def may_start_household(db: Session, client: str) -> bool:
    return throttle.take(db, f"new:{client}", current_app.config["NEW_HOUSEHOLD_LIMIT_PER_CLIENT"])


def adult_by_id(db: Session, adult_id: str) -> Adult | None:
    return db.scalar(select(Adult).where(Adult.id == adult_id))


def end_sessions(db: Session, adult: Adult) -> None:
    sessions.end_sessions_of(db, adult.id)


def answer_set(db: Session, adult: Adult, part: Part, for_update: bool = False) -> AnswerSet:
    """Part I is the household's; part II is the adult's own. Nobody reads another adult's part II here.

    `for_update` locks the row in PostgreSQL until the save commits, so parallel saves queue instead of failing.
    """
    adult_id = adult.id if part.per_adult else None
    # A page needs the same rows several times (its own part, part I as context, the task list): read each once per
    # session, which is once per request. The session's identity map would hand back this very object anyway;
    # the memo saves the query. A save reads the row afresh, locked, and that fresh row is what is kept.
    memo: dict[tuple[str, str, str | None], AnswerSet] = db.info.setdefault("answer_sets", {})
    key = (adult.household_id, part.id, adult_id)
    if not for_update and key in memo:
        return memo[key]
    query = select(AnswerSet).where(
        AnswerSet.household_id == adult.household_id,
        AnswerSet.part == part.id,
        AnswerSet.adult_id.is_(adult_id) if adult_id is None else AnswerSet.adult_id == adult_id,
    )
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    memo[key] = row = db.scalars(query).one()
    return row


@event.listens_for(Session, "after_soft_rollback")
def _forget_answer_sets(session: Session, _previous: Any) -> None:
    """After a rollback the rows read may be gone or changed: read them again."""
    session.info.pop("answer_sets", None)


def base_context(db: Session, adult: Adult, part: Part) -> dict[str, Any]:
    """Answers a part can read besides its own: part II reads the household's part I."""
    if not part.per_adult:
        return {}
    return adult_context(answer_set(db, adult, INSTRUMENT.part("I")).answers, adult.position)


class EditConflict(Exception):
    """This page's answers changed in another tab or window since the page was opened."""


# Saves of different pages of one adult touch the same row: each retry reads it again, so a save of another page in
# between is kept, and only a change to this very page (a real conflict) is refused.
SAVE_ATTEMPTS = 20


def _change_row(db: Session, adult: Adult, part: Part, change: Callable[[AnswerSet], bool]) -> AnswerSet:
    """Read the row (locked in PostgreSQL until the commit) and apply `change`, which says whether there is anything
    to write. If another request saved the row between the read and the write (its version column tells), read it
    again and apply the change again; StaleDataError only when that keeps happening."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        row = answer_set(db, adult, part, for_update=True)
        try:
            if not change(row):
                db.rollback()
                return row
            db.commit()
            return row
        except StaleDataError:
            db.rollback()
            if attempt == SAVE_ATTEMPTS:
                raise
            time.sleep(random.uniform(0, 0.02 * attempt))  # noqa: S311  (jitter, not a secret)
        except BaseException:
            db.rollback()
            raise
    raise AssertionError("unreachable")


def save_page(
    db: Session,
    adult: Adult,
    part: Part,
    page_id: str,
    new_answers: dict[str, Any],
    page_question_ids: list[str],
    seen_version: str | None,
    complete: bool = True,
) -> AnswerSet:
    household = adult.household  # loaded before any change is pending: a lazy load would flush them early

    def merge_page(row: AnswerSet) -> bool:
        answers = {k: v for k, v in row.answers.items() if k not in page_question_ids}
        answers.update({k: v for k, v in new_answers.items() if v not in (None, "", [])})
        merged = prune(part, answers, base_context(db, adult, part))
        stored = page_version(row.answers, page_question_ids)
        # Saved since the page was read, unless with these very answers: a retry of a save that went through but
        # whose answer never arrived (a cut connection) is not a conflict.
        if seen_version not in (None, stored) and page_version(merged, page_question_ids) != stored:
            raise EditConflict()
        row.answers = merged
        if complete:
            row.completed_pages = sorted(set(row.completed_pages) | {page_id})
        household.last_saved_at = utcnow()
        return True

    try:
        row = _change_row(db, adult, part, merge_page)
    except StaleDataError as exc:
        raise EditConflict() from exc
    if not part.per_adult:
        _prune_part_two_of_household(db, household)
    return row


def choose_meeting(db: Session, adult: Adult, part: Part, section: Section) -> AnswerSet:
    """The choice "talk about all of this at the meeting" on a sensitive section's opening page: every question of
    the section is answered so, and its pages are done. Answering a page later changes it like any other save."""
    household = adult.household  # loaded before any change is pending: a lazy load would flush them early

    def mark(row: AnswerSet) -> bool:
        base = base_context(db, adult, part)
        row.answers = talk_at_meeting(part, section, row.answers, base)
        row.completed_pages = sorted(set(row.completed_pages) | set(complete_pages(section, row.answers, base)))
        household.last_saved_at = utcnow()
        return True

    row = _change_row(db, adult, part, mark)
    if not part.per_adult:
        _prune_part_two_of_household(db, household)
    return row


def _prune_part_two_of_household(db: Session, household: Household) -> None:
    """A change in part I can hide part II questions (no children any more): drop those answers from drafts.

    A submitted part II is frozen: nothing in part I changes it.
    """
    part2 = INSTRUMENT.part("II")
    for adult in household.adults:
        if adult.status == Status.SUBMITTED:
            continue

        def drop_hidden(row: AnswerSet, adult: Adult = adult) -> bool:
            pruned = prune(part2, row.answers, base_context(db, adult, part2))
            if pruned == row.answers:
                return False
            row.answers = pruned
            return True

        _change_row(db, adult, part2, drop_hidden)


def parts_for(adult: Adult) -> list[Part]:
    """Adult 1 answers part I for the household and their own part II; adult 2 only their own part II. Never the
    parts the caseworker writes (III and IV)."""
    return [p for p in INSTRUMENT.applicant_parts() if p.per_adult or adult.position == 1]


@dataclass
class PartAnswers:
    """One part's answers as this adult sees them, and the part I facts they were answered against."""

    part: Part
    answers: dict[str, Any]
    base: dict[str, Any]
    completed_pages: list[str]


def submission_of(db: Session, adult: Adult) -> Submission | None:
    return db.scalar(select(Submission).where(Submission.adult_id == adult.id))


def answers_for(db: Session, adult: Adult, part: Part) -> PartAnswers:
    """What this adult's views show: the frozen submission once submitted, else the live draft."""
    if adult.status == Status.SUBMITTED:
        submission = submission_of(db, adult)
        if submission is not None:
            if part.per_adult:
                return PartAnswers(part, submission.part2, dict(submission.context or {}), [])
            if submission.part1 is not None:
                return PartAnswers(part, dict(submission.part1), {}, [])
    row = answer_set(db, adult, part)
    return PartAnswers(part, row.answers, base_context(db, adult, part), list(row.completed_pages))


def missing_for_submit(db: Session, adult: Adult) -> list[Question]:
    missing: list[Question] = []
    for part in parts_for(adult):
        missing += missing_required(part, answer_set(db, adult, part).answers, base_context(db, adult, part))
    return missing


def default_unit() -> str | None:
    """The unit a new case goes to: CASE_DEFAULT_UNIT, else the first of STAFF_UNITS ("id=Name, ...")."""
    config = current_app.config
    configured = str(config.get("CASE_DEFAULT_UNIT") or "").strip()
    if configured:
        return configured
    return next(iter(staff_units(config)), None)


class NotReady(Exception):
    pass


def submit(db: Session, adult: Adult) -> Submission:
    """Freeze this adult's answers. Submitting twice, or twenty times at once, gives back the first submission."""
    existing = submission_of(db, adult)
    if existing is not None:
        return existing
    if missing_for_submit(db, adult):
        raise NotReady()
    part1 = answer_set(db, adult, INSTRUMENT.part("I")).answers if adult.position == 1 else None
    part2_row = answer_set(db, adult, INSTRUMENT.part("II"))
    household = adult.household
    submitted_at = utcnow()
    try:
        with db.no_autoflush:
            submission = Submission(
                id=new_id(),
                household_id=adult.household_id,
                adult_id=adult.id,
                definition_version=INSTRUMENT.version,
                part1=dict(part1) if part1 is not None else None,
                context=base_context(db, adult, INSTRUMENT.part("II")),
                submitted_at=submitted_at,
            )
            submission.part2 = dict(part2_row.answers)
            db.add(submission)
            adult.status = Status.SUBMITTED
            adult.submitted_at = submitted_at
            if adult.position == 1:
                household.status = Status.SUBMITTED
                household.submitted_at = submitted_at
                household.unit = household.unit or default_unit()
                facts = queue_facts(dict(part1 or {}))
                household.answers_language = facts.language
                household.interpreter_needed = facts.interpreter
                household.interpreter_language = facts.interpreter_language
                household.children_count = facts.children
        db.commit()
    except (IntegrityError, StaleDataError):  # a second request submitted at the same moment: one row was kept
        db.rollback()
        return db.scalars(select(Submission).where(Submission.adult_id == adult.id)).one()
    return submission


# Retention ----------------------------------------------------------------------------------------------------


def draft_deleted_on(household: Household) -> datetime:
    """The day a draft that is never sent is deleted: told to the applicant on the task list and the saved page."""
    return aware(household.last_saved_at) + timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def delete_draft(db: Session, adult: Adult) -> None:
    """The applicant's own delete. Adult 1 deletes the whole draft; the partner deletes their own part II and
    leaves. Nothing sent is deleted this way."""
    if adult.status == Status.SUBMITTED:
        raise ValueError("a submitted application is not deleted by the applicant")
    end_sessions(db, adult)
    if adult.position == 1:
        for other in adult.household.adults:
            end_sessions(db, other)
        db.execute(sa_delete(Household).where(Household.id == adult.household_id))
    else:
        db.execute(sa_delete(Adult).where(Adult.id == adult.id))
    db.commit()


@dataclass
class Purged:
    drafts: int
    cases: int
    sessions: int
    throttles: int


PURGE_LOCK = 0x49585055  # "IXPU": one purge at a time across machines (PostgreSQL advisory lock)


def purge(db: Session, now: datetime | None = None) -> Purged | None:
    """Delete what is due: drafts never sent, closed cases past their time, ended sessions, old attempt counts.

    Safe to run from cron on several machines at once: in PostgreSQL a transaction-level advisory lock lets one run
    work while the others return None at once; SQLite takes its write lock before the first delete.
    """
    now = now or utcnow()
    config = current_app.config
    if db.get_bind().dialect.name == "postgresql" and not db.scalar(
        text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PURGE_LOCK}
    ):
        db.rollback()
        return None
    draft_cutoff = now - timedelta(days=config["DRAFT_RETENTION_DAYS"])
    case_cutoff = now - timedelta(days=config["CASE_RETENTION_DAYS"])
    counts = [
        _deleted(db, Household, Household.status == Status.DRAFT, Household.last_saved_at < draft_cutoff),
        _deleted(db, Household, Household.closed_at.is_not(None), Household.closed_at < case_cutoff),
        _deleted(db, WebSession, WebSession.expires_at < now),
        _deleted(db, Throttle, Throttle.last_attempt < now.timestamp() - 24 * 3600),
    ]
    db.commit()
    return Purged(*counts)


def _deleted(db: Session, model: type[Base], *where: ColumnElement[bool]) -> int:
    result = db.execute(sa_delete(model).where(*where))
    return int(getattr(result, "rowcount", 0) or 0)
