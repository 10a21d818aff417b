"""Each OpenID Connect client is configuration: read from the environment, one prefix per door.

STAFF_OIDC_* is the municipality's identity provider for caseworkers; EID_OIDC_* is the e-ID broker for
applicants. A door whose issuer is unset does not exist: no button leads to it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

PERSON_NUMBER_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
# Swedish e-ID at level 3 or 4, and foreign eID through the eIDAS node: Digg says a service at level 3 that takes
# Swedish e-ID must take foreign eID too.
EID_ACCEPTED_ACRS = (
    LOA3,
    "http://id.elegnamnden.se/loa/1.0/loa4",
    "http://id.elegnamnden.se/loa/1.0/eidas-sub",
    "http://id.elegnamnden.se/loa/1.0/eidas-high",
    "http://id.swedenconnect.se/loa/1.0/loa3-nonresident",
)
CLIENT_SECRET_BASIC = "client_secret_basic"  # noqa: S105  (a method's name, not a secret)
PRIVATE_KEY_JWT = "private_key_jwt"


@dataclass(frozen=True)
class ClientSettings:
    name: str  # "staff" or "eid": the Authlib client's name
    issuer: str
    client_id: str
    auth_method: str  # private_key_jwt (the Swedish profile, Sweden Connect) or client_secret_basic
    client_secret: str = ""
    private_key: Mapping[str, str] | None = None  # a private JWK, for private_key_jwt
    scopes: str = "openid"
    acr_values: tuple[str, ...] = ()  # requested as an essential acr; the ID token's acr must be one of them
    claims: Mapping[str, str] | None = None  # our name -> the provider's claim name
    max_auth_age: int = 3600  # seconds: an older sign-in (auth_time) is not accepted

    def claim(self, ours: str) -> str:
        return (self.claims or {}).get(ours, ours)

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


class SettingsError(ValueError):
    pass


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.replace(",", " ").split() if v)


def from_environment(
    name: str, prefix: str, env: Mapping[str, str], defaults: Mapping[str, str]
) -> ClientSettings | None:
    def get(key: str) -> str:
        return env.get(f"{prefix}_{key}", defaults.get(key, "")).strip()

    issuer = get("ISSUER")
    if not issuer:
        return None
    private_key = None
    if get("PRIVATE_KEY"):
        try:
            private_key = json.loads(get("PRIVATE_KEY"))
        except json.JSONDecodeError as error:
            raise SettingsError(f"{prefix}_PRIVATE_KEY must be a private JWK as JSON") from error
    auth_method = get("AUTH_METHOD") or (PRIVATE_KEY_JWT if private_key else CLIENT_SECRET_BASIC)
    if auth_method == PRIVATE_KEY_JWT and not private_key:
        raise SettingsError(f"{prefix}_AUTH_METHOD is private_key_jwt: set {prefix}_PRIVATE_KEY")
    if auth_method == CLIENT_SECRET_BASIC and not get("CLIENT_SECRET"):
        raise SettingsError(f"set {prefix}_CLIENT_SECRET (or {prefix}_PRIVATE_KEY for private_key_jwt)")
    if not get("CLIENT_ID"):
        raise SettingsError(f"set {prefix}_CLIENT_ID")
    claims = dict(pair.split("=", 1) for pair in _split(get("CLAIMS")) if "=" in pair)
    return ClientSettings(
        name=name,
        issuer=issuer,
        client_id=get("CLIENT_ID"),
        auth_method=auth_method,
        client_secret=get("CLIENT_SECRET"),
        private_key=private_key,
        scopes=" ".join(_split(get("SCOPES"))) or "openid",
        acr_values=_split(get("ACR_VALUES")),
        claims=claims,
        max_auth_age=int(get("MAX_AUTH_AGE") or "3600"),
    )


STAFF_DEFAULTS = {"SCOPES": "openid profile"}
EID_DEFAULTS = {
    "SCOPES": f"openid {PERSON_NUMBER_SCOPE}",
    "ACR_VALUES": " ".join(EID_ACCEPTED_ACRS),
    "AUTH_METHOD": PRIVATE_KEY_JWT,
    "CLAIMS": (
        "personal_number=https://id.oidc.se/claim/personalIdentityNumber "
        "coordination_number=https://id.oidc.se/claim/coordinationNumber "
        "identity_provider=https://id.oidc.se/claim/authnProvider"
    ),
}


def staff_settings(env: Mapping[str, str]) -> ClientSettings | None:
    return from_environment("staff", "STAFF_OIDC", env, STAFF_DEFAULTS)


def eid_settings(env: Mapping[str, str]) -> ClientSettings | None:
    return from_environment("eid", "EID_OIDC", env, EID_DEFAULTS)
