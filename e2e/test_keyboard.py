"""The whole journey with the keyboard alone, in Swedish and in Arabic (right to left), JavaScript on and the real
CSP in force."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .journeys import single_journey
from .keyboard import Keyboard
from .pages import StartPage


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(context):
    page = context.new_page()
    start = StartPage.open(page)
    keys = Keyboard(page)
    skip = page.get_by_role("link", name="Gå till innehållet")
    keys.key("Tab")
    assert keys.is_focused(skip), "the first Tab does not reach the skip link"
    expect(skip).to_be_in_viewport()
    keys.key("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # From the content, Tab goes on to the start button; Shift+Tab goes back out, never trapped.
    keys.tab_to(start.button("Börja nu"))
    keys.key("Shift+Tab")
    assert not start.button("Börja nu").evaluate("el => el === document.activeElement")
    assert keys.focus_findings == [], keys.focus_findings


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_a_single_applicant_with_the_keyboard_alone(context, lang):
    """Start page to confirmation without a mouse: every link, button, radio, checkbox and field is reached with
    Tab or Shift+Tab and used with Space, Enter, the arrow keys or typing; every stop shows its focus."""
    page = context.new_page()
    keys = Keyboard(page)
    reference, done = single_journey(page, lang=lang, hands=keys)
    assert done.reference == reference
    assert keys.presses > 200, keys.presses
    assert keys.focus_findings == [], "\n".join(keys.focus_findings)


def test_a_hidden_focus_would_be_found(new_device):
    """The focus check is not vacuous: with the focus style removed, the first Tab is reported."""
    page = new_device(bypass_csp=True).new_page()  # only to inject the style that hides the focus
    StartPage.open(page)
    page.add_style_tag(content="*:focus-visible,*:focus{outline:none!important;box-shadow:none!important}")
    keys = Keyboard(page)
    keys.key("Tab")
    assert keys.focus_findings, keys.focus_findings
    assert "no visible focus" in keys.focus_findings[0], keys.focus_findings
