"""What the service says, in each offered language, looked up the way the service itself does it.

The page objects name headings, buttons, questions and options through Words, so one journey written as page ids,
question ids and option codes walks every language by role and accessible name. Fixed texts are read from the
compiled catalogs by their Swedish msgid; instrument texts by the contexts of eservice.i18n_keys. A label that the
page does not show under that name (a missing translation, a label not tied to its field) fails the walk.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlparse

from babel.support import NullTranslations, Translations
from playwright.sync_api import Page

from eservice.i18n import SOURCE_LANGUAGE, TRANSLATIONS_DIR, Language, offered_language, offered_languages
from eservice.i18n_keys import context, source
from eservice.instrument import INSTRUMENT
from eservice.instrument.schema import Question


class Words:
    def __init__(self, lang: Language):
        self.lang = lang
        if lang is SOURCE_LANGUAGE:
            self._catalog: NullTranslations = NullTranslations()
        else:
            self._catalog = Translations.load(str(TRANSLATIONS_DIR), [lang.locale])
            # Babel falls back silently to no translation at all; a walk "in Arabic" must not be Swedish.
            assert isinstance(self._catalog, Translations), f"no compiled catalog for {lang.url_code}"

    def __call__(self, swedish: str, **values) -> str:
        """A fixed text of the service (a button, a heading), with its placeholders filled in."""
        text = self._catalog.gettext(swedish)
        return text % values if values else text

    def counted(self, singular: str, plural: str, num: int, **values) -> str:
        """A fixed text with a count, in this language's plural form for that number."""
        return self._catalog.ngettext(singular, plural, num) % {"num": num, **values}

    def _of(self, owner, field: str, option=None) -> str:
        return self._catalog.pgettext(context(owner, field, option), source(owner, field, option))

    def question(self, question_id: str) -> str:
        return self._of(_question(question_id), "text")

    def option(self, question_id: str, code: str) -> str:
        question = _question(question_id)
        option = next(o for o in question.options if o.code == code)
        return self._of(question, "label", option)

    def page_title(self, page_id: str) -> str:
        return self._of(INSTRUMENT.locate_page(page_id)[2], "title")

    def section_title(self, section_id: str) -> str:
        section = next(s for part in INSTRUMENT.applicant_parts() for s in part.sections if s.id == section_id)
        return self._of(section, "title")

    def one_of(self, *swedish: str) -> re.Pattern:
        """A whole-text pattern matching any of these fixed texts, in this language."""
        return re.compile("^(" + "|".join(re.escape(self(s)) for s in swedish) + ")$")


def _question(question_id: str) -> Question:
    question = INSTRUMENT.question(question_id)
    assert question is not None, f"no question {question_id!r} in the instrument"
    return question


@cache
def words(url_code: str) -> Words:
    lang = offered_language(url_code)
    assert lang is not None, f"{url_code!r} is not an offered language"
    return Words(lang)


def words_of(page: Page) -> Words:
    """The words of the language a page is in, from the first segment of its URL (/ar/tasks -> Arabic)."""
    segment = urlparse(page.url).path.strip("/").split("/")[0]
    return words(segment if offered_language(segment) else SOURCE_LANGUAGE.url_code)


def offered_codes() -> list[str]:
    return [lang.url_code for lang in offered_languages()]
