"""Every page of a whole journey, rendered and checked: valid HTML, unique ids, one <h1>, a title, a skip link,
a language, and labels and descriptions that point at something (in the spirit of alphagov's rendered-page
fixtures)."""

from __future__ import annotations

import re

import html5lib
import pytest
from sqlalchemy import select

from eservice.instrument import INSTRUMENT
from eservice.models import Household

from .helpers import (
    CODE,
    COUPLE_PART_I,
    REFERENCE,
    Applicant,
    db,
    fill,
    part_two_with_children,
    sign_in_staff,
    token,
)


def page_problems(html: str) -> list[str]:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        root = parser.parse(html)
    except html5lib.html5parser.ParseError as error:
        line = html.splitlines()[parser.errors[-1][0][0] - 1] if parser.errors else ""
        return [f"not valid HTML: {error} near {line.strip()[:120]!r}"]
    problems = []
    elements = list(root.iter())
    ids = [el.get("id") for el in elements if el.get("id")]
    problems += [f"id {i!r} repeats" for i in sorted({i for i in ids if ids.count(i) > 1})]
    h1s = [el for el in elements if el.tag == "h1"]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements")
    title = root.find("head/title")
    if title is None or not "".join(title.itertext()).strip(" –-\n"):
        problems.append("no <title>")
    if not root.get("lang"):
        problems.append("<html> has no lang")
    if not any(el.tag == "a" and el.get("href") == "#main" for el in elements) or "main" not in ids:
        problems.append("no skip link to #main")
    for el in elements:
        if el.tag == "label" and el.get("for") and el.get("for") not in ids:
            problems.append(f"a label is for {el.get('for')!r}, which is not on the page")
        for ref in (el.get("aria-describedby") or "").split():
            if ref not in ids:
                problems.append(f"aria-describedby points at {ref!r}, which is not on the page")
    return problems


def visit(pages: dict[str, str], name: str, response, status: int = 200) -> None:
    assert response.status_code == status, (name, response.status_code)
    assert response.mimetype == "text/html", name
    pages[name] = response.get_data(as_text=True)


def journey_pages(app, client) -> dict[str, str]:
    """A couple with children goes through everything, so that every page of parts I and II is rendered."""
    pages: dict[str, str] = {}
    person = Applicant(client)
    visit(pages, "start", person.get(""))
    visit(pages, "all questions", person.get("questions"))
    visit(pages, "resume", person.get("resume"))
    visit(pages, "resume with an error", person.resume("X-AAAAAA", "nope"), 400)
    visit(pages, "not found", person.get("nowhere"), 404)
    visit(pages, "bad CSRF", client.post("/sv/resume", data={"reference": "x"}), 400)
    visit(pages, "too large", client.post("/sv/resume", data={"code": "x" * 70_000}), 413)
    visit(pages, "saved", person.get("saved"))

    person.post_form("new", page_path="")
    visit(pages, "your code", person.get("your-code"))
    your_code = pages["your code"]
    person.code, person.reference = CODE.search(your_code).group(1), REFERENCE.search(your_code).group(1)
    person.post_form("your-code")
    visit(pages, "tasks, empty", person.get("tasks"))
    visit(pages, "unknown question page", person.get("q/no_such_page"), 404)

    visit(pages, "page with errors", person.answer("household", {"children_count": "tjugo"}), 400)
    fill(person, COUPLE_PART_I)
    visit(pages, "partner", person.get("partner"))
    person.post_form("partner")
    visit(pages, "partner code", person.get("partner/invitation"))
    part_two = part_two_with_children("Egna ord")
    part_two["children_everyday"]["children_live"] = "mostly_other"  # so that the page about the other parent shows
    part_two["children_parents"] = {"meets_children": "every_week"}
    fill(person, part_two)
    visit(pages, "sensitive section, opening", person.get("section/sensitive"))
    person.post_form("section/sensitive", {"action": "at_meeting"})
    visit(pages, "sensitive section, talked at the meeting", person.get("section/sensitive"))
    for page in (p for part in INSTRUMENT.applicant_parts() for p in part.pages()):
        visit(pages, f"q/{page.id}", person.get(f"q/{page.id}"))
    visit(pages, "change from check", person.get("q/housing?return=check"))
    visit(pages, "tasks, all done", person.get("tasks"))
    visit(pages, "check", person.get("check"))
    stale = pages["q/assets"]
    visit(
        pages,
        "edit conflict",
        client.post(
            "/sv/q/assets",
            data={
                "csrf_token": token(stale),
                "version": "1",
                "bank_balance": "5",
                "owns_car": "no",
                "owns_property": "no",
                "action": "continue",
            },
        ),
        409,
    )
    person.submit()
    visit(pages, "done", person.get("done"))
    visit(pages, "check, submitted", person.get("check"))
    visit(pages, "tasks, submitted", person.get("tasks"))
    visit(pages, "who has opened the case, nobody yet", person.get("who-opened"))
    with db(app) as session:
        case_id = session.scalars(select(Household.id).where(Household.reference == person.reference)).one()
    staff = app.test_client()
    sign_in_staff(staff)
    staff.get(f"/staff/cases/{case_id}")
    visit(pages, "who has opened the case", person.get("who-opened"))
    return pages


def public_pages(app, client) -> dict[str, str]:
    """Every other public page without path variables besides the language, found in the url map."""
    pages = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if getattr(view, "access_rule", None) != "public" or "GET" not in rule.methods or rule.arguments - {"lang"}:
            continue
        response = client.get(rule.rule.replace("<lang:lang>", "sv"))
        if response.status_code == 200 and response.mimetype == "text/html":
            pages[rule.rule] = response.get_data(as_text=True)
    return pages


def test_every_page_of_a_journey_is_well_formed(app, client):
    pages = journey_pages(app, client)
    assert len(pages) > 40
    problems = {name: found for name, html in pages.items() if (found := page_problems(html))}
    assert not problems, problems


def test_every_public_page_is_well_formed(app, client):
    pages = public_pages(app, client)
    assert {"/<lang:lang>/", "/<lang:lang>/questions", "/<lang:lang>/resume"} <= set(pages)
    problems = {name: found for name, html in pages.items() if (found := page_problems(html))}
    assert not problems, problems


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1></main></body></html>"
            ),
            None,
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1><h1>B</h1></main></body></html>"
            ),
            "2 <h1> elements",
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1 id=main>A</h1></main></body></html>"
            ),
            "id 'main' repeats",
        ),
        (
            (
                "<!doctype html><html><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1></main></body></html>"
            ),
            "<html> has no lang",
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title> – </title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1></main></body></html>"
            ),
            "no <title>",
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><main id=main>"
                "<h1>A</h1></main></body></html>"
            ),
            "no skip link to #main",
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1><label for=x>L</label></main></body></html>"
            ),
            "a label is for 'x', which is not on the page",
        ),
        (
            (
                "<!doctype html><html lang=sv><head><title>T</title></head><body><a href=#main>x</a><main id=main>"
                "<h1>A</h1><p></div></main></body></html>"
            ),
            "not valid HTML",
        ),
    ],
)
def test_the_page_checks_catch_what_they_claim(html, problem):
    found = page_problems(html)
    if problem is None:
        assert found == []
    else:
        assert any(p.startswith(problem) for p in found), found


def test_each_glossary_term_is_explained_once_a_page(client):
    """A term shared by two questions on one page (the incomes page) was explained twice."""
    from collections import Counter

    from .helpers import Applicant

    person = Applicant(client).start()
    person.answer("household", {"applying_with": "alone", "children_count": "0", "other_adults": "no"})
    shared = [
        page.id
        for part in INSTRUMENT.applicant_parts()
        for page in part.pages()
        if any(n > 1 for n in Counter(t for q in page.questions for t in q.glossary).values())
    ]
    assert shared, "no page shares a term: the test would prove nothing"
    for page_id in shared:
        html = person.get(f"q/{page_id}").get_data(as_text=True)
        summaries = re.findall(r'<details class="glossary">\s*<summary>([^<]+)</summary>', html)
        assert summaries, page_id
        assert len(summaries) == len(set(summaries)), (page_id, summaries)
