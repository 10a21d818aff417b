"""Whether this process can do its work: for the load balancer's health check and for monitoring."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .db import db_session


def database_answers() -> bool:
    """One trivial query through the pool. A pool that lost its connections (the database restarted) gets new ones
    here, as any request does: pre-ping throws the dead ones away."""
    db = db_session()
    try:
        db.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.rollback()
        return False
    return True
