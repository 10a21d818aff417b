"""The task list and the state of a person's answers, built from the path function for every view to share."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
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

    @property
    def url(self) -> str:
        """Where the task starts: a sensitive section at its opening page, any other at its first open page."""
        if self.section.sensitive:
            return url_for("applicant.section_start", section_id=self.section.id)
        if self.first_page_id is None:  # a section that applies has a page that applies: not expected
            return url_for("applicant.tasks")
        return url_for("applicant.question_page", page_id=self.first_page_id)


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
    tasks = all_tasks(parts)
    return sum(t.state is SectionState.DONE for t in tasks), len(tasks)


def all_tasks(parts: list[PartTasks]) -> list[Task]:
    """Every task of this adult in the order of the task list: part I's sections, then part II's."""
    return [t for p in parts for t in p.tasks]


def section_number(db: Session, adult: Adult, section_id: str) -> tuple[int, int]:
    """Where ("section 3 of 14") a section stands in this person's task list, and how many tasks there are.

    Shown on every question page: only which sections apply is needed, not each one's state, which task_list works
    out page by page."""
    ids = [
        section.id
        for part in drafts.parts_for(adult)
        for section in applicable_sections(
            part, drafts.answer_set(db, adult, part).answers, drafts.base_context(db, adult, part)
        )
    ]
    return (ids.index(section_id) + 1 if section_id in ids else 0), len(ids)


def after_section(db: Session, adult: Adult, section_id: str) -> str:
    """Where to go when a section is finished: the next task not done, in the task list's order (from the top again
    once the end is reached), or check-your-answers once every task is done. The task list itself stays one link
    away on every page."""
    tasks = all_tasks(task_list(db, adult))
    ids = [t.section.id for t in tasks]
    start = ids.index(section_id) + 1 if section_id in ids else 0
    for task in tasks[start:] + tasks[:start]:
        if task.state is not SectionState.DONE:
            return task.url
    return url_for("applicant.check")


def ready_to_check(parts: list[PartTasks]) -> bool:
    done, total = progress(parts)
    return done == total


def is_read_only(adult: Adult, part: Part) -> bool:
    """Submitted answers are frozen for the applicant: their own part II once they submit, part I once the
    household's first adult has submitted it."""
    if part.per_adult:
        return adult.status == Status.SUBMITTED
    return adult.household.status == Status.SUBMITTED or adult.position != 1


def page_part(page_id: str):
    return INSTRUMENT.locate_page(page_id)
