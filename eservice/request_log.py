"""One log line per request, and a request id on every log record, without anything the applicant wrote.

What may be logged: the method, the URL rule (`/<lang:lang>/q/<page_id>`, not the path), the status, the time taken
and the request id. Never the query string, form data, cookies, answers, codes, references or identity numbers.
Libraries that log values get filters: Werkzeug's development server logs the request line with its query, and
SQLAlchemy logs bound parameters and result rows at INFO and DEBUG.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler

LOGGER_NAME = "eservice"
REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept so that its log and ours can be matched; anything else (long, or with characters that could
# forge log lines) is replaced by our own.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
# The method comes from the request line as sent: an odd one is logged as "OTHER", so it cannot forge a line.
KNOWN_METHOD = re.compile(r"[A-Z]{3,7}")
NO_REQUEST = "-"
HIDDEN = "[hidden]"

logger = logging.getLogger(LOGGER_NAME)


def request_id() -> str:
    """This request's id: a well-formed X-Request-ID from the proxy, else a new one; "-" outside a request."""
    if not has_request_context():
        return NO_REQUEST
    if "request_id" not in g:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if WELL_FORMED_ID.fullmatch(incoming) else str(uuid.uuid4())
    return g.request_id


class RequestIdFilter(logging.Filter):
    """Puts the request id on every record, so that a formatter can show it and all lines of a request be found."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            try:
                record.request_id = request_id()
            except Exception:  # noqa: BLE001  (logging must never be the thing that fails)
                record.request_id = NO_REQUEST
        return True


class HideQueryFilter(logging.Filter):
    """Werkzeug's access line `"GET /sv/glossary?q=... HTTP/1.1" 200 -`, without the query."""

    QUERY = re.compile(r"\?\S*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (self.QUERY.sub("", record.args[0]), *record.args[1:])
        elif isinstance(record.msg, str) and record.msg.startswith('"'):
            record.msg = self.QUERY.sub("", record.msg)
        return True


class HideValuesFilter(logging.Filter):
    """SQLAlchemy's engine log keeps the SQL (placeholders only) but not its parameters or result rows."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(HIDDEN for _ in args)
        return True


def _add_once(target: logging.Logger | logging.Handler, kind: type[logging.Filter]) -> None:
    # create_app runs many times in one process (tests): one filter of each kind is enough.
    if not any(isinstance(f, kind) for f in target.filters):
        target.addFilter(kind())


def configure_logging() -> None:
    _add_once(logger, RequestIdFilter)
    # The handler's filter also runs for child loggers (eservice.errors, eservice.drafts...), and before the root
    # logger's handlers see the record: the id is on every record of the service wherever it ends up.
    handler = next((h for h in logger.handlers if getattr(h, "eservice_handler", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.eservice_handler = True  # type: ignore[attr-defined]  # marks our own handler, added once
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
        logger.addHandler(handler)
    _add_once(handler, RequestIdFilter)
    logger.removeHandler(default_handler)  # Flask's own would print every line a second time
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)  # else the root logger's WARNING would drop the request lines
    _add_once(logging.getLogger("werkzeug"), HideQueryFilter)
    _add_once(logging.getLogger("sqlalchemy.engine.Engine"), HideValuesFilter)


def init_app(app: Flask) -> None:
    configure_logging()

    # Registered before every other before_request function, so it runs first: the timer includes them.
    @app.before_request
    def _start_timer():
        g.request_started = time.perf_counter()
        request_id()

    # Registered first, so it runs after every other after_request function: the status is the final one.
    @app.after_request
    def _log_request(response):
        started = g.get("request_started")
        duration = round((time.perf_counter() - started) * 1000) if started is not None else -1
        rule = request.url_rule.rule if request.url_rule is not None else "(no route)"
        method = request.method if KNOWN_METHOD.fullmatch(request.method) else "OTHER"
        logger.info("%s %s %s %dms", method, rule, response.status_code, duration)
        response.headers[REQUEST_ID_HEADER] = request_id()
        return response
