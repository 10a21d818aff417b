"""Which pages search engines may list, and what they learn about them.

Only the pages for everyone in `DESCRIPTIONS` are findable: start, all the questions, the glossary, the
interpreter's view, accessibility, safety and privacy. They carry a description in their language and a link to
the same page in every other language (hreflang), so that a person searching in Arabic finds the Arabic start page.
Every other response is noindex by default: a page nobody listed here can never be shown in a search, and no page
with answers is. That header is added with the others, in one place (security.SecurityHeaders).
"""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from .i18n import SOURCE_LANGUAGE, Language, current_language, offered_languages
from .security import FINDABLE_ENVIRON

# endpoint -> what a search result says about the page. %(municipality)s is the configured name.
DESCRIPTIONS: dict[str, LazyString] = {
    "applicant.start": _l(
        "Frågor om ekonomiskt bistånd från socialtjänsten i %(municipality)s. "
        "Du kan svara på ditt eget språk. Du behöver inget BankID."
    ),
    "applicant.all_questions": _l("Läs alla frågor om ekonomiskt bistånd innan du börjar. Du behöver inget konto."),
    "public.glossary": _l("Svåra ord i frågorna om ekonomiskt bistånd, förklarade med enkla ord."),
    "public.interpreter": _l(
        "Alla frågor om ekonomiskt bistånd på svenska och på ditt språk, sida vid sida. För dig och din tolk."
    ),
    "public.accessibility": _l(
        "Hur väl tjänsten fungerar för alla. Vad som inte fungerar än, och vart du kan vända dig."
    ),
    "public.safety": _l("Råd om hur du använder tjänsten säkert. Och var du kan få hjälp om du är rädd för någon."),
    "public.privacy": _l(
        "Vilka uppgifter %(municipality)s sparar om dig när du använder tjänsten, varför och hur länge."
    ),
}


def _description_of_this_request() -> LazyString | None:
    # A search in the glossary (?q=...) or any other query is the visitor's own: not a page to list.
    if request.method != "GET" or request.args or request.endpoint is None:
        return None
    return DESCRIPTIONS.get(request.endpoint)


def page_description() -> str:
    """The description of this page in its language, or "" when the page must not be listed."""
    description = _description_of_this_request()
    if description is None:
        return ""
    return str(description) % {"municipality": current_app.config["MUNICIPALITY_NAME"]}


def page_urls() -> dict[str, object]:
    """The canonical address of this page, and the same page in every offered language (absolute, as search engines
    want them); x-default is the Swedish one."""
    endpoint, args = request.endpoint or "applicant.start", dict(request.view_args or {})  # lang is in g.lang now

    def url(lang: Language) -> str:
        return url_for(endpoint, **args, lang=lang, _external=True)

    return {
        "canonical": url(current_language()),
        "alternates": [(lang.url_code, url(lang)) for lang in offered_languages()]
        + [("x-default", url(SOURCE_LANGUAGE))],
    }


def init_app(app: Flask) -> None:
    @app.before_request
    def _mark_findable():
        # Read by the security-headers middleware, which sees every response but not which view made it.
        request.environ[FINDABLE_ENVIRON] = _description_of_this_request() is not None

    app.jinja_env.globals["page_description"] = page_description
    app.jinja_env.globals["page_urls"] = page_urls
