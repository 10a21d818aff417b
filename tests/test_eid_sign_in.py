"""Applicants with e-ID through a real provider (private_key_jwt, PKCE, an essential acr), and the code path kept."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlparse

import pytest
from sqlalchemy import select

from eservice.models import Credential, EidIdentity, Household, WebSession
from eservice.signin import oidc
from eservice.signin.settings import LOA3

from .helpers import Applicant, token
from .oidc_provider import OidcTestProvider, log_in_at_provider

EID_CALLBACK = "http://localhost/e-id/callback"
NUMBER = "191212121212"  # the provider's person1: Skatteverket's well-known test number


@pytest.fixture(scope="module")
def provider():
    running = OidcTestProvider(redirect_uris=["http://localhost/staff/callback", EID_CALLBACK]).start()
    yield running
    running.stop()


@pytest.fixture
def eid_app(app, provider):
    settings = provider.eid_settings()
    app.config["EID_OIDC"] = settings
    oidc.init_app(app, [settings])
    return app


class Browser:
    """The Flask client plus every URL and Location it saw, to check that no number ever reaches one."""

    def __init__(self, client):
        self.client = client
        self.urls: list[str] = []

    def get(self, url):
        self.urls.append(url)
        response = self.client.get(url)
        self.urls.append(response.location or "")
        return response

    def post(self, url, data):
        self.urls.append(url)
        response = self.client.post(url, data=data)
        self.urls.append(response.location or "")
        return response

    def press(self, page_url, action, data=None):
        page = self.get(page_url).get_data(as_text=True)
        return self.post(action, {"csrf_token": token(page), **(data or {})})

    def sign_in(self, account="person1", acr=LOA3):
        assert 'href="/sv/e-id"' in self.get("/sv/").get_data(as_text=True)
        authorize = self.get("/sv/e-id").location
        self.urls.append(authorize)
        back = log_in_at_provider(authorize, account, acr)
        self.urls.append(back)
        parts = urlparse(back)
        assert parts.path == "/e-id/callback"
        return self.get(f"{parts.path}?{parts.query}")


def test_without_e_id_settings_only_the_code_path_shows(client):
    page = client.get("/sv/").get_data(as_text=True)
    assert "Logga in med e-legitimation" not in page
    assert client.get("/sv/e-id").status_code == 404


def test_the_start_and_resume_pages_offer_e_id_beside_the_code(eid_app):
    client = eid_app.test_client()
    for path in ("/sv/", "/sv/resume"):
        page = client.get(path).get_data(as_text=True)
        assert "Logga in med e-legitimation" in page
        assert "Du kan alltid fortsätta med en kod" in page


def test_a_new_draft_owned_by_the_e_id_and_found_again(eid_app):
    browser = Browser(eid_app.test_client())
    response = browser.sign_in()
    assert response.location == "/sv/e-id/drafts"
    assert "Du har inga ansökningar här än" in browser.get("/sv/e-id/drafts").get_data(as_text=True)
    assert browser.press("/sv/e-id/drafts", "/sv/e-id/new").location == "/sv/tasks"
    assert browser.get("/sv/tasks").status_code == 200
    with eid_app.app_context():
        from eservice.db import db_session

        db = db_session()
        household = db.scalars(select(Household)).one()
        assert household.origin == "eid"
        assert household.origin_acr == LOA3
        credential = db.scalars(select(Credential).where(Credential.kind == "eid")).one()
        assert credential.acr == LOA3
        assert credential.signed_in_at is not None
        identity = db.get(EidIdentity, credential.identity_id)
        assert identity.issuer == eid_app.config["EID_OIDC"].issuer
        assert identity.subject == "person1"
        reference = household.reference
    # Signed out, then in again: the draft is there.
    again = Browser(eid_app.test_client())
    again.sign_in()
    listing = again.get("/sv/e-id/drafts").get_data(as_text=True)
    assert reference in listing


def test_the_number_never_reaches_a_url_a_log_line_a_cookie_or_the_session_in_plain(eid_app, caplog):
    browser = Browser(eid_app.test_client())
    with caplog.at_level(logging.DEBUG):
        browser.sign_in()
        browser.press("/sv/e-id/drafts", "/sv/e-id/new")
        browser.get("/sv/tasks")
    assert not [u for u in browser.urls if NUMBER in u]
    assert NUMBER not in caplog.text
    cookie = browser.client.get_cookie("ix_session")
    assert cookie is not None
    assert NUMBER not in cookie.value
    with eid_app.app_context():
        from eservice.db import db_session

        stored = [json.dumps(row.data) for row in db_session().scalars(select(WebSession))]
    assert stored
    assert not [s for s in stored if NUMBER in s]


@pytest.mark.parametrize("acr", ["http://id.elegnamnden.se/loa/1.0/loa2", ""])
def test_a_too_low_or_missing_assurance_level_is_refused(eid_app, acr):
    browser = Browser(eid_app.test_client())
    response = browser.sign_in(acr=acr)
    assert response.location == "/sv/e-id/failed"
    page = browser.get("/sv/e-id/failed").get_data(as_text=True)
    assert "fortsätta med en kod" in page
    assert browser.get("/sv/e-id/drafts").location.endswith("/sv/resume")


def test_the_eidas_level_is_accepted(eid_app):
    response = Browser(eid_app.test_client()).sign_in(acr="http://id.elegnamnden.se/loa/1.0/eidas-sub")
    assert response.location == "/sv/e-id/drafts"


def test_a_draft_started_with_a_code_is_tied_by_entering_its_code_once(eid_app):
    person = Applicant(eid_app.test_client()).start()
    browser = Browser(eid_app.test_client())
    browser.sign_in()
    wrong = browser.press("/sv/e-id/drafts", "/sv/e-id/tie", {"reference": person.reference, "code": "AAAA-AAAA-AAAA"})
    assert wrong.status_code == 400
    right = browser.press("/sv/e-id/drafts", "/sv/e-id/tie", {"reference": person.reference, "code": person.code})
    assert right.location == "/sv/tasks"
    again = Browser(eid_app.test_client())
    again.sign_in()
    assert person.reference in again.get("/sv/e-id/drafts").get_data(as_text=True)
    # The code keeps working for a person who has no e-ID with them another day.
    assert Applicant(eid_app.test_client()).resume(person.reference, person.code).location.endswith("/sv/tasks")


def test_an_e_id_never_opens_another_adults_part_two(eid_app):
    browser = Browser(eid_app.test_client())
    browser.sign_in()
    browser.press("/sv/e-id/drafts", "/sv/e-id/new")
    with eid_app.app_context():
        from eservice import drafts
        from eservice.db import db_session

        db = db_session()
        household = db.scalars(select(Household)).one()
        partner = drafts.invite_partner(db, household).adult
        partner_id = partner.id
    opened = browser.press("/sv/e-id/drafts", "/sv/e-id/open", {"adult": partner_id})
    assert opened.status_code == 404


def test_the_number_fills_in_about_you_and_nothing_the_person_wrote_is_replaced(eid_app):
    browser = Browser(eid_app.test_client())
    browser.sign_in()
    browser.press("/sv/e-id/drafts", "/sv/e-id/new")
    page = browser.get("/sv/q/about_you").get_data(as_text=True)
    assert 'value="19121212-1212"' in page  # shown formatted, on the person's own page only
    with eid_app.app_context():
        from eservice.db import db_session
        from eservice.models import AnswerSet

        db = db_session()
        row = db.scalars(select(AnswerSet).where(AnswerSet.part == "II")).one()
        assert row.answers["personal_number"] == NUMBER
        assert NUMBER not in (row.sealed_answers or "")  # sealed at rest like the rest of part II
        row.answers = {**row.answers, "personal_number": "198501011234"}
        db.commit()
    again = Browser(eid_app.test_client())
    again.sign_in()
    adult_id = _only_adult_id(eid_app)
    again.press("/sv/e-id/drafts", "/sv/e-id/open", {"adult": adult_id})
    with eid_app.app_context():
        from eservice.db import db_session
        from eservice.models import AnswerSet

        row = db_session().scalars(select(AnswerSet).where(AnswerSet.part == "II")).one()
        assert row.answers["personal_number"] == "198501011234"


def _only_adult_id(app) -> str:
    with app.app_context():
        from eservice.db import db_session
        from eservice.models import Adult

        return db_session().scalars(select(Adult)).one().id
