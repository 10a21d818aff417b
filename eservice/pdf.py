"""PDFs with WeasyPrint: the same HTML as the page, with a print stylesheet and fonts for every script."""

from __future__ import annotations

from flask import Response, current_app


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    return HTML(string=html, base_url=current_app.static_folder).write_pdf()


def pdf_response(html: str, filename: str) -> Response:
    response = Response(render_pdf(html), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
