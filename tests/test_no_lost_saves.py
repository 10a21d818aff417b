"""No lost saves: the database away, a worker killed mid-save, PostgreSQL restarted under load (issue 14, item 5).

The first tests use the test client on SQLite and PostgreSQL; the crash test at the end runs the service under
gunicorn (2 sync workers, production settings) on a throwaway PostgreSQL with six applicants saving at once.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from dataclasses import dataclass, field

import pytest
from sqlalchemy import event

from eservice import drafts
from eservice.db import POOL_SETTINGS, make_engine, pool_options
from eservice.instrument import INSTRUMENT

from .helpers import VERSION, Applicant, sign_in_staff, token

MESSAGE = "Vi kunde inte spara just nu. Det du skrev finns kvar. Försök igen om en stund."
UNAVAILABLE = "Tjänsten fungerar inte just nu"


@contextlib.contextmanager
def database_away(app):
    """Every new connection is refused, as by a database that is restarting; the pooled ones are gone."""
    engine = app.extensions["db_engine"]
    error = engine.dialect.loaded_dbapi.OperationalError

    def refuse(*_args, **_kwargs):
        raise error("the database is away (test)")

    engine.dispose()
    event.listen(engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)


def _read_page(person: Applicant, page_id: str) -> tuple[str, str]:
    html = person.get(f"q/{page_id}").get_data(as_text=True)
    assert 'name="shown" value="full_name birth_year gender personal_number"' in html
    return token(html), VERSION.search(html).group(1)


def _about_you(person: Applicant, csrf: str, version: str, name: str, **headers):
    shown = "full_name birth_year gender personal_number"  # as the page lists them in its field "shown"
    form = {"csrf_token": csrf, "version": version, "shown": shown, "full_name": name, "birth_year": "1985"}
    return person.client.post(person.url("q/about_you"), data={**form, "action": "continue"}, headers=headers)


def _stored(app, person: Applicant, question_id: str, part: str = "II"):
    from sqlalchemy import select

    from eservice.db import db_session
    from eservice.models import Household

    with app.test_request_context():
        db = db_session()
        household = db.scalar(select(Household).where(Household.reference == person.reference))
        return drafts.answer_set(db, household.adults[0], INSTRUMENT.part(part)).answers.get(question_id)


def test_a_save_while_the_database_is_away_shows_the_page_again_with_what_was_typed(app):
    person = Applicant(app.test_client()).start()
    csrf, version = _read_page(person, "about_you")
    with database_away(app):
        response = _about_you(person, csrf, version, "Sara <Typad>")
    html = response.get_data(as_text=True)
    assert response.status_code == 503, html[:500]
    assert response.headers["Retry-After"]
    assert MESSAGE in html
    assert 'id="save-failed"' in html
    assert 'value="Sara &lt;Typad&gt;"' in html
    assert 'value="1985"' in html
    # The same token and version are on the page again, so the next press saves (the session was not rewritten).
    assert token(html) == csrf
    assert VERSION.search(html).group(1) == version
    assert "<title>Fel:" in html

    again = _about_you(person, token(html), VERSION.search(html).group(1), "Sara <Typad>")
    assert again.status_code == 302, again.get_data(as_text=True)[:500]
    assert _stored(app, person, "full_name")["text"] == "Sara <Typad>"


def test_a_save_that_fails_in_the_view_rolls_back_and_the_next_request_works(app, monkeypatch):
    from sqlalchemy.exc import OperationalError

    person = Applicant(app.test_client()).start()
    csrf, version = _read_page(person, "about_you")

    def cut(*_args, **_kwargs):
        raise OperationalError("UPDATE answer_set", {}, Exception("server closed the connection unexpectedly"))

    with monkeypatch.context() as patch:
        patch.setattr(drafts, "save_page", cut)
        response = _about_you(person, csrf, version, "Amal")
    assert response.status_code == 503
    assert MESSAGE in response.get_data(as_text=True)
    assert 'value="Amal"' in response.get_data(as_text=True)
    assert person.get("tasks").status_code == 200  # still signed in, and the database session is usable
    assert _about_you(person, csrf, version, "Amal").status_code == 302


def test_other_pages_say_the_service_is_away_for_a_moment(app):
    person = Applicant(app.test_client()).start()
    staff = app.test_client()
    sign_in_staff(staff)
    with database_away(app):
        for client, path in ((person.client, "/sv/tasks"), (person.client, "/ar/check"), (staff, "/staff/")):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.headers["Retry-After"]
        assert UNAVAILABLE in person.client.get("/sv/tasks").get_data(as_text=True)
    assert person.get("tasks").status_code == 200  # back by itself, and the session survived the outage
    assert staff.get("/staff/").status_code == 200


def test_a_save_sent_by_the_script_is_answered_204_with_the_next_page(app):
    person = Applicant(app.test_client()).start()
    csrf, version = _read_page(person, "about_you")
    response = _about_you(person, csrf, version, "Sara", **{"X-Save-By-Script": "1"})
    assert response.status_code == 204
    assert response.headers["X-Next-Page"] == "/sv/q/contact"
    assert _stored(app, person, "full_name")["text"] == "Sara"
    # Anything but a save is answered as without the script: errors to correct, and a plain redirect.
    csrf, version = _read_page(person, "about_you")
    assert _about_you(person, csrf, version, "", **{"X-Save-By-Script": "1"}).status_code == 400
    assert _about_you(person, csrf, version, "Sara").headers.get("X-Next-Page") is None


def test_a_save_sent_again_after_its_answer_was_lost_is_not_a_conflict(app):
    person = Applicant(app.test_client()).start()
    csrf, version = _read_page(person, "about_you")
    assert _about_you(person, csrf, version, "Sara").status_code == 302
    # The answer never arrived (a cut connection): the person presses again with the page as it was.
    assert _about_you(person, csrf, version, "Sara").status_code == 302
    # Other answers on the stale page are still a conflict: another tab saved in between.
    assert _about_you(person, csrf, version, "Sara Ahmed").status_code == 409
    assert _stored(app, person, "full_name")["text"] == "Sara"


def test_pool_settings_come_from_the_environment_with_sound_defaults():
    defaults = pool_options({})
    assert defaults["pool_pre_ping"] is True
    assert defaults["pool_timeout"] == POOL_SETTINGS["DB_POOL_TIMEOUT"]
    assert defaults["connect_args"] == {"connect_timeout": 5, "options": "-c statement_timeout=20000"}
    chosen = pool_options({"DB_CONNECT_TIMEOUT": "2", "DB_POOL_RECYCLE": "60", "DB_STATEMENT_TIMEOUT": "0"})
    assert chosen["connect_args"] == {"connect_timeout": 2}
    assert chosen["pool_recycle"] == 60
    for wrong in ({"DB_POOL_TIMEOUT": "ten"}, {"DB_CONNECT_TIMEOUT": "0"}, {"DB_STATEMENT_TIMEOUT": "-1"}):
        with pytest.raises(RuntimeError, match=next(iter(wrong))):
            pool_options(wrong)
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # no connection is made here
    assert engine.pool._pre_ping
    assert engine.pool._timeout == 10
    assert engine.pool._recycle == 1800


# --- The crash test: gunicorn, six applicants saving, a worker killed, PostgreSQL restarted ----------------------

COOKIE = re.compile(r"ix_session=([^;]*)")
REFERENCE = re.compile(r'id="reference">([^<]+)<')
SAVED = {302, 303, 204}


@dataclass
class Saver:
    """One applicant saving the assets page again and again, each time with a larger bank balance."""

    url: str
    by_script: bool
    cookie: str = ""
    reference: str = ""
    acked: list[tuple[int, float]] = field(default_factory=list)  # (value, when the success arrived)
    sent: list[int] = field(default_factory=list)
    events: list[tuple[str, float, str]] = field(default_factory=list)  # (cut / 503 / wrong, when, detail)

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        import requests

        # By hand: production marks the cookie Secure, which a client on plain http would not send back.
        response = requests.request(
            method,
            self.url + path,
            data=data,
            headers={"Cookie": f"ix_session={self.cookie}", **(headers or {})},
            allow_redirects=False,
            timeout=60,
        )
        found = COOKIE.search(response.headers.get("Set-Cookie", ""))
        if found:
            self.cookie = found.group(1)
        return response

    def form(self, path: str) -> tuple[str, str]:
        html = self.request("GET", path).text
        return token(html), (VERSION.search(html).group(1) if VERSION.search(html) else "")

    def start(self) -> Saver:
        csrf, _ = self.form("/sv/")
        assert self.request("POST", "/sv/new", {"csrf_token": csrf}).status_code == 302
        html = self.request("GET", "/sv/your-code").text
        self.reference = REFERENCE.search(html).group(1)
        assert self.request("POST", "/sv/your-code", {"csrf_token": token(html)}).status_code == 302
        return self

    def save(self, value: int, csrf: str, version: str):
        data = {"csrf_token": csrf, "version": version, "shown": "bank_balance owns_car owns_property"}
        data |= {"bank_balance": str(value), "owns_car": "no", "owns_property": "no", "action": "continue"}
        return self.request("POST", "/sv/q/assets", data, {"X-Save-By-Script": "1"} if self.by_script else {})

    def run(self, stop: threading.Event) -> None:
        import requests

        value = 0
        while not stop.is_set():
            try:
                page = self.request("GET", "/sv/q/assets")
                if page.status_code != 200:
                    kind = "503" if page.status_code == 503 else "wrong"
                    self.events.append((kind, time.monotonic(), f"GET {page.status_code}"))
                    time.sleep(0.05)
                    continue
                value += 1
                self.sent.append(value)
                response = self.save(value, token(page.text), VERSION.search(page.text).group(1))
            except requests.ConnectionError as error:
                self.events.append(("cut", time.monotonic(), type(error).__name__))
                continue
            if response.status_code in SAVED:
                self.acked.append((value, time.monotonic()))
            elif response.status_code == 503:
                kept = f'value="{value}"' in response.text and MESSAGE in response.text
                self.events.append(("503" if kept else "wrong", time.monotonic(), "POST"))
            else:
                self.events.append(("wrong", time.monotonic(), f"POST {response.status_code}"))


def _stored_balances(database_url: str, references: list[str]) -> dict[str, int]:
    import psycopg

    with psycopg.connect(database_url.replace("+psycopg", "")) as conn:
        rows = conn.execute(
            "SELECT h.reference, a.answers FROM answer_set a JOIN household h ON h.id = a.household_id"
            " WHERE a.part = 'I' AND h.reference = ANY(%s)",
            (references,),
        ).fetchall()
    return {reference: int(answers["bank_balance"]) for reference, answers in rows}


def test_no_save_answered_with_success_is_lost_when_a_worker_dies_and_postgresql_restarts(tmp_path):
    from .gunicorn_service import gunicorn_service

    extra = {"DB_CONNECT_TIMEOUT": "2", "DB_POOL_TIMEOUT": "3"}
    with gunicorn_service(tmp_path, workers=2, extra_env=extra) as service:
        savers = [Saver(service.url, by_script=i % 2 == 0).start() for i in range(6)]
        probe = Saver(service.url, by_script=False).start()  # for the outage page, outside the flow
        stop = threading.Event()
        threads = [threading.Thread(target=s.run, args=(stop,), daemon=True) for s in savers]
        for thread in threads:
            thread.start()
        try:
            time.sleep(1.5)
            killed_at = time.monotonic()
            killed = service.kill_worker()
            time.sleep(2)
            assert killed not in service.workers()

            csrf, version = probe.form("/sv/q/assets")
            down_at = time.monotonic()
            service.stop_database()
            try:
                outage = probe.save(4711, csrf, version)
                assert outage.status_code == 503, outage.text[:500]
                assert MESSAGE in outage.text
                assert 'value="4711"' in outage.text
                tasks = probe.request("GET", "/sv/tasks")
                assert tasks.status_code == 503
                assert UNAVAILABLE in tasks.text
                time.sleep(0.5)
            finally:
                service.start_database()
            up_at = time.monotonic()

            # Back by itself: every applicant gets a save through again within a few seconds.
            deadline = up_at + 8
            while time.monotonic() < deadline and not all(s.acked and s.acked[-1][1] > up_at for s in savers):
                time.sleep(0.1)
            recovered_at = time.monotonic()
            assert recovered_at < deadline, "saves did not work again within 8 s after PostgreSQL was back"
            time.sleep(1)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=70)
        assert probe.save(4712, *probe.form("/sv/q/assets")).status_code == 302  # the probe's session survived

        stored = _stored_balances(service.database_url, [s.reference for s in savers])
        for saver in savers:
            last_acked = saver.acked[-1][0]
            in_flight = [v for v in saver.sent if v > last_acked]
            # The last save answered with success is there, or a later one whose answer was lost or not yet read.
            assert stored[saver.reference] == last_acked or stored[saver.reference] in in_flight, (
                saver.reference,
                stored[saver.reference],
                last_acked,
            )
            for kind, when, detail in saver.events:
                assert kind != "wrong", (detail, saver.events)
                if kind == "cut":  # only the requests the killed worker was serving
                    assert killed_at <= when < killed_at + 2, (when - killed_at, detail)
                else:  # 503 only while PostgreSQL was away, and not after it was back and saves worked
                    assert down_at <= when < recovered_at, (when - down_at, detail)
        # Saves flowed before the worker was killed, not only after PostgreSQL was back.
        assert all(s.acked[0][1] < killed_at for s in savers), [len(s.acked) for s in savers]


def test_a_connection_lost_once_the_answer_is_made_does_not_fail_the_answer(postgres_app):
    """The crash test found it: PostgreSQL went away between a page being made and the request's session being
    closed, and the failed rollback at close turned a good page into a 500."""
    from sqlalchemy import text

    from eservice.db import db_session

    app = postgres_app

    def made_then_lost():
        db = db_session()
        pid = db.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with app.extensions["db_engine"].connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return "made"

    app.add_url_rule("/made-then-lost", "made_then_lost", made_then_lost)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/made-then-lost")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "made")
    assert app.test_client().get("/api/health").status_code == 200  # and the pool carries on
