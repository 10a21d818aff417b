"""PDFs people can read: long words wrap, the file is tagged for screen readers in its language, and the answers
say when they were sent and whom to call. Each test renders real PDFs with WeasyPrint and reads them with poppler."""

from __future__ import annotations

import re
import subprocess
import zlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from eservice.models import Submission

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, db, fill

# One unbroken 120-character "word", as a pasted link is, then a sentence that must not be cut off after it.
LONG_LINK = "https://www.example.se/" + "a" * 97
AFTER_IT = "Jag vill jobba i ett bageri nära hemmet."


@pytest.fixture
def app(app, tmp_path):
    app.instance_path = str(tmp_path / "instance")  # the interpreter's PDF is cached there
    return app


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_info(data: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdf_objects(data: bytes) -> bytes:
    """The file with its compressed streams opened, so that the catalog's entries can be read."""
    opened = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            opened.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # images and fonts with other filters
    return b"\n".join(opened)


def answers_pdf(app, client, lang: str) -> bytes:
    person = Applicant(client, lang=lang).start()
    fill(person, SINGLE_PART_I)
    fill(
        person,
        {**SINGLE_PART_II, "job_search": {"wanted_work": f"{LONG_LINK} {AFTER_IT}", "job_search_hard": ["language"]}},
    )
    assert person.submit().status_code == 302
    with db(app) as session:
        session.execute(update(Submission).values(submitted_at=datetime(2026, 3, 2, 8, 15, tzinfo=UTC)))
        session.commit()
    response = person.get("answers.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    return response.data


def assert_tagged(data: bytes, tmp_path, lang: str, title: str) -> None:
    info = pdf_info(data, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    objects = pdf_objects(data)
    assert b"/StructTreeRoot" in objects
    assert b"/MarkInfo" in objects
    assert f"/Lang ({lang})".encode() in objects
    assert b"/DisplayDocTitle true" in objects


def test_the_answers_pdf_wraps_long_text_is_tagged_and_says_when_and_whom_to_call(app, client, tmp_path):
    data = answers_pdf(app, client, "sv")
    text = pdf_text(data, tmp_path)
    unbroken = re.sub(r"\s+", "", text)
    assert LONG_LINK in unbroken, "the long link is cut off at the page's edge"
    assert re.sub(r"\s+", "", AFTER_IT) in unbroken, "the sentence after the long link is cut off"
    flat = re.sub(r"\s+", " ", text)
    assert "Inskickade 2 mars 2026 klockan 09:15." in flat  # Swedish time
    assert "Ring Exempelkommunen på 0000-00 00 00 (måndag–fredag 09:00–16:00)." in flat
    assert "Det här är inte en ansökan." in flat
    reference = re.search(r"Ärendenummer: (\S+)", flat)
    assert reference
    assert_tagged(data, tmp_path, "sv", f"Dina svar – {reference[1]}")


def test_the_answers_pdf_in_application_mode_says_it_is_the_application(app, client, tmp_path):
    app.config["SUBMIT_IS_APPLICATION"] = True
    flat = re.sub(r"\s+", " ", pdf_text(answers_pdf(app, client, "sv"), tmp_path))
    assert "Din ansökan räknas från den dag vi fick den." in flat
    assert "inte en ansökan" not in flat


def test_a_pdf_in_arabic_is_tagged_as_arabic(app, client, tmp_path):
    assert_tagged(client.get("/ar/interpreter.pdf").data, tmp_path, "ar", "Instrument X – الأسئلة للمترجم")
