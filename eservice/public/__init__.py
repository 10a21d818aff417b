"""Pages for everyone, no account: the glossary, and the interpreter's bilingual view of the instrument."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from ..i18n import (
    SOURCE_LANGUAGE,
    Language,
    catalog_path,
    current_language,
    offered_language,
    offered_languages,
    translated,
)
from ..instrument import INSTRUMENT
from ..instrument.export import instrument_as_json
from ..pdf import cache_key, cached_pdf, files_digest, pdf_bytes_response, template_sources_digest
from ..plain_language.glossary import TERMS
from ..security import PUBLIC, access

bp = Blueprint("public", __name__)

MAX_SEARCH = 100


def translated_terms():
    """The glossary in the current language, sorted as that language sorts (roughly: by the translated term)."""
    terms = [
        {"id": t.id, "term": translated(t, "term"), "definition": translated(t, "definition"), "term_sv": t.term}
        for t in TERMS
    ]
    return sorted(terms, key=lambda t: t["term"].casefold())


@bp.get("/<lang:lang>/glossary")
@access(PUBLIC)
def glossary():
    query = request.args.get("q", "")[:MAX_SEARCH].strip()
    terms = translated_terms()
    if query:
        needle = query.casefold()
        terms = [
            t
            for t in terms
            if needle in t["term"].casefold()
            or needle in t["definition"].casefold()
            or needle in t["term_sv"].casefold()
        ]
    return render_template("public/glossary.html", terms=terms, query=query)


@bp.get("/api/glossary")
@access(PUBLIC)
def glossary_api():
    """The glossary as JSON in one language: ?lang=xx (a URL code such as sv, ar, fa-af)."""
    from flask import g

    code = request.args.get("lang", SOURCE_LANGUAGE.url_code)
    lang = offered_language(code)
    if lang is None:
        abort(404)
    g.lang = lang
    return jsonify({"language": lang.url_code, "direction": lang.direction, "terms": translated_terms()})


@bp.get("/<lang:lang>/accessibility")
@access(PUBLIC)
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/<lang:lang>/safety")
@access(PUBLIC)
def safety():
    return render_template("public/safety.html")


@bp.get("/<lang:lang>/privacy")
@access(PUBLIC)
def privacy():
    # The municipality's name, phone and hours come from its configuration (the `municipality()` template global).
    return render_template("public/privacy.html", retention_days=current_app.config.get("DRAFT_RETENTION_DAYS", 30))


@bp.get("/<lang:lang>/interpreter")
@access(PUBLIC)
def interpreter():
    return render_template(
        "public/interpreter.html",
        parts=INSTRUMENT.parts,
        languages=offered_languages(),
        source=SOURCE_LANGUAGE,
        bilingual=current_language() != SOURCE_LANGUAGE,
    )


@cache
def _definition_digest(version: str) -> str:
    # The version is the contract; the texts too, so that a corrected text without a new version is not missed.
    # The definition is fixed while the service runs: one digest per version is enough.
    return cache_key(instrument_as_json(INSTRUMENT))


@cache
def _catalog_digest(lang: Language) -> str:
    # Compiled catalogs change only with a deploy, which restarts the service: one read per process is enough.
    return files_digest([catalog_path(lang, "mo")])


def interpreter_pdf_key(lang: Language) -> str:
    """Everything the interpreter's PDF in this language is made of."""
    return cache_key(
        INSTRUMENT.version,
        _definition_digest(INSTRUMENT.version),
        lang.url_code,
        template_sources_digest(),
        _catalog_digest(lang),
    )


@bp.get("/<lang:lang>/interpreter.pdf")
@access(PUBLIC)
def interpreter_pdf():
    lang = current_language()

    def html() -> str:
        return render_template(
            "public/interpreter_print.html",
            parts=INSTRUMENT.parts,
            source=SOURCE_LANGUAGE,
            bilingual=lang != SOURCE_LANGUAGE,
        )

    data = cached_pdf(f"interpreter-{lang.url_code}", interpreter_pdf_key(lang), html)
    return pdf_bytes_response(data, f"instrument-x-{lang.url_code}.pdf")
