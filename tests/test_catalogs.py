"""Every language we offer is whole: catalogs complete, not fuzzy, placeholders and markup as in the source,
and the template matches the texts in the code and the instrument."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from eservice.i18n import ALL_LANGUAGES, SOURCE_LANGUAGE, catalog_path, offered_languages, review_status

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "eservice" / "translations" / "messages.pot"
TRANSLATED = [lang for lang in ALL_LANGUAGES if lang is not SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?([a-z]+)[^>]*>")


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def _keys(catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id) for m in catalog if m.id}


def test_template_is_not_stale(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    committed, current = _keys(_catalog(POT)), _keys(_catalog(fresh))
    assert current - committed == set(), "texts missing from messages.pot: run `make messages`"
    assert committed - current == set(), "messages.pot has texts nobody uses: run `make messages`"


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.url_code)
def test_catalog_is_complete_and_consistent(lang):
    template = _catalog(POT)
    catalog = _catalog(catalog_path(lang))
    assert _keys(catalog) == _keys(template), f"{lang.locale}: catalog and template differ: run `make messages`"
    problems = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{lang.locale} [{message.context}] {message.id!r}"
        if not message.string:
            problems.append(f"{where}: untranslated")
        elif message.fuzzy:
            problems.append(f"{where}: fuzzy")
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            problems.append(f"{where}: placeholders differ")
        elif sorted(TAG.findall(message.id)) != sorted(TAG.findall(message.string)):
            problems.append(f"{where}: markup differs")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.url_code)
def test_catalog_records_its_review_state(lang):
    assert review_status(lang) in {"reviewed", "not reviewed"}


def test_every_language_is_offered():
    assert [lang.url_code for lang in offered_languages()] == [lang.url_code for lang in ALL_LANGUAGES]
