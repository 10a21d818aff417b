"""Friendly error pages. No input may produce a 500; these pages say what to do next instead."""
from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def _not_found(_e):
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(405)
    def _not_allowed(_e):
        return render_template("errors/not_found.html"), 405

    @app.errorhandler(413)
    def _too_large(_e):
        return render_template("errors/too_large.html"), 413

    @app.errorhandler(CSRFError)
    def _csrf(_e):
        return render_template("errors/expired.html"), 400

    @app.errorhandler(400)
    def _bad_request(_e):
        return render_template("errors/bad_request.html"), 400

    @app.errorhandler(500)
    def _server_error(_e):
        return render_template("errors/server_error.html"), 500
