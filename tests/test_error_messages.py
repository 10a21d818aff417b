"""Every error state of every question, in every language: the words are ours and in the page's language.

A library's default text (WTForms' "Not a valid choice.") never reaches a page, and no Swedish source text is left
untranslated on a page in another language.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import wtforms
from babel.messages.pofile import read_po
from babel.support import Translations

import eservice
from eservice import create_app
from eservice.cli import upgrade
from eservice.i18n import offered_language, offered_languages
from eservice.i18n_keys import context
from eservice.instrument import INSTRUMENT, adult_context
from eservice.instrument.path import render_questions, visible_questions
from eservice.instrument.schema import FREE_TEXT_TYPES, NUMBER_TYPES, QType

from .helpers import COUPLE_PART_I, Applicant, fill

ERROR = re.compile(
    r'<p class="error-message" id="[^"]+">(?:<span class="visually-hidden">[^<]*</span>)?(.*?)</p>', re.S
)
# The same, with the question it belongs to: the message's id is "<question id>-error".
QUESTION_ERROR = re.compile(
    r'<p class="error-message" id="([a-z0-9_]+)-error">(?:<span class="visually-hidden">[^<]*</span>)?(.*?)</p>', re.S
)


def _library_defaults() -> set[str]:
    with (Path(wtforms.__file__).parent / "locale" / "wtforms.pot").open("rb") as f:
        catalog = read_po(f)
    texts = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts.update(text.split("%")[0].strip() for text in ids if text)
    return {t for t in texts if len(t) > 8}


LIBRARY_DEFAULTS = _library_defaults()


def _invalid(question) -> object:
    if question.type is QType.SINGLE:
        return "no-such-option"
    if question.type is QType.MULTI:
        return ["no-such-option"]
    if question.type in (QType.INTEGER, QType.MONEY):
        return "tolv"
    return "x" * ((question.max_length or 10) + 1)


@pytest.fixture(scope="module")
def error_pages(tmp_path_factory) -> dict[str, dict[str, str]]:
    """For each language, each applicable question page posted with every answer wrong, and the check page for
    the required answers left out: {lang: {page id: html}}."""
    url = f"sqlite:///{tmp_path_factory.mktemp('errors') / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url)
    pages: dict[str, dict[str, str]] = {}
    for lang in offered_languages():
        person = Applicant(app.test_client(), lang=lang.url_code).start()
        fill(person, COUPLE_PART_I) if lang.url_code == "sv" else _fill_in(person)
        found: dict[str, str] = {}
        for part in INSTRUMENT.parts:
            for page in part.pages():
                if person.get(f"q/{page.id}").status_code != 200:  # does not apply to this household
                    continue
                wrong = {q.id: _invalid(q) for q in page.questions}
                response = person.answer(page.id, wrong)
                if response.status_code == 400:
                    found[page.id] = response.get_data(as_text=True)
                empty = person.answer(page.id, {})  # required answers left out
                if empty.status_code == 400:
                    found[f"{page.id} (empty)"] = empty.get_data(as_text=True)
        pages[lang.url_code] = found
    return pages


def _fill_in(person: Applicant) -> None:
    for page_id, data in COUPLE_PART_I.items():
        assert person.answer(page_id, data).status_code == 302, page_id


def test_every_question_page_was_reached(error_pages):
    for lang, pages in error_pages.items():
        assert len([p for p in pages if "(empty)" not in p]) >= 20, (lang, sorted(pages))


@pytest.mark.parametrize("lang", [lang.url_code for lang in offered_languages()])
def test_no_library_default_and_no_untranslated_error_message(error_pages, lang):
    swedish = {
        unescape(re.sub(r"<[^>]+>", "", m)).strip() for html in error_pages["sv"].values() for m in ERROR.findall(html)
    }
    problems = []
    for page_id, html in error_pages[lang].items():
        messages = [unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in ERROR.findall(html)]
        assert messages, f"[{lang}] {page_id}: an error page without a message"
        for message in messages:
            if any(default in message for default in LIBRARY_DEFAULTS):
                problems.append(f"[{lang}] {page_id}: library default text: {message!r}")
            if lang != "sv" and message in swedish:
                problems.append(f"[{lang}] {page_id}: Swedish left untranslated: {message!r}")
    assert not problems, "\n".join(problems)


def test_the_checks_can_fail(error_pages):
    """The library's own words are known to the test: one is found when put on a page."""
    assert any(default.startswith("Not a valid choice") for default in LIBRARY_DEFAULTS)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1 500,50", 1501), ("1500,49", 1500), ("99.5", 100), ("-500", -500), ("\u2212 2 300", -2300), ("0", 0)],
)
def test_amounts_take_a_decimal_comma_and_a_negative_balance(app, client, typed, stored):
    from .helpers import stored_answers

    person = Applicant(client).start()
    fill(person, {"assets": {"bank_balance": typed, "owns_car": "no", "owns_property": "no"}})
    assert stored_answers(app, person.reference, "I")["bank_balance"] == stored


def test_a_negative_rent_is_still_refused(client):
    person = Applicant(client).start()
    response = person.answer("housing", {"housing_type": "rent_first_hand", "rent": "-100", "landlord": "Bo"})
    assert response.status_code == 400


def test_an_answer_that_stands_alone_is_named_in_the_error(client):
    person = Applicant(client).start()
    response = person.answer("incomes", {"incomes_work": ["none", "salary"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r"Du kan inte välja ”[^”]+” tillsammans med andra svar\.", html), ERROR.findall(html)


def _as_stored(pages: dict[str, dict]) -> dict:
    """Answers typed into pages, as they are stored: numbers as numbers, free text with its language."""
    stored = {}
    for answers in pages.values():
        for question_id, value in answers.items():
            q = INSTRUMENT.question(question_id)
            if q.type in NUMBER_TYPES:
                value = int(value.replace(" ", ""))
            elif q.type in FREE_TEXT_TYPES:
                value = {"text": value, "lang": "sv"}
            stored[question_id] = value
    return stored


def _message_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("lang", [lang.url_code for lang in offered_languages()])
def test_a_question_left_empty_says_what_to_do_in_its_own_words(error_pages, lang):
    """Each required question left empty shows its own message ("Välj om du söker ensam ..."), in the page's
    language, on the question itself: not "Välj ett svar." for all of them."""
    language = offered_language(lang)
    catalog = Translations.load(Path(eservice.__file__).parent / "translations", [language.locale])
    part_one = _as_stored(COUPLE_PART_I)
    problems, checked = [], set()
    for part in INSTRUMENT.parts:
        # Part I is stored for the household; nothing of part II was stored (every post of it was refused).
        answers, base = ({}, adult_context(part_one, 1)) if part.per_adult else (part_one, {})
        for page in part.pages():
            html = error_pages[lang].get(f"{page.id} (empty)")
            if html is None:
                continue
            applies = {q.id for q in visible_questions(page, answers, base)}
            expected = {
                q.id: q.error if lang == "sv" else catalog.pgettext(context(q, "error"), q.error)
                for q in render_questions(page, answers, base)
                if q.required and q.id in applies
            }
            found = {question_id: _message_text(message) for question_id, message in QUESTION_ERROR.findall(html)}
            if found != expected:
                problems.append(f"[{lang}] {page.id}: expected {expected}, found {found}")
            checked |= set(found)
    assert not problems, "\n".join(problems)
    # Every required question this household is asked was among them (the follow-ups of other answers apart).
    asked = {"applying_with", "children_count", "amount_salary", "amount_child_allowance", "cost_electricity"}
    assert asked | {"education_level", "children_ages", "violence", "criminal_record"} <= checked
    assert len(checked) >= 35, sorted(checked)


def test_the_own_words_check_can_fail(error_pages):
    """A message that is not the question's own would be found: the English page's message is not the Swedish."""
    question = INSTRUMENT.question("applying_with")
    english = error_pages["en"]["household (empty)"]
    found = dict(QUESTION_ERROR.findall(english))
    assert _message_text(found["applying_with"]) != question.error
    assert _message_text(dict(QUESTION_ERROR.findall(error_pages["sv"]["household (empty)"]))["applying_with"]) == (
        question.error
    )
