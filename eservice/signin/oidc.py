"""The OpenID Connect code flow through Authlib, with every check the Swedish profile asks for.

Authlib does PKCE (S256), `state`, `nonce`, the ID token's signature, `aud` and `iss` (against the discovery
document). Here, on top: the discovery document's issuer must be the configured one, the authorization response's
`iss` (RFC 9207) must be it too, `auth_time` must be present and recent, and `acr` must be one we accept.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Flask, current_app, request
from joserfc.errors import JoseError
from werkzeug.wrappers import Response

from .settings import PRIVATE_KEY_JWT, ClientSettings

TIMEOUT = 10  # seconds for every call to a provider: a provider that hangs must not hang a worker for long


class SignInFailed(Exception):
    """The provider said no, answered wrongly, or could not be reached. `reason` is for logs, never for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SignedIn:
    issuer: str
    subject: str
    acr: str
    auth_time: int
    claims: Mapping[str, Any]
    id_token: str

    def claim(self, settings: ClientSettings, ours: str) -> Any:
        return self.claims.get(settings.claim(ours))


def init_app(app: Flask, clients: list[ClientSettings]) -> None:
    """One Authlib registry per app (and a new one when called again): a client never outlives its settings."""
    oauth = OAuth(app)
    app.extensions["oidc_registry"] = oauth
    app.extensions["oidc_clients"] = {}
    app.jinja_env.globals["eid_offered"] = lambda: "eid" in app.extensions["oidc_clients"]
    for settings in clients:
        kwargs: dict[str, Any] = {
            "scope": settings.scopes,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": settings.auth_method,
            "timeout": TIMEOUT,
        }
        oauth.register(
            settings.name,
            client_id=settings.client_id,
            # For private_key_jwt Authlib signs the client assertion with the "secret": the private JWK.
            client_secret=dict(settings.private_key or {})
            if settings.auth_method == PRIVATE_KEY_JWT
            else settings.client_secret,
            server_metadata_url=settings.metadata_url,
            client_kwargs=kwargs,
            client_auth_methods=[PrivateKeyJWT(alg="RS256")] if settings.auth_method == PRIVATE_KEY_JWT else None,
        )
        app.extensions["oidc_clients"][settings.name] = settings


def settings_of(name: str) -> ClientSettings | None:
    clients: dict[str, ClientSettings] = current_app.extensions.get("oidc_clients", {})
    return clients.get(name)


def client_of(settings: ClientSettings) -> Any:
    oauth: OAuth = current_app.extensions["oidc_registry"]
    return oauth.create_client(settings.name)


def _client(settings: ClientSettings) -> tuple[Any, dict[str, Any]]:
    client = client_of(settings)
    try:
        metadata = client.load_server_metadata()
    except (requests.RequestException, json.JSONDecodeError, ValueError) as error:
        raise SignInFailed(f"discovery failed: {type(error).__name__}") from error
    if metadata.get("issuer") != settings.issuer:
        raise SignInFailed(f"discovery names issuer {metadata.get('issuer')!r}, not the configured one")
    return client, metadata


def begin(settings: ClientSettings, redirect_uri: str, **extra: str) -> Response:
    """Send the browser to the provider. State, nonce and the PKCE verifier wait in the server-side session."""
    client, _ = _client(settings)
    if settings.acr_values:
        essential = {"id_token": {"acr": {"essential": True, "values": list(settings.acr_values)}}}
        extra["claims"] = json.dumps(essential, separators=(",", ":"))
    try:
        response: Response = client.authorize_redirect(redirect_uri, **extra)
    except (requests.RequestException, AuthlibBaseError) as error:
        raise SignInFailed(f"authorization request failed: {type(error).__name__}") from error
    return response


def finish(settings: ClientSettings) -> SignedIn:
    """Check the provider's answer and exchange the code; every failure is a SignInFailed."""
    client, metadata = _client(settings)
    if "error" in request.args:
        raise SignInFailed(f"provider answered {request.args['error'][:50]!r}")
    answered_by = request.args.get("iss")
    if answered_by is not None and answered_by != settings.issuer:
        raise SignInFailed("the authorization response came from another issuer (RFC 9207)")
    if answered_by is None and metadata.get("authorization_response_iss_parameter_supported"):
        raise SignInFailed("the authorization response has no iss although the provider sends one")
    try:
        token = client.authorize_access_token(claims_options={"iss": {"essential": True, "value": settings.issuer}})
    except (requests.RequestException, AuthlibBaseError, JoseError, ValueError, KeyError, TypeError) as error:
        # KeyError/TypeError: Authlib reads the state from the session and fails so when it is missing or wrong.
        raise SignInFailed(f"token exchange or ID token check failed: {type(error).__name__}: {error}") from error
    claims = token.get("userinfo")
    if not claims:
        raise SignInFailed("no ID token")
    auth_time = claims.get("auth_time")
    if (
        not isinstance(auth_time, int)
        or auth_time > time.time() + 60
        or time.time() - auth_time > settings.max_auth_age
    ):
        raise SignInFailed("auth_time missing or too old")
    acr = claims.get("acr") or ""
    if settings.acr_values and acr not in settings.acr_values:
        raise SignInFailed(f"acr {acr!r} is not accepted")
    return SignedIn(
        issuer=claims["iss"],
        subject=claims["sub"],
        acr=acr,
        auth_time=auth_time,
        claims=dict(claims),
        id_token=token.get("id_token", ""),
    )


def end_session_url(settings: ClientSettings, id_token: str, after: str) -> str | None:
    """Where to send the browser to end the provider's session too (RP-initiated logout), if the provider can."""
    try:
        _, metadata = _client(settings)
    except SignInFailed:
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    from urllib.parse import urlencode

    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": after, "client_id": settings.client_id})
    return f"{endpoint}?{query}"
