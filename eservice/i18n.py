"""Languages: which we offer, how they appear in URLs, and how instrument texts are looked up in the catalogs.

Instrument texts are translated with the question id (or page, section, term id) as gettext context, so the same
Swedish words can be translated differently in two places.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from flask import Flask, g, request
from flask_babel import Babel, pgettext
from flask_wtf import FlaskForm
from werkzeug.routing import BaseConverter, ValidationError

from .instrument.schema import Option, Question
from .plain_language.glossary import term as glossary_term

TRANSLATIONS_DIR = Path(__file__).parent / "translations"


@dataclass(frozen=True)
class Language:
    url_code: str  # in the URL and in <html lang>
    locale: str  # Babel's name for it
    name: str  # its name in its own language, for the language chooser

    @property
    def direction(self) -> str:
        return Locale.parse(self.locale).text_direction


# Every language we may offer. One is offered only when its catalog is complete (see offered_languages).
ALL_LANGUAGES = (
    Language("sv", "sv", "Svenska"),
    Language("en", "en", "English"),
    Language("ar", "ar", "العربية"),
    Language("fa", "fa", "فارسی"),
    Language("fa-af", "fa_AF", "دری"),
    Language("so", "so", "Soomaali"),
    Language("ti", "ti", "ትግርኛ"),
    Language("uk", "uk", "Українська"),
)
SOURCE_LANGUAGE = ALL_LANGUAGES[0]


def offered_languages() -> tuple[Language, ...]:
    """Swedish, and every language whose compiled catalog ships with the service."""
    return tuple(
        lang for lang in ALL_LANGUAGES
        if lang is SOURCE_LANGUAGE or (TRANSLATIONS_DIR / lang.locale / "LC_MESSAGES" / "messages.mo").exists()
    )


class LanguageConverter(BaseConverter):
    """Matches only offered languages: any other code in the URL is a 404, never a Babel error."""

    def to_python(self, value: str) -> Language:
        for lang in offered_languages():
            if lang.url_code == value:
                return lang
        raise ValidationError()

    def to_url(self, value) -> str:
        return value.url_code if isinstance(value, Language) else str(value)


def current_language() -> Language:
    return g.get("lang", SOURCE_LANGUAGE)


def _select_locale() -> str:
    return current_language().locale


def init_app(app: Flask) -> None:
    app.url_map.converters["lang"] = LanguageConverter
    Babel(app, locale_selector=_select_locale, default_translation_directories=str(TRANSLATIONS_DIR))

    @app.url_value_preprocessor
    def _pull_lang(_endpoint, values):
        if values and isinstance(values.get("lang"), Language):
            g.lang = values.pop("lang")

    @app.url_defaults
    def _push_lang(endpoint, values):
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = current_language().url_code

    @app.context_processor
    def _language_context():
        return {"lang": current_language(), "languages": offered_languages(), "t": question_text,
                "tt": instrument_text, "glossary": glossary_term, "csrf_form": FlaskForm}

    app.jinja_env.add_extension("jinja2.ext.do")


def instrument_text(context: str, source: str) -> str:
    """A text from the definition (page, section, part, term) in the current language."""
    if not source:
        return ""
    return pgettext(context, source)


def question_text(question: Question, field: str, option: Option | None = None) -> str:
    """A question's text, help, why or an option's label in the current language."""
    if option is not None:
        if field == "hint":
            return instrument_text(f"{question.id}.option.{option.code}.hint", option.hint)
        return instrument_text(f"{question.id}.option.{option.code}", option.label)
    source = getattr(question, field)
    return instrument_text(question.id if field == "text" else f"{question.id}.{field}", source)


def preferred_language() -> Language:
    """For the bare root URL: the browser's preference among offered languages, else Swedish."""
    codes = {lang.url_code: lang for lang in offered_languages()}
    best = request.accept_languages.best_match(list(codes))
    return codes.get(best or "", SOURCE_LANGUAGE)
