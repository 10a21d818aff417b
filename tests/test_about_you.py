"""Part II begins with who the person is and how it is safe to reach them: name, year of birth, gender, personnummer
or samordningsnummer, phone, e-mail and safe ways of contact. Each adult answers in their own sealed part II."""

from __future__ import annotations

import datetime
import logging
import subprocess

import pytest

from eservice.forms.contact import (
    NotValid,
    Refusal,
    format_personal_number,
    luhn_ok,
    parse_email,
    parse_personal_number,
    parse_phone,
)
from eservice.instrument import INSTRUMENT

from .helpers import (
    COUPLE_PART_I,
    SINGLE_PART_I,
    SINGLE_PART_II,
    Applicant,
    fill,
    invite_partner,
    part_two_with_children,
    stored_answers,
)

TODAY = datetime.date(2026, 6, 1)
TEST_NUMBER = "191212121212"  # Skatteverket's well-known test personnummer 19121212-1212


def with_check_digit(nine: str) -> str:
    """The tenth digit that makes YYMMDDNNN pass the Luhn check."""
    return next(nine + str(c) for c in range(10) if luhn_ok(nine + str(c)))


def refusal(value: str) -> Refusal:
    with pytest.raises(NotValid) as caught:
        parse_personal_number(value, TODAY)
    return caught.value.refusal


# --- Reading a personnummer -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "19121212-1212",
        "191212121212",
        "121212+1212",  # the "+" of someone 100 or older
        " 19121212 - 1212 ",
        "19121212\u20131212",  # an en dash, as phones put in
        "١٩١٢١٢١٢-١٢١٢",  # Arabic-Indic digits
        "۱۹۱۲۱۲۱۲۱۲۱۲",  # Persian digits
    ],
)
def test_a_personnummer_is_stored_as_12_digits_however_it_is_typed(typed):
    assert parse_personal_number(typed, TODAY) == TEST_NUMBER


def test_ten_digits_get_the_latest_century_that_is_not_in_the_future():
    assert parse_personal_number("121212-1212", TODAY) == "201212121212"
    assert parse_personal_number("121212+1212", TODAY) == "191212121212"
    number = with_check_digit("850101123")
    assert parse_personal_number(number, TODAY) == "19" + number


@pytest.mark.parametrize(("ten", "twelve"), [("8112189876", "198112189876"), ("1212121212", "191212121212")])
def test_the_luhn_check_accepts_valid_numbers_and_refuses_one_wrong_digit(ten, twelve):
    assert luhn_ok(ten)
    for position in range(10):
        changed = ten[:position] + str((int(ten[position]) + 1) % 10) + ten[position + 1 :]
        assert not luhn_ok(changed), changed
    assert parse_personal_number(twelve, TODAY) == twelve


def test_a_wrong_check_digit_is_refused_as_not_right():
    assert refusal("19121212-1213") is Refusal.CHECK


def test_a_samordningsnummer_is_accepted_with_60_added_to_the_day():
    number = with_check_digit("830574123")  # born 14 May 1983
    assert parse_personal_number(number, TODAY) == "19" + number
    assert parse_personal_number(f"19{number[:6]}-{number[6:]}", TODAY) == "19" + number


@pytest.mark.parametrize(
    ("nine", "why"),
    [
        ("850230123", "30 February"),
        ("851301123", "month 13"),
        ("850192123", "samordningsnummer day 32"),
        ("270101123", "born in the future (2027 read as 1927 would need a '+')"),
    ],
)
def test_a_date_that_does_not_exist_is_refused_even_with_the_right_check_digit(nine, why):
    number = with_check_digit(nine)
    if nine.startswith("27"):
        assert parse_personal_number(number, TODAY).startswith("1927"), why  # 10 digits: never in the future
        assert refusal(f"20{number}") is Refusal.CHECK, why
    else:
        assert refusal(f"19{number}") is Refusal.CHECK, why


@pytest.mark.parametrize("typed", ["1234", "19121212-12", "ÅÄÖ", "19121212/1212", "1912121212121", "19121212--1212"])
def test_what_is_not_a_personnummer_is_refused_as_the_wrong_form(typed):
    assert refusal(typed) is Refusal.FORMAT


def test_a_stored_number_is_shown_as_skatteverket_writes_it():
    assert format_personal_number(TEST_NUMBER) == "19121212-1212"


# --- Phone and e-mail -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("070-123 45 67", "0701234567"),
        ("+46 (0)70-123 45 67", "+46701234567"),
        ("(08) 123 45 67", "081234567"),
        ("٠٧٠١٢٣٤٥٦٧", "0701234567"),
    ],
)
def test_a_phone_number_is_stored_as_its_digits(typed, stored):
    assert parse_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "070 abc 45 67", "07+01234567", "1" * 16, "+"])
def test_what_is_not_a_phone_number_is_refused(typed):
    with pytest.raises(NotValid):
        parse_phone(typed)


def test_an_e_mail_address_is_trimmed_and_sanity_checked():
    assert parse_email("  namn.efternamn@exempel.se ") == "namn.efternamn@exempel.se"
    for typed in ("namn", "namn@", "namn@exempel", "a b@exempel.se", "a@@exempel.se", "a@exempel..se"):
        with pytest.raises(NotValid):
            parse_email(typed)


# --- The pages --------------------------------------------------------------------------------------------------


ABOUT = SINGLE_PART_II["about_you"]
CONTACT = SINGLE_PART_II["contact"]


def test_part_two_begins_with_about_you_and_how_to_reach_you():
    part = INSTRUMENT.part("II")
    assert part.sections[0].id == "about_you"
    assert [p.id for p in part.sections[0].pages] == ["about_you", "contact"]
    assert [q.number for q in part.questions()] == [f"2.{n}" for n in range(1, len(part.questions()) + 1)]
    assert all(q.private for q in part.sections[0].pages[0].questions)


def test_the_answers_are_stored_normalised_and_shown_formatted(app, client):
    person = Applicant(client).start()
    response = person.answer("about_you", {**ABOUT, "personal_number": "121212+1212", "gender": "rather_not_say"})
    assert response.status_code == 302
    assert person.answer("contact", CONTACT).status_code == 302
    stored = stored_answers(app, person.reference, "II")
    assert stored["personal_number"] == TEST_NUMBER
    assert stored["birth_year"] == 1985
    assert stored["full_name"]["text"] == "Sara Ahmed"
    assert stored["gender"] == "rather_not_say"
    assert stored["phone"] == "0701234567"
    assert stored["safe_contact"] == ["call", "text_message"]
    assert 'value="19121212-1212"' in person.get("q/about_you").get_data(as_text=True)


def test_gender_the_number_and_e_mail_may_be_left_empty(app, client):
    person = Applicant(client).start()
    assert person.answer("about_you", {"full_name": "Sara", "birth_year": "1985"}).status_code == 302
    assert person.answer("contact", {"safe_contact": ["letter"], "phone": "0701234567"}).status_code == 302
    stored = stored_answers(app, person.reference, "II")
    assert not {"gender", "personal_number", "email"} & set(stored)


def error_messages(response) -> str:
    assert response.status_code == 400
    return response.get_data(as_text=True)


def test_name_and_year_of_birth_are_needed_with_a_message_each(app, client):
    person = Applicant(client).start()
    html = error_messages(person.answer("about_you", {}))
    assert html.count("Skriv vad du heter.") == 2  # in the summary and by the field
    assert html.count("Skriv vilket år du är född, till exempel 1985.") == 2
    assert 'id="full_name-error"' in html
    assert 'id="birth_year-error"' in html
    assert 'id="personal_number-error"' not in html
    html = error_messages(person.answer("about_you", {**ABOUT, "birth_year": "1850"}))
    assert f"Skriv ett tal mellan 1900 och {INSTRUMENT.question('birth_year').max}." in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("19121212-1213", "Kontrollera personnumret. Det stämmer inte."),
        ("1912-1212", "Skriv ditt personnummer med 12 siffror, till exempel 19850101-1234."),
    ],
)
def test_a_wrong_personnummer_says_what_to_do_and_keeps_what_was_typed(app, client, typed, message):
    person = Applicant(client).start()
    html = error_messages(person.answer("about_you", {**ABOUT, "personal_number": typed}))
    assert message in html
    assert f'value="{typed}"' in html
    assert "personal_number" not in stored_answers(app, person.reference, "II")  # nothing saved from a wrong page


def test_a_way_to_reach_the_person_is_needed_unless_they_will_get_in_touch(app, client):
    person = Applicant(client).start()
    html = error_messages(person.answer("contact", {}))
    assert "Välj hur vi kan kontakta dig på ett säkert sätt." in html
    assert "Skriv ditt telefonnummer." in html
    assert 'id="phone-error"' in html
    html = error_messages(person.answer("contact", {"safe_contact": ["call"], "phone": "123"}))
    assert "Skriv ett telefonnummer med minst 7 siffror, till exempel 070-123 45 67." in html
    html = error_messages(person.answer("contact", {**CONTACT, "email": "namn@"}))
    assert "Skriv e-postadressen på rätt sätt, till exempel namn@exempel.se." in html
    html = error_messages(person.answer("contact", {"safe_contact": ["call", "i_contact_you"], "phone": "0701234567"}))
    assert "tillsammans med andra svar" in html

    assert person.answer("contact", {"safe_contact": ["i_contact_you"]}).status_code == 302
    assert stored_answers(app, person.reference, "II") == {"safe_contact": ["i_contact_you"]}


def test_a_number_taken_back_is_not_kept(app, client):
    """Someone who first gives a number and then says no way is safe: the number is removed, not hidden."""
    person = Applicant(client).start()
    assert person.answer("contact", {**CONTACT, "email": "namn@exempel.se"}).status_code == 302
    assert person.answer("contact", {"safe_contact": ["i_contact_you"], "phone": "0701234567"}).status_code == 302
    assert stored_answers(app, person.reference, "II") == {"safe_contact": ["i_contact_you"]}


def pdf_text(person: Applicant, tmp_path) -> str:
    pdf = person.get("answers.pdf")
    assert pdf.status_code == 200
    path = tmp_path / f"answers-{person.reference}.pdf"
    path.write_bytes(pdf.data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_check_answers_and_the_pdf_show_the_number_formatted(app, client, tmp_path):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    check = person.get("check").get_data(as_text=True)
    assert "19121212-1212" in check
    assert "0701234567" in check
    assert "Sara Ahmed" in check
    assert person.submit().location.endswith("/sv/done")
    text = pdf_text(person, tmp_path)
    assert "19121212-1212" in text
    assert "0701234567" in text


def test_the_personnummer_is_never_in_a_url_or_a_log(app, caplog):
    for name in ("eservice", "werkzeug", "sqlalchemy", None):
        caplog.set_level(logging.DEBUG, logger=name)
    person = Applicant(app.test_client()).start()
    forms = ("121212-1212", "1212121212", "19121212-1212", TEST_NUMBER)
    locations = []
    for action in ("continue", "lang:en", "save_exit"):
        response = person.answer("about_you", {**ABOUT, "personal_number": "121212-1212"}, action=action)
        assert response.status_code == 302, action
        locations.append(response.location)
    wrong = person.client.post("/sv/q/about_you", data={"personal_number": "19121212-1213"})  # no token: refused
    assert wrong.status_code == 400

    assert caplog.records, "something was logged, so the test can fail"
    logged = " ".join(" ".join([r.getMessage(), str(r.args), str(r.__dict__)]) for r in caplog.records)
    for number in (*forms, "19121212-1213", "1212121213"):
        assert number not in logged
        assert not any(number in location for location in locations), locations


def test_the_partners_name_and_contact_details_never_reach_adult_one(app, client, tmp_path):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app.test_client())
    fill(first, part_two_with_children("Ett"))
    coordination = with_check_digit("830574123")
    partners = {
        "about_you": {"full_name": "Karim Haddad", "birth_year": "1983", "personal_number": coordination},
        "contact": {"safe_contact": ["letter"], "phone": "073-987 65 43", "email": "karim@exempel.se"},
    }
    fill(partner, {**part_two_with_children("Två"), **partners})
    assert stored_answers(app, first.reference, "II", 2)["personal_number"] == "19" + coordination

    secrets = ("Karim", "karim@exempel.se", "0739876543", "073-987 65 43", coordination, coordination[:6])
    paths = ["tasks", "check", "q/about_you", "q/contact"]
    for path in paths:
        html = first.get(path).get_data(as_text=True)
        assert not [s for s in secrets if s in html], path
    assert first.submit().location.endswith("/sv/done")
    for path in [*paths, "done"]:
        html = first.get(path, follow_redirects=True).get_data(as_text=True)
        assert not [s for s in secrets if s in html], path
    text = pdf_text(first, tmp_path)
    assert "Ett Namn" in text  # adult 1's own name is there, so the PDF was read
    assert not [s for s in secrets if s in text]


def test_the_api_publishes_the_new_types(client):
    questions = {
        q["id"]: q
        for part in client.get("/api/instrument").get_json()["parts"]
        for section in part["sections"]
        for q in section["questions"]
    }
    assert questions["personal_number"]["type"] == "personal_number"
    assert questions["phone"]["type"] == "phone"
    assert questions["email"]["type"] == "email"
    assert questions["phone"]["show_when"] == {"not": {"answer": "safe_contact", "is": "i_contact_you"}}
    assert questions["birth_year"]["min"] == 1900


def test_the_demo_households_load_with_valid_contact_details(app):
    from eservice.demo import load_demo_data

    with app.app_context():
        lines = load_demo_data()
    assert any(line.rstrip().endswith("submitted") for line in lines)  # it ran to the sent households
    for number in ("191212121212", "198305741236"):
        assert parse_personal_number(number) == number
