"""The applicant's journey: start, resume, task list, question pages, check answers, submit."""

from flask import Blueprint

bp = Blueprint("applicant", __name__)

from . import (  # noqa: E402,F401  (routes register on import)
    access_views,
    eid_views,
    question_views,
    section_views,
    submit_views,
    trail_views,
    unsaved,
)
