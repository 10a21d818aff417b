"""A real OpenID Connect provider for the tests: panva's oidc-provider (tests/oidc/provider.mjs) under node.

Two clients, as a municipality would register the service: a staff client with a secret, and an e-ID client that
authenticates with private_key_jwt. The provider's login page lets the test (or Playwright) choose the account and
the assurance level.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests
from joserfc.jwk import RSAKey

from eservice.signin.settings import EID_DEFAULTS, LOA3, ClientSettings, from_environment

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "oidc" / "provider.mjs"
STAFF_SECRET = "staff-client-secret-for-tests-only"
ACRS = [LOA3, "http://id.elegnamnden.se/loa/1.0/loa2", "http://id.elegnamnden.se/loa/1.0/eidas-sub"]
ACCOUNTS = {
    "anna": {"name": "Anna Handläggare", "roles": ["handlaggare"], "unit": "north"},
    "lars": {"name": "Lars Gruppledare", "roles": ["caseworker", "team_lead"], "unit": "south"},
    "lena": {"name": "Lena Gruppledare", "roles": ["team_lead"], "unit": "north"},
    "sven": {"name": "Sven Handläggare", "roles": ["caseworker"], "unit": "south"},
    "admin": {"name": "Ada Admin", "roles": ["administrator"]},
    "nobody": {"name": "Nils Utan Roll", "roles": ["something_else"], "unit": "north"},
    "elsewhere": {"name": "Eva Annan Enhet", "roles": ["caseworker"], "unit": "mars"},
    "person1": {"https://id.oidc.se/claim/personalIdentityNumber": "191212121212", "name": "Tolvan Tolvansson"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OidcTestProvider:
    redirect_uris: list[str]
    port: int = field(default_factory=free_port)
    eid_key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, private=True))
    process: subprocess.Popen[str] | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OidcTestProvider:
        node = shutil.which("node")
        assert node, "node is needed for the test OIDC provider (make test installs it)"
        staff_redirects = [u for u in self.redirect_uris if "/staff/" in u]
        eid_redirects = [u for u in self.redirect_uris if "/staff/" not in u]
        settings = {
            "port": self.port,
            "acrValues": ACRS,
            "accounts": ACCOUNTS,
            "clients": [
                {
                    "client_id": "staff-client",
                    "client_secret": STAFF_SECRET,
                    "redirect_uris": staff_redirects,
                    "post_logout_redirect_uris": [u.replace("/callback", "/signed-out") for u in staff_redirects],
                    "token_endpoint_auth_method": "client_secret_basic",
                    "require_auth_time": True,
                },
                {
                    "client_id": "eid-client",
                    "redirect_uris": eid_redirects,
                    "token_endpoint_auth_method": "private_key_jwt",
                    "token_endpoint_auth_signing_alg": "RS256",
                    "jwks": {"keys": [self.eid_key.as_dict(private=False)]},
                    "require_auth_time": True,
                },
            ],
        }
        self.process = subprocess.Popen(
            [node, str(SCRIPT), json.dumps(settings)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("ready"):
                return self
            if not line and self.process.poll() is not None:
                break
        raise RuntimeError(f"the test OIDC provider did not start: {line}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

    def staff_settings(self, **changes: str) -> ClientSettings:
        env = {
            "STAFF_OIDC_ISSUER": self.issuer,
            "STAFF_OIDC_CLIENT_ID": "staff-client",
            "STAFF_OIDC_CLIENT_SECRET": STAFF_SECRET,
            "STAFF_OIDC_SCOPES": "openid profile staff",
            **changes,
        }
        settings = from_environment("staff", "STAFF_OIDC", env, {})
        assert settings is not None
        return settings

    def eid_settings(self, **changes: str) -> ClientSettings:
        env = {
            "EID_OIDC_ISSUER": self.issuer,
            "EID_OIDC_CLIENT_ID": "eid-client",
            "EID_OIDC_PRIVATE_KEY": json.dumps(self.eid_key.as_dict(private=True)),
            **changes,
        }
        settings = from_environment("eid", "EID_OIDC", env, EID_DEFAULTS)
        assert settings is not None
        return settings


FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def log_in_at_provider(authorize_url: str, account: str, acr: str = LOA3) -> str:
    """Do what a person does on the provider's pages; returns the URL the provider sends the browser back to."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=True, timeout=10)
    action = FORM_ACTION.search(response.text)
    assert action, response.text[:500]
    url = urljoin(response.url, action.group(1))
    response = browser.post(url, data={"account": account, "acr": acr}, allow_redirects=False, timeout=10)
    # Follow the provider's own redirects until it sends the browser back to the service.
    while response.is_redirect:
        target = urljoin(response.url, response.headers["location"])
        if urlparse(target).port != urlparse(authorize_url).port:
            return target
        response = browser.get(target, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider did not send the browser back: {response.status_code} {response.text[:300]}")
