"""No input makes the service fail: random form data on every page, oversized bodies, forged and unknown requests."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from eservice.forms.contact import parse_email, parse_personal_number, parse_phone
from eservice.instrument import INSTRUMENT
from eservice.instrument.schema import CONTACT_TYPES, FREE_TEXT_TYPES, NUMBER_TYPES, QType
from eservice.models import AnswerSet, Household

from .helpers import Applicant, db, stored_answers, token

# Part I answers under which every page of parts I and II applies and every question is shown.
EVERYTHING_APPLIES = {
    "applying_with": "with_partner",
    "children_count": 2,
    "other_adults": "no",
    "occupation": "sick_listed",
    "sick_leave_extent": "partly",
    "af_registered": "yes",
    "partner_occupation": "job_seeker",
    "partner_af_registered": "yes",
    "reason": ["other"],
    "done_already": ["other"],
    "incomes_work": [c for c in INSTRUMENT.question("incomes_work").option_codes() if c != "none"],
    "incomes_other": [c for c in INSTRUMENT.question("incomes_other").option_codes() if c != "none"],
    "bank_balance": 0,
    "owns_car": "no",
    "owns_property": "no",
    "housing_type": "rent_second_hand",
    "rent": 5000,
    "costs": [c for c in INSTRUMENT.question("costs").option_codes() if c != "none"],
    "interpreter_needed": "yes_both",
}
# Part II answers that make the rest of part II apply (2.45 follows an illness).
EVERYTHING_APPLIES_II = {"health_limits": "much"}
PAGES = [page for part in INSTRUMENT.applicant_parts() for page in part.pages()]

ODD_VALUES = [
    "",
    " ",
    "-",
    "--5",
    "0",
    "-1",
    "1e9",
    "12 000 kr",
    "99999999999",
    "9" * 40,
    "²",
    "١٢",
    "۱۲",
    "½",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "<b>fet</b>",
    "&amp;&lt;",
    "NaN",
    "∞",
    "\u202eabc",
    "🙂" * 50,
    "x" * 3000,
    "rather_talk",
    "none",
    "continue",
    "save_exit_not",
]


def values(codes: list[str]) -> st.SearchStrategy:
    one = st.one_of(
        st.text(max_size=250),
        st.integers().map(str),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.sampled_from(ODD_VALUES),
        st.sampled_from(codes or ["x"]),
    )
    return st.one_of(one, st.lists(one, max_size=4))


def form_data(page) -> st.SearchStrategy:
    fields = [q.id for q in page.questions]
    codes = [c for q in page.questions for c in q.option_codes()]
    keys = st.one_of(
        st.sampled_from([*fields, "version", "action"]),
        st.text(min_size=1, max_size=20).filter(lambda k: k != "csrf_token"),
    )
    # "save_exit" would sign the person out and end the example's meaning; every other action is fair game.
    return st.dictionaries(keys, values(codes), max_size=len(fields) + 3).filter(
        lambda d: d.get("action") != "save_exit"
    )


@pytest.fixture
def everything_applies(app, client) -> Applicant:
    """A signed-in first adult whose household's part I makes every page apply (written straight to the database:
    filling eleven pages by hand for each of the page tests would dominate the run time)."""
    person = Applicant(client).start()
    with app.app_context(), db(app) as session:  # part II is sealed with the app's key
        household = session.scalars(select(Household).where(Household.reference == person.reference)).one()
        for part, answers in (("I", EVERYTHING_APPLIES), ("II", EVERYTHING_APPLIES_II)):
            row = session.scalars(
                select(AnswerSet).where(AnswerSet.household_id == household.id, AnswerSet.part == part)
            ).one()
            row.answers = dict(answers)
        session.commit()
    return person


ERROR_LINK = re.compile(r'<a href="#([^"]+)">')


def assert_errors_link_to_fields(html: str) -> None:
    assert 'class="error-summary"' in html
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    targets = ERROR_LINK.findall(summary)
    assert targets, "the error summary links to nothing"
    for target in targets:
        assert f'id="{target}"' in html, f"the error summary links to #{target}, which is not on the page"


def assert_stored_answers_are_valid(answers: dict) -> None:
    for question_id, value in answers.items():
        q = INSTRUMENT.question(question_id)
        assert q is not None, question_id
        if q.type is QType.SINGLE:
            assert value in q.option_codes(), (question_id, value)
        elif q.type is QType.MULTI:
            assert value, (question_id, value)
            assert set(value) <= set(q.option_codes()), (question_id, value)
            assert len(value) == 1 or not set(value) & set(q.exclusive), (question_id, value)
        elif q.type in NUMBER_TYPES:
            assert isinstance(value, int), (question_id, value)
            assert q.min <= value <= q.max, (question_id, value)
        elif q.type in FREE_TEXT_TYPES:
            assert set(value) == {"text", "lang"}, (question_id, value)
            assert 0 < len(value["text"]) <= q.max_length, (question_id, value)
            assert "\x00" not in value["text"]
        elif q.type in CONTACT_TYPES:  # stored normalised: reading it again changes nothing
            parse = {QType.PERSONAL_NUMBER: parse_personal_number, QType.PHONE: parse_phone}.get(q.type, parse_email)
            assert parse(value) == value, (question_id, value)
        else:
            raise AssertionError(f"{question_id}: no check for type {q.type}")


@pytest.mark.parametrize("page_def", PAGES, ids=[p.id for p in PAGES])
def test_random_form_data_never_breaks_a_page(app, everything_applies, page_def):
    person = everything_applies
    opened = person.get(f"q/{page_def.id}")
    assert opened.status_code == 200  # the page applies, so the POSTs below reach its form
    csrf = token(opened.get_data(as_text=True))
    part = INSTRUMENT.locate_page(page_def.id)[0].id

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=form_data(page_def))
    def post(data):
        response = person.client.post(f"/sv/q/{page_def.id}", data={**data, "csrf_token": csrf})
        assert response.status_code in (302, 400, 409), (response.status_code, data)
        if response.status_code == 400:
            assert_errors_link_to_fields(response.get_data(as_text=True))
        assert_stored_answers_are_valid(stored_answers(app, person.reference, part))

    post()


def test_a_body_over_64_kb_is_refused(client):
    response = client.post("/sv/resume", data={"reference": "X", "code": "y" * 70_000})
    assert response.status_code == 413
    assert "<h1>" in response.get_data(as_text=True)


def test_a_post_without_csrf_token_is_refused(app, client):
    person = Applicant(client).start()
    response = client.post(
        "/sv/q/household",
        data={"applying_with": "alone", "children_count": "0", "other_adults": "no", "action": "continue"},
    )
    assert response.status_code == 400
    assert stored_answers(app, person.reference, "I") == {}
    assert client.post("/sv/new").status_code == 400


@pytest.mark.parametrize(
    "path", ["/sv/q/no_such_page", "/sv/q/..%2Fcheck", "/sv/nowhere", "/xx/", "/xx/tasks", "/SV/", "/api/nothing"]
)
def test_unknown_pages_and_languages_are_404(client, path):
    Applicant(client).start()
    response = client.get(path)
    assert response.status_code == 404
    assert "<h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("21", "Skriv ett tal mellan 0 och 20."),
        ("-1", "Skriv ett tal mellan 0 och 20."),
        ("99999999999999", "Skriv bara siffror."),
        ("två", "Skriv bara siffror."),
        ("²", "Skriv bara siffror."),
        ("--5", "Skriv bara siffror."),
    ],
)
def test_numbers_out_of_range_get_a_message(app, client, value, message):
    person = Applicant(client).start()
    response = person.answer("household", {"applying_with": "alone", "children_count": value, "other_adults": "no"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'href="#children_count"' in html
    assert stored_answers(app, person.reference, "I") == {}


def test_text_longer_than_its_limit_is_refused_and_kept_in_the_form(app, client):
    person = Applicant(client).start()
    too_long = "Å" * 199 + "xy"  # 201 characters; the limit is 200
    response = person.answer("reason", {"reason": ["other"], "reason_other": too_long})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Skriv högst 200 tecken." in html
    assert f'value="{too_long}"' in html
    assert stored_answers(app, person.reference, "I") == {}


@pytest.mark.parametrize(("typed", "stored"), [("3", 3), (" 3 ", 3), ("٣", 3), ("۳", 3)])
def test_numbers_in_other_digit_scripts_are_read(app, client, typed, stored):
    person = Applicant(client).start()
    response = person.answer("household", {"applying_with": "alone", "children_count": typed, "other_adults": "no"})
    assert response.status_code == 302
    assert stored_answers(app, person.reference, "I")["children_count"] == stored
