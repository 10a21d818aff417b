"""Stored data. Answers are option codes and verbatim free text, never labels.

Part I belongs to the household; each adult's part II is its own row, sealed with AES-GCM (eservice.sealing): the
database holds no part II answer in plain text. Submitted answers are frozen copies; changes made at the meeting
are recorded beside them (AnswerChange), and so is each section's confirmation (SectionConfirmation).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from flask import current_app
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base
from .sealing import Keyring


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A stored time with its zone: SQLite gives times back without one (they are stored in UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class CaseState(StrEnum):
    """Where a submitted case stands on the caseworker's side."""

    SUBMITTED = "submitted"
    PICKED_UP = "picked_up"
    MEETING_BOOKED = "meeting_booked"
    MEETING_HELD = "meeting_held"
    CLOSED = "closed"


class Household(Base):
    """One application: the draft the household fills in, then the case the caseworker picks up."""

    __tablename__ = "household"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT, index=True)
    definition_version: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A draft never sent is deleted some time after it was last saved; a case some time after it is closed.
    last_saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    # How the draft was started: "code" or "eid", and the e-ID's assurance level; the caseworker sees both.
    origin: Mapped[str] = mapped_column(String(8), default="code")
    origin_acr: Mapped[str | None] = mapped_column(String(100))
    # The case, once submitted: the unit it belongs to, where it stands and who holds it (eservice.cases).
    unit: Mapped[str | None] = mapped_column(String(32), index=True)
    case_state: Mapped[str] = mapped_column(String(16), default=CaseState.SUBMITTED, index=True)
    holder_subject: Mapped[str | None] = mapped_column(String(255), index=True)
    holder_name: Mapped[str | None] = mapped_column(String(255))
    held_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The booked meeting: when, "place" or "phone" and where or which number, and the interpreter booked for it.
    meeting_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    meeting_mode: Mapped[str | None] = mapped_column(String(8))
    meeting_where: Mapped[str | None] = mapped_column(String(255))
    meeting_interpreter_booked: Mapped[bool] = mapped_column(Boolean, default=False)
    meeting_interpreter_language: Mapped[str | None] = mapped_column(String(100))
    # What the queue shows and filters on, from part I as sent (eservice.instrument.queue_facts): set on submitting.
    answers_language: Mapped[str] = mapped_column(String(8), default="", index=True)
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    interpreter_language: Mapped[str] = mapped_column(String(100), default="")
    children_count: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped by every change of answers at the meeting: the UPDATE that bumps it takes the row's write lock first,
    # so two caseworkers saving the same page at once are served one after the other (eservice.cases.review).
    answers_version: Mapped[int] = mapped_column(Integer, default=0)

    adults: Mapped[list[Adult]] = relationship(back_populates="household", order_by="Adult.position")


class Adult(Base):
    """A person in the household who answers part II alone. Position 1 also answers part I."""

    __tablename__ = "adult"
    __table_args__ = (UniqueConstraint("household_id", "position"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    household: Mapped[Household] = relationship(back_populates="adults")
    credentials: Mapped[list[Credential]] = relationship(back_populates="adult", cascade="all, delete-orphan")


class EidIdentity(Base):
    """A person as their e-ID provider knows them: issuer and subject. Never the personal identity number."""

    __tablename__ = "eid_identity"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Credential(Base):
    """How an adult proves who they are: a resume code today, an e-ID (OIDC issuer and subject) later."""

    __tablename__ = "credential"
    __table_args__ = (UniqueConstraint("kind", "subject"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    adult_id: Mapped[str] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), index=True)
    # "resume_code"; "invitation" (adult 1 hands it to the partner, who exchanges it for a code of their own on
    # first use); "eid" (the adult signs in with e-ID: `identity_id` says whose)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(255))  # "<adult id>": one credential of each kind per adult
    secret_hash: Mapped[str | None] = mapped_column(String(255))  # a hash; never the code itself
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    identity_id: Mapped[str | None] = mapped_column(ForeignKey("eid_identity.id", ondelete="CASCADE"), index=True)
    acr: Mapped[str | None] = mapped_column(String(100))  # the assurance level of the latest sign-in
    identity_provider: Mapped[str | None] = mapped_column(String(255))  # e.g. BankID, Freja, a foreign eID
    signed_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    adult: Mapped[Adult] = relationship(back_populates="credentials")


def keyring() -> Keyring:
    ring: Keyring = current_app.extensions["keyring"]
    return ring


class Sealed:
    """A JSON value kept as AES-GCM ciphertext in `sealed_column`, with its key id in `key_id`, bound to the row.

    Reading opens it once per loaded row; writing seals it again. Rows whose `is_sealed` is false (part I) keep the
    value in `plain_column`; so do rows written before sealing existed, until `flask rotate-keys` seals them.
    """

    def __init__(self, sealed_column: str, plain_column: str, empty: Any) -> None:
        self.sealed_column, self.plain_column, self.empty = sealed_column, plain_column, empty

    def __set_name__(self, owner: type, name: str) -> None:
        self.cache = f"_opened_{name}"

    def _associated(self, row: Any) -> str:
        return f"{row.associated_data()}:{self.sealed_column}"

    def __get__(self, row: Any, owner: type | None = None) -> Any:
        if row is None:
            return self
        if not row.is_sealed:
            plain = getattr(row, self.plain_column)
            return plain if plain is not None else self.empty()
        token = getattr(row, self.sealed_column)
        if token is None:
            legacy = getattr(row, self.plain_column)
            return legacy if legacy not in (None, {}) else self.empty()
        cached = row.__dict__.get(self.cache)
        if cached is not None and cached[0] == token:
            return cached[1]
        value = keyring().open(row.key_id, token, self._associated(row))
        row.__dict__[self.cache] = (token, value)
        return value

    def __set__(self, row: Any, value: Any) -> None:
        if not row.is_sealed:
            setattr(row, self.plain_column, value)
            return
        if row.id is None:
            row.id = new_id()  # the ciphertext is bound to the row's id
        ring = keyring()
        # The row's sealed fields share one key id: when this one moves to the current key, so must the others.
        siblings = []
        if row.key_id is not None and row.key_id != ring.current:
            siblings = [
                (d, d.__get__(row)) for d in vars(type(row)).values() if isinstance(d, Sealed) and d is not self
            ]
        self._seal(row, value)
        for sibling, sibling_value in siblings:
            sibling._seal(row, sibling_value)

    def _seal(self, row: Any, value: Any) -> None:
        row.key_id, token = keyring().seal(value, self._associated(row))
        setattr(row, self.sealed_column, token)
        setattr(row, self.plain_column, None)
        row.__dict__[self.cache] = (token, value)


class AnswerSet(Base):
    """The answers of one unit of storage: part I of a household, or part II of one adult (sealed).

    `version` guards against two tabs silently overwriting each other (optimistic locking).
    """

    __tablename__ = "answer_set"
    __table_args__ = (UniqueConstraint("household_id", "adult_id", "part"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    adult_id: Mapped[str | None] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(8))
    plain_answers: Mapped[dict[str, Any] | None] = mapped_column("answers", JSON(none_as_null=True), default=dict)
    sealed_answers: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)
    plain_completed_pages: Mapped[list[str] | None] = mapped_column(
        "completed_pages", JSON(none_as_null=True), default=list
    )
    # Which part II pages are done tells something too (a page shown only when the children live elsewhere).
    sealed_completed: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012  (read once by SQLAlchemy, never changed)

    answers = Sealed("sealed_answers", "plain_answers", dict)
    completed_pages = Sealed("sealed_completed", "plain_completed_pages", list)

    @classmethod
    def new(cls, household_id: str, adult_id: str | None, part: str) -> AnswerSet:
        row = cls(id=new_id(), household_id=household_id, adult_id=adult_id, part=part)
        row.answers = {}
        row.completed_pages = []
        return row

    @property
    def is_sealed(self) -> bool:
        """Part II is sealed; part I, the household's situation, is not."""
        return self.part == "II"

    def associated_data(self) -> str:
        return f"answer_set:{self.id}:{self.part}"


class Submission(Base):
    """A frozen copy of what one adult submitted. Never updated: later changes are recorded beside it.

    `part2` is sealed like the draft's. `context` keeps the part I facts this adult's part II was answered against, so
    that the submitted answers read the same however part I changes later.
    """

    __tablename__ = "submission"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    adult_id: Mapped[str] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), unique=True)
    definition_version: Mapped[str] = mapped_column(String(16))
    part1: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    plain_part2: Mapped[dict[str, Any] | None] = mapped_column("part2", JSON(none_as_null=True))
    sealed_part2: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)
    context: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    part2 = Sealed("sealed_part2", "plain_part2", dict)
    is_sealed = True  # a submission holds only part II in sealed form (part I is plain JSON in `part1`)

    def associated_data(self) -> str:
        return f"submission:{self.id}:II"


# Re-sealing under a new key changes these columns and nothing the person submitted.
RESEALABLE = frozenset({"sealed_part2", "key_id", "plain_part2"})


@event.listens_for(Submission, "before_update")
def _submissions_are_immutable(_mapper: Any, _connection: Any, target: Submission) -> None:
    state = inspect(target)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if not changed <= RESEALABLE:
        raise ValueError(f"submission {target.id} is immutable; record changes beside it")


class WebSession(Base):
    """A browser session, kept here so that signing out, the quick exit and a new code end it everywhere.

    The cookie holds only a random token; this table holds its SHA-256, so a copy of the table opens no session.
    """

    __tablename__ = "web_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    adult_id: Mapped[str | None] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Throttle(Base):
    """Attempts counted per key (a reference, a client address, both): see eservice.throttle.

    Times are seconds since the epoch, so the growing delay is plain arithmetic in one portable UPDATE.
    """

    __tablename__ = "throttle"
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    delay: Mapped[float] = mapped_column(Float, default=0)
    next_allowed: Mapped[float] = mapped_column(Float, default=0)
    last_attempt: Mapped[float] = mapped_column(Float, default=0, index=True)


class StaffMemberRecord(Base):
    """A staff member who has signed in here, so that a team lead can choose a colleague by name."""

    __tablename__ = "staff_member"
    subject: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(32), index=True)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """Who did what to which case, and when: append-only, never an answer.

    No foreign key to the household: the entry outlives the case (a purged case keeps its trail). On PostgreSQL a
    trigger refuses UPDATE and DELETE (migration 0004); the application has no function that changes a row.
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    staff_subject: Mapped[str] = mapped_column(String(255), index=True)
    staff_name: Mapped[str] = mapped_column(String(255))
    # "caseworker", "team_lead" or "administrator": the applicant sees it (eservice.case_trail). None on entries
    # written before it was kept (migration 0008).
    staff_role: Mapped[str | None] = mapped_column(String(16))
    household_id: Mapped[str] = mapped_column(String(36), index=True)
    reference: Mapped[str] = mapped_column(String(16), index=True)
    action: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(String(64))


class CaseNote(Base):
    """A staff-only note on a case, with its author and time. The text is sealed like part II: it may say anything.

    Never changed once written: a correction is a new note.
    """

    __tablename__ = "case_note"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    author_subject: Mapped[str] = mapped_column(String(255))
    author_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    plain_body: Mapped[str | None] = mapped_column("body", Text)
    sealed_body: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)

    body = Sealed("sealed_body", "plain_body", str)
    is_sealed = True

    def associated_data(self) -> str:
        return f"case_note:{self.id}"


class NeedGroupDecision(Base):
    """The need group chosen for one adult at the meeting: append-only, the newest row is the current group.

    Changing the group adds a row, so the history shows every earlier choice, who made it and whether it was agreed
    with the person. The adult is named by position (1 or 2), as the case view numbers them.
    """

    __tablename__ = "need_group_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    group_code: Mapped[str] = mapped_column(String(8))
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_by_subject: Mapped[str] = mapped_column(String(255))
    decided_by_name: Mapped[str] = mapped_column(String(255))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AnswerChange(Base):
    """A caseworker's change to one answer at the meeting, kept beside the applicant's original, which the frozen
    submission keeps. Append-only: the newest row for a question holds its current value, the earlier rows and the
    original its history. Before and after are sealed like part II (they may be part II answers).
    """

    __tablename__ = "answer_change"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the adult; part I is read and changed with adult 1
    part_id: Mapped[str] = mapped_column(String(4))
    section_id: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(String(64))
    # A change to a signed-off plan or evaluation (parts III and IV) names it; parts I and II have none.
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    changed_by_subject: Mapped[str] = mapped_column(String(255))
    changed_by_name: Mapped[str] = mapped_column(String(255))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    plain_values: Mapped[dict[str, Any] | None] = mapped_column("change_values", JSON(none_as_null=True))
    sealed_values: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)

    values = Sealed("sealed_values", "plain_values", dict)  # {"before": ..., "after": ...}
    is_sealed = True

    def associated_data(self) -> str:
        return f"answer_change:{self.id}"


class SectionConfirmation(Base):
    """A section confirmed with the person at the meeting, stamped with the signed-in caseworker. Append-only: a
    later change in the section withdraws it (the newer change is what tells), and confirming again adds a row."""

    __tablename__ = "section_confirmation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    part_id: Mapped[str] = mapped_column(String(4))
    section_id: Mapped[str] = mapped_column(String(64))
    confirmed_by_subject: Mapped[str] = mapped_column(String(255))
    confirmed_by_name: Mapped[str] = mapped_column(String(255))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignedOff:
    """A plan or an evaluation: a draft the caseworker writes with the person, then signed off and never changed.

    The answers are sealed like part II: a plan is about one adult and may say anything about them."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    created_by_subject: Mapped[str] = mapped_column(String(255))
    created_by_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    signed_off_by_subject: Mapped[str | None] = mapped_column(String(255))
    signed_off_by_name: Mapped[str | None] = mapped_column(String(255))
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    plain_answers: Mapped[dict[str, Any] | None] = mapped_column("answers", JSON(none_as_null=True))
    sealed_answers: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(32), index=True)

    answers = Sealed("sealed_answers", "plain_answers", dict)
    is_sealed = True


class CasePlan(SignedOff, Base):
    """Part III for one adult, written after the need group, with the date it is to be followed up."""

    __tablename__ = "case_plan"
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... for this adult, in order
    based_on_id: Mapped[str | None] = mapped_column(String(36))  # the plan it was pre-filled from
    follow_up_on: Mapped[date] = mapped_column(Date, index=True)

    def associated_data(self) -> str:
        return f"case_plan:{self.id}"


class CaseEvaluation(SignedOff, Base):
    """Part IV for one adult: the evaluation of one plan, ending in a decision (eval_decision in part IV)."""

    __tablename__ = "case_evaluation"
    plan_id: Mapped[str] = mapped_column(ForeignKey("case_plan.id", ondelete="CASCADE"), index=True)
    decision: Mapped[str | None] = mapped_column(String(16))
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)  # when the decision is to go on with the plan

    def associated_data(self) -> str:
        return f"case_evaluation:{self.id}"


# Re-sealing under a new key is the one change a signed-off plan or evaluation may have.
RESEALABLE_SIGNED = frozenset({"sealed_answers", "plain_answers", "key_id"})


@event.listens_for(CasePlan, "before_update")
@event.listens_for(CaseEvaluation, "before_update")
def _signed_off_is_final(_mapper: Any, _connection: Any, target: SignedOff) -> None:
    state = inspect(target)
    signed = state.attrs.signed_off_at.history
    before = (signed.deleted or signed.unchanged or [None])[0]  # signed off before this change, or not
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if before is not None and not changed <= RESEALABLE_SIGNED:
        raise ValueError(f"{type(target).__name__} {target.id} is signed off; it is never changed")


class CaseAdultFacts(Base):
    """What the statistics count of one adult, recorded by the caseworker at the meeting: one row per adult of a case,
    overwritten when corrected (the audit trail says who changed it and when).

    Kept plain, not sealed like part II, on purpose: it is the minimum the statistics need (year of birth, gender,
    household type, when assistance began, försörjningshinder), codes and numbers only, never free text, so that the
    statistics are aggregate queries over columns and never open an adult's part II.
    """

    __tablename__ = "case_adult_facts"
    __table_args__ = (UniqueConstraint("household_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(16))
    household_type: Mapped[str | None] = mapped_column(String(32))
    assistance_since: Mapped[date | None] = mapped_column(Date)
    support_obstacle: Mapped[str | None] = mapped_column(String(48))
    recorded_by_subject: Mapped[str] = mapped_column(String(255))
    recorded_by_name: Mapped[str] = mapped_column(String(255))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
