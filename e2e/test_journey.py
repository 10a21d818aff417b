"""The applicant's journey in a real browser (Chromium), in Swedish, with the real CSP in force.

(b) a couple on two devices, each adult's own words private; (c) save, leave, and resume on another device;
(d) quick exit from the sensitive section; (e) the whole journey without JavaScript (in Arabic too). (a), a single
adult from start to confirmation with axe on every page, runs in every language in test_every_language.py.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import ConsoleMessage, Page, Route, expect

from .journeys import couple_part_one, fill_tasks, part_two, single_journey, start
from .pages import (
    CheckAnswersPage,
    ConfirmationPage,
    QuestionPage,
    ResumePage,
    SectionStartPage,
    StartPage,
    TaskListPage,
)
from .words import words


def _collect_errors(page: Page) -> list[str]:
    """Console errors (a CSP violation is one) and uncaught script errors on this page, as they happen."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        source = (message.location or {}).get("url", "")
        if message.type == "error" and not source.endswith(("/favicon.ico", "/favicon.ico/")):
            errors.append(f"console: {message.text} ({source} on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc} ({page.url})"))
    return errors


# (b) ---------------------------------------------------------------------------------------------------------

ADULT_1_WORDS = "Lokförare på Roslagsbanan, skrivet av vuxen ett"
ADULT_2_WORDS = "Frisör i Gnesta, skrivet av vuxen två"


def _never_shows(page: Page, words: str, where: str, submitted: bool = False) -> None:
    """Visits the task list, check answers and (once submitted) the confirmation: none may contain the words,
    visible or hidden."""
    visits = [TaskListPage.open, CheckAnswersPage.open] + ([ConfirmationPage.open] if submitted else [])
    for visit in visits:
        shown = visit(page)
        assert not shown.shows(words), f"{where} sees the other adult's words on {page.url}"


def test_a_couple_answer_part_two_on_their_own_devices(new_device):
    """Adult 1 fills part I as a couple and hands a code to the partner, who resumes on another device and
    answers part II. Neither adult's own words ever appear in the other's browser. With the real CSP in force:
    no page on the way has a script error or a CSP violation."""
    first = new_device().new_page()
    second = new_device().new_page()
    errors = _collect_errors(first)
    errors_second = _collect_errors(second)

    # Adult 1: part I for the household, then an invitation for the partner from the task list.
    started = start(first)
    fill_tasks(started.tasks, couple_part_one())  # part I leads straight on to part II
    tasks = QuestionPage(first).expect_page("about_you").to_task_list()
    tasks.expect_check_cannot_start()
    expect(tasks.task("Bjud in hen")).to_have_accessible_description("Inte påbörjad")
    invitation_page = tasks.invite_partner()
    expect(invitation_page.h1).to_have_text("Inbjudan till din make, maka eller sambo")
    assert invitation_page.reference == started.reference
    invitation = invitation_page.code
    assert invitation != started.code
    tasks = invitation_page.back_to_list()
    expect(tasks.task("Bjud in hen")).to_have_accessible_description("Inbjuden")
    fill_tasks(tasks, part_two(ADULT_1_WORDS))
    CheckAnswersPage(first)  # the last section leads to check your answers
    TaskListPage.open(first).expect_check_open()

    # Adult 2, on another device: the invitation once, exchanged for a code only adult 2 sees.
    own = StartPage.open(second).resume_link().join(started.reference, invitation)
    expect(own.h1).to_have_text("Spara din kod")
    expect(own.main).to_contain_text("Dina svar är bara dina.")
    partner_code = own.code
    assert partner_code not in (invitation, started.code)
    partner_tasks = own.confirm_saved()
    headings = partner_tasks.part_headings()
    assert "Del 2: Om dig" in headings, headings
    assert "Del 1: Ditt hushåll" not in headings, headings
    expect(TaskListPage.open(first).task("Bjud in hen")).to_have_accessible_description("Hen har börjat")
    _never_shows(second, ADULT_1_WORDS, "adult 2")
    partner_tasks = TaskListPage.open(second)
    partner_tasks.expect_check_cannot_start()
    fill_tasks(partner_tasks, part_two(ADULT_2_WORDS))
    CheckAnswersPage(second)  # the partner has no part I: their last section leads to check your answers
    _never_shows(first, ADULT_2_WORDS, "adult 1")
    _never_shows(second, ADULT_1_WORDS, "adult 2")

    # Both check their own answers and submit.
    check = CheckAnswersPage.open(first)
    expect(check.answer_text(ADULT_1_WORDS)).to_be_visible()
    done = check.submit()
    assert done.reference == started.reference

    check = CheckAnswersPage.open(second)
    expect(check.answer_text(ADULT_2_WORDS)).to_be_visible()
    done = check.submit()
    assert done.reference == started.reference

    _never_shows(first, ADULT_2_WORDS, "adult 1", submitted=True)
    _never_shows(second, ADULT_1_WORDS, "adult 2", submitted=True)
    # And each still sees their own words.
    expect(CheckAnswersPage.open(first).answer_text(ADULT_1_WORDS)).to_be_visible()
    expect(CheckAnswersPage.open(second).answer_text(ADULT_2_WORDS)).to_be_visible()
    assert errors == [], errors + errors_second
    assert errors_second == [], errors + errors_second

    # Adult 2 cannot open the household's part I pages at all.
    response = second.goto("/sv/q/household")
    assert response is not None
    assert response.status == 404


# (c) ---------------------------------------------------------------------------------------------------------


def test_save_and_come_back_later_on_another_device(new_device):
    """Answers saved with "Logga ut och fortsätt en annan gång" are there on a new device after resuming with the code,
    including a page saved half-way (its required questions still open)."""
    old_device = new_device()
    page = old_device.new_page()
    started = start(page)
    question = started.tasks.open_section("Vilka som bor hos dig")
    question.answer(
        {
            "Söker du ensam eller tillsammans med någon?": "Jag söker ensam",
            "Hur många barn under 18 år bor hos dig?": "2",
            "Bor någon annan vuxen hos dig?": "Nej",
        }
    )
    question = question.continue_to("Vad du gör just nu")  # on to the next section, not back to the list
    question = question.to_task_list().open_section("Varför du söker")
    question.answer({"Varför söker du ekonomiskt bistånd?": ["Jag har inget arbete", "Något annat"]})
    question.fill("Om du valde något annat: skriv varför du söker.", "Min firma gick i konkurs i våras")
    saved = question.save_and_come_back_later()
    expect(saved.main.get_by_text(started.reference)).to_be_visible()
    old_device.close()

    page = new_device().new_page()
    tasks = StartPage.open(page).resume_link().resume(started.reference, started.code)
    expect(tasks.task("Vilka som bor hos dig")).to_have_accessible_description("Klar")
    expect(tasks.task("Varför du söker")).to_have_accessible_description("Påbörjad")
    expect(tasks.task("Vad du gör just nu")).to_have_accessible_description("Inte påbörjad")

    question = tasks.open_section("Vilka som bor hos dig")
    expect(question.radio("Söker du ensam eller tillsammans med någon?", "Jag söker ensam")).to_be_checked()
    expect(question.field("Hur många barn under 18 år bor hos dig?")).to_have_value("2")
    expect(question.radio("Bor någon annan vuxen hos dig?", "Nej")).to_be_checked()

    question = question.back_to_list().open_section("Varför du söker")
    question.expect_title("Varför du söker")
    expect(question.checkbox("Varför söker du ekonomiskt bistånd?", "Jag har inget arbete")).to_be_checked()
    expect(question.checkbox("Varför söker du ekonomiskt bistånd?", "Något annat")).to_be_checked()
    expect(
        question.checkbox("Varför söker du ekonomiskt bistånd?", "Jag väntar på pengar från en annan myndighet")
    ).not_to_be_checked()
    expect(question.field("Om du valde något annat: skriv varför du söker.")).to_have_value(
        "Min firma gick i konkurs i våras"
    )


def test_a_wrong_code_does_not_resume(new_device):
    page = new_device().new_page()
    started = start(page)
    other = new_device().new_page()
    resume = ResumePage.open(other)
    resume.main.get_by_label("Ärendenummer").fill(started.reference)
    resume.main.get_by_label("Kod", exact=True).fill("AAAA-AAAA-AAAA")
    resume.button("Fortsätt").click()
    expect(resume.main.get_by_role("alert")).to_contain_text("Vi hittade ingen ansökan")
    expect(resume.h1).to_have_text("Fortsätt din ansökan")


# (d) ---------------------------------------------------------------------------------------------------------

STUB = "<!doctype html><html lang='sv'><head><title>Väder</title></head><body><h1>Vädret</h1></body></html>"


@pytest.fixture
def neutral_site(quick_exit_url):
    """The network is closed here: answer the quick exit's host with a tiny stub page, and count the visits."""
    host = urlparse(quick_exit_url).hostname
    visits: list[str] = []
    referers: list[str] = []

    def fulfil(route: Route) -> None:
        visits.append(route.request.url)
        referers.extend(v for k, v in route.request.headers.items() if k.lower() == "referer")
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=STUB)

    def install(context) -> None:
        context.route(lambda url: urlparse(url).hostname == host, fulfil)

    install.host = host
    install.visits = visits
    install.referers = referers
    return install


def _sensitive_page(new_device, neutral_site) -> tuple[Page, str]:
    context = new_device()
    neutral_site(context)
    page = context.new_page()
    tasks = start(page).tasks
    tasks.task("Frågor som kan kännas svåra").click()
    opening = SectionStartPage(page)
    # Said once, on the section's opening page, not again on each of its pages.
    expect(opening.main.get_by_text("Tryck då på Lämna sidan snabbt högst upp.")).to_be_visible()
    question = opening.answer_now()
    question.expect_title("Alkohol, droger och spel")
    expect(question.main.get_by_text("Tryck då på Lämna sidan snabbt högst upp.")).to_have_count(0)
    return page, page.url


def test_the_sensitive_section_can_be_left_for_the_meeting_and_taken_up_again(new_device):
    """Without JavaScript: one choice marks the whole section; the opening page, from the task list, changes it."""
    page = new_device(java_script_enabled=False).new_page()
    tasks = start(page).tasks
    tasks.task("Frågor som kan kännas svåra").click()
    SectionStartPage(page).talk_at_the_meeting()
    QuestionPage(page).expect_page("household")  # on to the first section not done
    tasks = TaskListPage.open(page)
    tasks.expect_state(tasks.task("Frågor som kan kännas svåra"), "Klar")
    tasks.task("Frågor som kan kännas svåra").click()
    opening = SectionStartPage(page)
    expect(opening.main.get_by_text("Du har valt att prata om allt detta på mötet.", exact=False)).to_be_visible()
    question = opening.answer_now()
    question.expect_title("Alkohol, droger och spel")
    substance = "Har alkohol, droger, tabletter eller spel ställt till problem för dig det senaste året?"
    expect(question.radio(substance, "Jag vill hellre prata om det på mötet")).to_be_checked()
    question.choose(substance, "Nej")
    question.continue_to("Våld och hot")


def test_quick_exit_leaves_and_back_does_not_return(new_device, neutral_site):
    page, sensitive_url = _sensitive_page(new_device, neutral_site)
    QuestionPage(page).quick_exit.click()

    page.wait_for_url(lambda url: urlparse(url).hostname == neutral_site.host)
    expect(page.get_by_role("heading", name="Vädret")).to_be_visible()
    assert neutral_site.visits, "the stub for the neutral site was never asked for"
    assert neutral_site.referers == [], "the neutral site learnt which page the person left"

    # location.replace: the sensitive page is no longer in this tab's history.
    page.go_back()
    page.wait_for_load_state()
    assert page.url != sensitive_url
    assert urlparse(page.url).path != urlparse(sensitive_url).path
    expect(page.get_by_role("heading", name="Alkohol, droger och spel")).to_have_count(0)


@pytest.mark.parametrize(
    "keys",
    [["Shift+Escape"], ["Escape", "Escape"], ["Shift", "Shift", "Shift"]],
    ids=["shift-escape", "escape-twice", "shift-thrice"],
)
def test_quick_exit_from_the_keyboard(new_device, neutral_site, keys):
    page, sensitive_url = _sensitive_page(new_device, neutral_site)
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_url(lambda url: urlparse(url).hostname == neutral_site.host)
    page.go_back()
    page.wait_for_load_state()
    assert urlparse(page.url).path != urlparse(sensitive_url).path


def test_after_the_quick_exit_nothing_of_the_draft_can_be_reached(new_device, neutral_site):
    """The exit ends the session on the server (the beacon), so Back, or typing the address, shows no draft."""
    page, sensitive_url = _sensitive_page(new_device, neutral_site)
    with page.expect_request(lambda r: r.url.endswith("/sv/exit") and r.method == "POST"):
        QuestionPage(page).quick_exit.click()
    page.wait_for_url(lambda url: urlparse(url).hostname == neutral_site.host)
    page.go_back()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Alkohol, droger och spel")).to_have_count(0)
    for path in ("/sv/tasks", urlparse(sensitive_url).path, "/sv/check"):
        page.goto(path)
        assert urlparse(page.url).path == "/sv/resume", path


def test_without_javascript_the_quick_exit_link_ends_the_session_itself(new_device, neutral_site):
    context = new_device(java_script_enabled=False)
    neutral_site(context)
    page = context.new_page()
    start(page)
    QuestionPage(page).quick_exit.click()
    page.wait_for_url(lambda url: urlparse(url).hostname == neutral_site.host)
    page.goto("/sv/tasks")
    assert urlparse(page.url).path == "/sv/resume"


def test_the_quick_exit_stays_on_screen_on_a_phone_and_above_the_timeout_warning(new_device, neutral_site):
    context = new_device(viewport={"width": 390, "height": 700})
    neutral_site(context)
    page = context.new_page()
    page.clock.install()
    tasks = start(page).tasks
    question = tasks.open_section("Frågor som kan kännas svåra")
    page.mouse.wheel(0, 5000)  # scrolled to the end of the page, where the answers are
    page.wait_for_function("window.scrollY > 0")
    box = question.quick_exit.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 60, box
    # The timeout warning is a modal dialog over the page: the quick exit is still there, on top, and works.
    page.clock.fast_forward("25:10")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    inside = dialog.locator("[data-quick-exit]")
    expect(inside).to_be_visible()
    box = inside.bounding_box()
    assert box is not None
    topmost = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('[data-quick-exit]')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert topmost, "something covers the quick exit while the warning is open"
    inside.click()
    page.wait_for_url(lambda url: urlparse(url).hostname == neutral_site.host)


# (e) ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_whole_journey_works_without_javascript(new_device, lang):
    page = new_device(java_script_enabled=False).new_page()
    w = words(lang)

    def on_page(p: Page) -> None:
        # Without the script, follow-up questions are simply shown.
        if urlparse(p.url).path.endswith("/q/housing"):
            expect(QuestionPage(p).field(w.question("landlord"))).to_be_visible()

    reference, done = single_journey(page, on_page, lang)
    assert done.reference == reference


# Amounts as people write them ------------------------------------------------------------------------------


def test_amounts_typed_the_swedish_way_are_accepted(new_device):
    """Typed key by key, "6 500:-" reaches the server (a type=number input would blank it in the browser) and is
    saved as 6500."""
    page = new_device().new_page()
    question = start(page).tasks.open_section("Ditt boende")
    question.choose("Hur bor du?", "Jag hyr i andra hand")
    rent = "Hur mycket betalar du i hyra eller avgift per månad?"
    question.field(rent).press_sequentially("6 500:-")
    question.continue_to("Andra kostnader")
    expect(CheckAnswersPage.open(page).answer_text("6500 kronor")).to_be_visible()
