"""A test client that behaves like a person with a browser: reads the CSRF token and version off each page."""

from __future__ import annotations

import re
import zlib

from flask.testing import FlaskClient

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="([0-9a-f]+)"')
CODE = re.compile(r'id="resume-code">([^<]+)<')
REFERENCE = re.compile(r'id="reference">([^<]+)<')


def token(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


class Applicant:
    def __init__(self, client: FlaskClient, lang: str = "sv"):
        self.client = client
        self.lang = lang
        self.reference: str | None = None
        self.code: str | None = None

    def url(self, path: str) -> str:
        return f"/{self.lang}/{path}"

    def get(self, path: str, **kwargs):
        return self.client.get(self.url(path), **kwargs)

    def post_form(self, path: str, data: dict | None = None, page_path: str | None = None):
        """GET the page (to read its token and version), then POST like the browser's form would."""
        page = self.get(path if page_path is None else page_path).get_data(as_text=True)
        payload = {"csrf_token": token(page)}
        version = VERSION.search(page)
        if version:
            payload["version"] = version.group(1)
        payload.update(data or {})
        return self.client.post(self.url(path), data=payload)

    def start(self) -> Applicant:
        response = self.post_form("new", page_path="")
        assert response.status_code == 302
        page = self.get("your-code").get_data(as_text=True)
        self.code = CODE.search(page).group(1)
        self.reference = REFERENCE.search(page).group(1)
        self.post_form("your-code")
        return self

    def answer(self, page_id: str, data: dict, action: str = "continue"):
        return self.post_form(f"q/{page_id}", {**data, "action": action})

    def resume(self, reference: str, code: str):
        return self.post_form("resume", {"reference": reference, "code": code})

    def submit(self):
        """Check the answers, tick the declaration and send."""
        return self.post_form("submit", {"declaration": "y"}, page_path="check")

    def from_address(self, address: str) -> Applicant:
        """Send every request from this client address (the guessing limits count per address)."""
        self.client.environ_base["REMOTE_ADDR"] = address
        return self


def make_invitation(first: Applicant) -> tuple[str, str]:
    """Adult 1 makes an invitation for the partner: (reference, invitation code) as the invitation page shows them."""
    response = first.post_form("partner")
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert response.location.endswith("/sv/partner/invitation")
    html = first.get("partner/invitation").get_data(as_text=True)
    return REFERENCE.search(html).group(1), CODE.search(html).group(1)


def join_with_invitation(partner: Applicant, reference: str, invitation: str) -> Applicant:
    """The partner uses the invitation once and is given a code of their own, shown only to them."""
    response = partner.resume(reference, invitation)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert response.location.endswith("/sv/your-code")
    html = partner.get("your-code").get_data(as_text=True)
    assert "Dina svar är bara dina" in html
    partner.reference, partner.code = REFERENCE.search(html).group(1), CODE.search(html).group(1)
    assert partner.code != invitation
    partner.post_form("your-code")
    return partner


def invite_partner(first: Applicant, client: FlaskClient) -> Applicant:
    reference, invitation = make_invitation(first)
    assert reference == first.reference
    return join_with_invitation(Applicant(client), reference, invitation)


# A whole, consistent set of answers for a single adult with no children, page by page, as a person types them.
SINGLE_PART_I = {
    "household": {"applying_with": "alone", "children_count": "0", "other_adults": "no"},
    "occupation": {"occupation": "job_seeker", "af_registered": "yes"},
    "reason": {"reason": ["unemployed"]},
    "done_already": {"done_already": ["job_seeking"]},
    "incomes": {"incomes_work": ["none"]},
    "incomes_other": {"incomes_other": ["none"]},
    "assets": {"bank_balance": "150", "owns_car": "no", "owns_property": "no"},
    "housing": {"housing_type": "rent_second_hand", "rent": "6 500", "landlord": "Anna"},
    "costs": {"costs": ["none"]},
    "interpreter": {"interpreter_needed": "no"},
}
# 19121212-1212 is Skatteverket's well-known test personnummer: valid, and nobody's.
TEST_PERSONAL_NUMBER = "19121212-1212"
SINGLE_PART_II = {
    "about_you": {"full_name": "Sara Ahmed", "birth_year": "1985", "personal_number": TEST_PERSONAL_NUMBER},
    "contact": {"safe_contact": ["call", "text_message"], "phone": "070-123 45 67"},
    "education": {"education_level": "compulsory"},
    "work_history": {"work_experience": "never"},
    "job_search": {"wanted_work": "Bagare", "job_search_hard": ["language"]},
    "health": {"health_general": "good", "health_limits": "no", "care_contact": ["none"]},
    "work_ability": {"work_ability": "full"},
    "network": {"network_support": "several"},
    "goals": {"future_goals": ["work"]},
    "what_helps": {"what_helps": ["work_search"]},
    "substance_use": {"substance_use": "no"},
    "violence": {"violence": "rather_talk"},
    "criminal_record": {"criminal_record": "no"},
}


def fill(applicant: Applicant, pages: dict[str, dict]) -> None:
    for page_id, data in pages.items():
        response = applicant.answer(page_id, data)
        assert response.status_code == 302, (page_id, response.get_data(as_text=True)[:2000])


# A couple with two children: adult 1 answers part I for the household, then each adult answers part II alone.
COUPLE_PART_I = {
    "household": {"applying_with": "with_partner", "children_count": "2", "other_adults": "no"},
    "occupation": {"occupation": "job_seeker", "af_registered": "yes"},
    "partner_occupation": {"partner_occupation": "part_time_work", "partner_af_registered": "no"},
    "reason": {"reason": ["no_income"]},
    "done_already": {"done_already": ["applied_benefits"]},
    "incomes": {"incomes_work": ["salary"]},
    "income_amounts": {"amount_salary": "4 000"},
    "incomes_other": {"incomes_other": ["child_allowance"]},
    "other_income_amounts": {"amount_child_allowance": "2 500"},
    "assets": {"bank_balance": "0", "owns_car": "no", "owns_property": "no"},
    "housing": {"housing_type": "rent_first_hand", "rent": "8 200", "landlord": "Bostadsbolaget"},
    "costs": {"costs": ["electricity"], "cost_electricity": "400"},
    "interpreter": {"interpreter_needed": "no"},
}


def phone_of(secret: str) -> str:
    """A phone number of its own for each secret, typed as people do: "070-1234567"."""
    return f"070-{zlib.crc32(secret.encode()) % 10**7:07d}"


def email_of(secret: str) -> str:
    return re.sub(r"\s+", ".", secret.lower()) + "@exempel.se"


def part_two_with_children(secret: str) -> dict[str, dict]:
    """Every part II page of a parent, with `secret` in each piece of free text so that a leak is easy to see."""
    return {
        "about_you": {"full_name": f"{secret} Namn", "birth_year": "1990", "gender": "rather_not_say"},
        "contact": {"safe_contact": ["email"], "phone": phone_of(secret), "email": email_of(secret)},
        "education": {"education_level": "upper_secondary", "education_details": f"{secret} utbildning"},
        "work_history": {"work_experience": "1_5_years", "previous_jobs": f"{secret} jobb"},
        "job_search": {"wanted_work": f"{secret} önskejobb", "job_search_hard": ["childcare"]},
        "health": {
            "health_general": "mixed",
            "health_limits": "some",
            "care_contact": ["primary_care"],
            "health_details": f"{secret} hälsa",
        },
        "work_ability": {"work_ability": "part"},
        "network": {"network_support": "one", "network_details": f"{secret} nätverk"},
        "children_everyday": {
            "children_ages": "3 och 7",
            "children_school": ["preschool", "school"],
            "children_live": "with_me",
            "custody": "joint",
        },
        "children_wellbeing": {
            "children_health": "well",
            "children_space": "yes",
            "childcare_enough": "yes",
            "children_needs": f"{secret} barnen",
        },
        "goals": {"future_goals": ["work"], "goals_own_words": f"{secret} mål"},
        "what_helps": {"what_helps": ["education"], "self_support_estimate": "within_year"},
        "substance_use": {"substance_use": "rather_talk"},
        "violence": {"violence": "yes", "violence_now": "no"},
        "criminal_record": {"criminal_record": "no"},
        "children_informed": {"children_informed": "not_relevant"},
    }


def db(app):
    """A database session of the app under test, for reading what was stored: `with db(app) as s: ...`."""
    return app.extensions["db_sessionmaker"]()


def stored_answers(app, reference: str, part: str, position: int = 1) -> dict:
    """The answers stored for one part of a household: part I of the household, or part II of one adult."""
    from sqlalchemy import select

    from eservice.models import Adult, AnswerSet, Household

    with app.app_context(), db(app) as session:  # part II is sealed: opening it needs the app's keys
        household = session.scalars(select(Household).where(Household.reference == reference)).one()
        query = select(AnswerSet).where(AnswerSet.household_id == household.id, AnswerSet.part == part)
        if part == "II":
            adult = session.scalars(
                select(Adult).where(Adult.household_id == household.id, Adult.position == position)
            ).one()
            query = query.where(AnswerSet.adult_id == adult.id)
        return dict(session.scalars(query).one().answers)


def sign_in_staff(client, role: str = "caseworker", unit: str = "north", subject: str = "", name: str = ""):
    """Sign a staff member in by writing the staff session directly (the real sign-in is in test_staff_sign_in),
    and record them as a known colleague, as signing in does."""
    from eservice.cases import commands
    from eservice.staff.roles import StaffMember

    subject = subject or f"{role}-{unit}"
    member = StaffMember(subject, "test", name or subject.replace("-", " ").title(), role, unit, "demo")
    with client.session_transaction() as session:
        session["staff"] = member.as_session()
    app = client.application
    with app.app_context(), db(app) as session:
        commands.remember_staff(session, member)
    return member


def submit_case(app, *, unit: str | None = None, submitted_at=None, part1: dict | None = None) -> tuple[str, str]:
    """A household submitted through the drafts module, like the demo data: (case id, reference)."""
    from eservice import demo, drafts
    from eservice.db import db_session

    with app.test_request_context():
        session = db_session()
        new = drafts.start_household(session)
        demo.fill(session, new.adult, "I", {**demo.PART_I_DONE, **(part1 or {})})
        demo.fill(session, new.adult, "II", demo.PART_II_DONE)
        drafts.submit(session, new.adult)
        household = new.adult.household
        if unit is not None:
            household.unit = unit
        if submitted_at is not None:
            household.submitted_at = submitted_at
        session.commit()
        return household.id, household.reference


def staff_token(client) -> str:
    return token(client.get("/staff/").get_data(as_text=True))


def production_settings(monkeypatch, **changes: str | None) -> None:
    """Every setting production needs, made up but well formed (a database URL nothing connects to at start);
    `changes` sets or (with None) removes some. SECRET_KEY is read when the config class is made: set it there too."""
    import secrets

    from eservice.config import ProductionConfig
    from eservice.sealing import new_key_spec

    settings: dict[str, str | None] = {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": "postgresql+psycopg://eservice@127.0.0.1:9/eservice",
        "ANSWER_KEYS": new_key_spec("k1"),
        "MUNICIPALITY_NAME": "Exempelkommunen",
        "MUNICIPALITY_PHONE": "0000-00 00 00",
        "MUNICIPALITY_OPENING_HOURS": "mon-fri 09:00-16:00",
        "SUBMIT_IS_APPLICATION": "false",
        **changes,
    }
    for name, value in settings.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
        if name in ("SECRET_KEY", "DATABASE_URL", "ANSWER_KEYS"):
            monkeypatch.setattr(ProductionConfig, name, value or "")
