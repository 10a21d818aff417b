"""No page costs more SQL statements for more rows: every page an applicant or a staff member reads is counted with a
little data and with a lot more, and the two counts must be equal. A count that grows with the rows shown is an N+1.

Every GET route of the applicant, public, staff and api blueprints is either counted here or listed in NOT_COUNTED
with the reason. The queue and the case view had tests of their own before this file (test_queue_concurrency.py,
test_case_view.py); those stay, this one counts the same pages with more kinds of rows and against a ceiling.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from eservice import create_app, demo, drafts, identities
from eservice.case_trail import SHOWN_AT_MOST
from eservice.cases import commands, facts, need_groups, plans, review
from eservice.cases.workdays import local_date
from eservice.db import db_session
from eservice.instrument import INSTRUMENT
from eservice.instrument.fingerprint import page_version
from eservice.instrument.path import applicable_pages
from eservice.models import AuditEntry, CaseState, Household, utcnow
from eservice.sessions import ADULT_KEY

from .helpers import Applicant, make_invitation, sign_in_staff, staff_token

# The most statements each page cost on either backend, measured when this test was written (the browser session's
# own row is not counted: it is read and renewed by the clock, not by the rows shown). A page that needs more now has
# gained a query: find out why before raising its number. The first word names the route's endpoint. Lowered since:
# each answer set and each case's submissions are read once per request, and the queue's follow-ups come in one query.
CEILINGS: dict[str, int] = {
    # Pages for everyone: the definition, the glossary and the catalogs, no database at all.
    "applicant.root": 0,
    "applicant.start": 0,
    "applicant.all_questions": 0,
    "applicant.resume": 0,
    "applicant.saved": 0,
    "applicant.deleted": 0,
    "applicant.eid_failed": 0,
    "public.glossary": 0,
    "public.glossary_api": 0,
    "public.interpreter": 0,
    "public.interpreter_pdf": 0,
    "public.accessibility": 0,
    "public.privacy": 0,
    "public.safety": 0,
    "api.instrument": 0,
    "api.case_schema": 0,
    # The applicant, signed in (the adult is read first, then the answer rows the page needs).
    "applicant.tasks": 5,
    "applicant.tasks sent": 5,
    "applicant.question_page I": 4,
    "applicant.question_page II": 3,
    "applicant.section_start": 3,
    "applicant.check": 4,
    "applicant.check sent": 4,
    "applicant.your_code": 1,
    "applicant.delete_draft": 3,
    "applicant.partner": 3,
    "applicant.partner_invitation": 3,
    "applicant.done": 5,
    "applicant.answers_pdf": 5,
    "applicant.who_opened": 3,
    "applicant.quick_exit": 1,
    "applicant.eid_drafts": 1,
    # Staff (the case is read first; a read of a case writes its audit entry before the page is shown).
    "staff.home": 5,
    "staff.home filtered": 5,
    "staff.home page 2": 5,
    "staff.case_view": 10,
    "staff.meeting": 4,
    "staff.change_answers": 4,
    "staff.plan": 7,
    "staff.evaluation": 8,
    "staff.export_json": 9,
    "staff.export_pdf": 12,
    "staff.statistics_page": 6,
    "staff.statistics_page csv": 7,
    "staff.audit_log": 1,
    "staff.audit_log filtered": 1,
    "staff.audit_log page 2": 1,
    "staff.sign_in": 0,
    "staff.signed_out": 0,
}

# GET routes not counted here, and why.
NOT_COUNTED = {
    "applicant.eid_start": "hands the browser to the e-ID broker; reads nothing (needs EID_OIDC_* settings)",
    "applicant.eid_callback": "the e-ID broker's answer: one identity looked up, then a redirect; lists no rows",
    "staff.start_sign_in": "hands the browser to the staff provider; reads nothing (needs STAFF_OIDC_* settings)",
    "staff.callback": "the staff provider's answer: one colleague remembered, then a redirect; lists no rows",
    "api.health": "SELECT 1 and nothing else (tests/test_deployment.py): whether the database answers",
}
BLUEPRINTS = ("applicant.", "public.", "staff.", "api.")


def get_endpoints(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint.startswith(BLUEPRINTS)
    }


def test_every_page_is_counted_or_said_why_not():
    app = create_app("test")  # the url map alone: no database needed
    counted = {name.split()[0] for name in CEILINGS}
    missing = get_endpoints(app) - counted - set(NOT_COUNTED)
    assert not missing, f"count these pages in test_query_counts.py, or say in NOT_COUNTED why not: {sorted(missing)}"
    stale = (counted | set(NOT_COUNTED)) - get_endpoints(app)
    assert not stale, f"no such GET route any more: {sorted(stale)}"
    assert not counted & set(NOT_COUNTED)


class Counts:
    """Reads pages and keeps how many statements each cost, by page name and which one of its kind (a page id)."""

    def __init__(self, app) -> None:
        self.app = app
        self.seen: dict[tuple[str, str], int] = {}

    def read(self, client, name: str, path: str, detail: str = "", status: int = 200):
        adapter = self.app.url_map.bind("localhost")
        endpoint, _args = adapter.match(path.split("?")[0], method="GET")
        assert endpoint == name.split()[0], f"{path} is {endpoint}, not the page named {name}"
        statements: list[str] = []

        def note(_conn, _cursor, statement, *_args) -> None:
            if "web_session" not in statement:
                statements.append(statement)

        engine = self.app.extensions["db_engine"]
        event.listen(engine, "before_cursor_execute", note)
        try:
            response = client.get(path)
        finally:
            event.remove(engine, "before_cursor_execute", note)
        assert response.status_code == status, (name, path, response.status_code, response.get_data(as_text=True)[:500])
        self.seen[(name, detail)] = len(statements)
        return response


def assert_the_same(side: str, few: Counts, many: Counts, *others: Counts) -> None:
    """Each page costs as many statements with many rows as with few; none more than its ceiling (`others` too)."""
    everyone = (few, many, *others)
    if os.environ.get("SHOW_QUERY_COUNTS"):  # for updating CEILINGS: SHOW_QUERY_COUNTS=1 pytest ... -s
        for key in sorted({key for counts in everyone for key in counts.seen}):
            print(key, *(counts.seen.get(key) for counts in everyone))
    compared = sorted(few.seen.keys() & many.seen.keys())
    names = {name for name in CEILINGS if name.startswith("staff.") == (side == "staff")}
    assert names == {name for counts in everyone for name, _detail in counts.seen}, "count each page of this side"
    # A page that reads nothing at all cannot grow: counted once, with everything stored, it must stay at nothing.
    reading = {name for name in names if CEILINGS[name] > 0}
    assert reading <= {name for name, _detail in compared}, "count each page that reads with few and with many"
    grown = {key: (few.seen[key], many.seen[key]) for key in compared if few.seen[key] != many.seen[key]}
    assert not grown, f"statements that grow with the rows shown (few, many): {grown}"
    over = {
        key: (count, CEILINGS[key[0]])
        for counts in everyone
        for key, count in counts.seen.items()
        if count > CEILINGS[key[0]]
    }
    assert not over, f"pages that cost more statements than their ceiling (now, ceiling): {over}"


@pytest.fixture
def quick_pdfs(app, tmp_path, monkeypatch):
    """PDFs from a stub: what a PDF page reads is the same, without weasyprint's seconds; the interpreter's cached PDF
    goes to a folder of this test's own."""
    monkeypatch.setattr("eservice.pdf.render_pdf", lambda html: b"%PDF-1.7 stub")
    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))


@contextmanager
def storage(app) -> Iterator:
    with app.test_request_context():
        yield db_session()


def signed_in(app, adult_id: str):
    client = app.test_client()
    with client.session_transaction() as session:
        session.permanent = True
        session[ADULT_KEY] = adult_id
    return client


# -- the applicant's side -------------------------------------------------------------------------------------------


def anonymous_pages(app, counts: Counts) -> None:
    """Pages that need no sign-in: they must read nothing that grows with the households stored."""
    client = app.test_client()
    for name, path, status in [
        ("applicant.root", "/", 302),
        ("applicant.start", "/sv/", 200),
        ("applicant.all_questions", "/sv/questions", 200),
        ("applicant.resume", "/sv/resume", 200),
        ("applicant.saved", "/sv/saved", 200),
        ("applicant.deleted", "/sv/deleted", 302),
        ("applicant.eid_failed", "/sv/e-id/failed", 400),
        ("public.glossary", "/sv/glossary", 200),
        ("public.glossary_api", "/api/glossary?lang=ar", 200),
        ("public.interpreter", "/ar/interpreter", 200),
        ("public.interpreter_pdf", "/ar/interpreter.pdf", 200),
        ("public.accessibility", "/sv/accessibility", 200),
        ("public.privacy", "/sv/privacy", 200),
        ("public.safety", "/sv/safety", 200),
        ("api.instrument", "/api/instrument", 200),
        ("api.case_schema", "/api/schema/case-v1.json", 200),
    ]:
        counts.read(client, name, path, status=status)


def draft_pages(app, counts: Counts, client, adult_id: str, position: int) -> None:
    """Every page of a draft this adult reads: the task list, each question page and sensitive section that applies,
    check your answers, and the pages around them."""
    with storage(app) as db:
        adult = drafts.adult_by_id(db, adult_id)
        applying = []
        for part in drafts.parts_for(adult):
            answers, base = drafts.answer_set(db, adult, part).answers, drafts.base_context(db, adult, part)
            applying.append((part, applicable_pages(part, answers, base)))
    counts.read(client, "applicant.tasks", "/sv/tasks")
    for part, pages in applying:
        for section in part.sections:
            if section.sensitive:
                counts.read(client, "applicant.section_start", f"/sv/section/{section.id}", section.id)
        # One page of each section: every question page is the same view over the same rows, and these cover
        # each kind (plain, with follow-ups, money, free text, sensitive), at half the time of every page.
        for section in part.sections:
            page = next((page for page in pages if page in section.pages), None)
            if page is not None:
                counts.read(client, f"applicant.question_page {part.id}", f"/sv/q/{page.id}", page.id)
    counts.read(client, "applicant.check", "/sv/check")
    counts.read(client, "applicant.your_code", "/sv/your-code", status=302)
    counts.read(client, "applicant.delete_draft", "/sv/delete")
    if position == 1:
        counts.read(client, "applicant.partner", "/sv/partner")


def sent_pages(counts: Counts, client) -> int:
    """The pages after sending; returns how many entries the who-opened page lists."""
    counts.read(client, "applicant.tasks sent", "/sv/tasks")
    counts.read(client, "applicant.check sent", "/sv/check")
    counts.read(client, "applicant.done", "/sv/done")
    counts.read(client, "applicant.answers_pdf", "/ar/answers.pdf")
    trail = counts.read(client, "applicant.who_opened", "/sv/who-opened").get_data(as_text=True)
    counts.read(client, "applicant.quick_exit", "/sv/exit", status=302)  # the last: it signs out
    return trail.count('class="summary-row"')


def opened_by_staff(app, household_id: str, times: int) -> None:
    with storage(app) as db:
        household = db.get(Household, household_id)
        start = datetime(2026, 1, 10, 8, tzinfo=UTC)
        for n in range(times):
            db.add(
                AuditEntry(
                    at=start + timedelta(minutes=n),
                    staff_subject="cw",
                    staff_name="Cecilia Ek",
                    staff_role="caseworker",
                    household_id=household.id,
                    reference=household.reference,
                    action="open",
                    request_id="test",
                )
            )
        db.commit()


def single_adult(app, counts: Counts) -> None:
    """One adult, no children, opened once by a caseworker."""
    with storage(app) as db:
        new = drafts.start_household(db, with_code=False)
        demo.fill(db, new.adult, "I", {**demo.PART_I_DONE, "children_count": 0})
        demo.fill(db, new.adult, "II", demo.PART_II_DONE)
        adult_id, household_id = new.adult.id, new.adult.household_id
    client = signed_in(app, adult_id)
    draft_pages(app, counts, client, adult_id, 1)
    make_invitation(Applicant(client))  # never used: the invitation page is counted as the couple's is
    counts.read(client, "applicant.partner_invitation", "/sv/partner/invitation")
    with storage(app) as db:
        drafts.submit(db, drafts.adult_by_id(db, adult_id))
    opened_by_staff(app, household_id, 1)
    assert sent_pages(counts, client) == 1


def couple_with_children(app, first_adult: Counts, second_adult: Counts) -> None:
    """Two adults and two children, each adult's part II their own, opened sixty times by caseworkers."""
    together = {"applying_with": "with_partner", "partner_occupation": "job_seeker", "partner_af_registered": "yes"}
    with storage(app) as db:
        new = drafts.start_household(db, with_code=False)
        demo.fill(db, new.adult, "I", {**demo.PART_I_DONE, **together})
        demo.fill(db, new.adult, "II", demo.PART_II_DONE)
        first_id, household_id = new.adult.id, new.adult.household_id
    first = signed_in(app, first_id)
    reference, invitation = make_invitation(Applicant(first))
    first_adult.read(first, "applicant.partner_invitation", "/sv/partner/invitation")
    with storage(app) as db:
        partner = drafts.resume(db, reference, invitation, client="test")
        assert partner is not None
        demo.fill(db, partner.adult, "II", demo.PARTNER_PART_II)
        second_id = partner.adult.id
    second = signed_in(app, second_id)
    draft_pages(app, first_adult, first, first_id, 1)
    draft_pages(app, second_adult, second, second_id, 2)
    with storage(app) as db:
        drafts.submit(db, drafts.adult_by_id(db, second_id))
        drafts.submit(db, drafts.adult_by_id(db, first_id))
    opened_by_staff(app, household_id, 60)
    assert sent_pages(first_adult, first) == sent_pages(second_adult, second) == SHOWN_AT_MOST  # the newest 50


def eid_drafts(app, counts: Counts, how_many: int) -> None:
    """The drafts an e-ID owns, listed on one page."""
    signed_in_at = utcnow()
    with storage(app) as db:
        identity = identities.identity_for(db, "https://e-id.example", f"person-{how_many}")
        for _ in range(how_many):
            identities.start_household(db, identity.id, identities.EidSignIn("", "", "loa3", "", signed_in_at))
        identity_id = identity.id
    client = app.test_client()
    with client.session_transaction() as session:  # what the broker's callback leaves (test_eid_sign_in.py)
        session.permanent = True
        session["eid"] = {"identity": identity_id, "issuer": "https://e-id.example", "acr": "loa3"}
    html = counts.read(client, "applicant.eid_drafts", "/sv/e-id/drafts").get_data(as_text=True)
    assert html.count('name="adult"') == how_many


def test_the_applicants_pages_cost_the_same_for_one_adult_as_for_each_of_a_couple_with_children(app, quick_pdfs):
    few, first, second = Counts(app), Counts(app), Counts(app)
    single_adult(app, few)
    eid_drafts(app, few, 1)
    couple_with_children(app, first, second)
    eid_drafts(app, first, 4)
    anonymous_pages(app, first)
    assert few.seen[("applicant.question_page II", "health")] > 0  # a listener that counted nothing proves nothing
    # Adult 2 reads no part I: fewer statements, so only their ceilings are checked.
    assert_the_same("applicant", few, first, second)


# -- the staff side -------------------------------------------------------------------------------------------------

GROUPS = ("am1", "am2", "am3", "rh1", "rh2", "rh3")


def changed_and_confirmed(db, member, household: Household, position: int, page_id: str, answers: dict) -> None:
    """An answer changed beside the original at the meeting, then its section confirmed again with the person."""
    case = review.CaseAnswers(db, household)
    part, section, page = review.locate(case, position, page_id)
    standing, _base = case.answers(position, part)
    seen = page_version(standing, [q.id for q in page.questions])
    assert review.change_page(db, member, household, position, page_id, answers, seen) == 1
    shown = review.CaseAnswers(db, household).section(position, part, section)
    review.confirm_section(db, member, household, position, section.id, shown.version)


def changed_after_signing(db, member, household: Household, record, part_id: str, question_id: str, n: int) -> None:
    part = INSTRUMENT.part(part_id)
    seen = plans.written_version(plans.written(db, record), part)
    new = {question_id: {"text": f"Ändrat efter underskriften {n}", "lang": "sv"}}
    assert plans.change_signed(db, member, household, record, part, new, seen) == 1


def planned(db, member, household: Household, position: int, rounds: int, due: date) -> tuple[str, str | None]:
    """A signed plan evaluated `rounds` times ("go on"), each time changed after signing, as is its first evaluation;
    then `rounds` new plans, each from an evaluation of the one before. (plan 1's id, its first evaluation's id)"""
    base = review.CaseAnswers(db, household).plan_context(position)

    def signed_plan(plan) -> None:
        seen = plans.version(plan, plans.plan_part())
        plans.save_plan(db, member, household, plan, demo.DEMO_PLAN, due, seen, base, sign_off=True)

    def evaluated(plan, decision: str):
        evaluation = plans.start_evaluation(db, member, household, plan)
        seen = plans.version(evaluation, plans.evaluation_part())
        answers = {**demo.DEMO_EVALUATION, "eval_decision": decision}
        new = plans.save_evaluation(db, member, household, evaluation, answers, due, seen, base, sign_off=True)
        return evaluation, new

    first = plans.start_plan(db, member, household, position, due, None)
    signed_plan(first)
    evaluations = []
    for n in range(rounds):
        evaluations.append(evaluated(first, plans.CONTINUE)[0])
        changed_after_signing(db, member, household, first, "III", "plan_summary", n)
        changed_after_signing(db, member, household, evaluations[0], "IV", "eval_happened", n)
    latest = first
    for _ in range(rounds):
        _evaluation, latest = evaluated(latest, plans.NEW_PLAN)
        signed_plan(latest)
    return first.id, evaluations[0].id if evaluations else None


def worked_on(app, member, household_id: str, rounds: int) -> tuple[str, str | None]:
    """What `rounds` meetings leave on a case, for each adult: an answer of part I (adult 1) and of part II changed
    and its section confirmed again, a note, a need group each time; the facts; plans and evaluations (planned)."""
    today = local_date(utcnow())
    with storage(app) as db:
        household = db.get(Household, household_id)
        commands.pick_up(db, member, household)
        meeting = commands.Meeting(utcnow() + timedelta(days=2), "place", "Rum 3", True, "Arabiska")
        commands.book_meeting(db, member, household, meeting)
        positions = sorted(review.CaseAnswers(db, household).adults)
        # Adult 2's rows show on the same pages as adult 1's: two rounds of them are enough, and save seconds.
        rounds_of = {position: rounds if position == 1 else min(rounds, 2) for position in positions}
        for n in range(rounds):
            for position in (p for p in positions if n < rounds_of[p]):
                if position == 1:
                    landlord = {"landlord": {"text": f"Värd {n}", "lang": "sv"}}
                    changed_and_confirmed(db, member, household, position, "housing", landlord)
                jobs = {"previous_jobs": {"text": f"Jobb {n}", "lang": "sv"}}
                changed_and_confirmed(db, member, household, position, "work_history", jobs)
                need_groups.decide(db, member, household, position, GROUPS[n % len(GROUPS)], agreed=True)
            commands.add_note(db, member, household, f"Anteckning {n}\nhttps://example.se/{n}")
        for position in positions:
            facts.record(db, member, household, position, facts.Facts(birth_year=1986, gender="woman"), today)
        made = [planned(db, member, household, position, rounds_of[position], today) for position in positions]
        return made[0]  # adult 1's: the pages are read for adult 1


def sent(app, *, couple: bool = False) -> str:
    with storage(app) as db:
        household = demo.submitted_household(db, {}, couple=couple)
        household.unit = "north"
        db.commit()
        return household.id


def a_unit_with_history(app, member) -> None:
    """Forty closed cases over two years (need groups and facts for the statistics), six of them open again with a
    signed plan due: the queue has two pages, and its follow-up box fills up."""
    with storage(app) as db:
        demo.closed_history(db, "north", demo.DemoStaff("cw-north", "Cecilia Ek", "caseworker", "north"), seed=1)
        closed = select(Household).where(Household.unit == "north", Household.closed_at.is_not(None))
        reopened = db.scalars(closed.limit(6)).all()
        for household in reopened:
            household.closed_at, household.case_state = None, CaseState.PICKED_UP
            household.holder_subject, household.holder_name = member.subject, member.name
        db.commit()
        for household in reopened:
            planned(db, member, household, 1, 0, local_date(utcnow()))


def case_pages(counts: Counts, client, case_id: str, plan_and_evaluation: tuple[str, str | None]) -> None:
    plan_id, evaluation_id = plan_and_evaluation
    case = f"/staff/cases/{case_id}"
    counts.read(client, "staff.case_view", case)
    counts.read(client, "staff.meeting", f"{case}/meeting")
    counts.read(client, "staff.change_answers", f"{case}/adults/1/pages/housing", "part I")
    counts.read(client, "staff.change_answers", f"{case}/adults/1/pages/work_history", "part II")
    counts.read(client, "staff.plan", f"{case}/adults/1/plans/{plan_id}")
    counts.read(client, "staff.evaluation", f"{case}/adults/1/evaluations/{evaluation_id}")
    counts.read(client, "staff.export_json", f"{case}/case.json")
    counts.read(client, "staff.export_pdf", f"{case}/case.pdf")


def unit_pages(counts: Counts, lead, administrator, reference: str) -> dict[str, str]:
    """The unit's pages; the queue's and the audit log's HTML, to check that their rows are there."""
    html = {}
    html["queue"] = counts.read(lead, "staff.home", "/staff/").get_data(as_text=True)
    filters = "holder=mine&interpreter=yes&language=sv&sort=newest"
    html["queue filtered"] = counts.read(lead, "staff.home filtered", f"/staff/?{filters}").get_data(as_text=True)
    html["queue page 2"] = counts.read(lead, "staff.home page 2", "/staff/?page=2").get_data(as_text=True)
    period = f"from={local_date(utcnow()) - timedelta(days=800)}&to={local_date(utcnow())}"
    counts.read(lead, "staff.statistics_page", f"/staff/statistics?{period}&by=gender")
    counts.read(lead, "staff.statistics_page csv", f"/staff/statistics?{period}&by=household&format=csv")
    html["audit"] = counts.read(administrator, "staff.audit_log", "/staff/audit").get_data(as_text=True)
    counts.read(administrator, "staff.audit_log filtered", f"/staff/audit?reference={reference}&staff=Lead")
    counts.read(administrator, "staff.audit_log page 2", "/staff/audit?page=2")
    anonymous = lead.application.test_client()
    counts.read(anonymous, "staff.sign_in", "/staff/sign-in")
    counts.read(anonymous, "staff.signed_out", "/staff/signed-out")
    return html


def test_the_staff_pages_cost_the_same_for_a_few_rows_as_for_many(app, quick_pdfs):
    """One case worked on once in its unit, against forty-odd cases (six with follow-ups due) and a couple's case
    worked on fifteen times: notes, changes, confirmations, need groups, plans and evaluations."""
    lead, administrator = app.test_client(), app.test_client()
    member = sign_in_staff(lead, "team_lead", "north", name="Lina Lead")
    sign_in_staff(administrator, "administrator", "")
    few, many = Counts(app), Counts(app)
    small = sent(app)
    small_work = worked_on(app, member, small, 1)
    with storage(app) as db:
        small_reference = db.get(Household, small).reference
    staff_token(lead)  # warm up: the first request of a client opens its session
    case_pages(few, lead, small, small_work)
    little = unit_pages(few, lead, administrator, small_reference)
    large = sent(app, couple=True)
    large_work = worked_on(app, member, large, 15)
    a_unit_with_history(app, member)
    with storage(app) as db:
        large_reference = db.get(Household, large).reference
    case_pages(many, lead, large, large_work)
    lots = unit_pages(many, lead, administrator, large_reference)
    # The rows are really there: a count compared over empty pages would prove nothing.
    html = lead.get(f"/staff/cases/{large}").get_data(as_text=True)
    assert html.count("Anteckning ") >= 15
    assert html.count("Jobb 14") >= 2
    assert "Plan 16" in html
    row, follow_up, audit_row = '<th scope="row">', "vuxen ", "<tr>"
    assert [little[page].count(row) for page in ("queue", "queue filtered")] == [1, 1]
    assert little["queue"].count(follow_up) == 1
    # The two cases worked on, the history and the case it was copied from, 25 to a page; mine: the two and the six
    # reopened. Follow-ups: the reopened cases' plans, the couple's two, the first case's.
    cases = 2 + demo.HISTORY_PER_UNIT + 1
    assert [lots[page].count(row) for page in ("queue", "queue page 2", "queue filtered")] == [25, cases - 25, 8]
    assert lots["queue"].count(follow_up) == 9
    assert little["audit"].count(audit_row) < lots["audit"].count(audit_row) == 51  # the heading and a full page
    assert few.seen[("staff.case_view", "")] >= 6  # a listener that counted nothing proves nothing
    assert_the_same("staff", few, many)
