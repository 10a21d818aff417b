"""Generated cases for the bench: many submitted households in every state, a share of them closed with a plan and
its evaluation, written in bulk.

Two households (one adult, and a couple) are sent through the real journey first (eservice.demo): every generated
case copies their answers as the service stored them, with free text in one of the eight languages, other numbers
and another person. Rows go in with executemany of prepared rows (SQLAlchemy Core: batched multi-row INSERTs on
PostgreSQL), not through the ORM, which would take an hour for 100,000 households.

Part II, the notes of plans and the evaluations are sealed (eservice.models.Sealed): each ciphertext is bound to its
row's id, so one sealed template cannot be copied; every row is sealed on its own, through the model's own
descriptor on a transient object (never added to a session), so the bench seals exactly as the service does. The
time this takes is measured and reported (`Generated.sealing_seconds`).
"""

from __future__ import annotations

import copy
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from .texts import VOICES, Voice

BATCH = 2000  # households per transaction: big enough for fast inserts, small enough to keep memory flat
OPEN_STATES = {"submitted": 40, "picked_up": 25, "meeting_booked": 20, "meeting_held": 15}
COUPLES = 0.25
COLLEAGUES_PER_UNIT = 10
BENCH_CASEWORKER = "bench-caseworker"  # signed in by the bench (bench.sessions); holds some cases of its unit
BENCH_TEAM_LEAD = "bench-team-lead"


@dataclass
class Generated:
    households: int = 0
    closed: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    sealed: int = 0  # ciphertexts made
    sealing_seconds: float = 0.0
    total_seconds: float = 0.0
    case_ids: dict[str, list[str]] = field(default_factory=dict)  # a sample of open cases per unit, for the case view


@dataclass(frozen=True)
class Template:
    """What the real journey stored for one household: per adult position, the submission and the draft rows."""

    part1: dict[str, Any]
    completed_part1: list[str]
    part2: dict[int, dict[str, Any]]
    completed_part2: dict[int, list[str]]
    context: dict[int, dict[str, Any] | None]
    definition_version: str


def _template(db: Session, household_id: str) -> Template:
    from eservice.models import Adult, AnswerSet, Submission

    adults = {a.id: a.position for a in db.scalars(select(Adult).where(Adult.household_id == household_id))}
    sent = {
        adults[s.adult_id]: s for s in db.scalars(select(Submission).where(Submission.household_id == household_id))
    }
    sets = list(db.scalars(select(AnswerSet).where(AnswerSet.household_id == household_id)))
    part1_set = next(s for s in sets if s.part == "I")
    part2_sets = {adults[s.adult_id]: s for s in sets if s.part == "II" and s.adult_id}
    return Template(
        part1=dict(sent[1].part1 or {}),
        completed_part1=list(part1_set.completed_pages),
        part2={position: dict(s.part2) for position, s in sent.items()},
        completed_part2={position: list(s.completed_pages) for position, s in part2_sets.items()},
        context={position: s.context for position, s in sent.items()},
        definition_version=sent[1].definition_version,
    )


class Sealer:
    """Seals a value for one row through the model's own descriptor, and counts the time it takes."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, model: type, row_id: str, attr: str, value: Any, **identity: Any) -> dict[str, Any]:
        started = time.perf_counter()
        row = model(id=row_id, **identity)
        setattr(row, attr, value)
        descriptor = getattr(model, attr)  # Sealed.__get__ on the class gives the descriptor itself
        columns = {descriptor.sealed_column: getattr(row, descriptor.sealed_column), "key_id": row.key_id}
        self.count += 1
        self.seconds += time.perf_counter() - started
        return columns


def _free(voice: Voice, value: str) -> dict[str, str]:
    return {"text": value, "lang": voice.lang}


def _part1(template: Template, voice: Voice, rng: random.Random) -> dict[str, Any]:
    answers = copy.deepcopy(template.part1)
    answers["rent"] = rng.randrange(4000, 12000, 100)
    answers["bank_balance"] = rng.choice([0, 0, 150, 300, 1200, 4000])
    answers["landlord"] = _free(voice, voice.landlord)
    if voice.interpreter_language:
        answers["interpreter_needed"] = "yes_me"
        answers["interpreter_language"] = _free(voice, voice.interpreter_language)
    else:
        answers["interpreter_needed"] = "no"
        answers.pop("interpreter_language", None)
    return answers


def _part2(template: Template, position: int, voice: Voice, rng: random.Random, now: datetime) -> dict[str, Any]:
    answers = copy.deepcopy(template.part2[position])
    answers["full_name"] = _free(voice, rng.choice(voice.names))
    answers["birth_year"] = now.year - rng.randint(19, 66)
    answers["gender"] = rng.choice(["woman", "woman", "man", "man", "other"])
    answers["previous_jobs"] = _free(voice, voice.previous_jobs)
    answers["wanted_work"] = _free(voice, voice.wanted_work)
    return answers


class Writer:
    """Rows for one batch, table by table, inserted in the order the foreign keys need."""

    ORDER = (
        "staff_member",
        "household",
        "adult",
        "credential",
        "answer_set",
        "submission",
        "need_group_decision",
        "case_adult_facts",
        "case_plan",
        "case_evaluation",
    )

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.ORDER}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)

    def flush(self, db: Session, counts: Counter[str]) -> None:
        from eservice.db import Base

        tables = Base.metadata.tables
        for name in self.ORDER:
            if self.rows[name]:
                db.execute(insert(tables[name]), self.rows[name])
                counts[name] += len(self.rows[name])
                self.rows[name] = []
        db.commit()


def _references(db: Session, rng: random.Random) -> Iterator[str]:
    from eservice.credentials import ALPHABET
    from eservice.models import Household

    # Random like the service's own (eservice.credentials.new_reference), but never twice: at 100,000 references a
    # dozen random clashes are to be expected, and the column is unique.
    used = set(db.scalars(select(Household.reference)))
    while True:
        reference = "X-" + "".join(rng.choice(ALPHABET) for _ in range(6))
        if reference not in used:
            used.add(reference)
            yield reference


def generate(db: Session, units: list[str], households: int, closed: int, seed: int = 14) -> Generated:
    """`households` submitted households spread over `units`, of which `closed` are closed, each with a signed plan
    and its evaluation. Needs an app context (the keyring seals part II)."""
    from eservice import credentials, demo
    from eservice.cases import plans
    from eservice.cases.workdays import local_date
    from eservice.instrument.demographics import household_type
    from eservice.instrument.queue_facts import queue_facts
    from eservice.instrument.support_obstacles import CODES as SUPPORT_OBSTACLES
    from eservice.models import AnswerSet, CaseEvaluation, CasePlan, Submission, new_id, utcnow

    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311  (generated data, not security: the same every run)
    now = utcnow()
    today = local_date(now)
    single = _template(db, demo.submitted_household(db, {}).id)
    couple = _template(db, demo.submitted_household(db, {}, couple=True).id)
    code_hash = credentials.hash_code(credentials.new_resume_code())  # one hash for all: nobody resumes these
    voices, weights = list(VOICES), [v.weight for v in VOICES]
    groups = list(demo.GROUP_WEIGHTS)
    group_weights = list(demo.GROUP_WEIGHTS.values())
    states, state_weights = list(OPEN_STATES), list(OPEN_STATES.values())
    closing = set(rng.sample(range(households), min(closed, households)))
    references = _references(db, rng)
    seal = Sealer()
    out = Generated(households=households, closed=len(closing), case_ids={unit: [] for unit in units})
    writer = Writer()

    staff: dict[str, list[tuple[str, str]]] = {}
    for unit in units:
        staff[unit] = [(f"bench-colleague-{unit}-{n}", f"Kollega {n} ({unit})") for n in range(COLLEAGUES_PER_UNIT)]
        for subject, name in staff[unit]:
            writer.add("staff_member", {"subject": subject, "name": name, "role": "caseworker", "unit": unit,
                                        "last_seen_at": now})  # fmt: skip
    staff[units[0]].append((BENCH_CASEWORKER, "Bench Handläggare"))

    for index in range(households):
        unit = units[index % len(units)]
        voice = rng.choices(voices, weights)[0]
        together = rng.random() < COUPLES
        template = couple if together else single
        is_closed = index in closing
        state = "closed" if is_closed else rng.choices(states, state_weights)[0]
        if is_closed:
            received = now - timedelta(days=rng.randint(40, 730), minutes=rng.randint(0, 1440))
            closed_at: datetime | None = min(received + timedelta(days=rng.randint(30, 400)), now - timedelta(days=1))
        else:
            received = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 1440))
            closed_at = None
        holder = rng.choice(staff[unit]) if state != "submitted" else None
        household_id = new_id()
        meeting = state in ("meeting_booked", "meeting_held", "closed")
        part1 = _part1(template, voice, rng)
        facts = queue_facts(part1)
        writer.add("household", {
            "id": household_id, "reference": next(references), "status": "submitted",
            "definition_version": template.definition_version, "created_at": received - timedelta(days=2),
            "submitted_at": received, "last_saved_at": received, "closed_at": closed_at,
            "origin": "eid" if rng.random() < 0.3 else "code", "origin_acr": None, "unit": unit,
            "case_state": state, "holder_subject": holder[0] if holder else None,
            "holder_name": holder[1] if holder else None,
            "held_since": received + timedelta(days=1) if holder else None,
            "meeting_at": received + timedelta(days=7) if meeting else None,
            "meeting_mode": "place" if meeting else None, "meeting_where": "Rum 3, socialkontoret" if meeting else None,
            "meeting_interpreter_booked": bool(meeting and voice.interpreter_language),
            "meeting_interpreter_language": voice.interpreter_language or None if meeting else None,
            "answers_version": 0, "answers_language": facts.language, "interpreter_needed": facts.interpreter,
            "interpreter_language": facts.interpreter_language, "children_count": facts.children,
        })  # fmt: skip
        if state in OPEN_STATES and len(out.case_ids[unit]) < 64:
            out.case_ids[unit].append(household_id)
        answer_set_i = new_id()
        writer.add("answer_set", {
            "id": answer_set_i, "household_id": household_id, "adult_id": None, "part": "I", "answers": part1,
            "completed_pages": template.completed_part1, "version": 1, "updated_at": received,
        })  # fmt: skip
        genders: dict[int, str] = {}
        for position in sorted(template.part2):
            adult_id = new_id()
            writer.add("adult", {"id": adult_id, "household_id": household_id, "position": position,
                                 "status": "submitted", "submitted_at": received})  # fmt: skip
            writer.add("credential", {"id": new_id(), "adult_id": adult_id, "kind": "resume_code",
                                      "subject": adult_id, "secret_hash": code_hash,
                                      "created_at": received})  # fmt: skip
            part2 = _part2(template, position, voice, rng, now)
            genders[position] = part2["gender"]
            set_id, submission_id = new_id(), new_id()
            draft = {
                "id": set_id,
                "household_id": household_id,
                "adult_id": adult_id,
                "part": "II",
                "answers": None,
                "completed_pages": None,
                "version": 1,
                "updated_at": received,
                **seal(AnswerSet, set_id, "answers", part2, part="II"),
                **seal(AnswerSet, set_id, "completed_pages", template.completed_part2[position], part="II"),
            }
            writer.add("answer_set", draft)
            writer.add("submission", {
                "id": submission_id, "household_id": household_id, "adult_id": adult_id,
                "definition_version": template.definition_version, "part1": part1 if position == 1 else None,
                "part2": None, "context": template.context[position], "submitted_at": received,
                **seal(Submission, submission_id, "part2", part2),
            })  # fmt: skip
        if state in ("meeting_held", "closed"):
            decided = received + timedelta(days=10)
            by = holder or staff[unit][0]
            gender = genders[1]
            writer.add("need_group_decision", {
                "household_id": household_id, "position": 1, "group_code": rng.choices(groups, group_weights)[0],
                "agreed": rng.random() < 0.8, "decided_by_subject": by[0], "decided_by_name": by[1],
                "decided_at": decided,
            })  # fmt: skip
            writer.add("case_adult_facts", {
                "household_id": household_id, "position": 1, "birth_year": now.year - rng.randint(19, 66),
                "gender": gender,
                "household_type": household_type(part1.get("applying_with"), part1.get("children_count"), gender),
                "assistance_since": local_date(received), "support_obstacle": rng.choice(SUPPORT_OBSTACLES),
                "recorded_by_subject": by[0], "recorded_by_name": by[1], "recorded_at": decided,
            })  # fmt: skip
            plan_id = new_id()
            follow_up: date = local_date(decided) + timedelta(days=90)
            if state == "meeting_held":  # due around now, so the queue's follow-ups of this week are not empty
                follow_up = today + timedelta(days=rng.randint(-20, 40))
            signed = decided + timedelta(hours=1)
            writer.add("case_plan", {
                "id": plan_id, "household_id": household_id, "position": 1, "number": 1, "based_on_id": None,
                "follow_up_on": follow_up, "created_by_subject": by[0], "created_by_name": by[1],
                "created_at": decided, "signed_off_by_subject": by[0], "signed_off_by_name": by[1],
                "signed_off_at": signed, "answers": None, **seal(CasePlan, plan_id, "answers", demo.DEMO_PLAN),
            })  # fmt: skip
            if is_closed:
                evaluation_id = new_id()
                decision = rng.choice([plans.CONTINUE, plans.NEW_PLAN, plans.REGROUP])
                answers = {**demo.DEMO_EVALUATION, "eval_decision": decision}
                evaluated = datetime.combine(follow_up, signed.timetz())
                writer.add("case_evaluation", {
                    "id": evaluation_id, "plan_id": plan_id, "household_id": household_id, "position": 1,
                    "decision": decision,
                    "next_follow_up_on": follow_up + timedelta(days=90) if decision == plans.CONTINUE else None,
                    "created_by_subject": by[0], "created_by_name": by[1], "created_at": evaluated,
                    "signed_off_by_subject": by[0], "signed_off_by_name": by[1], "signed_off_at": evaluated,
                    "answers": None, **seal(CaseEvaluation, evaluation_id, "answers", answers),
                })  # fmt: skip
        if (index + 1) % BATCH == 0:
            writer.flush(db, out.rows)
    writer.flush(db, out.rows)
    _analyze(db)
    out.sealed, out.sealing_seconds = seal.count, seal.seconds
    out.total_seconds = time.perf_counter() - started
    return out


def _analyze(db: Session) -> None:
    """Fresh planner statistics, as a production database has after autovacuum: a bulk load leaves none."""
    db.execute(text("ANALYZE"))
    db.commit()
