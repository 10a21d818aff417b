"""The stylesheet and script carry a hash of their content in the URL and are kept by browsers for a year."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parent.parent / "eservice" / "static"
ASSET = re.compile(r'(?:href|src)="(/static/(site\.(?:css|js))\?v=([0-9a-f]{12}))"')


@pytest.fixture
def assets(client) -> list[tuple[str, str, str]]:
    found = ASSET.findall(client.get("/sv/").get_data(as_text=True))
    assert {name for _, name, _ in found} == {"site.css", "site.js"}, found
    return found


def test_asset_urls_carry_the_hash_of_their_content(assets):
    for _url, name, version in assets:
        assert version == hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


def test_a_current_asset_is_kept_for_a_year(client, assets):
    for url, _name, _version in assets:
        response = client.get(url)
        assert response.status_code == 200
        cache = response.headers["Cache-Control"]
        assert "max-age=31536000" in cache, cache
        assert "immutable" in cache, cache
        assert "no-cache" not in cache, cache


def test_an_old_or_missing_hash_is_not_kept(client):
    for url in ("/static/site.css?v=000000000000", "/static/site.css"):
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" not in response.headers.get("Cache-Control", ""), url
