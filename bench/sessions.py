"""Who the bench is signed in as, and the requests it sends: the targets.

Sessions live in the database (eservice.sessions), so a session made here, in an app of our own on the same
database and with the same SECRET_KEY, is the one gunicorn's workers open from the cookie.
- Applicants: drafts filled through the real journey (eservice.demo.fill), signed in with their resume code on the
  resume page, each from an address of its own (the guessing limits count per address). The question page then
  gives the CSRF token and the page's version for the save.
- Staff: the session written directly, as tests/helpers.sign_in_staff does (the real sign-in needs a provider).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask
from flask.testing import FlaskClient

from tests.helpers import TOKEN, VERSION

from .data import BENCH_CASEWORKER, BENCH_TEAM_LEAD
from .wrk import Item, Target

COOKIE = "ix_session"
PAGE_QUESTION = "rent"  # the page with this question is measured: three questions, one of them free text
FILTERED_QUEUE = "/staff/?state=submitted&language=ar&interpreter=yes&sort=newest"


@dataclass(frozen=True)
class Applicant:
    cookie: str
    body: str  # the save: the page's own answers again, so the page's version stays the same and every save works


def _page():
    from eservice.instrument import INSTRUMENT

    return INSTRUMENT.page_of(PAGE_QUESTION)


def _form_values() -> dict[str, object]:
    from eservice.demo import PART_I_DONE

    values: dict[str, object] = {}
    for question in _page().questions:
        value = PART_I_DONE.get(question.id)
        if value is not None:
            values[question.id] = value["text"] if isinstance(value, dict) else value
    return values


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(COOKIE)
    if cookie is None:
        raise RuntimeError("no session cookie was set")
    return f"{COOKIE}={cookie.value}"


def _found(pattern, html: str, what: str) -> str:
    match = pattern.search(html)
    if match is None:
        raise RuntimeError(f"the page has no {what}")
    return match.group(1)


def applicants(app: Flask, count: int) -> list[Applicant]:
    """`count` applicants with parts I and II filled in (not sent), each signed in on a session of their own."""
    from eservice import demo, drafts
    from eservice.db import db_session

    with app.app_context():
        db = db_session()
        made = []
        for _ in range(count):
            new = drafts.start_household(db)
            demo.fill(db, new.adult, "I", demo.PART_I_DONE)
            demo.fill(db, new.adult, "II", demo.PART_II_DONE)
            made.append((new.reference, new.code))
    signed_in = []
    for number, (reference, code) in enumerate(made):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"127.0.1.{number + 1}"
        page = client.get("/sv/resume").get_data(as_text=True)
        form = {"csrf_token": _found(TOKEN, page, "CSRF token"), "reference": reference, "code": code}
        answer = client.post("/sv/resume", data=form)
        if answer.status_code != 302:
            raise RuntimeError(f"resuming a bench applicant answered {answer.status_code}")
        page = client.get(f"/sv/q/{_page().id}").get_data(as_text=True)
        body = {
            "csrf_token": _found(TOKEN, page, "CSRF token"),
            "version": _found(VERSION, page, "version"),
            **_form_values(),
            "action": "continue",
        }
        signed_in.append(Applicant(_cookie(client), urlencode(body, doseq=True)))
    return signed_in


def staff(app: Flask, subject: str, role: str, unit: str) -> str:
    """A staff member signed in: the cookie."""
    from eservice.cases import commands
    from eservice.db import db_session
    from eservice.staff.roles import StaffMember

    member = StaffMember(subject, "bench", subject.replace("-", " ").title(), role, unit, "oidc")
    client = app.test_client()
    with client.session_transaction() as session:
        session["staff"] = member.as_session()
    with app.app_context():
        commands.remember_staff(db_session(), member)
    return _cookie(client)


def _fit(items: list[Item], threads: int) -> tuple[Item, ...]:
    """Whole rounds of the threads: each wrk thread takes an equal share (bench.wrk.script)."""
    if not items:
        raise ValueError("no items")
    while len(items) < threads:
        items = items * 2
    return tuple(items[: len(items) - len(items) % threads])


def targets(app: Flask, units: list[str], case_ids: list[str], threads: int, connections: int) -> list[Target]:
    """Every measured request, in the order they are run."""
    people = applicants(app, max(2 * connections, threads))
    caseworker = staff(app, BENCH_CASEWORKER, "caseworker", units[0])
    team_lead = staff(app, BENCH_TEAM_LEAD, "team_lead", units[0])
    page = f"/sv/q/{_page().id}"

    def one(path: str, cookie: str = "") -> tuple[Item, ...]:
        return _fit([Item(path, cookie)], threads)

    return [
        Target("start", "Start page", "GET", one("/sv/")),
        Target("question", "Question page (signed in)", "GET", _fit([Item(page, p.cookie) for p in people], threads)),
        Target(
            "save", "Saving a page (POST)", "POST", _fit([Item(page, p.cookie, p.body) for p in people], threads), 302
        ),
        Target("check", "Check answers", "GET", _fit([Item("/sv/check", p.cookie) for p in people], threads)),
        Target("queue", "Queue, first page", "GET", one("/staff/", caseworker)),
        Target("queue_filtered", "Queue, filtered", "GET", one(FILTERED_QUEUE, caseworker)),
        Target("case", "Case view", "GET", _fit([Item(f"/staff/cases/{i}", caseworker) for i in case_ids], threads)),
        Target("statistics", "Statistics", "GET", one("/staff/statistics", team_lead)),
        Target("interpreter_pdf", "Interpreter PDF (ar)", "GET", one("/ar/interpreter.pdf")),
    ]


def hello(threads: int) -> Target:
    return Target("hello", "Hello world (baseline)", "GET", _fit([Item("/")], threads))
