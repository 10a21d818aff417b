"""Settings that depend on where the service runs: which Host names it answers to, and how many proxies are in front.

Read from the environment in production (the hosting sets them), from create_app's overrides in tests:

    TRUSTED_HOSTS="etjanst.exempel.se,www.etjanst.exempel.se"   Flask's TRUSTED_HOSTS: any other Host is a 400
    PROXY_FIX_X_FOR=1      proxies in front that set X-Forwarded-For (0, the default: none, the header is ignored)
    PROXY_FIX_X_PROTO=1    proxies in front that set X-Forwarded-Proto (0, the default: none)
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def _hops(environ: Mapping[str, str], name: str) -> int:
    value = environ.get(name, "").strip() or "0"
    hops = int(value)  # a typo must stop the service at start, not silently trust or ignore the proxy
    if hops < 0:
        raise RuntimeError(f"{name} must be 0 or more, not {value}.")
    return hops


def settings_from_environment(environ: Mapping[str, str]) -> dict:
    settings: dict = {
        "PROXY_FIX_X_FOR": _hops(environ, "PROXY_FIX_X_FOR"),
        "PROXY_FIX_X_PROTO": _hops(environ, "PROXY_FIX_X_PROTO"),
    }
    hosts = [host.strip() for host in environ.get("TRUSTED_HOSTS", "").split(",") if host.strip()]
    if hosts:
        settings["TRUSTED_HOSTS"] = hosts
    return settings


def init_app(app: Flask) -> None:
    # Only as many hops as there really are proxies: each trusted hop lets whoever is outside it choose the address.
    x_for = app.config.get("PROXY_FIX_X_FOR", 0)
    x_proto = app.config.get("PROXY_FIX_X_PROTO", 0)
    if x_for or x_proto:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # the documented way to add middleware
            app.wsgi_app, x_for=x_for, x_proto=x_proto, x_host=0, x_port=0, x_prefix=0
        )
