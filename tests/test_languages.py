"""Every page in every language: right lang and dir, translated text, glossary links that resolve, PDFs in every
script, and switching language keeps the answers."""

from __future__ import annotations

import re
import subprocess

import pytest
from flask_babel import force_locale

from eservice.i18n import ALL_LANGUAGES, translated
from eservice.instrument import INSTRUMENT

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, fill

RTL = {"ar", "fa", "fa-af"}
PUBLIC_PAGES = ["", "resume", "questions", "glossary", "interpreter", "accessibility", "safety", "privacy"]
HTML_TAG = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)">')


def _html_tag(response) -> tuple[str, str]:
    match = HTML_TAG.search(response.get_data(as_text=True))
    assert match, "no <html lang dir>"
    return match.groups()


def _translated(app, lang, question, field="text"):
    with app.test_request_context(), force_locale(lang.locale):
        return translated(question, field)


@pytest.mark.parametrize("lang", ALL_LANGUAGES, ids=lambda lang: lang.url_code)
def test_every_page_has_the_right_language_and_direction(client, lang):
    expected = (lang.url_code, "rtl" if lang.url_code in RTL else "ltr")
    for path in PUBLIC_PAGES:
        response = client.get(f"/{lang.url_code}/{path}")
        assert response.status_code == 200, path
        assert _html_tag(response) == expected, path
    person = Applicant(client, lang=lang.url_code).start()
    pages = [p.id for part in INSTRUMENT.applicant_parts() for p in part.pages()]
    fill(person, SINGLE_PART_I)
    for page_id in [*pages, "tasks", "check"]:
        path = page_id if page_id in ("tasks", "check") else f"q/{page_id}"
        response = person.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        assert _html_tag(response) == expected, path


@pytest.mark.parametrize(
    "lang", [lang for lang in ALL_LANGUAGES if lang.url_code != "sv"], ids=lambda lang: lang.url_code
)
def test_question_pages_show_the_translation(app, client, lang):
    person = Applicant(client, lang=lang.url_code).start()
    question = INSTRUMENT.question("applying_with")
    translated = _translated(app, lang, question)
    assert translated != question.text
    assert translated in person.get("q/household").get_data(as_text=True)


def test_unknown_language_is_404(client):
    for path in ["/xx/", "/prs/", "/fa_AF/", "/../", "/sv-SE/tasks", "/EN/"]:
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("lang", ALL_LANGUAGES, ids=lambda lang: lang.url_code)
def test_glossary_links_resolve(client, lang):
    glossary_page = client.get(f"/{lang.url_code}/glossary").get_data(as_text=True)
    linked = {term for q in INSTRUMENT.all_questions() for term in q.glossary}
    for term in linked:
        assert f'id="term-{term}"' in glossary_page, term
    api = client.get(f"/api/glossary?lang={lang.url_code}").get_json()
    assert api["language"] == lang.url_code
    assert {t["id"] for t in api["terms"]} >= linked
    assert all(t["definition"] for t in api["terms"])


def test_glossary_search_works_without_javascript(client):
    page = client.get("/sv/glossary?q=riksnorm").get_data(as_text=True)
    assert 'id="term-riksnorm"' in page
    assert 'id="term-tolk"' not in page


def test_switching_language_keeps_the_answers(client):
    person = Applicant(client).start()
    # Half a page typed, then the person switches to Arabic: what was typed is saved, nothing is asked first.
    response = person.answer("household", {"applying_with": "alone", "children_count": "2"}, action="lang:ar")
    assert response.status_code == 302
    assert response.location.startswith("/ar/q/household")
    page = client.get("/ar/q/household").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="alone"', page)
    assert 'value="2"' in page


def test_the_language_links_keep_the_query_but_not_what_the_route_fills(client):
    page = client.get("/sv/glossary?q=riksnorm&lang=ar&_external=1&_anchor=x")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'href="/ar/glossary?q=riksnorm" data-lang="ar"' in html
    assert "http://localhost" not in html
    assert "#x" not in html


def test_free_text_keeps_the_language_it_was_written_in(app, client):
    person = Applicant(client, lang="ar").start()
    fill(
        person,
        {
            "household": {"applying_with": "alone", "children_count": "0", "other_adults": "no"},
            "reason": {"reason": ["other"], "reason_other": "لا أملك المال"},
        },
    )
    person.lang = "sv"
    person.answer("reason", {"reason": ["other"], "reason_other": "لا أملك المال"})
    with app.app_context():
        from eservice.db import db_session
        from eservice.models import AnswerSet

        rows = db_session().query(AnswerSet).filter_by(part="I").all()
        assert rows[0].answers["reason_other"] == {"text": "لا أملك المال", "lang": "ar"}


@pytest.mark.parametrize("code", ["ar", "ti"])
def test_pdfs_contain_the_text_in_its_script(app, client, tmp_path, code):
    lang = next(lang for lang in ALL_LANGUAGES if lang.url_code == code)
    question = INSTRUMENT.question("children_count")
    translated = _translated(app, lang, question)

    interpreter = client.get(f"/{code}/interpreter.pdf")
    assert interpreter.status_code == 200
    assert interpreter.mimetype == "application/pdf"
    text = _pdf_text(interpreter.data, tmp_path / "interpreter.pdf")
    assert question.text in text
    assert _mostly_in(translated, text)

    person = Applicant(client, lang=code).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    person.submit()
    answers = client.get(f"/{code}/answers.pdf")
    assert answers.status_code == 200
    text = _pdf_text(answers.data, tmp_path / "answers.pdf")
    assert person.reference in text
    assert "Bagare" in text  # free text verbatim
    assert _mostly_in(translated, text)


def _pdf_text(data: bytes, path) -> str:
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _mostly_in(expected: str, text: str) -> bool:
    """Nearly every word of the expected text is in the PDF's text. pdftotext can glue a word of a narrow
    right-to-left table cell to its neighbour, so one word in five may be missing; script or font failures
    lose them all."""
    wanted = _words(expected)
    return len(wanted & _words(text)) >= 0.8 * len(wanted)


def _words(text: str) -> set[str]:
    """Words, so that line breaks and right-to-left reordering in the extracted text do not matter."""
    return set(re.findall(r"\w+", text))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # Arabic has six plural forms: 1 and 2 are said without the number, 3-10 and 11-99 take different nouns.
        ("ar", {1: "بعد يوم واحد.", 2: "بعد يومين.", 3: "بعد 3 أيام.", 11: "بعد 11 يومًا.", 100: "بعد 100 يوم."}),
        ("uk", {1: "через 1 день.", 2: "через 2 дні.", 5: "через 5 днів.", 21: "через 21 день."}),
        ("sv", {1: "efter 1 dag.", 30: "efter 30 dagar."}),
    ],
)
def test_a_count_takes_the_plural_form_of_the_language(app, client, code, expected):
    for days, ending in expected.items():
        app.config.update(DRAFT_RETENTION_DAYS=days)
        html = client.get(f"/{code}/privacy").get_data(as_text=True)
        assert re.search(rf"<li>[^<]*{re.escape(ending)}</li>", html), f"{code}, {days} days: no {ending!r}"
