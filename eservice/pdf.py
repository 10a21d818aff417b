"""PDFs with WeasyPrint: the same HTML as the page, with a print stylesheet and fonts for every script.

A PDF that is the same for everyone (the interpreter's view of the instrument) is rendered once per key and then
served from a file: rendering takes one to several seconds of CPU. The key changes with everything the PDF is made
of, so an updated text gives a new file without anyone clearing a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from flask import Response, current_app

TEMPLATES_DIR = Path(__file__).parent / "templates"
PRINT_STYLESHEET = Path(__file__).parent / "static" / "print.css"


# Tagged for screen readers (PDF/UA-1): a structure tree, the document's language from <html lang>, and its <title>
# shown as the window title. Every PDF template must have both.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    return HTML(string=html, base_url=current_app.static_folder).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(html: str, filename: str) -> Response:
    return pdf_bytes_response(render_pdf(html), filename)


def pdf_bytes_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def files_digest(paths: list[Path]) -> str:
    """A hash of the names and contents of these files (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def cache_key(*parts) -> str:
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode()).hexdigest()[:24]


@cache
def template_sources_digest() -> str:
    """Every template, the print stylesheet and this module (how PDFs are rendered): any of them changes the PDF.

    Read once per process, not on every request for a cached PDF: the files do not change while the service runs
    (a deploy restarts it; in development, restart after editing a template to see it in the PDF)."""
    return files_digest([*TEMPLATES_DIR.rglob("*.html"), PRINT_STYLESHEET, Path(__file__)])


def cache_dir() -> Path:
    path = Path(current_app.instance_path) / "cache"
    # Only the service's own user: the files are public texts, but nobody else should be able to swap them.
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def cached_pdf(name: str, key: str, make_html: Callable[[], str]) -> bytes:
    """The PDF `name` for this key: from the cache folder, or rendered and stored there first.

    Several processes (gunicorn workers) share the folder. Each writes to a temporary file of its own and moves it
    into place with os.replace, which is atomic: a reader sees the whole old file, the whole new one, or none.
    """
    path = cache_dir() / f"{name}-{key}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = render_pdf(make_html())
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return data
