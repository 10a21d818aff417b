"""Signing in through the provider's own login page in Chromium: once as a caseworker, once as an applicant."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

# signin_server (e2e/conftest.py): an app of its own with the real test OIDC provider.


def test_a_caseworker_signs_in_at_the_municipalitys_provider(context: BrowserContext, signin_server: str):
    page = context.new_page()
    page.goto(f"{signin_server}/staff/")
    page.get_by_role("link", name="Logga in med kommunens inloggning").click()
    expect(page.get_by_role("heading", name="Test provider: sign in")).to_be_visible()
    page.get_by_label("Account").fill("anna")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Kön")).to_be_visible()
    expect(page.get_by_text("Anna Handläggare").first).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Du är utloggad")).to_be_visible()
    # Then out of the provider too: it asks to confirm its own sign-out, and sends the browser back.
    page.get_by_role("link", name="Logga ut från kommunens inloggning").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Du är utloggad")).to_be_visible()
    expect(page).to_have_url(f"{signin_server}/staff/signed-out")
    page.goto(f"{signin_server}/staff/")
    expect(page.get_by_role("heading", name="Logga in som handläggare")).to_be_visible()


def test_an_applicant_signs_in_with_e_id_and_starts_a_draft(context: BrowserContext, signin_server: str):
    page = context.new_page()
    page.goto(f"{signin_server}/sv/")
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    page.get_by_label("Account").fill("person1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dina ansökningar")).to_be_visible()
    page.get_by_role("button", name="Börja en ny ansökan").click()
    expect(page).to_have_url(f"{signin_server}/sv/tasks")
    assert "191212121212" not in page.url
