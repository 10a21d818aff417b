"""Demo data for development: a few households in different states, so a newcomer sees the service in use.

The codes are printed once by `make run`; like every code they are stored only as hashes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from . import credentials, drafts
from .cases import commands, need_groups, plans, review
from .cases.workdays import local_date
from .config import staff_units
from .db import db_session
from .instrument import INSTRUMENT
from .instrument.support_obstacles import CODES as SUPPORT_OBSTACLES
from .models import Adult, CaseAdultFacts, CaseState, Household, NeedGroupDecision, Status, Submission, utcnow

PART_I_DONE = {
    "applying_with": "alone",
    "children_count": 2,
    "other_adults": "no",
    "occupation": "job_seeker",
    "af_registered": "yes",
    "reason": ["unemployed", "no_income"],
    "done_already": ["job_seeking"],
    "incomes_work": ["none"],
    "incomes_other": ["child_allowance", "housing_allowance"],
    "amount_child_allowance": 2500,
    "amount_housing_allowance": 1800,
    "bank_balance": 300,
    "owns_car": "no",
    "owns_property": "no",
    "housing_type": "rent_first_hand",
    "rent": 7400,
    "landlord": {"text": "Bostadsbolaget", "lang": "sv"},
    "costs": ["electricity", "home_insurance"],
    "cost_electricity": 450,
    "cost_home_insurance": 120,
    "interpreter_needed": "yes_me",
    "interpreter_language": {"text": "Arabiska", "lang": "sv"},
}
# Test identity numbers only: 19121212-1212 is Skatteverket's well-known test personnummer, and the partner's
# samordningsnummer (born 14 May 1983, day 14 + 60) was made up with a valid check digit.
PART_II_DONE = {
    "full_name": {"text": "Amal Haddad", "lang": "sv"},
    "birth_year": 1986,
    "gender": "woman",
    "personal_number": "191212121212",
    "safe_contact": ["call", "text_message"],
    "phone": "0701234567",
    "education_level": "upper_secondary",
    "work_experience": "1_5_years",
    "previous_jobs": {"text": "Kock på en restaurang i Aleppo i tre år.", "lang": "sv"},
    "wanted_work": {"text": "Kock eller köksbiträde.", "lang": "sv"},
    "job_search_hard": ["language", "childcare"],
    "health_general": "mixed",
    "health_limits": "some",
    "care_contact": ["primary_care"],
    "work_ability": "part",
    "network_support": "one",
    "children_ages": {"text": "4 och 9 år", "lang": "sv"},
    "children_school": ["preschool", "school"],
    "children_live": "with_me",
    "custody": "sole",
    "children_health": "well",
    "children_space": "yes",
    "childcare_enough": "no",
    "future_goals": ["work", "studies"],
    "what_helps": ["education", "work_search"],
    "self_support_estimate": "dont_know",
    "substance_use": "no",
    "violence": "rather_talk",
    "criminal_record": "no",
    "children_informed": "not_relevant",
}


def fill(db, adult, part_id: str, answers: dict, complete: bool = True) -> None:
    part = INSTRUMENT.part(part_id)
    for page in part.pages():
        mine = {q.id: answers[q.id] for q in page.questions if q.id in answers}
        if mine:
            drafts.save_page(db, adult, part, page.id, mine, [q.id for q in page.questions], None, complete=complete)


def load_demo_data() -> list[str]:
    db = db_session()
    if db.scalar(select(Household).limit(1)) is not None:
        return ["Demo data is already loaded; the codes were printed the first time."]
    lines = ["Demo households (reference, code, state):"]

    fresh = drafts.start_household(db)
    lines.append(f"  {fresh.reference}  {fresh.code}  just started")

    halfway = drafts.start_household(db)
    fill(db, halfway.adult, "I", {k: PART_I_DONE[k] for k in list(PART_I_DONE)[:12]})
    lines.append(f"  {halfway.reference}  {halfway.code}  part I half done")

    couple = drafts.start_household(db)
    fill(
        db,
        couple.adult,
        "I",
        {
            **PART_I_DONE,
            "applying_with": "with_partner",
            "partner_occupation": "sick_listed",
            "partner_sick_leave_extent": "full",
        },
    )
    invitation = drafts.invite_partner(db, couple.adult.household)
    partner = drafts.resume(db, invitation.reference, invitation.code, client="demo-data")
    if partner is None or partner.new_code is None:  # the invitation is exchanged for the partner's own code
        raise RuntimeError("the demo partner's invitation did not work")
    partner_started = {
        "full_name": {"text": "Karim Haddad", "lang": "sv"},
        "birth_year": 1983,
        "personal_number": "198305741236",
        "safe_contact": ["letter"],
        "phone": "+46731234567",
        "email": "karim.haddad@exempel.se",
        "education_level": "compulsory",
        "health_general": "bad",
    }
    fill(db, partner.adult, "II", partner_started, complete=False)
    lines.append(f"  {couple.reference}  {couple.code}  couple, first adult (part I done)")
    lines.append(f"  {couple.reference}  {partner.new_code}  couple, second adult (part II started)")
    invited = drafts.start_household(db)
    fill(db, invited.adult, "I", {**PART_I_DONE, "applying_with": "with_partner"}, complete=False)
    waiting = drafts.invite_partner(db, invited.adult.household)
    lines.append(f"  {invited.reference}  {invited.code}  couple, first adult (partner invited)")
    lines.append(f"  {waiting.reference}  {waiting.code}  the partner's invitation, not used yet")

    sent = drafts.start_household(db)
    fill(db, sent.adult, "I", PART_I_DONE)
    fill(db, sent.adult, "II", PART_II_DONE)
    drafts.submit(db, sent.adult)
    lines.append(f"  {sent.reference}  {sent.code}  submitted")
    lines += living_queue(db)
    return lines


@dataclass(frozen=True)
class DemoStaff:
    """Who holds the demo cases: the development-only demo sign-in's people (eservice.staff.views) and colleagues."""

    subject: str
    name: str
    role: str
    unit: str


PARTNER_PART_II = {
    **PART_II_DONE,
    "full_name": {"text": "Karim Haddad", "lang": "sv"},
    "birth_year": 1983,
    "gender": "man",
    "personal_number": "198305741236",
    "safe_contact": ["letter"],
    "phone": "+46731234567",
    "previous_jobs": {"text": "سائق حافلة في حلب", "lang": "ar"},
}


def submitted_household(db, part1_changes: dict[str, Any], *, couple: bool = False) -> Household:
    """A household sent in: one adult, or a couple who each sent their own part II."""
    case = drafts.start_household(db)
    together = {"applying_with": "with_partner", "partner_occupation": "job_seeker", "partner_af_registered": "yes"}
    fill(db, case.adult, "I", {**PART_I_DONE, **(together if couple else {}), **part1_changes})
    fill(db, case.adult, "II", PART_II_DONE)
    if couple:
        invitation = drafts.invite_partner(db, case.adult.household)
        partner = drafts.resume(db, invitation.reference, invitation.code, client="demo-data")
        if partner is None:
            raise RuntimeError("the demo partner's invitation did not work")
        fill(db, partner.adult, "II", PARTNER_PART_II)
        drafts.submit(db, partner.adult)
    drafts.submit(db, case.adult)
    return case.adult.household


def _confirmed_together(db, member: DemoStaff, household: Household) -> None:
    """What a held meeting leaves: one answer changed beside the original, sections confirmed, a need group."""
    case = review.CaseAnswers(db, household)
    answers, _base = case.answers(1, INSTRUMENT.part("I"))
    seen = drafts.page_version(answers, [q.id for q in INSTRUMENT.page_of("occupation").questions])
    review.change_page(db, member, household, 1, "occupation", {"occupation": "studies"}, seen)
    case = review.CaseAnswers(db, household)
    for part in case.parts_of(1):
        for section in part.sections[:3]:
            shown = case.section(1, part, section)
            if shown is not None:
                review.confirm_section(db, member, household, 1, section.id, shown.version)
    need_groups.decide(db, member, household, 1, "am2", agreed=True)
    commands.meeting_held(db, member, household)


DEMO_PLAN = {
    "plan_summary": {"text": "Amal vill arbeta som kock igen. Barnen behöver förskola först.", "lang": "sv"},
    "plan_changes": ["work"],
    "plan_reasons": ["get_work", "own_feet"],
    "plan_to_do": {"text": "Ansöka om förskoleplats. Träffa en coach på AME.", "lang": "sv"},
    "plan_first_step": {"text": "Ansöka om förskola i veckan.", "lang": "sv"},
    "plan_how_know": {"text": "Jag har en praktikplats i ett kök.", "lang": "sv"},
}
DEMO_EVALUATION = {
    "eval_happened": {"text": "Barnen har förskola. Amal har träffat sin coach två gånger.", "lang": "sv"},
    "eval_assessment": "4",
    "eval_decision": plans.CONTINUE,
}


def _planned(db, member: DemoStaff, household: Household, follow_up_on: date, *, evaluated: bool) -> None:
    """A signed plan for adult 1, and when `evaluated`, its evaluation: go on, followed up a week later."""
    case = review.CaseAnswers(db, household)
    base = case.plan_context(1)
    plan = plans.start_plan(db, member, household, 1, follow_up_on, None)
    plans.save_plan(
        db, member, household, plan, DEMO_PLAN, follow_up_on, plans.version(plan, plans.plan_part()), base,
        sign_off=True,
    )  # fmt: skip
    if evaluated:
        evaluation = plans.start_evaluation(db, member, household, plan)
        seen = plans.version(evaluation, plans.evaluation_part())
        next_time = follow_up_on + timedelta(days=7)
        plans.save_evaluation(db, member, household, evaluation, DEMO_EVALUATION, next_time, seen, base, sign_off=True)


HISTORY_PER_UNIT = 40  # closed cases over the last two years: enough for the statistics to show real numbers
# Need groups as a unit might see them: most in AM2, fewer in the rehabilitation groups.
GROUP_WEIGHTS = {"am1": 5, "am2": 9, "am3": 5, "rh1": 2, "rh2": 4, "rh3": 3}


def closed_history(db, unit: str, closer: DemoStaff, seed: int) -> int:
    """Closed cases received over the last two years, each with a need group and the facts for the statistics.

    Built from one household sent through the real journey, copied: sending a hundred through every page would make
    `make run` and the tests slow, and the statistics read only the case, its need group and the facts.
    """
    rng = random.Random(seed)  # noqa: S311  (demo data, not security: the same every time)
    now = utcnow()
    template = submitted_household(db, {})
    sent = db.scalars(select(Submission).where(Submission.household_id == template.id)).one()
    template.unit, template.case_state, template.closed_at = unit, CaseState.CLOSED, now - timedelta(days=1)
    template.holder_subject, template.holder_name = closer.subject, closer.name
    groups, weights = list(GROUP_WEIGHTS), list(GROUP_WEIGHTS.values())
    for _ in range(HISTORY_PER_UNIT):
        received = now - timedelta(days=rng.randint(40, 730))
        closed = min(received + timedelta(days=rng.randint(30, 400)), now - timedelta(days=1))
        household = Household(
            reference=credentials.new_reference(),
            definition_version=INSTRUMENT.version,
            status=Status.SUBMITTED,
            submitted_at=received,
            unit=unit,
            case_state=CaseState.CLOSED,
            closed_at=closed,
            holder_subject=closer.subject,
            holder_name=closer.name,
            answers_language=template.answers_language,
            interpreter_needed=template.interpreter_needed,
            interpreter_language=template.interpreter_language,
            children_count=template.children_count,
        )
        adult = Adult(household=household, position=1, status=Status.SUBMITTED, submitted_at=received)
        db.add_all([household, adult])
        db.flush()
        copy = Submission(
            household_id=household.id,
            adult_id=adult.id,
            definition_version=sent.definition_version,
            part1=dict(sent.part1 or {}),
            context=dict(sent.context or {}),
            submitted_at=received,
        )
        copy.part2 = dict(sent.part2)
        gender = rng.choice(["woman", "woman", "man", "man", "other"])
        children = rng.random() < 0.5
        db.add_all(
            [
                copy,
                NeedGroupDecision(
                    household_id=household.id,
                    position=1,
                    group_code=rng.choices(groups, weights)[0],
                    agreed=rng.random() < 0.8,
                    decided_by_subject=closer.subject,
                    decided_by_name=closer.name,
                    decided_at=received + timedelta(days=10),
                ),
                CaseAdultFacts(
                    household_id=household.id,
                    position=1,
                    birth_year=now.year - rng.randint(19, 66),
                    gender=gender,
                    household_type=f"single_{'woman' if gender == 'woman' else 'man'}_"
                    + ("children" if children else "no_children"),
                    assistance_since=local_date(received),
                    support_obstacle=rng.choice(SUPPORT_OBSTACLES),
                    recorded_by_subject=closer.subject,
                    recorded_by_name=closer.name,
                    recorded_at=received + timedelta(days=10),
                ),
            ]
        )
    db.commit()
    return HISTORY_PER_UNIT


def living_queue(db) -> list[str]:
    """Submitted households in every state, in each configured unit, so the demo sign-in shows a queue in use."""
    unit_ids = list(staff_units(current_app.config))
    lines = ["Demo cases for the caseworker side (reference, unit, state):"]
    arabic = {"landlord": {"text": "شركة السكن", "lang": "ar"}, "interpreter_language": {"text": "عربي", "lang": "ar"}}
    # (days since received, part I changes, state, holder's role), in the order they came in
    plan: list[tuple[int, dict[str, Any], CaseState, str | None]] = [
        (20, {"interpreter_needed": "no"}, CaseState.CLOSED, "colleague"),
        (12, {}, CaseState.MEETING_HELD, "caseworker"),
        (9, arabic, CaseState.SUBMITTED, None),
        (6, arabic, CaseState.PICKED_UP, "caseworker"),
        (4, {"interpreter_needed": "no"}, CaseState.SUBMITTED, None),
        (3, {}, CaseState.MEETING_BOOKED, "colleague"),
        (1, {}, CaseState.SUBMITTED, None),
    ]
    local_today = local_date(utcnow())
    for unit in unit_ids[:2]:
        people = {
            "caseworker": DemoStaff("demo-caseworker", "Demo Handläggare", "caseworker", unit),
            "team_lead": DemoStaff("demo-team-lead", "Demo Gruppledare", "team_lead", unit),
            "colleague": DemoStaff(f"demo-colleague-{unit}", f"Demo Kollega ({unit})", "caseworker", unit),
        }
        if unit == unit_ids[0]:  # the demo sign-in puts its people in the first unit
            for person in people.values():
                commands.remember_staff(db, person)
        else:  # the demo people sign in to the first unit: here a colleague holds every case
            commands.remember_staff(db, people["colleague"])
            people["caseworker"] = people["colleague"]
        for days, changes, state, holder in plan:
            household = submitted_household(db, changes, couple=days == 6)
            household.unit = unit
            household.submitted_at = utcnow() - timedelta(days=days)
            db.commit()
            if holder is not None:
                commands.pick_up(db, people[holder], household)
            if state in (CaseState.MEETING_BOOKED, CaseState.MEETING_HELD):
                when = utcnow().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=2 - days // 4)
                meeting = commands.Meeting(when, "place", "Rum 3, socialkontoret", True, "Arabiska")
                commands.book_meeting(db, people[holder or "caseworker"], household, meeting)
            if state == CaseState.MEETING_HELD:
                _confirmed_together(db, people[holder or "caseworker"], household)
                # A follow-up overdue on the demo caseworker's start page, and one that went on to this week.
                _planned(
                    db, people[holder or "caseworker"], household, local_today - timedelta(days=3), evaluated=False
                )
            if state == CaseState.CLOSED:
                _planned(db, people[holder or "caseworker"], household, local_today - timedelta(days=5), evaluated=True)
            # Closing has no command yet (a later step): set here, for the demo only.
            household.case_state = state
            if state == CaseState.CLOSED:
                household.closed_at = utcnow()
            db.commit()
            lines.append(f"  {household.reference}  {unit}  {state}")
        count = closed_history(db, unit, people["colleague"], seed=len(unit))
        lines.append(f"  and {count} closed cases in {unit} over the last two years, for the statistics")
    return lines
