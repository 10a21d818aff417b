"""Every rendered page in every language passes the W3C Nu HTML checker with zero errors.

The checker starts once for all pages (each start costs about a second). One database is enough here: the
markup does not depend on it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from eservice import create_app
from eservice.cli import upgrade
from eservice.i18n import offered_languages
from eservice.instrument import INSTRUMENT

from .helpers import REFERENCE, SINGLE_PART_I, SINGLE_PART_II, Applicant, db, fill, sign_in_staff, staff_token

VNU = Path(__file__).resolve().parent.parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# The journey below answers part I with one child: part II then asks about the child, and nothing is sent without it.
ONE_CHILD = {
    "children_everyday": {
        "child_age": "7",
        "children_school": ["school"],
        "children_live": "with_me",
        "custody": "joint",
    },
    "children_wellbeing": {"children_health": "well", "children_space": "yes", "childcare_enough": "yes"},
}


def _pages_of_a_journey(client, lang: str) -> dict[str, str]:
    pages = {}
    for path in [
        "",
        "resume",
        "questions",
        "glossary",
        "glossary?q=kassa",
        "interpreter",
        "accessibility",
        "safety",
        "privacy",
        "no-such-page",
    ]:
        pages[path or "start"] = client.get(f"/{lang}/{path}").get_data(as_text=True)
    person = Applicant(client, lang=lang)
    person.post_form("new", page_path="")
    pages["your-code"] = person.get("your-code").get_data(as_text=True)
    person.post_form("your-code")
    pages["tasks-empty"] = person.get("tasks").get_data(as_text=True)
    pages["errors"] = person.answer("household", {"children_count": "many"}).get_data(as_text=True)
    pages["resume-error"] = (
        Applicant(client.application.test_client(), lang).resume("X-NOPE", "x").get_data(as_text=True)
    )
    fill(
        person,
        SINGLE_PART_I
        | {
            "household": {"applying_with": "with_partner", "children_count": "1", "other_adults": "no"},
            "partner_occupation": {"partner_occupation": "pensioner"},
        },
    )
    for page in (p for part in INSTRUMENT.applicant_parts() for p in part.pages()):
        response = person.get(f"q/{page.id}")
        if response.status_code == 200:
            pages[f"q-{page.id}"] = response.get_data(as_text=True)
    pages["partner"] = person.get("partner").get_data(as_text=True)
    person.post_form("partner")
    pages["partner-code"] = person.get("partner/invitation").get_data(as_text=True)
    pages["check-incomplete"] = person.get("check").get_data(as_text=True)
    pages["section-sensitive"] = person.get("section/sensitive").get_data(as_text=True)
    fill(person, SINGLE_PART_II | ONE_CHILD)
    pages["check"] = person.get("check").get_data(as_text=True)
    pages["tasks-all-done"] = person.get("tasks").get_data(as_text=True)
    assert person.submit().status_code == 302  # else "done" below would be an empty redirect, checked for nothing
    pages["done"] = person.get("done").get_data(as_text=True)
    pages["answers-read-only"] = person.get("check").get_data(as_text=True)
    pages["who-opened-empty"] = person.get("who-opened").get_data(as_text=True)
    _open_as_staff(client.application, REFERENCE.search(pages["done"]).group(1))
    pages["who-opened"] = person.get("who-opened").get_data(as_text=True)
    assert 'id="trail-empty"' in pages["who-opened-empty"]
    assert "Ada Berg" in pages["who-opened"]  # the page checked is the list itself, not an error page
    return pages


def _open_as_staff(app, reference: str) -> None:
    """A caseworker opens the case and picks it up, so that the applicant's "who has opened" page has entries; the
    names are shown there too, so that their markup is checked."""
    from eservice.models import Household

    with db(app) as session:
        case_id = session.scalars(select(Household.id).where(Household.reference == reference)).one()
    staff = app.test_client()
    sign_in_staff(staff, name="Ada Berg")
    assert staff.get(f"/staff/cases/{case_id}").status_code == 200
    staff.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(staff)})
    app.config["SHOW_CASEWORKER_NAMES_TO_APPLICANT"] = True


def _staff_pages(app) -> dict[str, str]:
    """The caseworker's pages, with a queue of cases in every state (the demo data)."""
    from eservice.db import db_session
    from eservice.demo import living_queue
    from eservice.models import Household

    with app.app_context():  # the journeys above made households already: the demo data's queue alone
        living_queue(db_session())
    lead = app.test_client()
    sign_in_staff(lead, "team_lead", "north")
    pages = {"staff-queue": lead.get("/staff/").get_data(as_text=True)}
    pages["staff-queue-filtered"] = lead.get("/staff/?holder=unassigned&interpreter=yes").get_data(as_text=True)
    pages["staff-sign-in"] = app.test_client().get("/staff/sign-in").get_data(as_text=True)
    with db(app) as session:
        case_id = session.scalars(
            select(Household.id).where(Household.unit == "north", Household.meeting_at.is_not(None))
        ).first()
    pages["staff-meeting"] = lead.get(f"/staff/cases/{case_id}/meeting").get_data(as_text=True)
    pages["staff-case"] = lead.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    pages["staff-case-beside-ar"] = lead.get(f"/staff/cases/{case_id}?beside=ar").get_data(as_text=True)
    change = f"/staff/cases/{case_id}/adults/1/pages/occupation"
    pages["staff-change-answers"] = lead.get(change).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\w+)"', pages["staff-change-answers"]).group(1)
    changed = {"csrf_token": staff_token(lead), "version": version, "occupation": "studies", "af_registered": "no"}
    assert lead.post(change, data=changed).status_code == 302
    pages["staff-change-conflict"] = lead.post(change, data=changed).get_data(as_text=True)  # now stale
    pages["staff-case-changed"] = lead.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    # The case as the meeting leaves it: a note (a link made clickable, markup shown as text, a line break) and a
    # need group changed once, so its history and the "saved" notice are rendered too.
    note = "Ring <b>tolken</b> dagen före.\nRegler: https://www.example.org/tolk"
    lead.post(f"/staff/cases/{case_id}/notes", data={"csrf_token": staff_token(lead), "note": note})
    for group, agreed in (("am1", ""), ("am2", "yes")):
        data = {"csrf_token": staff_token(lead), "position": "1", "group": group, "agreed": agreed}
        assert lead.post(f"/staff/cases/{case_id}/need-group", data=data).status_code == 302
    pages["staff-case-noted"] = lead.get(f"/staff/cases/{case_id}?beside=ar&need_group_saved=1").get_data(as_text=True)
    pages["staff-meeting-error"] = lead.post(
        f"/staff/cases/{case_id}/meeting", data={"csrf_token": staff_token(lead), "meeting_at": "x"}
    ).get_data(as_text=True)
    facts = {"csrf_token": staff_token(lead), "position": "1", "gender": "woman", "birth_year": "1980"}
    saved = lead.post(f"/staff/cases/{case_id}/facts", data={**facts, "assistance_since": "2026-01-05"})
    pages["staff-case-facts-saved"] = lead.get(saved.location).get_data(as_text=True)
    wrong = lead.post(f"/staff/cases/{case_id}/facts", data={**facts, "gender": "x"})
    pages["staff-case-facts-error"] = lead.get(wrong.location).get_data(as_text=True)
    pages.update(_plan_pages(lead))
    for by in ("age", "obstacle"):
        pages[f"staff-statistics-{by}"] = lead.get(f"/staff/statistics?by={by}").get_data(as_text=True)
    admin = app.test_client()
    sign_in_staff(admin, "administrator", "")
    pages["staff-audit"] = admin.get("/staff/audit").get_data(as_text=True)
    pages["staff-statistics-admin"] = admin.get("/staff/statistics?by=time&unit=north").get_data(as_text=True)
    other = app.test_client()
    sign_in_staff(other, "caseworker", "north", subject="other")
    taken = other.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(other)})
    assert taken.status_code == 409
    pages["staff-taken"] = taken.get_data(as_text=True)
    # The pages checked are the real ones, not error pages.
    assert "Möte bokat" in pages["staff-queue"]
    assert "Kontaktuppgifter" in pages["staff-meeting"]
    assert "Vad heter du?" in pages["staff-case"]
    assert "Någon annan har ändrat svaren" in pages["staff-change-conflict"]
    assert "Den sökandes svar:" in pages["staff-case-changed"]
    assert 'lang="ar" dir="rtl"' in pages["staff-case-beside-ar"]
    assert "https://www.example.org/tolk</a>" in pages["staff-case-noted"]
    assert "Tidigare behovsgrupper" in pages["staff-case-noted"]
    assert "Öppnade" in pages["staff-audit"]
    assert "Uppgifter för statistik" in pages["staff-case"]
    assert "Uppgifterna för statistik är sparade." in pages["staff-case-facts-saved"]
    assert "Uppgifterna sparades inte" in pages["staff-case-facts-error"]
    assert "statistics-caption" in pages["staff-statistics-obstacle"]
    assert "Södra kontoret" in pages["staff-statistics-admin"]  # the administrator's choice of unit
    assert "Försenad" in pages["staff-queue"]  # the demo's overdue follow-up is on the start page
    return pages


def _version(html: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\w+)"', html).group(1)


def _plan_pages(lead) -> dict[str, str]:
    """Plans and evaluations (parts III and IV) as the caseworker writes them: the demo's meeting held in the north
    has a signed plan 1, whose follow-up is overdue. Evaluated with a try to sign too early, then decided on a new
    plan; plan 2's draft is sent with a date and a choice that cannot be read."""
    from eservice.models import CasePlan, Household

    app = lead.application
    with db(app) as session:
        case_id, plan_id = session.execute(
            select(Household.id, CasePlan.id)
            .join(CasePlan, CasePlan.household_id == Household.id)
            .where(Household.unit == "north", Household.case_state == "meeting_held")
        ).one()
    adult = f"/staff/cases/{case_id}/adults/1"
    pages = {"staff-plan-signed": lead.get(f"{adult}/plans/{plan_id}").get_data(as_text=True)}
    pages["staff-plan-changing"] = lead.get(f"{adult}/plans/{plan_id}?change=1").get_data(as_text=True)
    evaluation = lead.post(f"{adult}/plans/{plan_id}/evaluations", data={"csrf_token": staff_token(lead)}).location
    pages["staff-evaluation"] = lead.get(evaluation).get_data(as_text=True)
    early = {"csrf_token": staff_token(lead), "version": _version(pages["staff-evaluation"]), "action": "sign_off"}
    pages["staff-evaluation-not-ready"] = lead.post(evaluation, data=early).get_data(as_text=True)
    decided = {**early, "eval_assessment": "4", "eval_decision": "new_plan"}
    plan_2 = lead.post(evaluation, data=decided).location
    pages["staff-evaluation-signed"] = lead.get(evaluation).get_data(as_text=True)
    pages["staff-plan-draft"] = lead.get(plan_2).get_data(as_text=True)
    unreadable = {
        "csrf_token": staff_token(lead),
        "version": _version(pages["staff-plan-draft"]),
        "action": "save",
        "plan_changes": ["work", "no_such_choice"],
        "follow_up_on": "next week",
    }
    pages["staff-plan-error"] = lead.post(plan_2, data=unreadable).get_data(as_text=True)
    # The pages checked are the real ones, not error pages or redirects.
    assert "Ingen utvärdering än." in pages["staff-plan-signed"]
    assert "Spara ändringarna" in pages["staff-plan-changing"]
    assert "Planen som utvärderas" in pages["staff-evaluation"]
    assert "men inte signerat" in pages["staff-evaluation-not-ready"]
    assert "Vi gör en ny plan" in pages["staff-evaluation-signed"]
    assert "Signera med personen" not in pages["staff-evaluation-signed"]
    assert "<h1>Plan 2</h1>" in pages["staff-plan-draft"]
    assert "Ansöka om förskola i veckan." in pages["staff-plan-draft"]  # pre-filled from plan 1
    assert 'class="error-summary"' in pages["staff-plan-error"]
    assert 'aria-describedby="follow_up_on-error"' in pages["staff-plan-error"]  # the date's error is said in words
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    url = f"sqlite:///{root / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url)
    for lang in offered_languages():
        for name, html in _pages_of_a_journey(app.test_client(), lang.url_code).items():
            safe = name.replace("?", "_").replace("=", "_")
            (root / f"{lang.url_code}--{safe}.html").write_text(html, encoding="utf-8")
    for name, html in _staff_pages(app).items():
        (root / f"{name}.html").write_text(html, encoding="utf-8")
    return root


def test_every_page_is_valid_html(rendered):
    java = shutil.which("java")
    assert java, "make test installs Java and the Nu checker (npm ci)"
    assert VNU.exists(), "make test installs Java and the Nu checker (npm ci)"
    files = sorted(rendered.glob("*.html"))
    assert len(files) > 25
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [f"{Path(m.get('url', '')).name} line {m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert not problems, "\n".join(problems[:40])
