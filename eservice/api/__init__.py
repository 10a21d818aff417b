"""The published definition: the contract that case-management systems and tests integrate against."""

from flask import Blueprint, abort, g, jsonify, request, send_file

from ..cases.export import SCHEMA_FILE
from ..health import database_answers
from ..i18n import SOURCE_LANGUAGE, offered_language, translated
from ..instrument import INSTRUMENT
from ..instrument.export import instrument_as_json
from ..security import PUBLIC, access

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/instrument")
@access(PUBLIC)
def instrument():
    """All four parts. ?lang=xx (a URL code such as sv, ar, fa-af) gives the texts in that offered language, so that
    another system can show the same numbered question in two languages; Swedish by default. A language that is not
    offered is a 404, as in /api/glossary: the resource does not exist in that language."""
    lang = offered_language(request.args.get("lang", SOURCE_LANGUAGE.url_code))
    if lang is None:
        abort(404)
    g.lang = lang  # before any lookup: Babel picks the locale of the request once
    if lang is SOURCE_LANGUAGE:
        data = instrument_as_json(INSTRUMENT)
    else:
        data = instrument_as_json(INSTRUMENT, translated, lang.url_code, lang.direction)
    response = jsonify(data)
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/schema/case-v1.json")
@access(PUBLIC)
def case_schema():
    """The JSON Schema of a case export, at a stable, versioned address: a new version gets a new file and URL."""
    response = send_file(SCHEMA_FILE, mimetype="application/schema+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/health")
@access(PUBLIC)
def health():
    """200 while this process reaches its database, 503 while it does not: for the reverse proxy or load balancer to
    send people to another process, and for monitoring. It says nothing else about the service."""
    reachable = database_answers()
    response = jsonify({"database": "ok" if reachable else "unreachable"})
    response.status_code = 200 if reachable else 503
    response.headers["Cache-Control"] = "no-store"
    return response
