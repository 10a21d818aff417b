"""Two app processes, one PostgreSQL: a person moved between them on every request notices nothing.

Production runs several gunicorn processes (and maybe several machines) behind one proxy, and a browser's requests
land on any of them. So nothing one request leaves for the next may live in a process's memory: sessions, CSRF
tokens, the code shown once, sign-in state for the identity provider, guessing limits, who holds a case. Here two
real gunicorn servers with the same production settings sit behind a pretend proxy (the client sends the public
Host and X-Forwarded-Proto: https, as the proxy would), and every request of a person goes to the other server
than the one before: a page is read on one and its form posted to the other.

PostgreSQL only: SQLite is one machine's file, and production is PostgreSQL.
"""

from __future__ import annotations

import ast
import http.client
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
from flask import Flask
from sqlalchemy import select

from eservice import create_app
from eservice.cli import upgrade
from eservice.demo import PART_II_DONE

from .app_processes import AppProcess, production_env, running
from .helpers import CODE, REFERENCE, SINGLE_PART_I, SINGLE_PART_II, VERSION, db, stored_answers, submit_case, token
from .oidc_provider import STAFF_SECRET, OidcTestProvider, log_in_at_provider

HOST = "etjanst.exempel.se"  # the service's public name: both servers answer to it, as behind one proxy
ORIGIN = f"https://{HOST}"


@dataclass
class Answer:
    status: int
    location: str  # the path a redirect leads to (without the public origin), or ""
    text: str
    server: int  # which of the servers answered


class Browser:
    """One person's browser, sent to the other server on every request. Keeps its cookies itself: they are Secure
    (the service thinks it is on https) and the plain HTTP behind the pretend proxy must carry them anyway."""

    def __init__(self, servers: list[AppProcess]) -> None:
        self.servers = servers
        self.cookies: dict[str, str] = {}
        self.requests = 0
        self.last_page = ""
        self.served_by: list[int] = []

    def _send(self, method: str, path: str, body: str = "") -> Answer:
        number = self.requests % len(self.servers)
        self.requests += 1
        server = self.servers[number]
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = ORIGIN + self.last_page  # a browser sends it; the CSRF check on https wants it
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for line in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(line).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            location = (response.getheader("Location") or "").removeprefix(ORIGIN)
        finally:
            connection.close()
        self.served_by.append(number)
        if method == "GET" and response.status == 200:
            self.last_page = path
        return Answer(response.status, location, text, number)

    def get(self, path: str) -> Answer:
        return self._send("GET", path)

    def post(self, path: str, form: dict) -> Answer:
        return self._send("POST", path, urlencode(form, doseq=True))


class FormValues(HTMLParser):
    """What a page's form shows as filled in: name -> values (typed text, ticked boxes and chosen options)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.values: dict[str, set[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)

    def _add(self, name: str | None, value: str | None) -> None:
        if name and value:
            self.values.setdefault(name, set()).add(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") in ("radio", "checkbox"):
            if "checked" in a:
                self._add(a.get("name"), a.get("value"))
        elif tag == "input" and a.get("type") not in ("hidden", "submit"):
            self._add(a.get("name"), a.get("value"))
        elif tag == "textarea":
            self._textarea = a.get("name")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._add(self._textarea, data.strip())


def _plain(value: str) -> str:
    """As the service shows what was typed: "6 500" as 6500, "070-123 45 67" as 0701234567."""
    return re.sub(r"[\s-]", "", value)


def shown_values(html: str) -> dict[str, set[str]]:
    return {name: {_plain(v) for v in values} for name, values in FormValues(html).values.items()}


@dataclass
class Service:
    servers: list[AppProcess]
    app: Flask  # an app of our own on the same database and keys: to make cases and read what was stored


@pytest.fixture(scope="module")
def service(pg_cluster, tmp_path_factory):
    url = pg_cluster.create_database("several_processes")
    upgrade(url)
    provider = OidcTestProvider(redirect_uris=[f"{ORIGIN}/staff/callback", f"{ORIGIN}/e-id/callback"]).start()
    env = production_env(
        url,
        TRUSTED_HOSTS=HOST,
        PROXY_FIX_X_PROTO="1",  # the proxy says the browser came over https
        STAFF_OIDC_ISSUER=provider.issuer,
        STAFF_OIDC_CLIENT_ID="staff-client",
        STAFF_OIDC_CLIENT_SECRET=STAFF_SECRET,
        STAFF_OIDC_SCOPES="openid profile staff",
        STAFF_ROLE_MAP="handlaggare=caseworker",
    )
    app = create_app("test", DATABASE_URL=url, ANSWER_KEYS=env["ANSWER_KEYS"], STAFF_UNITS=env["STAFF_UNITS"])
    try:
        with running(url, tmp_path_factory.mktemp("servers"), count=2, env=env) as servers:
            assert servers[0].process.pid != servers[1].process.pid
            yield Service(servers, app)
    finally:
        provider.stop()
        app.extensions["db_engine"].dispose()


def fill_page(person: Browser, page_id: str, answers: dict) -> None:
    """Read the page on one server, save it on the other, and read it again: it shows what was typed."""
    path = f"/sv/q/{page_id}"
    page = person.get(path)
    assert page.status == 200, (page_id, page.status)
    form = {"csrf_token": token(page.text), "action": "continue", **answers}
    version = VERSION.search(page.text)
    if version:
        form["version"] = version.group(1)
    saved = person.post(path, form)
    assert saved.status == 302, (page_id, saved.status, saved.text[:1000])
    assert saved.location.startswith("/sv/"), saved.location
    assert saved.location != path, saved.location  # on to the next page: saved, not shown again with an error
    shown = shown_values(person.get(path).text)
    for name, value in answers.items():
        wanted = {_plain(v) for v in ([value] if isinstance(value, str) else value)}
        assert wanted <= shown.get(name, set()), (page_id, name, wanted, shown.get(name))


def test_an_applicant_moved_between_processes_on_every_request_fills_in_and_sends(service):
    person = Browser(service.servers)
    start = person.get("/sv/")
    assert start.status == 200
    new = person.post("/sv/new", {"csrf_token": token(start.text)})  # the token from the other server's page
    assert (new.status, new.location) == (302, "/sv/your-code")
    shown = person.get("/sv/your-code")  # the code, kept in the session the other server wrote
    assert shown.status == 200
    reference, code = REFERENCE.search(shown.text).group(1), CODE.search(shown.text).group(1)
    seen = person.post("/sv/your-code", {"csrf_token": token(shown.text)})
    assert (seen.status, seen.location) == (302, "/sv/tasks")
    again = person.get("/sv/your-code")  # shown once: gone from the session, for the other server too
    assert (again.status, again.location) == (302, "/sv/tasks")

    for page_id, answers in SINGLE_PART_I.items():
        fill_page(person, page_id, answers)
    part_one = stored_answers(service.app, reference, "I")
    assert part_one["landlord"]["text"] == "Anna"
    assert part_one["applying_with"] == "alone"
    assert part_one["reason"] == ["unemployed"]

    # Save and leave on one server; the session is gone on the other too.
    tasks = person.get("/sv/tasks")
    assert tasks.status == 200
    left = person.post("/sv/save-and-exit", {"csrf_token": token(tasks.text)})
    assert (left.status, left.location) == (302, "/sv/saved")
    assert f">{reference}<" in person.get("/sv/saved").text
    signed_out = person.get("/sv/tasks")
    assert signed_out.status == 302
    assert "/tasks" not in signed_out.location
    assert person.get(signed_out.location).status == 200  # (one more request: the code goes to the other server)

    # Back with the code: the resume form read on one server, sent to the other.
    form = person.get("/sv/resume")
    back = person.post("/sv/resume", {"csrf_token": token(form.text), "reference": reference, "code": code})
    assert (back.status, back.location) == (302, "/sv/tasks")
    assert back.server != left.server
    for page_id, answers in SINGLE_PART_II.items():
        fill_page(person, page_id, answers)
    part_two = stored_answers(service.app, reference, "II")
    assert part_two["full_name"]["text"] == "Sara Ahmed"
    assert part_two["wanted_work"]["text"] == "Bagare"

    check = person.get("/sv/check")
    assert check.status == 200
    for typed in ("Sara Ahmed", "Bagare", "Anna"):
        assert typed in check.text
    sent = person.post("/sv/submit", {"csrf_token": token(check.text), "declaration": "y"})
    assert (sent.status, sent.location) == (302, "/sv/done")
    done = person.get("/sv/done")
    assert done.status == 200
    assert f'id="reference">{reference}<' in done.text
    assert submitted(service.app, reference)

    # Every request went to the other server than the one before, and both servers did both kinds of work.
    assert all(a != b for a, b in zip(person.served_by, person.served_by[1:], strict=False))
    assert set(person.served_by) == {0, 1}


def submitted(app, reference: str) -> bool:
    from eservice.models import Household

    with db(app) as session:
        household = session.scalars(select(Household).where(Household.reference == reference)).one()
        return household.submitted_at is not None


def test_a_page_saved_on_one_process_makes_the_older_copy_stale_on_the_other(service):
    person = Browser(service.servers)
    reference, code = new_draft(service.app)
    form = person.get("/sv/resume")
    back = person.post("/sv/resume", {"csrf_token": token(form.text), "reference": reference, "code": code})
    assert back.status == 302
    first_tab = person.get("/sv/q/household")
    second_tab = person.get("/sv/q/household")
    answers = {"applying_with": "alone", "children_count": "0", "other_adults": "no", "action": "continue"}
    saved = person.post(
        "/sv/q/household",
        {"csrf_token": token(second_tab.text), "version": VERSION.search(second_tab.text).group(1), **answers},
    )
    assert saved.status == 302
    stale = person.post(
        "/sv/q/household",
        {
            "csrf_token": token(first_tab.text),
            "version": VERSION.search(first_tab.text).group(1),
            **answers,
            "applying_with": "with_partner",
        },
    )
    assert stale.status == 409  # the other server saw the save: the older copy is refused, not written over it
    assert stored_answers(service.app, reference, "I")["applying_with"] == "alone"


def new_draft(app) -> tuple[str, str]:
    from eservice import drafts
    from eservice.db import db_session

    with app.test_request_context():
        new = drafts.start_household(db_session())
        return new.reference, new.code


NOT_FOUND = "Vi hittade ingen ansökan"  # the one answer to a wrong code, an unknown reference, or waiting


def guess(person: Browser, reference: str, code: str) -> Answer:
    form = person.get("/sv/resume")
    return person.post("/sv/resume", {"csrf_token": token(form.text), "reference": reference, "code": code})


def test_guessing_is_counted_on_both_processes_together(service):
    """Five wrong codes, alternating servers: the sixth try waits, even with the right code. Counted per process,
    each would have seen three tries, under the five that go through at once, and let the right code in."""
    reference, code = new_draft(service.app)
    guesser = Browser(service.servers)
    for _ in range(5):
        wrong = guess(guesser, reference, "x" * 8)
        assert wrong.status == 400
        assert NOT_FOUND in wrong.text
    right = guess(guesser, reference, code)
    assert right.status == 400
    assert NOT_FOUND in right.text

    # What one process alone would have counted: three wrong codes, and the right one still gets in.
    reference, code = new_draft(service.app)
    one_server = Browser(service.servers[:1])
    for _ in range(3):
        assert NOT_FOUND in guess(one_server, reference, "x" * 8).text
    assert guess(one_server, reference, code).location == "/sv/tasks"


def staff_sign_in(person: Browser, account: str) -> None:
    """The real sign-in: begun on one server (state, nonce and PKCE verifier go into the session), finished on the
    other after the provider."""
    begun = person.get("/staff/sign-in/start")
    assert begun.status == 302
    back = urlparse(log_in_at_provider(begun.location, account))
    assert back.netloc == HOST, back
    finished = person.get(f"{back.path}?{back.query}")
    assert (finished.status, finished.location) == (302, "/staff/")


HOLDER = re.compile(r"<dt>Har ärendet</dt><dd>([^<]*)</dd>")


def test_staff_sign_in_and_pick_up_on_one_process_are_seen_on_the_other(service):
    case_id, reference = submit_case(service.app)
    anna = Browser(service.servers)
    staff_sign_in(anna, "anna")
    queue = anna.get("/staff/")
    assert queue.status == 200
    assert "Anna Handläggare" in queue.text
    assert reference in queue.text
    case = anna.get(f"/staff/cases/{case_id}")
    assert case.status == 200
    assert HOLDER.search(case.text).group(1) == "Ingen"
    # Part II is sealed at rest: either server opens it with the same keys.
    assert PART_II_DONE["full_name"]["text"] in case.text
    picked = anna.post(f"/staff/cases/{case_id}/pick-up", {"csrf_token": token(case.text)})
    assert (picked.status, picked.location) == (302, f"/staff/cases/{case_id}/meeting")
    assert HOLDER.search(anna.get(f"/staff/cases/{case_id}").text).group(1) == "Anna Handläggare"
    mine = anna.get("/staff/?holder=mine")
    assert reference in mine.text

    lena = Browser(service.servers[::-1])  # starts on the other server
    staff_sign_in(lena, "lena")
    queue = lena.get("/staff/")
    lost = lena.post(f"/staff/cases/{case_id}/pick-up", {"csrf_token": token(queue.text)})
    assert lost.status == 409
    assert "Anna Handläggare har ärendet" in lost.text


# What the service keeps in a process's memory beyond one request, and why another process never needs it: each is
# the same for everyone and derived from code, files shipped with it, or its settings, all fixed until a restart.
# Per-person state (sessions, codes, limits, who holds a case, sign-in state) lives in the database instead.
KEPT_IN_PROCESS = {
    "eservice/assets.py:_digest": "a static file's hash, keyed on its size and change time",
    "eservice/cases/workdays.py:_closed_weekdays": "a year's public holidays, from the holidays package",
    "eservice/i18n.py:reviewed_texts": "which texts a translator marked reviewed, from the shipped catalog",
    "eservice/i18n.py:unreviewed_count": "the same, counted",
    "eservice/i18n.py:offered_languages": "which languages have a compiled catalog shipped with the service",
    "eservice/municipality.py:parse_opening_hours": "the opening hours setting, parsed",
    "eservice/pdf.py:template_sources_digest": "the shipped templates' hash, part of the interpreter PDF's key",
    "eservice/public/__init__.py:_definition_digest": "the instrument definition's hash",
    "eservice/public/__init__.py:_catalog_digest": "a compiled catalog's hash",
}
CACHING_DECORATORS = {"cache", "lru_cache", "cached_property"}
IN_PROCESS_MODULES = {"threading", "multiprocessing", "flask_caching", "cachetools", "diskcache"}


def in_process_state(root: Path) -> set[str]:
    """Every function whose result a process keeps (functools' caches), and every module that imports a lock or a
    cache library: the places where one process could hold what another needs."""
    found = set()
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    called = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                    if called in CACHING_DECORATORS:
                        found.add(f"{name}:{node.name}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found.update(f"{name}:import {m}" for m in modules if m.split(".")[0] in IN_PROCESS_MODULES)
    return found


def test_what_a_process_keeps_in_memory_is_the_same_for_everyone():
    """A new cache, lock or cache library in the service must be looked at with several processes in mind (and, if it
    is the same for everyone, added above with why). The check itself finds one planted in a copy of a module."""
    service = Path(__file__).resolve().parent.parent / "eservice"
    assert in_process_state(service) == set(KEPT_IN_PROCESS)


def test_the_in_process_state_check_finds_caches_and_locks(tmp_path):
    package = tmp_path / "eservice"
    package.mkdir()
    (package / "limits.py").write_text(
        "import functools\nfrom threading import Lock\n\n"
        "@functools.lru_cache(maxsize=None)\ndef attempts(reference): ...\n"
    )
    assert in_process_state(package) == {"eservice/limits.py:attempts", "eservice/limits.py:import threading"}
