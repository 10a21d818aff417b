"""What happens to a draft: created, resumed, answered page by page, submitted. Views call these; no view
touches the models' answers directly."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from . import credentials
from .instrument import INSTRUMENT, adult_context
from .instrument.path import missing_required, prune
from .instrument.schema import Part
from .models import Adult, AnswerSet, Credential, Household, Status, Submission, utcnow

RESUME_CODE = "resume_code"


@dataclass
class NewAccess:
    adult: Adult
    reference: str
    code: str  # shown once to the person, never stored


def start_household(db: Session) -> NewAccess:
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
    db.add(AnswerSet(household_id=household.id, adult_id=None, part="I", answers={}, completed_pages=[]))
    db.add(AnswerSet(household_id=household.id, adult_id=adult.id, part="II", answers={}, completed_pages=[]))
    code = _give_code(db, adult)
    db.commit()
    return NewAccess(adult, household.reference, code)


def add_partner(db: Session, household: Household) -> NewAccess:
    """The second adult gets their own code. Asking again replaces the old code (for a lost paper)."""
    partner = next((a for a in household.adults if a.position == 2), None)
    if partner is None:
        partner = Adult(household=household, position=2)
        db.add(partner)
        db.flush()
        db.add(AnswerSet(household_id=household.id, adult_id=partner.id, part="II", answers={}, completed_pages=[]))
    code = _give_code(db, partner)
    db.commit()
    return NewAccess(partner, household.reference, code)


def partner_of(household: Household) -> Adult | None:
    return next((a for a in household.adults if a.position == 2), None)


def _give_code(db: Session, adult: Adult) -> str:
    code = credentials.new_resume_code()
    existing = db.scalar(select(Credential).where(Credential.adult_id == adult.id, Credential.kind == RESUME_CODE))
    if existing is None:
        db.add(
            Credential(adult_id=adult.id, kind=RESUME_CODE, subject=adult.id, secret_hash=credentials.hash_code(code))
        )
    else:
        existing.secret_hash = credentials.hash_code(code)
    return code


class ResumeLocked(Exception):
    pass


def resume(db: Session, reference: str, code: str) -> Adult | None:
    """The adult whose code this is, or None. Too many wrong codes lock the reference for a while."""
    household = db.scalar(select(Household).where(Household.reference == credentials.normalise_reference(reference)))
    if household is None:
        credentials.code_matches(code, _DUMMY_HASH)  # same work for unknown references: no timing oracle
        return None
    now = utcnow()
    locked_until = household.resume_locked_until
    if locked_until is not None and locked_until.tzinfo is None:  # SQLite forgets the zone
        locked_until = locked_until.replace(tzinfo=now.tzinfo)
    if locked_until and locked_until > now:
        raise ResumeLocked()
    for adult in household.adults:
        for cred in adult.credentials:
            if cred.kind == RESUME_CODE and cred.secret_hash and credentials.code_matches(code, cred.secret_hash):
                household.failed_resume_attempts = 0
                household.resume_locked_until = None
                db.commit()
                return adult
    household.failed_resume_attempts += 1
    if household.failed_resume_attempts >= current_app.config["RESUME_MAX_FAILURES"]:
        household.failed_resume_attempts = 0
        household.resume_locked_until = now + timedelta(minutes=current_app.config["RESUME_LOCK_MINUTES"])
    db.commit()
    return None


_DUMMY_HASH = credentials.hash_code("AAAA-AAAA-AAAA")


def answer_set(db: Session, adult: Adult, part: Part) -> AnswerSet:
    """Part I is the household's; part II is the adult's own. Nobody reads another adult's part II here."""
    adult_id = adult.id if part.per_adult else None
    return db.scalars(
        select(AnswerSet).where(
            AnswerSet.household_id == adult.household_id,
            AnswerSet.part == part.id,
            AnswerSet.adult_id.is_(adult_id) if adult_id is None else AnswerSet.adult_id == adult_id,
        )
    ).one()


def base_context(db: Session, adult: Adult, part: Part) -> dict[str, Any]:
    """Answers a part can read besides its own: part II reads the household's part I."""
    if not part.per_adult:
        return {}
    return adult_context(answer_set(db, adult, INSTRUMENT.part("I")).answers, adult.position)


class EditConflict(Exception):
    """This page's answers changed in another tab or window since the page was opened."""


def page_version(answers: dict[str, Any], page_question_ids: list[str]) -> str:
    """A short fingerprint of one page's stored answers, sent with the page and back with its form.

    Two tabs on different pages both save; a save from a page whose answers changed since it was shown is refused,
    so nobody overwrites what they have not seen.
    """
    shown = {qid: answers.get(qid) for qid in page_question_ids}
    encoded = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


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
    for attempt in (1, 2):
        row = answer_set(db, adult, part)
        if seen_version is not None and seen_version != page_version(row.answers, page_question_ids):
            raise EditConflict()
        answers = {k: v for k, v in row.answers.items() if k not in page_question_ids}
        answers.update({k: v for k, v in new_answers.items() if v not in (None, "", [])})
        row.answers = prune(part, answers, base_context(db, adult, part))
        if complete:
            row.completed_pages = sorted(set(row.completed_pages) | {page_id})
        try:
            db.commit()
            break
        except StaleDataError as exc:
            # Another request saved the same answer set between our read and our write (the row's version
            # column caught it). Read again: if it was another page, this page's save still goes through.
            db.rollback()
            if attempt == 2:
                raise EditConflict() from exc
    if not part.per_adult:
        _prune_part_two_of_household(db, adult.household)
    return row


def _prune_part_two_of_household(db: Session, household: Household) -> None:
    """A change in part I can hide part II questions (no children any more): drop those answers too."""
    part2 = INSTRUMENT.part("II")
    for adult in household.adults:
        row = answer_set(db, adult, part2)
        pruned = prune(part2, row.answers, base_context(db, adult, part2))
        if pruned != row.answers:
            row.answers = pruned
    db.commit()


def parts_for(adult: Adult) -> list[Part]:
    """Adult 1 answers part I for the household and their own part II; adult 2 only their own part II."""
    return [p for p in INSTRUMENT.parts if p.per_adult or adult.position == 1]


def missing_for_submit(db: Session, adult: Adult) -> list:
    missing = []
    for part in parts_for(adult):
        missing += missing_required(part, answer_set(db, adult, part).answers, base_context(db, adult, part))
    return missing


class NotReady(Exception):
    pass


def submit(db: Session, adult: Adult) -> Submission:
    """Freeze this adult's answers. Submitting twice gives back the first submission."""
    existing = db.scalar(select(Submission).where(Submission.adult_id == adult.id))
    if existing is not None:
        return existing
    if missing_for_submit(db, adult):
        raise NotReady()
    part1 = answer_set(db, adult, INSTRUMENT.part("I")).answers if adult.position == 1 else None
    part2 = answer_set(db, adult, INSTRUMENT.part("II")).answers
    submission = Submission(
        household_id=adult.household_id,
        adult_id=adult.id,
        definition_version=INSTRUMENT.version,
        part1=dict(part1) if part1 is not None else None,
        part2=dict(part2),
    )
    db.add(submission)
    adult.status = Status.SUBMITTED
    adult.submitted_at = submission.submitted_at = utcnow()
    if adult.position == 1:
        adult.household.status = Status.SUBMITTED
        adult.household.submitted_at = adult.submitted_at
    try:
        db.commit()
    except IntegrityError:  # a second request submitted at the same moment: the unique adult_id kept one
        db.rollback()
        return db.scalars(select(Submission).where(Submission.adult_id == adult.id)).one()
    return submission
