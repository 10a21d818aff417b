"""Friendly error pages. No input may produce a 500; these pages say what to do next instead.

An error page must itself never fail. The full page (with the site's header, language links and footer) needs the
request's URL adapter, which is missing when the Host header was refused, and it may meet whatever broke the view.
So each error page falls back to a simple page built without url_for, the session or the database, and that one to
plain text. The 500 page goes straight to the simple page: whatever broke may break the full one too.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, make_response, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import current_language

logger = logging.getLogger("eservice.errors")

# status -> (title, what to do); CSRF failures get their own text because a long pause is the usual cause.
PAGES = {
    400: (_l("Något gick fel med det du skickade"), _l("Gå tillbaka och försök igen.")),
    "csrf": (
        _l("Sidan har varit öppen för länge"),
        _l("Gå tillbaka och försök igen. Svaren du redan har sparat finns kvar."),
    ),
    404: (_l("Sidan finns inte"), _l("Kontrollera adressen. Eller gå till startsidan.")),
    405: (_l("Sidan finns inte"), _l("Kontrollera adressen. Eller gå till startsidan.")),
    413: (_l("Det du skickade var för stort"), _l("Skriv kortare svar och försök igen.")),
    500: (_l("Något gick fel hos oss"), _l("Försök igen om en stund. Svaren du redan har sparat finns kvar.")),
    # The database is away (eservice.outage): nothing is broken, it only takes a moment.
    503: (_l("Tjänsten fungerar inte just nu"), _l("Försök igen om en stund. Svaren du redan har sparat finns kvar.")),
}


def _simple_page(title, body, status: int):
    """The error page without url_for, session or database: links are built from the script root by hand."""
    try:
        root = request.script_root
        return render_template(
            "error_simple.html",
            title=title,
            body=body,
            home=f"{root}/{current_language().url_code}/",
            static=f"{root}/static/",
        ), status
    except Exception:
        logger.exception("The simple error page failed; answering in plain text")
    try:
        text = f"{title}\n\n{body}\n"
    except Exception:  # noqa: BLE001  (the translation itself failed: the status line is all that is left)
        text = f"{status} {HTTPStatus(status).phrase}\n"
    return Response(text, status, mimetype="text/plain")


def _page(key, status: int):
    title, body = PAGES[key]
    if status < 500 and request_ctx and request_ctx.url_adapter is not None:
        try:
            return render_template("error.html", title=title, body=body), status
        except Exception:
            logger.exception("The error page failed; using the simple one")
    return _simple_page(title, body, status)


def unavailable() -> Response:
    """The 503 page when the database is away: the simple page, which needs neither the session nor the database."""
    return make_response(_page(503, 503))


def _server_error(error: InternalServerError):
    from .outage import is_outage, unavailable_page

    # An error of the database outside any view (reading or writing the session) reaches Flask's last handler.
    if is_outage(error.original_exception):
        return unavailable_page(error.original_exception)
    return _page(500, 500)


def _other_http_error(error: HTTPException):
    """Any other HTTP error Werkzeug may raise (431, 416, 501...): a friendly page with its own status."""
    if error.code is None or error.code < 400:
        return error
    return _page(500 if error.code >= 500 else 400, error.code)


def init_app(app: Flask) -> None:
    for status in (400, 404, 405, 413):
        app.register_error_handler(status, lambda _e, status=status: _page(status, status))
    app.register_error_handler(500, _server_error)
    app.register_error_handler(CSRFError, lambda _e: _page("csrf", 400))
    app.register_error_handler(HTTPException, _other_http_error)
