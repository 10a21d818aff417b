"""The safety page, the privacy notice and the quick exit that ends the session."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_the_safety_page_says_where_to_get_help(client, lang):
    response = client.get(f"/{lang}/safety")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count("<h1>") == 1
    for number in ("tel:020505050", "tel:116006", "tel:116111"):
        assert f'href="{number}"' in html
    if lang == "sv":
        assert "Ring 112" in html
        assert "Det syns inte på telefonräkningen." in html
        assert "Rensa historik" in html


def test_the_privacy_notice_reads_the_municipality_and_retention_from_the_config(app, client):
    html = client.get("/sv/privacy").get_data(as_text=True)
    assert "Exempelkommunen" in html
    assert 'Ring Exempelkommunen på <a href="tel:0000000000">0000-00 00 00</a> (måndag–fredag 09:00–16:00).' in html
    assert "efter 30 dagar" in html
    assert "artikel 6.1 e" in html
    assert "registerutdrag" in html
    app.config.update(
        DRAFT_RETENTION_DAYS=14,
        MUNICIPALITY_NAME="Ankeborg",
        MUNICIPALITY_PHONE="08-123 45",
        MUNICIPALITY_OPENING_HOURS="tue 10:00-12:00",
    )
    html = client.get("/sv/privacy").get_data(as_text=True)
    assert "efter 14 dagar" in html
    assert "Socialnämnden i Ankeborg" in html
    assert 'Ring Ankeborg på <a href="tel:0812345">08-123 45</a> (tisdag 10:00–12:00).' in html


def test_the_footer_links_both_pages(client):
    html = client.get("/ar/").get_data(as_text=True)
    footer = html[html.index("<footer") :]
    assert 'href="/ar/safety"' in footer
    assert 'href="/ar/privacy"' in footer
