"""Stored data. Answers are option codes and verbatim free text, never labels.

Part I belongs to the household; each adult's part II is its own row so that it can be encrypted with its own key
later. Submitted answers are frozen copies; changes made at the meeting will be recorded beside them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Household(Base):
    """One application: the draft the household fills in, then the case the caseworker picks up."""

    __tablename__ = "household"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT, index=True)
    definition_version: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_resume_attempts: Mapped[int] = mapped_column(Integer, default=0)
    resume_locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

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


class Credential(Base):
    """How an adult proves who they are: a resume code today, an e-ID (OIDC issuer and subject) later."""

    __tablename__ = "credential"
    __table_args__ = (UniqueConstraint("kind", "subject"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    adult_id: Mapped[str] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "resume_code" or "oidc"
    subject: Mapped[str] = mapped_column(String(255))  # resume code: "<adult id>"; OIDC: "<issuer> <sub>"
    secret_hash: Mapped[str | None] = mapped_column(String(255))  # resume code hash; never the code itself
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    adult: Mapped[Adult] = relationship(back_populates="credentials")


class AnswerSet(Base):
    """The answers of one unit of storage: part I of a household, or part II of one adult.

    `version` guards against two tabs silently overwriting each other (optimistic locking).
    """

    __tablename__ = "answer_set"
    __table_args__ = (UniqueConstraint("household_id", "adult_id", "part"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    adult_id: Mapped[str | None] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    completed_pages: Mapped[list[str]] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


class Submission(Base):
    """A frozen copy of what one adult submitted. Never updated: later changes are recorded beside it."""

    __tablename__ = "submission"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    household_id: Mapped[str] = mapped_column(ForeignKey("household.id", ondelete="CASCADE"), index=True)
    adult_id: Mapped[str] = mapped_column(ForeignKey("adult.id", ondelete="CASCADE"), unique=True)
    definition_version: Mapped[str] = mapped_column(String(16))
    part1: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    part2: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


@event.listens_for(Submission, "before_update")
def _submissions_are_immutable(_mapper, _connection, target: Submission) -> None:
    raise ValueError(f"submission {target.id} is immutable; record changes beside it")
