"""Review state per entry: the marker survives `pybabel update`, and a translated page says it is not reviewed while,
and only while, it shows a text that is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from flask import g

from eservice import i18n
from eservice.i18n import ALL_LANGUAGES, REVIEW_NOTICE, catalog_path, reviewed_texts, unreviewed_count
from eservice.i18n_review import reviewed_in

ENGLISH = next(lang for lang in ALL_LANGUAGES if lang.url_code == "en")
NOTICE = 'class="review-notice"'
MARK = "reviewed: Amina Hassan 2026-12-01"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_marker_survives_pybabel_update_and_a_changed_text_loses_it(tmp_path):
    pot = _write(tmp_path / "messages.pot", 'msgid "Hej"\nmsgstr ""\n\nmsgid "Ny text"\nmsgstr ""\n')
    po = _write(
        tmp_path / "xx" / "LC_MESSAGES" / "messages.po",
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'# {MARK}\nmsgid "Hej"\nmsgstr "Hello"\n\n# {MARK}\nmsgid "Gammal text"\nmsgstr "Old text"\n',
    )
    assert reviewed_in(po) == {(None, "Hej"), (None, "Gammal text")}
    # The same command and options as `make messages`.
    pybabel = str(Path(sys.executable).parent / "pybabel")
    args = ["update", "--no-fuzzy-matching", "--ignore-obsolete", "-i", str(pot), "-d", str(tmp_path)]
    subprocess.run([pybabel, "-q", *args], check=True)
    assert reviewed_in(po) == {(None, "Hej")}
    assert f"# {MARK}\n" in po.read_text(encoding="utf-8")


def test_only_a_well_formed_marker_counts(tmp_path):
    po = _write(
        tmp_path / "messages.po",
        'msgid ""\nmsgstr ""\n\n'
        '# reviewed: Amina 2026-12-01\nmsgid "A"\nmsgstr "a"\n\n'
        '# reviewed by Amina\nmsgid "B"\nmsgstr "b"\n\n'
        '# reviewed: 2026-12-01\nmsgid "C"\nmsgstr "c"\n\n'
        '#. reviewed: Amina 2026-12-01\nmsgid "D"\nmsgstr "d"\n',
    )
    assert reviewed_in(po) == {(None, "A")}  # an extracted comment (#.) comes from the code, not from a translator


def test_no_entry_is_reviewed_yet():
    for lang in ALL_LANGUAGES[1:]:
        assert reviewed_texts(lang) == frozenset()
        assert unreviewed_count(lang) > 700
        assert not lang.reviewed
    assert ALL_LANGUAGES[0].reviewed


@pytest.fixture
def english_all_reviewed(tmp_path, monkeypatch):
    """A copy of the English catalog with every entry marked reviewed, loaded as English's reviewed set."""
    with catalog_path(ENGLISH).open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id:
            message.user_comments.append(MARK)
    marked = tmp_path / "messages.po"
    with marked.open("wb") as f:
        write_po(f, catalog, omit_header=False)
    everything = reviewed_in(marked)
    assert len(everything) > 700
    loaded = {"texts": everything}
    # The language as a whole stays unreviewed: its count is taken (and cached) from the real catalog first.
    assert unreviewed_count(ENGLISH) > 700
    monkeypatch.setattr(i18n, "reviewed_texts", lambda lang: loaded["texts"] if lang is ENGLISH else frozenset())
    return loaded


def test_the_notice_shows_only_while_the_page_shows_an_unreviewed_text(client, english_all_reviewed):
    # Nothing on the page is unreviewed: no notice, even though the language as a whole is not reviewed.
    assert not ENGLISH.reviewed
    assert NOTICE not in client.get("/en/safety").get_data(as_text=True)
    assert NOTICE not in client.get("/en/").get_data(as_text=True)
    # One text of the safety page is not: the notice is back there, and only there.
    english_all_reviewed["texts"] = english_all_reviewed["texts"] - {(None, "Ta bort historiken i datorn")}
    assert NOTICE in client.get("/en/safety").get_data(as_text=True)
    assert NOTICE not in client.get("/en/").get_data(as_text=True)
    # An instrument text (looked up with its context) counts too.
    english_all_reviewed["texts"] -= {key for key in english_all_reviewed["texts"] if key[0] == "glossary.tolk"}
    assert NOTICE in client.get("/en/glossary").get_data(as_text=True)


def test_other_languages_and_swedish(client, english_all_reviewed):
    assert NOTICE in client.get("/ar/safety").get_data(as_text=True)  # nothing reviewed in Arabic
    assert NOTICE not in client.get("/sv/safety").get_data(as_text=True)  # the source is never "not reviewed"


def test_a_page_notes_the_texts_it_showed(client):
    with client:
        html = client.get("/en/glossary?q=tolk").get_data(as_text=True)
        shown = g.shown_texts
    assert NOTICE in html
    assert (None, "Ordlista") in shown  # a template text
    assert (None, "%(num)s ord passar din sökning.") in shown  # a text with plural forms, by its singular
    assert any(context == "glossary.tolk" for context, _ in shown)  # an instrument text, with its context
    assert (None, REVIEW_NOTICE) in shown  # noted, but it does not count (see the test above)


def test_the_reviewed_texts_are_read_once_per_process(client, monkeypatch):
    reads = []

    def counting(path):
        reads.append(path)
        return frozenset()

    monkeypatch.setattr(i18n, "reviewed_in", counting)
    reviewed_texts.cache_clear()
    unreviewed_count.cache_clear()
    try:
        for path in ["/en/", "/en/safety", "/en/glossary", "/ar/"]:
            assert client.get(path).status_code == 200
        assert sorted(p.parent.parent.name for p in reads) == ["ar", "en"]
    finally:
        reviewed_texts.cache_clear()
        unreviewed_count.cache_clear()
