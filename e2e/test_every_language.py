"""The single applicant's whole journey in every offered language, checked on every page on the way.

One walk per language (Swedish, English, Arabic, Persian, Dari, Somali, Tigrinya, Ukrainian), from the start page to
the confirmation, found by role and accessible name in that language (e2e.words). On every page: axe-core (WCAG 2.0,
2.1 and 2.2 A/AA and best practices), targets of at least 24 x 24 CSS px (WCAG 2.2 2.5.8), one h1, a title naming
the page, a skip link, the quick exit, the weight of the page and all it loads, and no request to another origin.
Then the pages and states the single journey does not pass through:
the footer's pages (all questions, glossary, the interpreter's view, accessibility, safety, privacy), the resume
page with an error, a question page with validation errors whose messages are tied to their fields, the partner's
page and invitation, and the page after "save and come back later".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .checks import (
    Load,
    NetworkLog,
    Visit,
    axe_violations,
    error_findings,
    structure_findings,
    target_size_findings,
    weight_findings,
)
from .conftest import TIMEOUT_MS
from .journeys import single_journey, start
from .pages import CodePage, QuestionPage, ResumePage
from .words import offered_codes, words

PHONE = {"width": 390, "height": 844}


@dataclass
class Walk:
    lang: str
    reference: str = ""
    confirmation_reference: str = ""
    final_path: str = ""
    follow_up_hidden_then_shown: bool = False
    titles: dict[str, set[str]] = field(default_factory=dict)  # path -> the titles it had
    visits: list[Visit] = field(default_factory=list)  # each page opened, with what it loaded
    findings: dict[str, list[str]] = field(
        default_factory=lambda: {"axe": [], "structure": [], "targets": [], "errors": []}
    )
    foreign_requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module", params=offered_codes())
def walk(request, browser, browser_context_args, base_url, axe, pytestconfig) -> Walk:
    """A single adult walks the whole journey in one language, JavaScript on, on a phone-sized screen. axe is
    injected into each page, so this context bypasses the CSP (the Swedish journeys run with the CSP in force)."""
    lang = request.param
    context = browser.new_context(**{**browser_context_args, "locale": lang}, bypass_csp=True, viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    network = NetworkLog(origin=base_url)
    network.attach(context, page)
    result = Walk(lang)
    w = words(lang)

    def on_page(p: Page) -> None:
        result.findings["axe"] += axe_violations(axe, p)  # first: it waits for the page to have loaded
        result.titles.setdefault(urlparse(p.url).path, set()).add(p.title())
        result.findings["structure"] += structure_findings(p)
        result.findings["targets"] += target_size_findings(p)
        if urlparse(p.url).path.endswith("/q/housing"):
            # Progressive enhancement: a follow-up stays hidden until its answer is chosen on the same page.
            question = QuestionPage(p)
            landlord = question.field(w.question("landlord"))
            expect(landlord).to_be_hidden()
            question.choose(w.question("housing_type"), w.option("housing_type", "rent_second_hand"))
            expect(landlord).to_be_visible()
            result.follow_up_hidden_then_shown = True

    try:
        result.reference, done = single_journey(page, on_page, lang)
        result.confirmation_reference = done.reference
        result.final_path = urlparse(page.url).path

        # States the journey does not pass through.
        done.link("Se vem som har öppnat ditt ärende").click()  # nobody yet: the empty list and why the page exists
        expect(done.h1).to_have_text(w("Vem har öppnat ditt ärende"))
        on_page(page)
        for public in ("questions", "glossary", "interpreter", "accessibility", "safety", "privacy"):  # the footer's
            page.goto(f"/{lang}/{public}")
            on_page(page)
        resume = ResumePage.open(page, lang)
        on_page(page)
        resume.button("Fortsätt").click()
        expect(resume.main.get_by_role("alert")).to_be_visible()
        on_page(page)
        result.findings["errors"] += error_findings(page)
        question = start(page, on_page, lang).tasks.open_section(w.section_title("household"))
        on_page(page)
        question.continue_()
        expect(question.main.get_by_role("alert")).to_be_visible()
        on_page(page)
        result.findings["errors"] += error_findings(page)
        # A couple this time: the page that invites the partner, the invitation, and leaving saved.
        question.answer_codes({"applying_with": "with_partner", "children_count": "0", "other_adults": "no"})
        question = question.continue_to(w.page_title("occupation"))  # on to the next section
        on_page(page)
        tasks = question.to_task_list()
        on_page(page)
        tasks.link("Bjud in hen").click()
        expect(tasks.h1).to_have_text(w("Din make, maka eller sambo"))
        on_page(page)
        tasks.button("Gör en inbjudan").click()
        partner_code = CodePage(page)
        on_page(page)
        tasks = partner_code.back_to_list()
        on_page(page)
        tasks.save_and_come_back_later()
        on_page(page)
        page.wait_for_load_state("networkidle")  # every request finished, and weighed
        result.visits = network.visits
        result.foreign_requests = network.foreign
    except Exception:
        shots = pytestconfig.getoption("--output")
        page.screenshot(path=f"{shots}/walk-{lang}-failure.png", full_page=True)
        raise
    finally:
        context.close()
    return result


def test_the_whole_journey_in_this_language(walk):
    """Every page answered through the UI, named in this language, from the start page to the confirmation,
    which shows the reference given at the start."""
    assert walk.final_path == f"/{walk.lang}/done"
    assert re.fullmatch(r"X-[A-Z0-9]{6}", walk.reference)
    assert walk.confirmation_reference == walk.reference
    assert walk.follow_up_hidden_then_shown, "the journey never reached the housing page"
    assert len(walk.titles) > 25, sorted(walk.titles)


def test_every_page_meets_wcag_22_aa(walk):
    assert not walk.findings["axe"], "WCAG 2.2 A/AA violations:\n" + "\n".join(walk.findings["axe"])


def test_every_target_is_big_enough_to_tap(walk):
    """WCAG 2.2 2.5.8: 24 x 24 CSS px, or a link in a sentence, or room around it; on a phone-sized screen."""
    assert not walk.findings["targets"], "\n".join(walk.findings["targets"])


def test_every_page_has_one_h1_a_title_a_skip_link_and_the_quick_exit(walk):
    assert not walk.findings["structure"], "\n".join(walk.findings["structure"])


def test_titles_are_unique(walk):
    """Different pages never share a title, so a person (or a screen reader's tab list) can tell them apart."""
    seen: dict[str, str] = {}
    clashes = []
    for path, titles in walk.titles.items():
        for title in titles:
            if title in seen and seen[title] != path:
                clashes.append(f"[{walk.lang}] {seen[title]} and {path} are both titled {title!r}")
            seen.setdefault(title, path)
    assert not clashes, "\n".join(clashes)


def test_error_messages_are_tied_to_their_fields(walk):
    assert not walk.findings["errors"], "\n".join(walk.findings["errors"])


def test_every_page_is_light_and_stays_on_our_origin(walk):
    """Each page with everything it loads stays under 30 KB compressed, and nothing is fetched from elsewhere."""
    heaviest = max(walk.visits, key=lambda visit: visit.total)
    print(
        f"[{walk.lang}] {len(walk.visits)} pages opened; the heaviest: {heaviest.path} {heaviest.total} B "
        f"compressed ({heaviest.describe()})"
    )
    assert len(walk.visits) > 40, "the network events were not seen"
    assert heaviest.total > 3000, "the network events were not seen"
    findings = weight_findings(walk.lang, walk.visits)
    assert not findings, "\n".join(findings)
    assert not walk.foreign_requests, f"[{walk.lang}] requests to other origins: {walk.foreign_requests}"


def test_the_checks_can_fail(new_device, axe):
    """The checkers are not vacuous: a page with known failures fails each of them."""
    page = new_device(bypass_csp=True).new_page()
    page.set_content(
        "<html><head><title>x</title></head><body><h1>A</h1><h1>B</h1><img src='data:,'><input>"
        "<div role=alert><a href='#nowhere'>1.1 Fel</a></div></body></html>"
    )
    found = " ".join(axe_violations(axe, page))
    assert "image-alt" in found, found
    assert "html-has-lang" in found, found
    assert "label" in found, found
    structure = " ".join(structure_findings(page))
    assert "one h1" in structure, structure
    assert "skip link" in structure, structure
    assert "quick exit" in structure, structure
    assert "links to no field" in " ".join(error_findings(page))
    # Two small links side by side fail 2.5.8 (axe's rule and ours); a link inside a sentence is exempt, and so
    # is a small link with room around it.
    page.set_content(
        "<html lang=sv><head><title>x</title></head><body><main><h1>A</h1>"
        "<div><a href='#a' style='font-size:8px'>a</a><a href='#b' style='font-size:8px'>b</a></div>"
        "<p>En mening med <a href='#c' style='font-size:8px'>en länk</a> i sig.</p>"
        "<div style='margin:40px'><a href='#d' style='font-size:8px'>d</a></div></main></body></html>"
    )
    assert "target-size" in " ".join(axe_violations(axe, page))
    small = target_size_findings(page)
    assert len(small) == 2, small
    assert '"a"' in small[0], small
    assert '"b"' in small[1], small
    assert "over the budget" in " ".join(weight_findings("sv", [Visit("/sv/x", [Load("/sv/x", "document", 40_000)])]))
