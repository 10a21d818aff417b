"""The caseworkers' side: sign-in through the municipality's identity provider, roles and units.

Its own blueprint, templates and gettext domain: staff texts are Swedish and never burden the applicant catalogs.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")
demo_bp = Blueprint("staff_demo", __name__, url_prefix="/staff", template_folder="templates")

from . import case_views, export_views, plan_views, review_views, statistics_views, views  # noqa: E402, F401  (the views register themselves on bp)
