"""Every language we offer is whole: catalogs complete, not fuzzy, placeholders and markup as in the source,
and the template matches the texts in the code and the instrument."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from eservice.i18n import ALL_LANGUAGES, SOURCE_LANGUAGE, catalog_path, offered_languages
from eservice.i18n_review import is_marker

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "eservice" / "translations" / "messages.pot"
TRANSLATED = [lang for lang in ALL_LANGUAGES if lang is not SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?([a-z]+)[^>]*>")
COUNT = "num"  # the placeholder that ngettext fills with the number


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
        if message.fuzzy:
            problems.append(f"{where}: fuzzy")
        elif isinstance(message.id, tuple):
            problems.extend(f"{where}: {problem}" for problem in _plural_problems(catalog, message))
        elif not message.string:
            problems.append(f"{where}: untranslated")
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            problems.append(f"{where}: placeholders differ")
        elif sorted(TAG.findall(message.id)) != sorted(TAG.findall(message.string)):
            problems.append(f"{where}: markup differs")
    assert not problems, "\n".join(problems)


def _numbers_per_form(catalog) -> Counter[int]:
    """How many of the numbers 0-1000 each plural form of this language is used for (by its Plural-Forms)."""
    plural = gettext.c2py(catalog.plural_expr)
    return Counter(plural(n) for n in range(1001))


def _plural_problems(catalog, message) -> list[str]:
    """Every form filled, with the source's placeholders and markup. The count (`num`, which ngettext fills in)
    may be left out only of a form used for a single number, as in Arabic 'two words' or Somali 'one word'."""
    singular, plural = message.id
    if PLACEHOLDER.findall(singular) and set(PLACEHOLDER.findall(singular)) != set(PLACEHOLDER.findall(plural)):
        return ["the Swedish singular and plural have different placeholders"]
    if len(message.string) != catalog.num_plurals:
        return [f"{len(message.string)} forms, the language has {catalog.num_plurals}"]
    wanted, uses = set(PLACEHOLDER.findall(plural)), _numbers_per_form(catalog)
    problems = []
    for form, text in enumerate(message.string):
        found = set(PLACEHOLDER.findall(text))
        if not text:
            problems.append(f"form {form} untranslated")
        elif found - wanted or wanted - found - {COUNT}:
            problems.append(f"form {form}: placeholders differ")
        elif COUNT in wanted - found and uses[form] > 1:
            problems.append(f"form {form} is used for {uses[form]} numbers but does not show the number")
        elif sorted(TAG.findall(plural)) != sorted(TAG.findall(text)):
            problems.append(f"form {form}: markup differs")
    return problems


@pytest.mark.parametrize("lang", TRANSLATED, ids=lambda lang: lang.url_code)
def test_review_markers_are_well_formed(lang):
    """A marker with a typo would leave its entry unreviewed without anyone noticing."""
    malformed = [
        (m.context, m.id, comment)
        for m in _catalog(catalog_path(lang))
        for comment in m.user_comments
        if comment.strip().lower().startswith("reviewed") and not is_marker(comment)
    ]
    assert malformed == [], "write: # reviewed: <name> <YYYY-MM-DD>"


def test_every_language_is_offered():
    assert [lang.url_code for lang in offered_languages()] == [lang.url_code for lang in ALL_LANGUAGES]


def test_every_text_with_a_count_has_plural_forms():
    """A number shown with a noun ('%(num)s dagar') needs ngettext: Arabic has six forms, Ukrainian three."""
    counted = {"num", "count", "days", "total", "n"}
    single = [m.id for m in _catalog(POT) if isinstance(m.id, str) and counted & set(PLACEHOLDER.findall(m.id))]
    assert single == [], "use ngettext for these"


def test_the_plural_check_finds_a_missing_form_and_a_lost_number():
    arabic = _catalog(catalog_path(next(lang for lang in TRANSLATED if lang.url_code == "ar")))
    message = next(m for m in arabic if isinstance(m.id, tuple))
    assert _plural_problems(arabic, message) == []
    forms = list(message.string)
    message.string = tuple(forms[:-1])
    assert _plural_problems(arabic, message) == ["5 forms, the language has 6"]
    message.string = (*forms[:3], forms[3].replace("%(num)s", "ثلاث"), *forms[4:])
    assert _plural_problems(arabic, message) == ["form 3 is used for 80 numbers but does not show the number"]
    message.string = ("", *forms[1:])
    assert _plural_problems(arabic, message) == ["form 0 untranslated"]
