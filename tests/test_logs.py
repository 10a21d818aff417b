"""Logs carry a request id and one line per request, and never what the applicant wrote or their codes.

A whole journey with known values runs while every logger (the service's, Werkzeug's, SQLAlchemy's and the root)
records at DEBUG, the most any operator could turn on; none of the values may appear in any record.
"""

from __future__ import annotations

import logging
import re

import pytest

from eservice import create_app
from eservice.cli import upgrade
from eservice.request_log import REQUEST_ID_HEADER

from .helpers import SINGLE_PART_I, Applicant, fill

MARKER = "Zq7MarkerXy"
REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


@pytest.fixture
def app(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url)
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def everything_logged(caplog):
    for name in ("eservice", "werkzeug", "sqlalchemy", None):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def text_of(record: logging.LogRecord) -> str:
    return " ".join([record.getMessage(), str(record.args), record.exc_text or "", str(record.__dict__)])


def test_a_journey_leaves_no_answers_codes_or_references_in_the_logs(app, everything_logged):
    client = app.test_client()
    person = Applicant(client).start()
    answers = {**SINGLE_PART_I, "housing": {**SINGLE_PART_I["housing"], "landlord": f"{MARKER} hyresvärd"}}
    fill(person, answers)
    person.get(f"q/housing?return=check&{MARKER}=1")
    client.get(f"/sv/glossary?q={MARKER}")
    client.post("/sv/save-and-exit")
    again = Applicant(app.test_client())
    assert again.resume(person.reference, person.code).status_code == 302
    again.resume(person.reference, f"{MARKER}-wrong")

    records = everything_logged.records
    assert any(r.name.startswith("sqlalchemy") for r in records), "SQL was logged, so its filter was tested"
    secrets = {"marker": MARKER, "reference": person.reference, "code": person.code}
    leaks = [(what, r.name, r.getMessage()[:200]) for r in records for what, s in secrets.items() if s in text_of(r)]
    assert not leaks, leaks


def test_one_line_per_request_with_the_rule_and_a_request_id(app, everything_logged):
    client = app.test_client()
    response = client.get("/sv/q/household?return=check")
    lines = [r for r in everything_logged.records if r.name == "eservice" and "/q/" in r.getMessage()]
    assert len(lines) == 1
    assert re.fullmatch(r"GET /<lang:lang>/q/<page_id> 302 \d+ms", lines[0].getMessage())
    assert lines[0].request_id == response.headers[REQUEST_ID_HEADER]
    assert REQUEST_ID.fullmatch(lines[0].request_id)
    service_records = [r for r in everything_logged.records if r.name.startswith("eservice")]
    assert all(REQUEST_ID.fullmatch(r.request_id) for r in service_records)


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("a1b2c3d4-proxy-0001", True),
        ("short", False),
        ("x" * 65, False),
        ("abcdefgh ijk", False),
        ("", False),
    ],
)
def test_a_well_formed_incoming_request_id_is_kept_and_echoed(app, everything_logged, incoming, kept):
    response = app.test_client().get("/sv/accessibility", headers={REQUEST_ID_HEADER: incoming})
    echoed = response.headers[REQUEST_ID_HEADER]
    assert (echoed == incoming) is kept
    assert REQUEST_ID.fullmatch(echoed)
    line = next(r for r in everything_logged.records if r.name == "eservice" and "accessibility" in r.getMessage())
    assert line.request_id == echoed


def test_werkzeug_access_lines_lose_their_query(everything_logged):
    # Werkzeug's development server logs the request line itself; the filter takes the query out.
    logging.getLogger("werkzeug").info('"%s" %s %s', f"GET /sv/glossary?q={MARKER} HTTP/1.1", "200", "-")
    assert MARKER not in everything_logged.records[-1].getMessage()
    assert "/sv/glossary" in everything_logged.records[-1].getMessage()
