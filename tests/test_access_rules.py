"""Every route declares who may reach it, and applicant routes send an anonymous visitor to sign in."""

from __future__ import annotations

import pytest

from eservice import create_app
from eservice.security import ALL_RULES, APPLICANT, STAFF_ROLES

from .helpers import token

# A value for each path variable, so that every route can be called. A new variable needs a sample here.
SAMPLES = {
    "lang": "sv",
    "page_id": "household",
    "section_id": "sensitive",
    "case_id": "00000000-0000-0000-0000-000000000000",
    "position": "1",
    "plan_id": "00000000-0000-0000-0000-000000000001",
    "evaluation_id": "00000000-0000-0000-0000-000000000002",
}


def routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def sample_path(rule) -> str:
    missing = rule.arguments - set(SAMPLES)
    assert not missing, f"{rule.rule}: add a sample value for {missing} to SAMPLES"
    path = rule.rule.replace("<lang:lang>", SAMPLES["lang"])
    for name in rule.arguments - {"lang"}:
        path = path.replace(f"<{name}>", SAMPLES[name])
    return path


def test_every_route_declares_an_access_rule():
    app = create_app("test")  # the url map alone: no database needed
    assert len(routes(app)) > 10
    for rule in routes(app):
        view = app.view_functions[rule.endpoint]
        assert getattr(view, "access_rule", None) in ALL_RULES, f"{rule.rule} ({rule.endpoint}) has no access rule"


def test_sample_paths_cover_the_path_variables():
    rule = next(r for r in routes(create_app("test")) if r.endpoint == "applicant.question_page")
    assert sample_path(rule) == "/sv/q/household"


def applicant_rules(app):
    rules = [r for r in routes(app) if app.view_functions[r.endpoint].access_rule == APPLICANT]
    assert {"applicant.tasks", "applicant.question_page", "applicant.submit"} <= {r.endpoint for r in rules}
    return rules


def test_applicant_routes_send_an_anonymous_visitor_to_resume(app, client):
    csrf = token(client.get("/sv/").get_data(as_text=True))  # so that a POST reaches the view, not the CSRF check
    for rule in applicant_rules(app):
        path = sample_path(rule)
        response = client.get(path) if "GET" in rule.methods else client.post(path, data={"csrf_token": csrf})
        assert response.status_code == 302, (path, response.status_code)
        assert response.location.endswith("/sv/resume"), (path, response.location)


@pytest.mark.parametrize("path", ["/sv/q/household", "/sv/q/violence", "/sv/partner", "/sv/your-code"])
def test_a_signed_out_visitor_posting_answers_is_sent_to_resume(client, path):
    csrf = token(client.get("/sv/").get_data(as_text=True))
    response = client.post(path, data={"csrf_token": csrf, "applying_with": "alone", "violence": "yes"})
    assert response.status_code == 302
    assert response.location.endswith("/sv/resume")


def staff_role_rules(app):
    return [r for r in routes(app) if app.view_functions[r.endpoint].access_rule in STAFF_ROLES]


def test_staff_routes_send_an_anonymous_visitor_to_the_staff_sign_in(app, client):
    rules = staff_role_rules(app)
    assert "staff.home" in {r.endpoint for r in rules}
    csrf = token(client.get("/sv/").get_data(as_text=True))
    for rule in rules:
        path = sample_path(rule)
        response = client.get(path) if "GET" in rule.methods else client.post(path, data={"csrf_token": csrf})
        assert response.status_code == 302, (path, response.status_code)
        assert response.location.startswith("/staff/sign-in"), (path, response.location)


def test_an_applicant_session_never_opens_a_staff_route(app, client):
    from .helpers import Applicant

    Applicant(client).start()
    for rule in staff_role_rules(app):
        if "GET" in rule.methods:
            assert client.get(sample_path(rule)).status_code == 302
