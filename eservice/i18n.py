"""Languages: which we offer, how they appear in URLs, and how instrument texts are looked up in the catalogs.

Instrument and glossary texts are looked up with the gettext contexts of eservice.i18n_keys. Which translated texts
are reviewed is kept per entry (eservice.i18n_review); a page says its translation is not reviewed while it shows
any text that is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from flask import Flask, Response, g, request, url_for
from flask_babel import Babel, pgettext
from flask_wtf import FlaskForm
from werkzeug.routing import BaseConverter, ValidationError

from .i18n_keys import Owner, context, source
from .i18n_review import Key, RecordingDomain, keys_in, reviewed_in, shown_texts
from .instrument.schema import Option
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

    @property
    def reviewed(self) -> bool:
        """Whether every text of the catalog is reviewed: then no page in this language needs the notice."""
        return self is SOURCE_LANGUAGE or not unreviewed_count(self)


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


LANGUAGE_COOKIE = "ix_lang"


def catalog_path(lang: Language, suffix: str = "po") -> Path:
    return TRANSLATIONS_DIR / lang.locale / "LC_MESSAGES" / f"messages.{suffix}"


@cache
def reviewed_texts(lang: Language) -> frozenset[Key]:
    """The entries of the language's catalog that a translator has marked reviewed: read once per process."""
    path = catalog_path(lang)
    return reviewed_in(path) if lang is not SOURCE_LANGUAGE and path.exists() else frozenset()


@cache
def unreviewed_count(lang: Language) -> int:
    """How many texts of the template are not reviewed in this language (all of them while none is)."""
    return len(keys_in(TRANSLATIONS_DIR / "messages.pot") - reviewed_texts(lang))


# The notice's own text does not make a page unreviewed.
REVIEW_NOTICE = (
    "Den här översättningen är inte granskad av en auktoriserad översättare ännu. Om något är oklart, fråga på mötet."
)
REVIEW_NOTICE_SUMMARY = "Översättningen är inte granskad ännu."
NOTICE_KEYS = frozenset({(None, REVIEW_NOTICE), (None, REVIEW_NOTICE_SUMMARY)})
REVIEW_NOTICE_HTML = re.compile(r'<details class="review-notice">.*?</details>\n?', re.DOTALL)


def page_has_unreviewed_texts() -> bool:
    """Whether the current request showed a text that is not reviewed in the current language."""
    lang = current_language()
    if lang is SOURCE_LANGUAGE:
        return False
    reviewed = reviewed_texts(lang)
    return any(key not in reviewed for key in shown_texts() if key not in NOTICE_KEYS)


def drop_review_notice_when_reviewed(response: Response) -> Response:
    """base.html shows the notice above the page's content, before that content is rendered: so it is always
    rendered in a language not fully reviewed, and taken out here once the whole page is known to be reviewed."""
    if (
        response.mimetype == "text/html"
        and not response.direct_passthrough
        and not response.is_streamed
        and not current_language().reviewed
        and not page_has_unreviewed_texts()
    ):
        response.set_data(REVIEW_NOTICE_HTML.sub("", response.get_data(as_text=True), count=1))
    return response


@cache
def offered_languages() -> tuple[Language, ...]:
    """Swedish, and every language whose compiled catalog ships with the service: looked for once per process (the
    catalogs ship with the code; every URL's language converter asks)."""
    return tuple(lang for lang in ALL_LANGUAGES if lang is SOURCE_LANGUAGE or catalog_path(lang, "mo").exists())


def offered_language(url_code: str) -> Language | None:
    """The offered language with this URL code, or None: the one lookup for URLs, actions and API queries."""
    return next((lang for lang in offered_languages() if lang.url_code == url_code), None)


class LanguageConverter(BaseConverter):
    """Matches only offered languages: any other code in the URL is a 404, never a Babel error.

    The regex keeps unknown first segments (/favicon.ico, /robots.txt) from being redirected to a slashed URL first.
    """

    regex = "|".join(sorted((re.escape(lang.url_code) for lang in ALL_LANGUAGES), key=len, reverse=True))

    def to_python(self, value: str) -> Language:
        lang = offered_language(value)
        if lang is None:
            raise ValidationError()
        return lang

    def to_url(self, value) -> str:
        return value.url_code if isinstance(value, Language) else str(value)


def current_language() -> Language:
    return g.get("lang", SOURCE_LANGUAGE)


def _select_locale() -> str:
    return current_language().locale


def init_app(app: Flask) -> None:
    app.url_map.converters["lang"] = LanguageConverter
    babel = Babel(app, locale_selector=_select_locale, default_translation_directories=str(TRANSLATIONS_DIR))
    # Flask-Babel's domain_instance is a cached_property: set before any request, so every lookup is noted.
    babel.domain_instance = RecordingDomain()
    app.after_request(drop_review_notice_when_reviewed)

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
        return {
            "lang": current_language(),
            "languages": offered_languages(),
            "t": translated,
            "glossary": glossary_term,
            "csrf_form": FlaskForm,
        }

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["switch_language_url"] = switch_language_url
    app.jinja_env.globals["language_name"] = language_name

    @app.after_request
    def _remember_language(response):
        lang = g.get("lang")
        if lang is not None and request.cookies.get(LANGUAGE_COOKIE) != lang.url_code:
            response.set_cookie(
                LANGUAGE_COOKIE,
                lang.url_code,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=app.config.get("SESSION_COOKIE_SECURE", False),
            )
        return response


def translated(owner: Owner, field: str, option: Option | None = None) -> str:
    """A text of the instrument or the glossary in the current language: `translated(page, "title")`,
    `translated(question, "help")`, `translated(question, "label", option)`, `translated(term, "definition")`."""
    text = source(owner, field, option)
    return pgettext(context(owner, field, option), text) if text else ""


def preferred_language() -> Language:
    """For the bare root URL: the language chosen before, else the browser's preference, else Swedish."""
    codes = {lang.url_code: lang for lang in offered_languages()}
    remembered = request.cookies.get(LANGUAGE_COOKIE, "")
    if remembered in codes:
        return codes[remembered]
    best = request.accept_languages.best_match(list(codes))
    return codes.get(best or "", SOURCE_LANGUAGE)


def language_name(url_code: str) -> str:
    """The name of the language some free text was written in, for marking it in summaries and PDFs."""
    found = next((lang for lang in ALL_LANGUAGES if lang.url_code == url_code), None)
    return found.name if found else url_code


# The query arguments a page in another language keeps, and which values: `return=check` on question pages, the
# search `q` in the glossary. Anything else in the query (lang, endpoint, _method, _external, a URL variable...)
# would reach url_for as its own argument.
KEPT_QUERY_ARGUMENTS = {
    "return": lambda value: value if value == "check" else None,
    "q": lambda value: value[:100] or None,  # the glossary reads no more than this either
}


def switch_language_url(other: Language) -> str:
    """The page being shown, in another language; pages that only answer a POST fall back to the start page."""
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()) and "lang" in rule.arguments and request.endpoint:
        kept = {
            name: value
            for name, clean in KEPT_QUERY_ARGUMENTS.items()
            if name in request.args and (value := clean(request.args[name])) is not None
        }
        return url_for(request.endpoint, **{**(request.view_args or {}), **kept, "lang": other})
    return url_for("applicant.start", lang=other)
