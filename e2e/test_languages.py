"""Languages in a real browser: switching mid-journey keeps every answer, and right-to-left pages are mirrored."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from .pages import StartPage

SHOTS = Path(__file__).parent / "test-results"


def test_switching_language_mid_journey_keeps_the_answers(context):
    page = context.new_page()
    StartPage.open(page).start().confirm_saved()
    page.goto("/sv/q/household")
    page.get_by_role("group", name="Söker du ensam eller tillsammans med någon?").get_by_role(
        "radio", name="Jag söker ensam"
    ).check()
    page.get_by_label("Hur många barn under 18 år bor hos dig?").fill("2")
    # Not saved yet: the switch itself must keep what was typed.
    page.get_by_role("navigation").get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"/ar/q/household$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator('input[name="applying_with"][value="alone"]')).to_be_checked()
    expect(page.locator('input[name="children_count"]')).to_have_value("2")
    page.get_by_role("navigation").get_by_role("link", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("radio", name="Jag söker ensam")).to_be_checked()
    expect(page.get_by_label("Hur många barn under 18 år bor hos dig?")).to_have_value("2")


def test_arabic_layout_is_mirrored(new_device):
    SHOTS.mkdir(exist_ok=True)
    edges = {}
    for lang in ("sv", "ar"):
        page = new_device(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"/{lang}/")
        page.screenshot(path=str(SHOTS / f"start-{lang}.png"), full_page=True)
        box = page.get_by_role("heading", level=1).bounding_box()
        button = page.get_by_role("button").first.bounding_box()
        edges[lang] = (box["x"], 390 - (box["x"] + box["width"]), button["x"], 390 - (button["x"] + button["width"]))
    sv_left, _, sv_button_left, _ = edges["sv"]
    _, ar_right, _, ar_button_right = edges["ar"]
    # In Swedish the heading and the start button hug the left margin; in Arabic the same margin is on the right.
    assert sv_left < 40, edges
    assert ar_right < 40, edges
    assert abs(sv_left - ar_right) < 4, edges
    assert abs(sv_button_left - ar_button_right) < 4, edges
