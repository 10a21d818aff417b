"""The session-timeout warning in the browser, in Swedish, with the real CSP. The page's clock is Playwright's, so
25 minutes pass in a moment; the server's session is real and still valid, as it would be at that point.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .checks import axe_violations
from .journeys import start
from .pages import QuestionPage, ResumePage, SavedPage

WARNING = "Vill du fortsätta?"


def _dialog(page: Page):
    return page.get_by_role("dialog", name=WARNING)


def _on_a_question_page(page: Page) -> tuple[str, str, QuestionPage]:
    page.clock.install()
    started = start(page)
    question = started.tasks.open_section("Vilka som bor hos dig")
    return started.reference, started.code, question


def test_the_warning_comes_before_the_end_and_continuing_keeps_the_session(new_device):
    page = new_device().new_page()
    _, _, question = _on_a_question_page(page)
    page.clock.fast_forward("24:00")
    expect(_dialog(page)).to_be_hidden()
    page.clock.fast_forward("01:10")
    expect(_dialog(page)).to_be_visible()
    expect(_dialog(page)).to_contain_text("Snart loggar vi ut dig")
    keep = _dialog(page).get_by_role("button", name="Ja, jag vill fortsätta")
    expect(keep).to_be_focused()  # a keyboard or screen reader user lands in the dialog
    with page.expect_response(lambda r: r.url.endswith("/sv/still-here")) as renewed:
        keep.click()
    assert renewed.value.status == 204
    expect(_dialog(page)).to_be_hidden()
    # Counted again from the renewal: 20 minutes later no warning, and the page is still the same page.
    page.clock.fast_forward("20:00")
    expect(_dialog(page)).to_be_hidden()
    question.expect_title("Vilka som bor hos dig")


def test_escape_also_means_continue(new_device):
    page = new_device().new_page()
    _on_a_question_page(page)
    page.clock.fast_forward("25:10")
    expect(_dialog(page)).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/sv/still-here")):
        page.keyboard.press("Escape")
    expect(_dialog(page)).to_be_hidden()


def test_an_unanswered_warning_saves_what_is_typed_and_signs_out(new_device):
    page = new_device().new_page()
    reference, code, question = _on_a_question_page(page)
    question.choose("Söker du ensam eller tillsammans med någon?", "Jag söker ensam")
    question.fill("Hur många barn under 18 år bor hos dig?", "3")  # typed, never sent by the person
    page.clock.fast_forward("25:10")
    expect(_dialog(page)).to_be_visible()
    page.clock.fast_forward("04:00")
    saved = SavedPage(page)
    expect(saved.main).to_contain_text("Vi loggade ut dig för att du inte gjorde något på en stund.")

    tasks = ResumePage.open(page).resume(reference, code)
    question = tasks.open_section("Vilka som bor hos dig")
    expect(question.radio("Söker du ensam eller tillsammans med någon?", "Jag söker ensam")).to_be_checked()
    expect(question.field("Hur många barn under 18 år bor hos dig?")).to_have_value("3")


def test_save_and_sign_out_from_the_warning(new_device):
    page = new_device().new_page()
    page.clock.install()
    tasks = start(page).tasks
    page.clock.fast_forward("25:10")
    _dialog(page).get_by_role("button", name="Spara och logga ut").click()
    saved = SavedPage(page)
    expect(saved.main).not_to_contain_text("Vi loggade ut dig")  # the person chose to leave
    assert tasks.page.goto("/sv/tasks").url.endswith("/sv/resume")


def test_the_open_warning_meets_wcag_21_aa(new_device):
    page = new_device(bypass_csp=True).new_page()  # axe is injected
    _on_a_question_page(page)
    page.clock.fast_forward("25:10")
    expect(_dialog(page)).to_be_visible()
    violations = axe_violations(Axe(), page)
    assert not violations, "\n".join(violations)
