"""The caseworker's side in a real browser (issue 12): an applicant sends her answers in Arabic, and a caseworker of
her unit signs in at the municipality's provider, finds the case in the queue, takes it, books the meeting, reads
the answers with the Arabic beside the Swedish, confirms a section with her, changes an answer (the history shows
hers and the change), agrees a need group with her and writes a note. A caseworker of
another unit never sees the case. Every staff page on the way passes axe (WCAG 2.2 AA and best practices), the
target-size check and the structure check (less the quick exit, which is the applicant's).

Issue 13 goes on from the meeting: the caseworker records the facts for the statistics, writes a plan with her (a
try to sign it too early is refused), signs it; the follow-up, due, is on the queue's start page; at the follow-up
they evaluate the plan and decide on a new one, which starts from the first. The case's PDF and JSON download (the
JSON valid against its published schema), and a team lead of the unit opens the statistics and their CSV.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from jsonschema import Draft202012Validator, FormatChecker
from playwright.sync_api import BrowserContext, Page, expect

from eservice.cases.workdays import local_date
from eservice.models import utcnow

from .checks import axe_violations, structure_findings, target_size_findings
from .journeys import fill_tasks, part_two, single_part_one
from .pages import CheckAnswersPage, StartPage
from .staff_pages import CasePage, QueuePage, sign_in
from .words import words

WANTED_WORK = "أريد أن أعمل خبّازة في مخبز"  # the applicant's own words: "I want to work as a baker in a bakery"
NOTE = "Ring <b>tolken</b> dagen före. Regler: https://www.example.org/tolk"
MEETING_AT = "2026-12-07T10:30"
FIRST_STEP = "Ringa Komvux och fråga om en kurs i svenska."

Checked = Callable[[Page], None]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _submit_in_arabic(page: Page, base_url: str) -> str:
    """A single adult answers every page in Arabic (/ar/) and sends; returns the reference she was given.

    The contexts' base URL is the suite's live server, so the start page is opened by its full address here."""
    page.goto(f"{base_url}/ar/")
    code_page = StartPage(page).start()
    reference = code_page.reference
    tasks = code_page.confirm_saved()
    fill_tasks(tasks, single_part_one())  # part I leads straight on to part II
    fill_tasks(page, part_two(WANTED_WORK))
    check = CheckAnswersPage(page)
    expect(check.answer_text(WANTED_WORK)).to_be_visible()
    assert check.submit().reference == reference
    return reference


def test_a_caseworker_takes_an_arabic_case_to_the_meeting(
    new_device: Callable[..., BrowserContext], signin_server: str, axe: Axe
):
    findings: list[str] = []

    def checked(page: Page) -> None:
        """axe first (it waits for the page to have loaded), then the target sizes and the page's structure."""
        findings.extend(axe_violations(axe, page))
        findings.extend(target_size_findings(page))
        findings.extend(structure_findings(page, quick_exit=False))

    # The applicant, on her own device, in Arabic.
    applicant = new_device().new_page()
    reference = _submit_in_arabic(applicant, signin_server)

    # A caseworker of her unit (north), through the provider's own login page. axe is injected into each page, so
    # this context bypasses the CSP (the sign-in test runs with the CSP in force).
    anna = new_device(bypass_csp=True).new_page()
    queue = sign_in(anna, signin_server, "anna")
    checked(anna)
    expect(queue.row(reference).get_by_role("cell", name="ar", exact=True)).to_be_visible()  # the answers' language

    queue = queue.filter(**{"Svarens språk": "ar", "Vem har ärendet": "unassigned"})
    checked(anna)
    query = parse_qs(urlparse(anna.url).query)  # the filter is in the address: a link or a reload keeps it
    assert (query["language"], query["holder"]) == (["ar"], ["unassigned"]), anna.url
    expect(queue.chosen("Svarens språk")).to_have_value("ar")  # the form shows the filter it is showing
    expect(queue.chosen("Vem har ärendet")).to_have_value("unassigned")
    expect(queue.row(reference)).to_be_visible()

    meeting = queue.pick_up(reference)
    expect(meeting.summary("Har ärendet")).to_have_text("Anna Handläggare")
    checked(anna)
    meeting.book_empty()
    expect(meeting.error).to_contain_text("Fyll i tid, plats eller telefon")
    checked(anna)
    meeting.book(MEETING_AT, "Stadshuset, rum 12", interpreter_language="arabiska")
    expect(meeting.booked).to_have_text("Mötet är bokat.")
    expect(meeting.summary("Mötet")).to_have_text("2026-12-07 10:30, plats: Stadshuset, rum 12. Tolk bokad: arabiska")
    checked(anna)

    # The case, from the queue: her answers in Swedish, then with Arabic beside them.
    case = _case_from_queue(anna, reference)
    checked(anna)
    arabic = words("ar")
    wanted = case.question(1, "wanted_work")
    expect(wanted).to_contain_text(WANTED_WORK)
    expect(wanted.locator("[lang=ar]")).to_have_text(WANTED_WORK)
    expect(case.main.locator(".beside")).to_have_count(0)
    case = case.show_beside("العربية")
    assert parse_qs(urlparse(anna.url).query)["beside"] == ["ar"]
    beside = case.question(1, "housing_type").locator(".beside").first
    expect(beside).to_have_text(arabic.question("housing_type"))
    expect(beside).to_have_attribute("lang", "ar")
    expect(beside).to_have_attribute("dir", "rtl")
    expect(case.question(1, "housing_type")).to_contain_text(arabic.option("housing_type", "rent_second_hand"))
    checked(anna)

    # Confirming a section with her, then changing an answer in another: both are stamped with the caseworker,
    # and the history shows her own answer beside the change.
    case = case.confirm_section(1, "household", "Vilka som bor hos dig")
    household = case.section(1, "household")
    expect(household).to_contain_text("Bekräftat med personen av Anna Handläggare")
    expect(household.get_by_role("button", name=re.compile("^Bekräfta avsnittet"))).to_have_count(0)
    checked(anna)
    change = case.change_answers("Ditt boende")
    checked(anna)
    case = change.fill("Hur mycket betalar du i hyra eller avgift per månad?", "7200").save()
    expect(case.section(1, "housing").get_by_role("status")).to_contain_text("Ändringen är sparad.")
    rent = case.question(1, "rent")
    expect(rent.get_by_role("definition")).to_contain_text("Ändrat 7200 kronor")
    history = rent.locator(".answer-history")
    expect(history).to_contain_text("Den sökandes svar: 6500 kronor")
    expect(history).to_contain_text(
        re.compile(r"Anna Handläggare ändrade [-0-9: ]+: från 6500 kronor till 7200 kronor")
    )
    expect(case.section(1, "household")).to_contain_text("Bekräftat med personen")  # another section: still so
    checked(anna)

    case = case.set_need_group(1, "AM2", agreed=True)
    need_group = case.need_group(1)
    expect(need_group.get_by_role("status")).to_have_text("Behovsgruppen är sparad.")
    expect(need_group.locator(".need-group-current")).to_contain_text("AM2, överenskommet med personen")
    expect(need_group.locator(".need-group-current")).to_contain_text("Anna Handläggare")
    expect(need_group.get_by_label("Vi kom överens om det här tillsammans")).to_be_checked()
    expect(need_group.get_by_role("radio", name=re.compile(r"^AM2:"))).to_be_checked()

    case = case.write_note(NOTE)
    note = case.notes.locator("article.note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Anna Handläggare")
    link = note.get_by_role("link", name="https://www.example.org/tolk")
    expect(link).to_have_attribute("href", "https://www.example.org/tolk")
    expect(note).to_contain_text("Ring <b>tolken</b> dagen före.")  # the markup is shown as typed, as text
    expect(note.locator("b")).to_have_count(0)
    checked(anna)

    case = _plan_evaluated_and_renewed(anna, case, reference, checked)
    _downloads(case, reference, signin_server)

    # A caseworker of another unit (south), on another computer: not in the queue, and its address answers 404.
    case_path = urlparse(anna.url).path
    sven = new_device(bypass_csp=True).new_page()
    other_queue = sign_in(sven, signin_server, "sven")
    expect(sven.get_by_text("Sven Handläggare").first).to_be_visible()
    expect(other_queue.case_link(reference)).to_have_count(0)
    expect(other_queue.main).to_contain_text("Inga ärenden att visa.")
    checked(sven)
    response = sven.goto(f"{signin_server}{case_path}")
    assert response is not None
    assert response.status == 404
    assert reference not in sven.content()
    checked(sven)

    _team_lead_statistics(new_device(bypass_csp=True).new_page(), signin_server, checked)

    assert not findings, "\n".join(findings)


def _case_from_queue(page: Page, reference: str) -> CasePage:
    """Back to the queue, now showing her own cases, and into the case by its reference."""
    page.get_by_role("link", name="Tillbaka till kön").click()
    queue = QueuePage(page).filter(**{"Vem har ärendet": "mine"})
    return queue.open_case(reference)


def _plan_evaluated_and_renewed(anna: Page, case: CasePage, reference: str, checked: Checked) -> CasePage:
    """The facts for the statistics; plan 1 written, refused once, signed; its follow-up on the queue's start page;
    the evaluation decides on a new plan, and plan 2 starts from plan 1's answers. Returns the case, reloaded."""
    case = case.save_facts(1, **{"Personens kön": "woman", "Födelseår": "1985", "Försörjningshinder": "social_reasons"})
    facts = case.facts(1)
    expect(facts.get_by_role("status")).to_have_text("Uppgifterna för statistik är sparade.")
    expect(facts).to_contain_text("Senast sparade av Anna Handläggare")
    expect(facts.get_by_label("Födelseår", exact=True)).to_have_value("1985")
    checked(anna)

    plan = case.write_plan(1)
    expect(plan.main).to_contain_text(f"Ärende {reference}, vuxen 1")
    yesterday = local_date(utcnow()) - timedelta(days=1)  # the office's own day: due, and by now late
    plan.fill("Vad är ditt första steg?", FIRST_STEP).set_date("Uppföljning av planen", yesterday)
    plan = plan.save_draft()
    expect(plan.saved).to_have_text("Sparat.")
    expect(plan.field("Vad är ditt första steg?")).to_have_value(FIRST_STEP)
    checked(anna)

    plan = plan.sign()  # 3.2 and 3.4 are not answered yet: saved, not signed
    expect(plan.problem).to_contain_text("Det du skrev är sparat, men inte signerat")
    expect(plan.saved).to_have_count(0)  # no "Sparat." left over from the address beside the refusal
    expect(plan.signed).to_have_count(0)
    expect(plan.field("Vad är ditt första steg?")).to_have_value(FIRST_STEP)
    checked(anna)

    plan.choose("Vad vill du ändra på?", "Arbete", "Studier")
    plan.choose("Varför vill du ändra på det?", "Jag vill få ett arbete")
    plan = plan.sign()
    expect(plan.signed).to_contain_text("Signerad med personen av Anna Handläggare")
    expect(plan.answer("Vad är ditt första steg?")).to_contain_text(FIRST_STEP)
    expect(plan.answer("Vad vill du ändra på?")).to_have_text("Arbete, Studier")
    expect(plan.main).to_contain_text(f"Uppföljning: {yesterday.isoformat()}")
    expect(plan.button("Signera med personen")).to_have_count(0)  # a signed plan is never changed
    checked(anna)

    queue = plan.to_queue()
    follow_up = queue.follow_up(reference)
    expect(follow_up).to_contain_text("vuxen 1, plan 1")
    expect(follow_up).to_contain_text(f"Försenad {yesterday.isoformat()}")
    checked(anna)

    evaluation = queue.open_follow_up(reference).open_plan(1, 1).evaluate()
    expect(evaluation.evaluated_plan).to_contain_text(FIRST_STEP)  # the plan's own answers, to talk them through
    expect(evaluation.evaluated_plan).to_contain_text("Arbete, Studier")
    checked(anna)
    evaluation.choose("Hur har det gått med planen?", "4 – Ganska bra")
    evaluation.choose("Hur går ni vidare?", "Vi gör en ny plan")
    plan2 = evaluation.sign_for_a_new_plan()
    expect(plan2.signed).to_have_count(0)  # a draft, to write with her
    expect(plan2.field("Vad är ditt första steg?")).to_have_value(FIRST_STEP)
    changes = plan2.main.get_by_role("group", name=re.compile(r"Vad vill du ändra på\?$"))
    expect(changes.get_by_label("Arbete", exact=True)).to_be_checked()
    expect(changes.get_by_label("Studier", exact=True)).to_be_checked()
    expect(changes.get_by_label("Hälsa", exact=True)).not_to_be_checked()
    checked(anna)

    case = plan2.to_queue().open_case(reference)
    plans = case.plans(1)
    expect(plans.get_by_role("listitem")).to_have_count(2)
    expect(plans.get_by_role("listitem").nth(1)).to_contain_text("Plan 2: utkast")
    return case


def _downloads(case: CasePage, reference: str, base_url: str) -> None:
    """The JSON for the case-management system, valid against its published schema, and the PDF for the case file."""
    exported = json.loads(Path(case.download("JSON för verksamhetssystemet").path()).read_text(encoding="utf-8"))
    schema = case.page.request.get(f"{base_url}/api/schema/case-v1.json").json()
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(exported)
    ]
    assert not errors, errors
    assert exported["reference"] == reference
    plans = exported["adults"][0]["plans"]
    assert [p["number"] for p in plans] == [1, 2]
    assert plans[0]["signed_off_by"] == "Anna Handläggare"
    assert plans[1]["signed_off_at"] is None  # plan 2 is still a draft
    assert plans[0]["evaluations"][0]["decision"] == "new_plan"
    first_step = {a["question"]: a["value"] for a in plans[0]["answers"]}["plan_first_step"]
    assert first_step["text"] == FIRST_STEP

    pdf = case.download("PDF för akten").path()
    assert Path(pdf).read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "Plan 1" in text.stdout
    assert reference in text.stdout
    assert FIRST_STEP in " ".join(text.stdout.split())  # pdftotext may break a long line


def _team_lead_statistics(lead: Page, base_url: str, checked: Checked) -> None:
    """A team lead of the case's unit (north) opens the statistics from the queue, breaks the need groups down
    another way, and downloads the table as CSV. One case only: its counts show as "<5", never the number."""
    queue = sign_in(lead, base_url, "lena")
    expect(queue.follow_ups.get_by_role("heading")).to_have_text("Enhetens uppföljningar den här veckan")
    statistics = queue.statistics()
    checked(lead)
    statistics = statistics.break_down_by("Försörjningshinder")
    expect(statistics.table).to_have_accessible_name(re.compile(r"^Vuxna per behovsgrupp och försörjningshinder, "))
    expect(statistics.table.get_by_role("columnheader", name="Sociala skäl", exact=True)).to_be_visible()
    am2 = statistics.table.get_by_role("row").filter(has=lead.get_by_role("rowheader", name="AM2", exact=True))
    expect(am2).to_contain_text("<5")  # her group: one adult, shown as fewer than five
    expect(statistics.chart).to_be_visible()
    expect(statistics.chart.locator("text").first).to_be_visible()
    checked(lead)
    csv = Path(statistics.download("Ladda ner tabellen som CSV").path()).read_text(encoding="utf-8-sig")
    assert csv.splitlines()[0].startswith("Behovsgrupp;"), csv
    assert "<5" in csv, csv
