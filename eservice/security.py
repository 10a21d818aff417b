"""CSRF on every form, strict response headers, and the access rule every view must declare."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask_wtf import CSRFProtect

csrf = CSRFProtect()

PUBLIC = "public"
APPLICANT = "applicant"


def access(rule: str) -> Callable:
    """Mark a view with who may reach it; a test fails for any route without a mark."""

    def mark(view: Callable) -> Callable:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return mark


def init_app(app: Flask) -> None:
    csrf.init_app(app)

    @app.after_request
    def _headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if response.mimetype == "text/html":
            # Answers are personal: never keep pages in shared caches or the back-forward cache of a shared phone.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
