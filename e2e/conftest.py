"""Browser tests: the real app on a live server, driven by Debian's Chromium through pytest-playwright.

- One live server for the session: the test app on a SQLite file, migrated with alembic like production.
- Chromium is the system one (/usr/bin/chromium): Playwright cannot download its own browser on these machines.
- Every context gets a 10 s default timeout; a failing test leaves a screenshot of each open page in
  e2e/test-results/ (no video: it needs Playwright's own ffmpeg).
- Sign-in tests get an app of their own per module (`signin_server`), with the real test OIDC provider.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, expect
from werkzeug.serving import BaseWSGIServer, make_server

from eservice import create_app
from eservice.cli import upgrade
from eservice.signin import oidc
from tests.oidc_provider import OidcTestProvider

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
RESULTS_DIR = Path(__file__).parent / "test-results"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--journey-shots",
        default=str(RESULTS_DIR / "screenshots"),
        help="where test_screenshots.py writes the journey's screenshots (make screenshots: screenshots/)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Screenshots of every open page when a test fails, unless asked otherwise on the command line. Artifacts go
    # under e2e/ (pytest-playwright empties its output folder at the start of each run).
    if getattr(config.option, "screenshot", None) == "off":
        config.option.screenshot = "only-on-failure"
    if getattr(config.option, "output", None) == "test-results":
        config.option.output = str(RESULTS_DIR)
    expect.set_options(timeout=TIMEOUT_MS)


# --- The live server ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e-db') / 'e2e.sqlite3'}"
    upgrade(url)
    return create_app("test", DATABASE_URL=url)


@pytest.fixture(scope="session")
def served(live_app: Flask) -> list[str]:
    """Every path (with its query) the live server was asked for, in order: what reached the server, as opposed
    to what the browser answered from its cache."""
    paths: list[str] = []
    inner = live_app.wsgi_app

    def recording(environ, start_response):
        query = environ.get("QUERY_STRING")
        paths.append(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))
        return inner(environ, start_response)

    live_app.wsgi_app = recording
    return paths


@pytest.fixture(scope="session")
def live_server(live_app: Flask, served: list[str]) -> Iterator[BaseWSGIServer]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log line per request in the report
    # Port 0: the OS picks a free port. Threaded: the browser fetches the page, its CSS and JS in parallel.
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join(timeout=5)
    live_app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def base_url(live_server: BaseWSGIServer) -> str:
    """Overrides pytest-playwright's (option-driven) base_url: every context resolves "/sv/" against the server."""
    return f"http://127.0.0.1:{live_server.server_port}"


@pytest.fixture(scope="session")
def quick_exit_url(live_app: Flask) -> str:
    return live_app.config["QUICK_EXIT_URL"]


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app of its own with both doors configured (staff and e-ID), and the test provider that knows its callback
    addresses: the provider's role value "handlaggare" maps to caseworker, and the units are the test config's
    (north, south). Per module, so each file's cases and staff start from an empty database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('signin-db') / 'signin.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url, STAFF_ROLE_MAP="handlaggare=caseworker")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    provider = OidcTestProvider(redirect_uris=[f"{base}/staff/callback", f"{base}/e-id/callback"]).start()
    staff, eid = provider.staff_settings(), provider.eid_settings()
    app.config.update(STAFF_OIDC=staff, EID_OIDC=eid)
    oidc.init_app(app, [staff, eid])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    provider.stop()
    app.extensions["db_engine"].dispose()


# --- The browser ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": browser_type_launch_args.get("headless", True),  # --headed still works for debugging
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture
def new_device(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """A fresh browser context (think: another phone or computer) with the suite's timeouts.

    Built on pytest-playwright's new_context, so contexts are closed after the test and screenshotted on failure.
    """

    def make(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        return context

    return make


@pytest.fixture
def context(new_device: Callable[..., BrowserContext]) -> BrowserContext:
    return new_device()
