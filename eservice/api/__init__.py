"""The published definition: the contract that case-management systems and tests integrate against."""

from flask import Blueprint, jsonify, send_file

from ..cases.export import SCHEMA_FILE
from ..instrument import INSTRUMENT
from ..instrument.export import instrument_as_json
from ..security import PUBLIC, access

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/instrument")
@access(PUBLIC)
def instrument():
    response = jsonify(instrument_as_json(INSTRUMENT))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/schema/case-v1.json")
@access(PUBLIC)
def case_schema():
    """The JSON Schema of a case export, at a stable, versioned address: a new version gets a new file and URL."""
    response = send_file(SCHEMA_FILE, mimetype="application/schema+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
