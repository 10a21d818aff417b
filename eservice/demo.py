"""Demo data for development: a few households in different states, so a newcomer sees the service in use.

The codes are printed once by `make run`; like every code they are stored only as hashes.
"""

from __future__ import annotations

from sqlalchemy import select

from . import drafts
from .db import db_session
from .instrument import INSTRUMENT
from .models import Household

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
    return lines
