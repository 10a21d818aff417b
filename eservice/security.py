"""CSRF on every form, strict response headers, and the access rule every view must declare."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, abort, request
from flask_wtf import CSRFProtect

csrf = CSRFProtect()

PUBLIC = "public"
APPLICANT = "applicant"
EID_HOLDER = "eid"  # signed in with e-ID, before choosing which draft to open
# Staff: the sign-in pages themselves, then one rule per role. A higher role may do what a lower one may.
STAFF_SIGN_IN = "staff-sign-in"
CASEWORKER = "role:caseworker"
TEAM_LEAD = "role:team_lead"
ADMINISTRATOR = "role:administrator"
STAFF_ROLES = (CASEWORKER, TEAM_LEAD, ADMINISTRATOR)  # lowest first
ALL_RULES = (PUBLIC, APPLICANT, EID_HOLDER, STAFF_SIGN_IN, *STAFF_ROLES)

HEADERS = (
    (
        "Content-Security-Policy",
        (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        ),
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# Set in the request's WSGI environ for a page that search engines may list (eservice.findable); every other
# response, answers and PDFs and errors included, is marked noindex.
FINDABLE_ENVIRON = "eservice.findable"


def access(rule: str) -> Callable:
    """Mark a view with who may reach it; a test fails for any route without a mark."""

    def mark(view: Callable) -> Callable:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return mark


class SecurityHeaders:
    """WSGI middleware: every response gets the security headers, whatever Flask did or failed to do.

    after_request functions are skipped or cut short when an error handler fails, and Werkzeug's last-resort
    "500 Internal Server Error" never sees them; this wrapper sits outside Flask and sees every response.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers.extend((name, value) for name, value in HEADERS if name.lower() not in present)
            if "cache-control" not in present:
                # Answers are personal: never keep pages in shared caches or the back-forward cache of a shared
                # phone. Views that may be cached (assets, the published instrument) say so themselves.
                headers.append(("Cache-Control", "no-store"))
            if "x-robots-tag" not in present and not (environ.get(FINDABLE_ENVIRON) and status.startswith("200")):
                headers.append(("X-Robots-Tag", "noindex"))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nameless_form_fields():
        # Registered before CSRFProtect's check, which reads every form field name and fails on a multipart part
        # without one (Werkzeug gives it the name None). No browser form sends such a part.
        if request.method in ("POST", "PUT", "PATCH", "DELETE") and (None in request.form or None in request.files):
            abort(400)

    csrf.init_app(app)
    # The headers are added in one place, outside Flask, so that no response can miss them.
    app.wsgi_app = SecurityHeaders(app.wsgi_app)  # type: ignore[method-assign]  # the documented way to add middleware
