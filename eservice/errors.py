"""Friendly error pages. No input may produce a 500; these pages say what to do next instead."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

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
}


def _page(key, status: int):
    title, body = PAGES[key]
    return render_template("error.html", title=title, body=body), status


def init_app(app: Flask) -> None:
    for status in (400, 404, 405, 413, 500):
        app.register_error_handler(status, lambda _e, status=status: _page(status, status))
    app.register_error_handler(CSRFError, lambda _e: _page("csrf", 400))
