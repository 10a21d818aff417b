"""No request makes the service answer 5xx, and every error answer keeps the security headers.

The security review's list (query arguments that url_for would take as its own, a foreign Host with `_external`, a
nameless multipart part, a Host with a DNS label over 63 characters, odd methods) goes to every route of the URL
map, signed out and signed in; then Hypothesis sends random query strings and form bodies to every GET and POST
route. The app does not propagate exceptions here, as in production: a bug shows as the 500 it would be.

One SQLite database for the module keeps this fast; the markup and routing do not depend on the backend.
"""

from __future__ import annotations

import re

import pytest
from flask import got_request_exception
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eservice import create_app
from eservice.cli import upgrade
from eservice.instrument import INSTRUMENT

from .helpers import Applicant, token

VARIABLE = re.compile(r"<(?:[a-z_]+(?:\([^)]*\))?:)?([a-z_]+)>")
FILLERS = {
    "lang": ["sv", "ar"],
    "page_id": ["household", "no_such_page", "ä" * 70 + "..%2F"],
    "filename": ["site.css", "..%2Fconfig.py"],
}
OTHER_FILLERS = ["household", "x", "%00"]

# The review's query strings: each names an argument of url_for or of a route, or an allowed argument with an odd
# value. `_external` goes with a foreign Host: it once wrote that host into the language links.
QUERIES = [
    "lang=en",
    "lang=xx",
    "endpoint=x",
    "_method=POST",
    "page_id=x",
    "page_id=household",
    "_anchor=x",
    "_scheme=javascript",
    "filename=x",
    "v=..%2F..%2Fetc",
    "return=check",
    "return=https%3A%2F%2Fevil.example%2F",
    "q=%00%0D%0A",
    "q=" + "x" * 5000,
]
EVIL_HOST = "evil.example"
BAD_HOSTS = ["a" * 64 + ".example", "a" * 300, "example..se", "[::1", "ex ample.se", "example.se:99999999"]
ODD_METHODS = ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "BREW"]
NAMELESS_PART = b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n"
NAMELESS_FILE = b'--b\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nx\r\n--b--\r\n'
SECURITY_HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("robust")
    url = f"sqlite:///{root / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url, PROPAGATE_EXCEPTIONS=False)
    app.instance_path = str(root)
    exceptions: list[str] = []
    got_request_exception.connect(lambda _sender, exception, **_kw: exceptions.append(repr(exception)), app, False)
    app.extensions["test_exceptions"] = exceptions
    # WeasyPrint takes seconds per PDF and reads no request input; the views around it are what is tested here.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("eservice.pdf.render_pdf", lambda _html: b"%PDF-1.7 not rendered in this test")
        yield app
    app.extensions["db_engine"].dispose()


def urls(rule) -> list[str]:
    """The rule with each variable filled in by plausible values and garbage."""
    found = [rule.rule]
    for name in VARIABLE.findall(rule.rule):
        pattern = re.compile(r"<(?:[a-z_]+(?:\([^)]*\))?:)?" + name + ">")
        found = [pattern.sub(value, url, count=1) for url in found for value in FILLERS.get(name, OTHER_FILLERS)]
    return found


def all_urls(app) -> list[tuple[str, set[str]]]:
    """Every URL to try, with the methods its rule answers."""
    found = {(url, frozenset(rule.methods)) for rule in app.url_map.iter_rules() for url in urls(rule)}
    return sorted((url, set(methods)) for url, methods in found)


def signed_in(app):
    client = app.test_client()
    Applicant(client).start()
    return client


def problems_of(app, response, what: str) -> list[str]:
    found = []
    if response.status_code >= 500:
        found.append(f"{what}: {response.status_code} {app.extensions['test_exceptions'][-1:]}")
    missing = [h for h in SECURITY_HEADERS if h not in response.headers]
    if missing:
        found.append(f"{what}: {response.status_code} without {missing}")
    if response.status_code >= 400 and response.headers.get("Cache-Control") != "no-store":
        found.append(f"{what}: error {response.status_code} may be cached ({response.headers.get('Cache-Control')})")
    if EVIL_HOST.encode() in response.get_data():
        found.append(f"{what}: the foreign host is in the page")
    return found


def keep_signed_in(client) -> None:
    """Sign in again if a request signed out (the quick exit, save and exit), so every URL is tried signed in."""
    with client.session_transaction() as session:
        signed_out = "adult_id" not in session
    if signed_out:
        Applicant(client).start()


def review_list(app, client, signed_in: bool = False) -> list[str]:
    problems = []

    def check(url, method, what="", **kwargs):
        response = client.open(url, method=method, **kwargs)
        problems.extend(problems_of(app, response, f"{method} {url} {what}"))

    for url, methods in all_urls(app):
        for query in QUERIES:
            check(url, "GET", f"?{query}", query_string=query, headers={"Host": EVIL_HOST})
            if "POST" in methods:
                check(url, "POST", f"?{query}", query_string=query, data={"x": "y"})
        check(url, "GET", "?_external=1 with a foreign Host", query_string="_external=1", headers={"Host": EVIL_HOST})
        for method in ["POST", *ODD_METHODS]:
            check(url, method)
        for body in (NAMELESS_PART, NAMELESS_FILE):
            check(url, "POST", "nameless part", data=body, content_type="multipart/form-data; boundary=b")
        for host in BAD_HOSTS:
            check(url, "GET", f"Host {host[:20]}", headers={"Host": host})
        check(url, "POST", "Host label over 63", headers={"Host": BAD_HOSTS[0]}, data={"x": "y"})
        if signed_in:
            keep_signed_in(client)
    return problems


def test_the_review_list_never_gives_a_server_error_signed_out(app):
    assert len(all_urls(app)) > 25
    problems = review_list(app, app.test_client())
    assert not problems, "\n".join(problems[:30])


def test_the_review_list_never_gives_a_server_error_signed_in(app):
    problems = review_list(app, signed_in(app), signed_in=True)
    assert not problems, "\n".join(problems[:30])


def test_language_links_keep_only_known_query_arguments(app):
    page = app.test_client().get(
        "/sv/glossary?q=kassa&lang=en&endpoint=x&_external=1&page_id=x", headers={"Host": EVIL_HOST}
    )
    links = re.findall(r'href="([^"]+)" data-lang="ar"', page.get_data(as_text=True))
    assert links == ["/ar/glossary?q=kassa"]


def test_a_host_label_over_63_characters_is_a_400_with_every_header(app):
    response = app.test_client().get("/sv/", headers={"Host": "a" * 64 + ".example"})
    assert response.status_code == 400
    assert "Content-Security-Policy" in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert "<h1>" in response.get_data(as_text=True)  # the simple error page, not an empty answer


def test_a_nameless_multipart_part_is_a_400(app):
    response = app.test_client().post("/sv/resume", data=NAMELESS_PART, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 400


def test_a_failing_error_page_still_answers_with_every_header(tmp_path, monkeypatch):
    """Even when both error templates fail, the answer is plain text with the security headers."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url, PROPAGATE_EXCEPTIONS=False)

    def broken(*_args, **_kwargs):
        raise RuntimeError("broken")

    app.add_url_rule("/broken", "broken", broken)
    monkeypatch.setattr("eservice.errors.render_template", broken)
    for path, status in (("/sv/no-such-page", 404), ("/broken", 500)):
        response = app.test_client().get(path)
        assert response.status_code == status
        assert response.mimetype == "text/plain"
        assert response.headers["Cache-Control"] == "no-store"
        assert all(h in response.headers for h in SECURITY_HEADERS)


def test_an_after_request_failure_still_answers_with_every_header(tmp_path):
    """after_request functions are cut short when one fails: the WSGI middleware adds the headers anyway."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    app = create_app("test", DATABASE_URL=url, PROPAGATE_EXCEPTIONS=False)

    @app.after_request
    def _broken(_response):
        raise RuntimeError("after_request broken")

    response = app.test_client().get("/sv/")
    assert response.status_code == 500
    assert all(h in response.headers for h in SECURITY_HEADERS)
    assert response.headers["Cache-Control"] == "no-store"


# Hypothesis: random query strings and form bodies against every GET and POST route.
KEYS = st.one_of(
    st.sampled_from(["lang", "return", "q", "endpoint", "_method", "_external", "page_id", "v", "action", "version"]),
    st.sampled_from([q.id for part in INSTRUMENT.parts for page in part.pages() for q in page.questions]),
    st.text(max_size=20),
)
VALUES = st.one_of(st.text(max_size=200), st.sampled_from(["check", "1", "", "continue", "save_exit", "\x00"]))
PARAMS = st.dictionaries(KEYS, VALUES, max_size=6)


def route_groups() -> dict[str, list[str]]:
    """GET and POST URLs by blueprint and method: `applicant GET`, `public GET`, `applicant POST`..."""
    app = create_app("test", DATABASE_URL="sqlite://")
    groups: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"GET", "POST"}):
            groups.setdefault(f"{rule.endpoint.partition('.')[0]} {method}", []).extend(urls(rule))
    return {name: sorted(found) for name, found in sorted(groups.items())}


ROUTE_GROUPS = route_groups()


@pytest.fixture(scope="module")
def hypothesis_clients(app):
    return {"signed out": app.test_client(), "signed in": signed_in(app)}


@pytest.mark.parametrize("group", ROUTE_GROUPS)
def test_random_queries_and_forms_never_give_a_server_error(app, hypothesis_clients, group):
    method = group.split()[-1]

    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        url=st.sampled_from(ROUTE_GROUPS[group]),
        who=st.sampled_from(sorted(hypothesis_clients)),
        query=PARAMS,
        form=PARAMS,
        with_token=st.booleans(),
    )
    def send(url, who, query, form, with_token):
        client = hypothesis_clients[who]
        if who == "signed in":
            keep_signed_in(client)
        data = None
        if method == "POST":
            data = dict(form)
            if with_token:
                # A valid token gets the form past CSRF into the view.
                data["csrf_token"] = token(client.get("/sv/resume").get_data(as_text=True))
        response = client.open(url, method=method, query_string=query, data=data)
        problems = problems_of(app, response, f"{method} {url} {query} {form}")
        assert not problems, problems

    send()
