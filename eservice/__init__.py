"""Instrument X e-tjänst: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from .config import CONFIGS, ProductionConfig


def create_app(env: str | None = None, **overrides) -> Flask:
    env = env or os.environ.get("ESERVICE_ENV", "development")
    config = CONFIGS[env]
    config.check()
    production = issubclass(config, ProductionConfig)
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config)
    app.config["ENV_NAME"] = env
    if production:
        from .deployment import settings_from_environment

        app.config.update(settings_from_environment(os.environ))
    app.config.update(overrides)
    from .signin.settings import eid_settings, staff_settings

    app.config.setdefault("STAFF_OIDC", staff_settings(os.environ))
    app.config.setdefault("EID_OIDC", eid_settings(os.environ))

    # A broken instrument definition must stop the service before it serves a single page.
    from .instrument import check_definition

    check_definition()

    from . import (
        assets,
        cli,
        db,
        deployment,
        errors,
        findable,
        i18n,
        municipality,
        outage,
        request_log,
        sealing,
        security,
        sessions,
    )

    app.extensions["keyring"] = sealing.parse_keys(
        app.config["ANSWER_KEYS"] or (sealing.development_keys(Path(app.instance_path)) if env == "development" else "")
    )
    request_log.init_app(app)
    assets.init_app(app)
    db.init_app(app)
    sessions.init_app(app)
    outage.init_app(app)  # after sessions (it wraps their interface), before security (the CSRF check)
    i18n.init_app(app)
    municipality.init_app(app)
    findable.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    from .signin import oidc
    from .staff import texts as staff_texts

    oidc.init_app(app, [c for c in (app.config["STAFF_OIDC"], app.config["EID_OIDC"]) if c is not None])
    staff_texts.init_app(app)
    # Last, so that it wraps the security-headers middleware: the headers see the request as the proxy forwarded it.
    deployment.init_app(app)

    from .api import bp as api_bp
    from .applicant import bp as applicant_bp
    from .public import bp as public_bp

    app.register_blueprint(applicant_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(api_bp)
    from .staff import bp as staff_bp
    from .staff import demo_bp as staff_demo_bp

    app.register_blueprint(staff_bp)
    if app.config["STAFF_DEMO_SIGN_IN"]:
        app.register_blueprint(staff_demo_bp)
    return app
