"""The interpreter's PDF is rendered once per key and then served from a file in the instance folder."""

from __future__ import annotations

import dataclasses
import stat
from pathlib import Path

import pytest

from eservice import create_app, pdf
from eservice.instrument import INSTRUMENT


@pytest.fixture
def renders(monkeypatch, tmp_path):
    """Counts renders; each render gives different bytes, so that serving a stored file shows in the answer."""
    calls: list[str] = []

    def fake_render(html: str) -> bytes:
        calls.append(html)
        return b"%PDF-1.7 render " + str(len(calls)).encode()

    monkeypatch.setattr(pdf, "render_pdf", fake_render)
    return calls


@pytest.fixture
def app(tmp_path):
    app = create_app("test", DATABASE_URL="sqlite://")
    app.instance_path = str(tmp_path / "instance")
    return app


def cached_files(app) -> list[Path]:
    return sorted((Path(app.instance_path) / "cache").glob("*.pdf"))


def test_a_second_request_is_served_from_the_file(app, renders):
    client = app.test_client()
    first = client.get("/sv/interpreter.pdf")
    second = app.test_client().get("/sv/interpreter.pdf")
    assert first.status_code == second.status_code == 200
    assert second.mimetype == "application/pdf"
    assert second.headers["Content-Disposition"] == 'attachment; filename="instrument-x-sv.pdf"'
    assert len(renders) == 1
    assert first.get_data() == second.get_data() == b"%PDF-1.7 render 1"
    assert [f.read_bytes() for f in cached_files(app)] == [first.get_data()]
    cache = Path(app.instance_path) / "cache"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert not list(cache.glob("*.tmp")), "the temporary file was moved into place"


def test_each_language_has_its_own_file(app, renders):
    client = app.test_client()
    sv, ar = client.get("/sv/interpreter.pdf"), client.get("/ar/interpreter.pdf")
    assert sv.get_data() != ar.get_data()
    assert len(renders) == 2
    assert len(cached_files(app)) == 2


def test_a_changed_key_gives_a_fresh_file(app, renders, monkeypatch):
    client = app.test_client()
    old = client.get("/sv/interpreter.pdf").get_data()
    monkeypatch.setattr("eservice.public.INSTRUMENT", dataclasses.replace(INSTRUMENT, version="2099.1"))
    new = client.get("/sv/interpreter.pdf").get_data()
    assert len(renders) == 2
    assert new != old
    assert len(cached_files(app)) == 2


def test_a_changed_template_gives_a_fresh_file(app, renders, monkeypatch):
    client = app.test_client()
    client.get("/sv/interpreter.pdf")
    monkeypatch.setattr("eservice.public.template_sources_digest", lambda: "an edited template")
    client.get("/sv/interpreter.pdf")
    assert len(renders) == 2


def test_the_real_pdf_is_stored_and_served_unchanged(app):
    """One real WeasyPrint render: the stored file is the PDF as rendered."""
    client = app.test_client()
    first = client.get("/sv/interpreter.pdf").get_data()
    assert first.startswith(b"%PDF-")
    assert client.get("/sv/interpreter.pdf").get_data() == first
    assert cached_files(app)[0].read_bytes() == first
