"""A test client that behaves like a person with a browser: reads the CSRF token and version off each page."""
from __future__ import annotations

import re

from flask.testing import FlaskClient

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
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


# A whole, consistent set of answers for a single adult with no children, page by page, as a person types them.
SINGLE_PART_I = {
    "household": {"applying_with": "alone", "children_count": "0", "other_adults": "no"},
    "occupation": {"occupation": "job_seeker", "af_registered": "yes"},
    "reason": {"reason": ["unemployed"]},
    "done_already": {"done_already": ["job_seeking"], "expected_time": "dont_know"},
    "incomes": {"incomes": ["none"]},
    "assets": {"bank_balance": "150", "owns_car": "no", "owns_property": "no"},
    "housing": {"housing_type": "rent_second_hand", "rent": "6 500", "landlord": "Anna"},
    "costs": {"costs": ["none"]},
    "interpreter": {"interpreter_needed": "no"},
}
SINGLE_PART_II = {
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
