"""Statistics for team leads (/staff/statistics) and the facts they count, recorded per adult on the case view.

Data comes through eservice.cases only; the counts are suppressed (eservice.cases.suppression) before they are shown,
drawn or downloaded, so the page, the chart and the CSV hide the same cells.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..cases import facts, statistics
from ..cases.suppression import HIDDEN, SMALL, suppress
from ..cases.workdays import local_date
from ..db import db_session
from ..models import utcnow
from ..security import CASEWORKER, TEAM_LEAD
from . import bp
from .case_views import case_or_404, whole_number
from .current import staff_required
from .stats_chart import chart
from .views import units


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _facts_from(form: Any) -> facts.Facts | None:
    """The form's facts, an empty field as not known; None when a value cannot be read at all."""
    year, since = form.get("birth_year", "").strip(), form.get("assistance_since", "").strip()
    if (year and not year.isdigit()) or (since and _date(since) is None):
        return None
    return facts.Facts(
        birth_year=int(year) if year else None,
        gender=form.get("gender") or None,
        household_type=form.get("household_type") or None,
        assistance_since=_date(since),
        support_obstacle=form.get("support_obstacle") or None,
    )


@bp.post("/cases/<case_id>/facts")
@staff_required(CASEWORKER)
def record_facts(case_id: str) -> Response:
    household = case_or_404(case_id)
    position = whole_number(request.form.get("position")) or 0
    wanted = _facts_from(request.form)
    anchor = f"facts-{position}"
    try:
        if wanted is None:
            raise facts.InvalidFacts(["form"])
        facts.record(db_session(), g.staff, household, position, wanted, local_date(utcnow()))
    except facts.UnknownAdult:
        abort(400)
    except facts.InvalidFacts:
        return redirect(url_for("staff.case_view", case_id=case_id, facts_error=position, _anchor=anchor))
    return redirect(url_for("staff.case_view", case_id=case_id, facts_saved=position, _anchor=anchor))


def _period(args: Any) -> tuple[statistics.Period, bool]:
    """The period asked for (both days included), or this year so far; and whether what was asked was unreadable."""
    today = local_date(utcnow())
    start, end = _date(args.get("from")), _date(args.get("to"))
    wrong = (bool(args.get("from")) and start is None) or (bool(args.get("to")) and end is None)
    start, end = start or date(today.year, 1, 1), end or today
    if start > end:
        return statistics.Period(date(today.year, 1, 1), today), True
    return statistics.Period(start, end), wrong


def _unit(args: Any) -> str | None:
    """An administrator chooses a unit or all; everyone else sees their own unit (the unit rule holds anyway)."""
    if g.staff.role != "administrator":
        return g.staff.unit
    chosen = args.get("unit", "")
    return chosen if chosen in units() else None


def _csv(table: Any, crossed: statistics.Crossed, period: statistics.Period) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(out, delimiter=";")  # Swedish spreadsheets read a semicolon as the separator
    writer.writerow(["Behovsgrupp", *(c.label for c in crossed.dimension.columns), "Totalt"])
    labels = [row.label for row in crossed.rows] + ["Totalt"]
    for label, shown in zip(labels, table.shown_rows(), strict=True):
        writer.writerow([label, *shown])
    response = Response(out.getvalue(), mimetype="text/csv")
    name = f"statistik-{crossed.dimension.key}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/statistics")
@staff_required(TEAM_LEAD)
def statistics_page() -> Response | str | tuple[str, int]:
    db = db_session()
    period, wrong_period = _period(request.args)
    dimension = statistics.DIMENSIONS.get(request.args.get("by", ""), statistics.DIMENSIONS["age"])
    unit = _unit(request.args)
    crossed = statistics.crossed(db, g.staff, unit, period, dimension)
    table = suppress(crossed.counts)
    reached = statistics.progress(db, g.staff, unit, period)
    if request.args.get("format") == "csv":
        statistics.exported(db, g.staff)  # recorded before the file is handed over
        return _csv(table, crossed, period)
    row_labels = [row.label for row in crossed.rows]
    column_labels = [column.label for column in dimension.columns]
    query = {k: v for k, v in request.args.items() if k != "format" and v}
    html = render_template(
        "staff/statistics.html",
        member=g.staff,
        period=period,
        wrong_period=wrong_period,
        dimension=dimension,
        dimensions=statistics.DIMENSIONS.values(),
        unit=unit,
        units=units(),
        crossed=crossed,
        table=table,
        rows=table.shown_rows(),
        row_labels=row_labels,
        column_labels=column_labels,
        chart=chart(table, row_labels, column_labels),
        small=SMALL,
        hidden=HIDDEN,
        csv_query={**query, "format": "csv"},
        progress=suppress([list(reached.reached)]),
        kept=suppress([[reached.on_time, reached.late]]),
    )
    return (html, 400) if wrong_period else html
