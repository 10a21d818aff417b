"""Staff sign-in through a real OpenID Connect provider (panva's oidc-provider), over HTTP, with every check."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests
from authlib.common.errors import AuthlibBaseError
from joserfc.errors import JoseError

from eservice import create_app
from eservice.signin import oidc
from eservice.signin.settings import LOA3

from .helpers import production_settings, token
from .oidc_provider import OidcTestProvider, free_port, log_in_at_provider

STAFF_CALLBACK = "http://localhost/staff/callback"
EID_CALLBACK = "http://localhost/e-id/callback"


@pytest.fixture(scope="module")
def provider():
    running = OidcTestProvider(redirect_uris=[STAFF_CALLBACK, EID_CALLBACK]).start()
    yield running
    running.stop()


@pytest.fixture
def staff_app(app, provider):
    """The test app with the staff door pointing at the test provider (SQLite and PostgreSQL, like `app`)."""
    return configured(app, provider.staff_settings())


def configured(app, settings):
    app.config["STAFF_OIDC"] = settings
    app.config["STAFF_ROLE_MAP"] = "handlaggare=caseworker"
    oidc.init_app(app, [settings])
    return app


def start(client) -> str:
    """Press "sign in" on the staff sign-in page; returns where the service sends the browser."""
    assert "/staff/sign-in/start" in client.get("/staff/sign-in").get_data(as_text=True)
    response = client.get("/staff/sign-in/start")
    assert response.status_code == 302
    return response.location


def back_at_service(client, url: str):
    parts = urlparse(url)
    assert parts.netloc == "localhost", url
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client, account: str, acr: str = LOA3):
    return back_at_service(client, log_in_at_provider(start(client), account, acr))


def test_a_caseworker_signs_in_with_code_flow_pkce_state_and_nonce(staff_app):
    client = staff_app.test_client()
    authorize = urlparse(start(client))
    query = parse_qs(authorize.query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0]
    assert query["state"][0]
    assert query["nonce"][0]
    assert query["response_type"] == ["code"]
    response = back_at_service(client, log_in_at_provider(authorize.geturl(), "anna"))
    assert response.status_code == 302
    assert response.location == "/staff/"
    home = client.get("/staff/").get_data(as_text=True)
    assert "Anna Handläggare" in home
    assert "Handläggare" in home
    assert "Norra kontoret" in home


@pytest.mark.parametrize(
    ("account", "role", "unit"),
    [("lars", "Gruppledare", "Södra kontoret"), ("admin", "Administratör", "Alla enheter")],
)
def test_roles_and_units_come_from_the_claims(staff_app, account, role, unit):
    client = staff_app.test_client()
    sign_in(client, account)
    home = client.get("/staff/").get_data(as_text=True)
    assert f"<dd>{role}</dd>" in home
    assert f"<dd>{unit}</dd>" in home


@pytest.mark.parametrize("account", ["nobody", "elsewhere"])
def test_a_person_without_a_role_or_a_known_unit_gets_a_clear_no_access_page(staff_app, account):
    client = staff_app.test_client()
    response = sign_in(client, account)
    assert response.status_code == 403
    assert "Du har inte behörighet här" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302  # and is not signed in


def test_a_local_mapping_gives_a_role_to_a_subject_the_provider_sends_none_for(staff_app):
    staff_app.config["STAFF_SUBJECTS"] = "nobody=team_lead@north"
    client = staff_app.test_client()
    assert sign_in(client, "nobody").status_code == 302
    assert "<dd>Gruppledare</dd>" in client.get("/staff/").get_data(as_text=True)


def test_a_wrong_state_is_refused(staff_app):
    client = staff_app.test_client()
    callback = log_in_at_provider(start(client), "anna")
    tampered = callback.replace("state=", "state=x")
    response = back_at_service(client, tampered)
    assert response.status_code == 302
    assert "failed=failed" in response.location
    assert client.get("/staff/").status_code == 302


def test_a_replayed_code_is_refused(staff_app):
    client = staff_app.test_client()
    first = log_in_at_provider(start(client), "anna")
    assert back_at_service(client, first).location == "/staff/"
    client.post("/staff/sign-out", data={"csrf_token": token(client.get("/staff/").get_data(as_text=True))})
    # A new sign-in starts (new state); the old code is sent with it.
    new_state = parse_qs(urlparse(start(client)).query)["state"][0]
    old = parse_qs(urlparse(first).query)
    replay = f"/staff/callback?{urlencode({'code': old['code'][0], 'state': new_state, 'iss': old['iss'][0]})}"
    response = client.get(replay)
    assert "failed=failed" in response.location
    assert client.get("/staff/").status_code == 302


def test_a_response_naming_another_issuer_is_refused(staff_app):
    client = staff_app.test_client()
    callback = log_in_at_provider(start(client), "anna")
    query = parse_qs(urlparse(callback).query)
    query["iss"] = ["https://evil.example"]
    response = client.get(f"/staff/callback?{urlencode({k: v[0] for k, v in query.items()})}")
    assert "failed=failed" in response.location


def test_a_provider_whose_discovery_names_another_issuer_is_refused(app, provider):
    staff_app = configured(app, provider.staff_settings(STAFF_OIDC_ISSUER=provider.issuer + "/"))
    client = staff_app.test_client()
    assert "failed=unavailable" in start(client)


def test_an_answer_with_an_error_from_the_provider_gives_a_clear_page(staff_app):
    client = staff_app.test_client()
    state = parse_qs(urlparse(start(client)).query)["state"][0]
    response = client.get(f"/staff/callback?error=access_denied&state={state}")
    assert "failed=failed" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "Inloggningen gick inte att slutföra" in page


def test_a_provider_that_is_down_gives_a_clear_page_not_an_error(app):
    down = f"http://127.0.0.1:{free_port()}"
    env = {"STAFF_OIDC_ISSUER": down, "STAFF_OIDC_CLIENT_ID": "x", "STAFF_OIDC_CLIENT_SECRET": "y"}
    from eservice.signin.settings import from_environment

    staff_app = configured(app, from_environment("staff", "STAFF_OIDC", env, {}))
    client = staff_app.test_client()
    location = start(client)
    assert "failed=unavailable" in location
    assert "svarar inte just nu" in client.get(location).get_data(as_text=True)
    assert client.get("/staff/callback?code=x&state=y").status_code == 302


@pytest.mark.parametrize("acr", ["http://id.elegnamnden.se/loa/1.0/loa2", ""])
def test_a_too_low_or_missing_acr_is_refused(app, provider, acr):
    staff_app = configured(app, provider.staff_settings(STAFF_OIDC_ACR_VALUES=LOA3))
    client = staff_app.test_client()
    authorize = start(client)
    assert "essential" in parse_qs(urlparse(authorize).query)["claims"][0]
    response = back_at_service(client, log_in_at_provider(authorize, "anna", acr))
    assert "failed=failed" in response.location


def test_an_id_token_for_another_client_is_refused(staff_app, provider):
    """Authlib checks `aud` against our client id: a token the provider issued to the e-ID client does not pass."""
    with staff_app.test_request_context():
        client = oidc.client_of(staff_app.config["STAFF_OIDC"])
        foreign = {"id_token": _eid_id_token(provider), "access_token": "x"}
        with pytest.raises((AuthlibBaseError, JoseError), match=r"aud|azp"):
            client.parse_id_token(foreign, nonce="n-1")


def _eid_id_token(provider) -> str:
    """A real ID token for the e-ID client, through the whole flow with private_key_jwt."""
    from authlib.integrations.requests_client import OAuth2Session
    from authlib.oauth2.rfc7523 import PrivateKeyJWT

    eid = provider.eid_settings()
    session = OAuth2Session(
        "eid-client",
        dict(eid.private_key),
        scope="openid",
        redirect_uri=EID_CALLBACK,
        token_endpoint_auth_method="private_key_jwt",
        code_challenge_method="S256",
    )
    session.register_client_auth_method(PrivateKeyJWT(alg="RS256"))
    metadata = requests.get(eid.metadata_url, timeout=10).json()
    verifier = "w" * 64
    url, _ = session.create_authorization_url(metadata["authorization_endpoint"], nonce="n-1", code_verifier=verifier)
    back = log_in_at_provider(url, "person1")
    tokens = session.fetch_token(metadata["token_endpoint"], authorization_response=back, code_verifier=verifier)
    return str(tokens["id_token"])


def test_sign_out_ends_the_session_and_the_providers_session(staff_app, provider):
    client = staff_app.test_client()
    sign_in(client, "anna")
    page = client.get("/staff/").get_data(as_text=True)
    response = client.post("/staff/sign-out", data={"csrf_token": token(page)})
    assert response.location == "/staff/signed-out"
    signed_out = client.get("/staff/signed-out").get_data(as_text=True)
    assert f'href="{provider.issuer}/session/end?id_token_hint=' in signed_out
    assert client.get("/staff/").status_code == 302


def test_the_session_token_is_new_at_sign_in(staff_app):
    client = staff_app.test_client()
    client.get("/staff/sign-in")
    before = client.get_cookie("ix_session")
    sign_in(client, "anna")
    after = client.get_cookie("ix_session")
    assert after is not None
    assert before is None or before.value != after.value


def test_nothing_about_the_sign_in_reaches_the_log_but_the_outcome(staff_app, caplog):
    client = staff_app.test_client()
    with caplog.at_level(logging.DEBUG):
        sign_in(client, "anna")
    text = caplog.text
    assert "Anna" not in text
    assert "code=" not in text


def test_the_demo_sign_in_exists_only_in_development(monkeypatch, tmp_path):
    assert "/staff/demo-sign-in" not in {r.rule for r in create_app("test").url_map.iter_rules()}
    production_settings(monkeypatch)
    production = create_app("production")
    assert "/staff/demo-sign-in" not in {r.rule for r in production.url_map.iter_rules()}
    assert "/staff/demo-sign-in" in {r.rule for r in create_app("development").url_map.iter_rules()}


def test_the_sign_in_page_offers_no_button_without_a_provider(client):
    page = client.get("/staff/sign-in").get_data(as_text=True)
    assert "kommunens inloggning" not in page
    assert "inte inställd" in page


def test_a_higher_role_may_do_what_a_lower_one_may():
    from eservice.security import ADMINISTRATOR, CASEWORKER, TEAM_LEAD
    from eservice.staff.roles import StaffMember

    def member(role: str) -> StaffMember:
        return StaffMember("s", "i", "n", role, "north", "oidc")

    assert member("caseworker").may(CASEWORKER)
    assert not member("caseworker").may(TEAM_LEAD)
    assert member("team_lead").may(CASEWORKER)
    assert not member("team_lead").may(ADMINISTRATOR)
    assert member("administrator").may(TEAM_LEAD)


def test_a_next_address_off_the_staff_side_is_never_followed(staff_app):
    client = staff_app.test_client()
    client.get("/staff/sign-in?next=//evil.example/staff/")
    assert sign_in(client, "anna").location == "/staff/"


def test_staff_texts_have_a_gettext_domain_of_their_own():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "eservice"
    staff = (root / "staff" / "translations" / "staff.pot").read_text(encoding="utf-8")
    applicant = (root / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert 'msgid "Logga in som handläggare"' in staff
    assert 'msgid "Logga in som handläggare"' not in applicant
