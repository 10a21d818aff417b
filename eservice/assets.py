"""The stylesheet and script under URLs that carry a hash of their content.

A browser may then keep them for a year without asking again, and a changed file gets a new URL. Without this, every
page costs one more round trip per file to ask "has it changed?", which a slow mobile network feels on each page.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for

ONE_YEAR = 365 * 24 * 3600


@lru_cache(maxsize=64)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    """Keyed on the file's change time and size too, so an edited file during development gets a new hash."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def asset_version(filename: str) -> str:
    path = Path(current_app.static_folder or "") / filename
    stat = path.stat()
    return _digest(path, stat.st_mtime_ns, stat.st_size)


def asset_url(filename: str) -> str:
    return url_for("static", filename=filename, v=asset_version(filename))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["asset_url"] = asset_url

    @app.after_request
    def _cache_versioned_assets(response: Response) -> Response:
        # Only a URL with the current hash is kept for a year: an old hash may now be served newer content.
        if request.endpoint == "static" and response.status_code in (200, 304):
            version = request.args.get("v")
            if version and version == asset_version((request.view_args or {}).get("filename", "")):
                response.cache_control.no_cache = None
                response.cache_control.public = True
                response.cache_control.max_age = ONE_YEAR
                response.cache_control.immutable = True
        return response
