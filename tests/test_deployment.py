"""Where the service runs: the Host names it answers to, and the proxies in front of it."""

from __future__ import annotations

import pytest
from flask import request

from eservice import create_app
from eservice.config import DEVELOPMENT_SECRET_KEY, TestConfig
from eservice.deployment import settings_from_environment
from eservice.sealing import new_key_spec

from .helpers import production_settings


def test_settings_are_read_from_the_environment():
    settings = settings_from_environment(
        {"TRUSTED_HOSTS": " etjanst.example.se, www.etjanst.example.se ,", "PROXY_FIX_X_FOR": "1"}
    )
    assert settings == {
        "TRUSTED_HOSTS": ["etjanst.example.se", "www.etjanst.example.se"],
        "PROXY_FIX_X_FOR": 1,
        "PROXY_FIX_X_PROTO": 0,
    }
    assert settings_from_environment({}) == {"PROXY_FIX_X_FOR": 0, "PROXY_FIX_X_PROTO": 0}


@pytest.mark.parametrize("value", ["one", "-1", "1.5"])
def test_a_wrong_number_of_proxies_stops_the_service(value):
    with pytest.raises((ValueError, RuntimeError)):
        settings_from_environment({"PROXY_FIX_X_FOR": value})


def test_only_trusted_hosts_are_answered():
    app = create_app("test", TRUSTED_HOSTS=["etjanst.example.se"], PROPAGATE_EXCEPTIONS=False)
    client = app.test_client()
    assert client.get("/sv/accessibility", headers={"Host": "etjanst.example.se"}).status_code == 200
    refused = client.get("/sv/accessibility", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert "Content-Security-Policy" in refused.headers
    assert b"evil.example" not in refused.get_data()


@pytest.mark.parametrize(("hops", "address"), [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_the_client_address_is_taken_from_the_proxy_only_when_configured(hops, address):
    app = create_app("test", PROXY_FIX_X_FOR=hops)
    app.add_url_rule("/address", "address", lambda: request.remote_addr)
    response = app.test_client().get(
        "/address", headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    )
    assert response.get_data(as_text=True) == address


def test_production_starts_with_its_settings_made_properly(monkeypatch):
    production_settings(monkeypatch)
    assert create_app("production").config["ENV_NAME"] == "production"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"DATABASE_URL": "sqlite:////var/lib/eservice/eservice.sqlite3"}, "PostgreSQL"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"SECRET_KEY": DEVELOPMENT_SECRET_KEY}, "SECRET_KEY"),
        ({"SECRET_KEY": "secret" * 8}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 48}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ANSWER_KEYS": TestConfig.ANSWER_KEYS}, "ANSWER_KEYS"),
        ({"ANSWER_KEYS": "k2:" + TestConfig.ANSWER_KEYS.partition(":")[2]}, "ANSWER_KEYS"),
        ({"ANSWER_KEYS": f"{new_key_spec('k2')},k1:{'a' * 43}="}, "ANSWER_KEYS"),
    ],
)
def test_production_refuses_sqlite_and_known_or_made_up_secrets(monkeypatch, changes, named):
    production_settings(monkeypatch, **changes)
    with pytest.raises(RuntimeError, match=named):
        create_app("production")


def test_only_the_bench_runs_production_settings_on_sqlite(monkeypatch, tmp_path):
    production_settings(monkeypatch, DATABASE_URL=f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    assert create_app("bench").config["SESSION_COOKIE_SECURE"] is True
    with pytest.raises(RuntimeError, match="PostgreSQL"):
        create_app("production")


def test_the_health_check_says_whether_the_database_answers(app):
    response = app.test_client().get("/api/health")
    assert (response.status_code, response.get_json()) == (200, {"database": "ok"})
    assert response.headers["Cache-Control"] == "no-store"


def test_the_health_check_fails_when_the_database_is_away():
    away = create_app("test", DATABASE_URL="postgresql+psycopg://eservice@127.0.0.1:9/eservice")
    response = away.test_client().get("/api/health")
    assert (response.status_code, response.get_json()) == (503, {"database": "unreachable"})
