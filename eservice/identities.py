"""Applicants who sign in with e-ID: their identity, the drafts it owns, and tying a draft started with a code.

Each credential belongs to one adult: an e-ID opens only the drafts of the adults it was tied to, so it never
opens another adult's part II. The personal identity number is not kept here: it goes only into the draft's
"about you" answers, which are part II and sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, contains_eager

from . import drafts
from .instrument import INSTRUMENT
from .models import Adult, AnswerSet, Credential, EidIdentity, Household, Status

EID = "eid"
# The "about you" question the e-ID's number fills in, when the definition has it.
PERSONAL_NUMBER_QUESTION = "personal_number"


@dataclass(frozen=True)
class EidSignIn:
    issuer: str
    subject: str
    acr: str
    identity_provider: str
    signed_in_at: datetime


class TiedToAnother(Exception):
    """This adult's draft is tied to another e-ID already."""


def identity_for(db: Session, issuer: str, subject: str) -> EidIdentity:
    found = db.scalar(select(EidIdentity).where(EidIdentity.issuer == issuer, EidIdentity.subject == subject))
    if found is not None:
        return found
    identity = EidIdentity(issuer=issuer, subject=subject)
    db.add(identity)
    try:
        db.commit()
    except IntegrityError:  # the same person signed in twice at once: the other request made the row
        db.rollback()
        return db.scalars(select(EidIdentity).where(EidIdentity.issuer == issuer, EidIdentity.subject == subject)).one()
    return identity


def adults_of(db: Session, identity_id: str) -> list[Adult]:
    """The adults this e-ID signs in as, newest draft first (closed cases are not offered)."""
    rows = db.scalars(
        select(Adult)
        .join(Credential, Credential.adult_id == Adult.id)
        .join(Household, Household.id == Adult.household_id)
        .options(contains_eager(Adult.household))  # the page shows each one's reference: no query per draft
        .where(Credential.kind == EID, Credential.identity_id == identity_id, Household.closed_at.is_(None))
        .order_by(Household.last_saved_at.desc())
    )
    return list(rows)


def adult_for(db: Session, identity_id: str, adult_id: str) -> Adult | None:
    """The adult, only if this e-ID is tied to them."""
    return next((a for a in adults_of(db, identity_id) if a.id == adult_id), None)


def _record(db: Session, adult: Adult, identity_id: str, sign_in: EidSignIn) -> None:
    credential = db.scalar(select(Credential).where(Credential.adult_id == adult.id, Credential.kind == EID))
    if credential is None:
        credential = Credential(adult_id=adult.id, kind=EID, subject=adult.id, identity_id=identity_id)
        db.add(credential)
    elif credential.identity_id != identity_id:
        raise TiedToAnother()
    credential.acr = sign_in.acr
    credential.identity_provider = sign_in.identity_provider or None
    credential.signed_in_at = sign_in.signed_in_at


def signed_in_as(db: Session, adult: Adult, identity_id: str, sign_in: EidSignIn) -> None:
    """Note the latest sign-in (its assurance level and provider) on the adult's e-ID credential."""
    _record(db, adult, identity_id, sign_in)
    db.commit()


def start_household(db: Session, identity_id: str, sign_in: EidSignIn) -> Adult:
    """A new draft owned by this e-ID. No code: the e-ID is the way back in."""
    access = drafts.start_household(db, with_code=False)
    household = access.adult.household
    household.origin = EID
    household.origin_acr = sign_in.acr
    _record(db, access.adult, identity_id, sign_in)
    db.commit()
    return access.adult


def tie(db: Session, adult: Adult, identity_id: str, sign_in: EidSignIn) -> None:
    """A draft started with a code, now also opened with this e-ID (the code keeps working)."""
    _record(db, adult, identity_id, sign_in)
    db.commit()


def fill_in_personal_number(db: Session, adult: Adult, number: str) -> None:
    """Put the e-ID's number into "about you", if the definition asks it and the person has not answered it."""
    question = INSTRUMENT.question(PERSONAL_NUMBER_QUESTION)
    if question is None or adult.household.status != Status.DRAFT or adult.status != Status.DRAFT:
        return
    answers_row = db.scalar(select(AnswerSet).where(AnswerSet.adult_id == adult.id, AnswerSet.part == "II"))
    if answers_row is None or answers_row.answers.get(question.id):
        return
    answers_row.answers = {**answers_row.answers, question.id: number}
    db.commit()
