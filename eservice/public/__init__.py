"""Pages for everyone, no account: the glossary, and the interpreter's bilingual view of the instrument."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request

from ..i18n import SOURCE_LANGUAGE, current_language, offered_language, offered_languages, translated
from ..instrument import INSTRUMENT
from ..pdf import pdf_response
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


@bp.get("/<lang:lang>/interpreter.pdf")
@access(PUBLIC)
def interpreter_pdf():
    html = render_template(
        "public/interpreter_print.html",
        parts=INSTRUMENT.parts,
        source=SOURCE_LANGUAGE,
        bilingual=current_language() != SOURCE_LANGUAGE,
    )
    return pdf_response(html, f"instrument-x-{current_language().url_code}.pdf")
