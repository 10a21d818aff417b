"""A save whose connection is cut (the worker serving it killed) keeps the person on their page, with what they
typed and a message; pressing Fortsätt again saves it. Under gunicorn on PostgreSQL, as production runs it.

Deterministic: the test holds a row lock on the applicant's answers, so the save waits inside the worker; then it
SIGKILLs that worker (the only one) and lets the lock go. The browser gets no answer at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.gunicorn_service import Service, gunicorn_service

from .checks import axe_violations
from .journeys import start

MESSAGE = "Vi kunde inte spara just nu. Det du skrev finns kvar. Försök igen om en stund."


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    # One worker: the save that waits for the lock is known to be on it.
    with gunicorn_service(Path(tmp_path_factory.mktemp("cut-save")), workers=1) as running:
        yield running


@pytest.fixture(scope="module")
def browser_context_args(browser_context_args: dict, service: Service) -> dict:
    return {**browser_context_args, "base_url": service.url}


def _lock_answers(service: Service, reference: str) -> psycopg.Connection:
    conn = psycopg.connect(service.database_url.replace("+psycopg", ""))
    locked = conn.execute(
        "SELECT a.id FROM answer_set a JOIN household h ON h.id = a.household_id"
        " WHERE h.reference = %s AND a.part = 'I' FOR UPDATE OF a",
        (reference,),
    ).fetchall()
    assert locked, "no row of answers to lock"
    return conn


def _wait_for_lock_wait(service: Service) -> None:
    with psycopg.connect(service.database_url.replace("+psycopg", ""), autocommit=True) as conn:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if conn.execute("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'").fetchall():
                return
            time.sleep(0.05)
    raise AssertionError("the save never waited for the lock")


def _stored_balance(service: Service, reference: str):
    with psycopg.connect(service.database_url.replace("+psycopg", "")) as conn:
        row = conn.execute(
            "SELECT a.answers FROM answer_set a JOIN household h ON h.id = a.household_id"
            " WHERE h.reference = %s AND a.part = 'I'",
            (reference,),
        ).fetchone()
    return (row[0] or {}).get("bank_balance")


def test_a_cut_save_keeps_the_typed_answer_and_the_next_press_saves_it(service: Service, new_device) -> None:
    page: Page = new_device().new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # The cut request itself is reported by the browser (net::ERR_EMPTY_RESPONSE); anything else is a fault.
        if message.type == "error" and "net::ERR_" not in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    started = start(page)
    page.goto("/sv/q/assets")
    balance = page.locator('input[name="bank_balance"]')
    balance.fill("4711")
    page.locator('input[name="owns_car"][value="no"]').check()
    page.locator('input[name="owns_property"][value="no"]').check()

    lock = _lock_answers(service, started.reference)
    try:
        page.get_by_role("button", name="Fortsätt", exact=True).click()
        _wait_for_lock_wait(service)
        killed = service.kill_worker()
    finally:
        lock.rollback()
        lock.close()

    failed = page.get_by_role("alert").filter(has_text=MESSAGE)
    expect(failed).to_be_visible()
    expect(failed).to_be_focused()
    assert page.url.endswith("/sv/q/assets")
    expect(balance).to_have_value("4711")
    expect(page.locator('input[name="owns_car"][value="no"]')).to_be_checked()
    assert _stored_balance(service, started.reference) is None  # the transaction died with the worker
    assert not axe_violations(Axe(), page)

    deadline = time.monotonic() + 30  # gunicorn starts a new worker in its place
    while killed in service.workers() or not service.workers():
        assert time.monotonic() < deadline, "gunicorn did not replace the worker"
        time.sleep(0.1)
    page.get_by_role("button", name="Fortsätt", exact=True).click()
    page.wait_for_url(lambda url: not url.endswith("/sv/q/assets"))
    assert str(_stored_balance(service, started.reference)) == "4711"
    assert not errors, errors
