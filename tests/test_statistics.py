"""Statistics for team leads: adults by need group crossed with one breakdown, over a period and a unit, from the
facts the caseworker records per adult; shown suppressed as a table, an SVG chart and a CSV. Never from the answers."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select

from eservice.cases import statistics
from eservice.cases.statistics import DIMENSIONS, Period, counted_query, crossed, months_with_assistance
from eservice.models import AuditEntry, CaseAdultFacts, CaseState, Household, NeedGroupDecision
from eservice.staff.roles import StaffMember

from .helpers import db, sign_in_staff, staff_token, submit_case

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
QUERY = "from=2026-01-01&to=2026-06-30"
IN_PERIOD = datetime(2026, 2, 1, 9, tzinfo=UTC)
LEAD_NORTH = StaffMember("lead-north", "test", "Lead North", "team_lead", "north", "demo")
ADMIN = StaffMember("admin", "test", "Admin", "administrator", "", "demo")


def moment(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def add_case(
    app,
    *,
    unit: str = "north",
    groups: tuple[tuple[str, str], ...] = (("am1", "2026-03-01"),),  # (group, decided on), in order
    submitted_at: datetime = IN_PERIOD,
    closed: str | None = None,
    facts: dict | None = None,
) -> str:
    """A submitted case of one adult with need group decisions and, if given, the facts recorded for them."""
    case_id, _ = submit_case(app, unit=unit, submitted_at=submitted_at)
    with db(app) as session:
        if closed is not None:
            household = session.get(Household, case_id)
            household.closed_at, household.case_state = moment(closed), CaseState.CLOSED
        for code, day in groups:
            session.add(
                NeedGroupDecision(
                    household_id=case_id,
                    position=1,
                    group_code=code,
                    agreed=True,
                    decided_by_subject="cw",
                    decided_by_name="Caseworker",
                    decided_at=moment(day),
                )
            )
        if facts is not None:
            session.add(
                CaseAdultFacts(
                    household_id=case_id, position=1, recorded_by_subject="cw", recorded_by_name="Caseworker", **facts
                )
            )
        session.commit()
    return case_id


def counts(app, dimension: str, member=LEAD_NORTH, unit: str | None = "north", period=PERIOD) -> dict:
    """{(need group, column): count} without the zeros."""
    with app.app_context(), db(app) as session:
        table = crossed(session, member, unit, period, DIMENSIONS[dimension])
    columns = [c.code for c in table.dimension.columns]
    return {
        (row.code, columns[j]): value
        for row, values in zip(table.rows, table.counts, strict=True)
        for j, value in enumerate(values)
        if value
    }


def test_adults_are_counted_by_their_need_group_at_the_periods_end_within_the_unit_and_period(app):
    add_case(app, facts={"gender": "woman"})
    add_case(app, facts={"gender": "woman"})
    add_case(app, facts={"gender": "man"})
    add_case(app, groups=(("rh2", "2026-06-30"),))  # no facts yet: counted as unknown
    add_case(app, groups=(("am1", "2026-02-01"), ("rh1", "2026-07-02")), facts={"gender": "woman"})  # AM1 then
    add_case(app, groups=(("am2", "2026-01-10"),), closed="2026-04-01", facts={"gender": "man"})  # closed within
    # Not counted: another unit, closed before the period, sent after it, grouped only after it.
    add_case(app, unit="south", facts={"gender": "woman"})
    add_case(app, closed="2025-12-30", groups=(("am1", "2025-12-01"),), facts={"gender": "woman"})
    add_case(app, submitted_at=moment("2026-07-01"), groups=(("am3", "2026-07-02"),), facts={"gender": "woman"})
    add_case(app, groups=(("am3", "2026-07-01"),), facts={"gender": "woman"})

    assert counts(app, "gender") == {
        ("am1", "woman"): 3,
        ("am1", "man"): 1,
        ("am2", "man"): 1,
        ("rh2", "unknown"): 1,
    }
    assert counts(app, "gender", unit="south") == {}  # a team lead asking for another unit gets nothing of it
    assert counts(app, "gender", member=ADMIN, unit="south") == {("am1", "woman"): 1}
    assert sum(counts(app, "gender", member=ADMIN, unit=None).values()) == 7


def test_age_household_type_and_forsorjningshinder_are_counted_in_their_groups(app):
    add_case(
        app, facts={"birth_year": 2000, "household_type": "single_man_children", "support_obstacle": "no_childcare"}
    )
    add_case(app, facts={"birth_year": 1960, "household_type": "cohabiting_no_children"})
    add_case(app, facts={"birth_year": 2010, "support_obstacle": "sick_awaiting_benefit"})  # 16: not an age band
    assert counts(app, "age") == {("am1", "25_29"): 1, ("am1", "65_plus"): 1, ("am1", "unknown"): 1}
    assert counts(app, "household") == {
        ("am1", "single_man_children"): 1,
        ("am1", "cohabiting_no_children"): 1,
        ("am1", "unknown"): 1,
    }
    assert counts(app, "obstacle") == {("am1", "no_childcare"): 1, ("am1", "ill_health"): 1, ("am1", "unknown"): 1}


def test_long_term_assistance_is_ten_to_twelve_of_the_last_twelve_months(app):
    add_case(app, facts={"assistance_since": date(2025, 8, 20)})  # Aug 2025 - Jun 2026: 11 months
    add_case(app, facts={"assistance_since": date(2026, 5, 10)})  # May and June
    add_case(app, facts={"assistance_since": date(2025, 1, 1)}, closed="2026-02-15")  # Jul 2025 - Feb 2026
    add_case(app)  # not recorded
    assert counts(app, "time") == {("am1", "10_12"): 1, ("am1", "1_3"): 1, ("am1", "7_9"): 1, ("am1", "unknown"): 1}


@pytest.mark.parametrize(
    ("since", "closed", "months"),
    [
        (date(2025, 7, 1), None, 12),
        (date(2024, 1, 1), None, 12),
        (date(2025, 9, 30), None, 10),  # långvarigt from the tenth month
        (date(2025, 10, 1), None, 9),
        (date(2026, 6, 30), None, 1),
        (date(2026, 7, 1), None, 0),
        (date(2025, 1, 1), date(2025, 6, 30), 0),  # closed before the twelve months
        (None, None, None),
    ],
)
def test_months_with_assistance(since, closed, months):
    assert months_with_assistance(since, closed, date(2026, 6, 30)) == months


def test_the_queries_read_no_answers_only_the_need_groups_the_facts_and_the_cases():
    for dimension in DIMENSIONS.values():
        query = counted_query(LEAD_NORTH, "north", PERIOD, dimension)
        sql = str(query.compile()).lower()
        assert "need_group_decision" in sql
        assert "household" in sql
        for sealed in ("submission", "answer_set", "answer_change", "case_note", "adult "):
            assert sealed not in sql, (dimension.key, sealed)


def statements_during(app, call) -> list[str]:
    engine = app.extensions["db_engine"]
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement.lower())

    event.listen(engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_the_page_and_the_csv_never_select_from_the_answers(app, client):
    add_case(app, facts={"gender": "woman", "birth_year": 1990})
    sign_in_staff(client, "team_lead", "north")
    for by in DIMENSIONS:
        seen = statements_during(app, lambda by=by: client.get(f"/staff/statistics?{QUERY}&by={by}"))
        seen += statements_during(app, lambda by=by: client.get(f"/staff/statistics?{QUERY}&by={by}&format=csv"))
        assert any("need_group_decision" in s for s in seen)  # the listener saw the statistics being read
        assert not any(re.search(r"\b(submission|answer_set|answer_change)\b", s) for s in seen), by


def table_cells(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_the_page_shows_the_suppressed_table_and_a_chart_labelled_by_its_caption(app, client):
    for _ in range(5):
        add_case(app, facts={"gender": "woman"})
    add_case(app, unit="south", facts={"gender": "man"})
    sign_in_staff(client, "team_lead", "north")
    path = f"/staff/statistics?{QUERY}&by=gender&unit=south"  # a team lead's unit is their own whatever is asked
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert table_cells(html)[0] == ["5", "0", "0", "5"]  # AM1: women, men, other or unknown, total
    assert table_cells(html)[-1] == ["5", "0", "0", "5"]
    assert '<caption id="statistics-caption">' in html
    assert "Norra kontoret" in html
    assert '<th scope="col">Kvinna</th>' in html
    assert '<th scope="row">AM1</th>' in html
    svg = re.search(r"<svg[^>]*>", html).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="statistics-caption"' in svg
    assert "<script" not in html
    assert html.count("<rect ") == 1  # the women's bar
    assert re.search(r">Kvinna</text>\s*<rect[^>]*></rect>\s*<text[^>]*>5</text>", html)

    add_case(app, facts={"gender": "man"})
    html = client.get(path).get_data(as_text=True)
    # One man: under 5, and the women's 5 and the total 6 hidden too, or 6 - 5 would give him away.
    assert table_cells(html)[0] == ["..", "&lt;5", "0", ".."]
    assert html.count("<rect ") == 0  # a hidden count gets no bar, only its marker
    assert re.search(r">Man</text>\s*<text[^>]*>&lt;5</text>", html)
    assert re.search(r">Kvinna</text>\s*<text[^>]*>\.\.</text>", html)


def test_a_caseworker_may_not_see_the_statistics_and_a_team_lead_finds_them_from_the_queue(app, client):
    sign_in_staff(client, "caseworker", "north")
    assert client.get("/staff/statistics").status_code == 403
    assert client.get("/staff/statistics?format=csv").status_code == 403
    assert "/staff/statistics" not in client.get("/staff/").get_data(as_text=True)
    sign_in_staff(client, "team_lead", "north")
    assert 'href="/staff/statistics"' in client.get("/staff/").get_data(as_text=True)
    assert client.get("/staff/statistics").status_code == 200


def test_an_administrator_chooses_a_unit_or_all(app, client):
    for _ in range(5):
        add_case(app, unit="south", facts={"gender": "woman"})
    sign_in_staff(client, "administrator", "")
    south = table_cells(client.get(f"/staff/statistics?{QUERY}&by=gender&unit=south").get_data(as_text=True))
    north = table_cells(client.get(f"/staff/statistics?{QUERY}&by=gender&unit=north").get_data(as_text=True))
    everywhere = table_cells(client.get(f"/staff/statistics?{QUERY}&by=gender").get_data(as_text=True))
    assert south[0][0] == "5"
    assert north[0][0] == "0"
    assert everywhere[0][0] == "5"


def test_the_csv_is_the_same_suppressed_table_downloaded_and_audited(app, client):
    for _ in range(5):
        add_case(app, facts={"gender": "woman"})
    add_case(app, facts={"gender": "man"})
    member = sign_in_staff(client, "team_lead", "north")
    response = client.get(f"/staff/statistics?{QUERY}&by=gender&format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="statistik-gender-2026-01-01-2026-06-30.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Behovsgrupp", "Kvinna", "Man", "Annat eller uppgift saknas", "Totalt"]
    assert rows[1] == ["AM1", "..", "<5", "0", ".."]
    page = table_cells(client.get(f"/staff/statistics?{QUERY}&by=gender").get_data(as_text=True))
    assert [[cell.replace("&lt;", "<") for cell in row] for row in page] == [row[1:] for row in rows[1:]]
    with db(client.application) as session:
        exports = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))
    assert [(e.staff_subject, e.reference) for e in exports] == [(member.subject, statistics.EXPORT_REFERENCE)]


def test_an_unreadable_period_says_so_and_shows_this_year(app, client):
    sign_in_staff(client, "team_lead", "north")
    response = client.get("/staff/statistics?from=2026-13-01&to=2026-01-01")
    assert response.status_code == 400
    assert "Perioden gick inte att läsa" in response.get_data(as_text=True)


# The facts form on the case view.


def facts_form(html: str, position: int = 1) -> str:
    return re.search(rf'<section aria-labelledby="facts-{position}".*?</section>', html, re.S).group(0)


def test_the_facts_form_is_prefilled_from_the_answers_as_they_stand(app, client):
    case_id, _ = submit_case(app, unit="north")  # demo answers: born 1986, a woman applying alone with 2 children
    sign_in_staff(client)
    form = facts_form(client.get(f"/staff/cases/{case_id}").get_data(as_text=True))
    assert "Uppgifter för statistik" in form
    assert 'name="birth_year" type="number" min="1900"' in form
    assert 'value="1986"' in form
    assert '<option value="woman" selected>' in form
    assert '<option value="single_woman_children" selected>' in form
    assert 'name="assistance_since" type="date"' in form
    assert '<optgroup label="Arbetslös">' in form
    assert "Förifyllt från svaren" in form


def post_facts(client, case_id: str, **fields):
    data = {"csrf_token": staff_token(client), "position": "1", **fields}
    return client.post(f"/staff/cases/{case_id}/facts", data=data)


def test_saving_the_facts_records_them_with_the_signed_in_member_audited(app, client):
    case_id, _ = submit_case(app, unit="north")
    member = sign_in_staff(client, name="Karin Handläggare")
    response = post_facts(
        client,
        case_id,
        birth_year="1987",
        gender="woman",
        household_type="single_woman_children",
        assistance_since="2026-03-01",
        support_obstacle="unemployed_awaiting_benefit",
        recorded_by_name="Someone Else",
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/staff/cases/{case_id}?facts_saved=1#facts-1")
    with db(app) as session:
        row = session.scalars(select(CaseAdultFacts).where(CaseAdultFacts.household_id == case_id)).one()
        audit = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.household_id == case_id))]
    assert (row.birth_year, row.gender, row.household_type) == (1987, "woman", "single_woman_children")
    assert (row.assistance_since, row.support_obstacle) == (date(2026, 3, 1), "unemployed_awaiting_benefit")
    assert (row.recorded_by_subject, row.recorded_by_name) == (member.subject, "Karin Handläggare")
    assert "change" in audit
    form = facts_form(client.get(f"/staff/cases/{case_id}?facts_saved=1").get_data(as_text=True))
    assert "Uppgifterna för statistik är sparade." in form
    assert "Senast sparade av Karin Handläggare" in form
    assert 'value="2026-03-01"' in form
    # Saving again corrects the same row.
    post_facts(client, case_id, birth_year="1988", gender="woman")
    with db(app) as session:
        rows = list(session.scalars(select(CaseAdultFacts).where(CaseAdultFacts.household_id == case_id)))
    assert [(r.birth_year, r.household_type, r.assistance_since) for r in rows] == [(1988, None, None)]


@pytest.mark.parametrize(
    "fields",
    [
        {"gender": "bogus"},
        {"household_type": "castle"},
        {"support_obstacle": "ill_health"},  # a main group, not a code
        {"birth_year": "1850"},
        {"birth_year": "nineteen"},
        {"assistance_since": "2026-02-30"},
        {"assistance_since": "2999-01-01"},
    ],
)
def test_impossible_facts_are_not_saved(app, client, fields):
    case_id, _ = submit_case(app, unit="north")
    sign_in_staff(client)
    response = post_facts(client, case_id, **fields)
    assert response.location.endswith(f"/staff/cases/{case_id}?facts_error=1#facts-1")
    with db(app) as session:
        assert session.scalars(select(CaseAdultFacts)).first() is None
    assert "Uppgifterna sparades inte" in client.get(response.location).get_data(as_text=True)


def test_facts_only_for_an_adult_of_a_case_in_my_unit(app, client):
    case_id, _ = submit_case(app, unit="north")
    sign_in_staff(client)
    assert post_facts(client, case_id, position="2", gender="man").status_code == 400  # nobody at position 2
    south_id, _ = submit_case(app, unit="south")
    assert post_facts(client, south_id, gender="man").status_code == 404
    with db(app) as session:
        assert session.scalars(select(CaseAdultFacts)).first() is None


def test_first_saves_of_the_same_adults_facts_at_once_all_succeed_with_one_row(postgres_app):
    """The row is unique per adult: a second first save at the same moment writes over the first, not a 500."""
    from .test_queue_concurrency import at_once

    app = postgres_app
    case_id, _ = submit_case(app, unit="north")
    years = ["1980", "1981", "1982", "1983"]
    fields = {"gender": "woman", "household_type": "single_woman_children", "assistance_since": "2026-03-01"}
    statuses = at_once(
        app,
        4,
        lambda c, csrf: c.post(
            f"/staff/cases/{case_id}/facts",
            data={"csrf_token": csrf, "position": "1", "birth_year": years.pop(), **fields},
        ),
    )
    assert statuses == [302, 302, 302, 302]
    with db(app) as session:
        rows = session.scalars(select(CaseAdultFacts).where(CaseAdultFacts.household_id == case_id)).all()
    assert len(rows) == 1


def test_the_demo_history_gives_the_statistics_real_numbers(app):
    from eservice.demo import HISTORY_PER_UNIT, load_demo_data

    with app.app_context():
        load_demo_data()
    today = datetime.now(UTC).date()
    two_years = Period(date(today.year - 2, today.month, 1), today)
    with db(app) as session:
        counted = crossed(session, LEAD_NORTH, "north", two_years, DIMENSIONS["age"])
    assert sum(map(sum, counted.counts)) >= HISTORY_PER_UNIT
    assert max(max(row) for row in counted.counts) >= 5  # some cells are big enough to show


def test_the_csv_download_is_audited_with_the_role_like_every_other_entry(app, client):
    sign_in_staff(client, "team_lead")
    assert client.get("/staff/statistics?format=csv").status_code == 200
    with db(app) as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.reference == statistics.EXPORT_REFERENCE)).one()
    assert (entry.action, entry.staff_role) == ("export", "team_lead")
