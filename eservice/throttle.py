"""Limits on guessing codes and on creating drafts, counted atomically in the database.

Each attempt first takes a slot with one UPDATE ... RETURNING: the first `free` attempts in a window go through at
once (they leave `next_allowed` where it was: parallel requests read the clock at slightly different moments), each
one after that waits a delay that doubles up to a cap. Parallel requests cannot all slip through between a
read and a write, because the count and the delay change in the same statement that decides.

Nothing locks hard: the right code gets in as soon as the delay has passed, and the delays are kept per reference
and client address as well as per client, so a stranger guessing from elsewhere slows only themselves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Limit:
    free: int  # attempts without any delay
    base: float  # the first delay in seconds, doubled on every attempt after that
    cap: float  # the longest delay
    window: float  # after this long without attempts, the count starts again


_TAKE = text(
    """
    UPDATE throttle SET
      attempts = CASE WHEN :now - last_attempt > :window THEN 1 ELSE attempts + 1 END,
      delay = CASE
        WHEN :now - last_attempt > :window OR attempts + 1 < :free THEN 0
        WHEN delay = 0 THEN :base
        WHEN delay * 2 > :cap THEN :cap
        ELSE delay * 2 END,
      next_allowed = CASE
        WHEN :now - last_attempt > :window OR attempts + 1 < :free THEN next_allowed
        WHEN delay = 0 THEN :now + :base
        WHEN delay * 2 > :cap THEN :now + :cap
        ELSE :now + delay * 2 END,
      last_attempt = CASE WHEN :now > last_attempt THEN :now ELSE last_attempt END
    WHERE key = :key AND next_allowed <= :now
    RETURNING attempts
    """
)
_ENSURE = text(
    "INSERT INTO throttle (key, attempts, delay, next_allowed, last_attempt) VALUES (:key, 0, 0, 0, 0) "
    "ON CONFLICT (key) DO NOTHING"
)
_RESET = text("UPDATE throttle SET attempts = 0, delay = 0, next_allowed = 0 WHERE key IN :keys").bindparams(
    bindparam("keys", expanding=True)
)


def take(db: Session, key: str, limit: Limit, now: float | None = None) -> bool:
    """Count one attempt for `key`; False when the attempt must wait. Commits, so the count holds whatever follows."""
    now = time.time() if now is None else now
    params = {"key": key[:160], "now": now, **limit.__dict__}
    db.execute(_ENSURE, {"key": params["key"]})
    allowed = db.execute(_TAKE, params).first() is not None
    db.commit()
    return allowed


def take_all(db: Session, keys: list[tuple[str, Limit]], now: float | None = None) -> bool:
    """Every key must allow the attempt; the first that refuses stops the count there (a client already held back
    does not use up the allowance of a reference)."""
    return all(take(db, key, limit, now) for key, limit in keys)


def reset(db: Session, keys: list[str]) -> None:
    db.execute(_RESET, {"keys": [key[:160] for key in keys]})
    db.commit()
