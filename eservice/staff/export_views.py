"""Exports of a case: JSON for case-management systems (schema case-v1) and a PDF for the case file, in Swedish.

Both are built from eservice.cases.export, and each is recorded in the audit log before it is handed over.
"""

from __future__ import annotations

import json
from datetime import datetime

from flask import Response, g, render_template, url_for

from ..cases import export, need_groups, review
from ..db import db_session
from ..instrument import INSTRUMENT
from ..instrument.need_groups import NEED_GROUPS
from ..pdf import pdf_response
from ..security import CASEWORKER
from . import bp
from .case_views import case_or_404, local_time
from .current import staff_required


def _download(body: str | bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/cases/<case_id>/case.json")
@staff_required(CASEWORKER)
def export_json(case_id: str) -> Response:
    db = db_session()
    household = case_or_404(case_id)
    data = export.case_as_data(db, household, url_for("api.case_schema", _external=True))
    export.exported(db, g.staff, household)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _download(body, "application/json", f"arende-{household.reference}.json")


@bp.get("/cases/<case_id>/case.pdf")
@staff_required(CASEWORKER)
def export_pdf(case_id: str) -> Response:
    db = db_session()
    household = case_or_404(case_id)
    data = export.case_as_data(db, household, "")
    html = render_template(
        "staff/case_pdf.html",
        case=household,
        adults=review.CaseAnswers(db, household).reviewed(),
        decisions=need_groups.history(db, household.id),
        plans_of={adult["position"]: adult["plans"] for adult in data["adults"]},
        questions={q.id: q for q in INSTRUMENT.all_questions()},
        local_iso=lambda moment: local_time(datetime.fromisoformat(moment)),
        need_group_names={group.code: group.name for group in NEED_GROUPS},
        local_time=local_time,
    )
    export.exported(db, g.staff, household)
    return pdf_response(html, f"arende-{household.reference}.pdf")
