"""The task list and the state of a person's answers, built from the path function for every view to share."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from .. import drafts
from ..instrument import INSTRUMENT
from ..instrument.path import SectionState, applicable_sections, first_open_page, section_state
from ..instrument.schema import Part, Section
from ..models import Adult, Status


@dataclass
class Task:
    section: Section
    state: SectionState
    first_page_id: str | None


@dataclass
class PartTasks:
    part: Part
    tasks: list[Task]


def task_list(db: Session, adult: Adult) -> list[PartTasks]:
    result = []
    for part in drafts.parts_for(adult):
        row = drafts.answer_set(db, adult, part)
        base = drafts.base_context(db, adult, part)
        completed = set(row.completed_pages)
        tasks = []
        for section in applicable_sections(part, row.answers, base):
            page = first_open_page(section, row.answers, completed, base)
            tasks.append(Task(section, section_state(section, row.answers, completed, base), page.id if page else None))
        result.append(PartTasks(part, tasks))
    return result


def progress(parts: list[PartTasks]) -> tuple[int, int]:
    tasks = [t for p in parts for t in p.tasks]
    return sum(t.state is SectionState.DONE for t in tasks), len(tasks)


def is_read_only(adult: Adult, part: Part) -> bool:
    """Submitted answers are frozen for the applicant: their own part II once they submit, part I once the
    household's first adult has submitted it."""
    if part.per_adult:
        return adult.status == Status.SUBMITTED
    return adult.household.status == Status.SUBMITTED or adult.position != 1


def page_part(page_id: str):
    return INSTRUMENT.locate_page(page_id)
