"""Staff texts: Swedish source text in a gettext domain of its own ("staff"), extracted apart from the applicant's.

Staff pages are in Swedish for now; the domain keeps them out of the applicant catalogs (whose completeness checks
cover every applicant-facing text) and keeps them extractable for a municipality that wants them translated.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import Domain

domain = Domain(translation_directories=str(Path(__file__).parent / "translations"), domain="staff")
gettext = domain.gettext
ngettext = domain.ngettext


def init_app(app: Flask) -> None:
    @app.context_processor
    def _staff_gettext():  # only on staff pages: a context variable shadows the applicant `_` there
        from flask import request

        if request.blueprint and request.blueprint.startswith("staff"):
            return {"_": gettext, "ngettext": ngettext}
        return {}
