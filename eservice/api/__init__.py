"""The published definition: the contract that case-management systems and tests integrate against."""

from flask import Blueprint, jsonify

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
