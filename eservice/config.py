"""Configuration per environment. Secrets and the database come from the environment in production."""

import os
from datetime import timedelta
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'eservice.sqlite3'}")
    # The Flask session cookie must not be called `_session`: a local OIDC provider uses that name.
    SESSION_COOKIE_NAME = "ix_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # An applicant who stops for a while must sign in again with the code; answers are saved on every page.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    # Before that, the page asks whether the person is still there; unanswered, it saves the page and signs out
    # this long before the session would end, so that a slow network still gets the save in on time.
    SESSION_WARNING_BEFORE = timedelta(minutes=5)
    SESSION_SAVE_BEFORE = timedelta(minutes=1)
    # Forms are small: anything larger than this is refused with 413 before it is parsed.
    MAX_CONTENT_LENGTH = 64 * 1024
    WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token; a slow reader must not lose a page
    BABEL_DEFAULT_LOCALE = "sv"
    QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.smhi.se/")
    RESUME_MAX_FAILURES = 5
    RESUME_LOCK_MINUTES = 15
    DEMO_DATA_ALLOWED = False
    TESTING = False


class DevelopmentConfig(BaseConfig):
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-not-secret")
    DEMO_DATA_ALLOWED = True


class TestConfig(BaseConfig):
    SECRET_KEY = "test-only-not-secret"
    TESTING = True
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True


class ProductionConfig(BaseConfig):
    SESSION_COOKIE_SECURE = True

    @classmethod
    def check(cls) -> None:
        if not cls.SECRET_KEY or len(cls.SECRET_KEY) < 32:
            raise RuntimeError("Set SECRET_KEY (at least 32 characters) in production.")
        if not os.environ.get("DATABASE_URL"):
            raise RuntimeError("Set DATABASE_URL to the production PostgreSQL database.")


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}
