"""The pages for everyone can be found in every language; nothing with answers can be found at all."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from eservice.findable import DESCRIPTIONS
from eservice.i18n import ALL_LANGUAGES, offered_languages

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, fill

FINDABLE = {
    "/<lang:lang>/": "applicant.start",
    "/<lang:lang>/questions": "applicant.all_questions",
    "/<lang:lang>/glossary": "public.glossary",
    "/<lang:lang>/interpreter": "public.interpreter",
    "/<lang:lang>/accessibility": "public.accessibility",
    "/<lang:lang>/safety": "public.safety",
    "/<lang:lang>/privacy": "public.privacy",
}
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
NOINDEX = '<meta name="robots" content="noindex">'


def test_the_findable_pages_are_the_pages_for_everyone(app):
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    assert set(DESCRIPTIONS) == set(FINDABLE.values())
    assert {rules[endpoint]: endpoint for endpoint in DESCRIPTIONS} == FINDABLE


@pytest.mark.parametrize("lang", [lang.url_code for lang in ALL_LANGUAGES])
def test_each_public_page_has_a_description_in_its_language_and_links_to_every_language(app, client, lang):
    offered = [other.url_code for other in offered_languages()]
    assert len(offered) == len(ALL_LANGUAGES), "every catalog is compiled"
    swedish = {
        rule: DESCRIPTION.search(client.get(rule.replace("<lang:lang>", "sv")).get_data(as_text=True))[1]
        for rule in FINDABLE
    }
    for rule in FINDABLE:
        path = rule.replace("<lang:lang>", lang)
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Robots-Tag" not in response.headers, path
        html = response.get_data(as_text=True)
        assert NOINDEX not in html, path

        description = DESCRIPTION.search(html)
        assert description, f"{path} has no description"
        assert len(description[1]) >= 40, path
        if lang != "sv":
            assert description[1] != swedish[rule], f"{path}: the description is not translated"

        assert CANONICAL.search(html)[1] == f"http://localhost{path}"
        alternates = dict(ALTERNATE.findall(html))
        assert list(alternates) == [*offered, "x-default"], path
        assert alternates["x-default"] == alternates["sv"]
        for code, href in alternates.items():
            target = urlsplit(href)
            assert (target.scheme, target.netloc) == ("http", "localhost"), href
            expected = rule.replace("<lang:lang>", "sv" if code == "x-default" else code)
            assert target.path == expected, (path, code, href)
        for href in set(alternates.values()):
            assert client.get(urlsplit(href).path).status_code == 200, href


def test_the_start_page_names_the_municipality_to_searchers(app, client):
    app.config["MUNICIPALITY_NAME"] = "Ankeborg"
    html = client.get("/ar/").get_data(as_text=True)
    assert "Ankeborg" in DESCRIPTION.search(html)[1]
    assert "الخدمات الاجتماعية" in DESCRIPTION.search(html)[1]


def assert_noindex(response, name: str) -> None:
    assert response.headers.get("X-Robots-Tag") == "noindex", name
    if response.status_code == 200 and response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        assert NOINDEX in html, name
        assert not DESCRIPTION.search(html), name
        assert not ALTERNATE.search(html), name


def test_every_page_with_answers_is_noindex(app, client):
    person = Applicant(client)
    assert person.post_form("new", page_path="").status_code == 302
    code_page = person.get("your-code")
    assert code_page.status_code == 200
    assert_noindex(code_page, "your-code")
    person.post_form("your-code")
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    for path in ("tasks", "q/household", "q/health", "check", "partner", "delete"):
        response = person.get(path)
        assert response.status_code == 200, path
        assert_noindex(response, path)
    assert_noindex(person.submit(), "the redirect after sending")
    for path in ("done", "check", "answers.pdf"):
        response = person.get(path)
        assert response.status_code == 200, path
        assert_noindex(response, path)
    # A findable page seen while signed in is still the public page: the same for everyone.
    assert "X-Robots-Tag" not in person.get("glossary").headers


@pytest.mark.parametrize(
    "path",
    [
        "/sv/resume",
        "/sv/glossary?q=hyra",
        "/sv/?from=somewhere",
        "/sv/no-such-page",
        "/sv/q/household",
        "/api/glossary?lang=sv",
    ],
)
def test_other_pages_are_noindex_too(client, path):
    assert_noindex(client.get(path), path)


def test_a_page_that_fails_is_noindex_even_where_it_would_be_findable(app, client, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setitem(app.view_functions, "public.glossary", broken)
    response = client.get("/sv/glossary")
    assert response.status_code == 500
    assert response.headers["X-Robots-Tag"] == "noindex"
