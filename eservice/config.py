"""Configuration per environment. Secrets and the database come from the environment in production."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from .throttle import Limit

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
MUNICIPALITY_SETTINGS = (
    "MUNICIPALITY_NAME",
    "MUNICIPALITY_PHONE",
    "MUNICIPALITY_OPENING_HOURS",
    "SUBMIT_IS_APPLICATION",
)


# This code's own values, for development and tests: production refuses them.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105
TEST_SECRET_KEY = "test-only-not-secret"  # noqa: S105


def env_flag(name: str, default: bool) -> bool:
    """A yes/no setting: true/false, yes/no, 1/0, on/off. Anything else stops the service rather than guess."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise RuntimeError(f"{name} must be true or false, not {value!r}.")


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
    # Guessing codes: a few attempts at once, then a delay that doubles up to a cap (eservice.throttle). Kept per
    # client address, per reference and address, and per reference, so a stranger elsewhere cannot lock anyone out.
    RESUME_LIMIT_PER_CLIENT = Limit(free=20, base=2, cap=15 * 60, window=24 * 3600)
    RESUME_LIMIT_PER_REFERENCE_AND_CLIENT = Limit(free=5, base=5, cap=15 * 60, window=24 * 3600)
    RESUME_LIMIT_PER_REFERENCE = Limit(free=50, base=1, cap=60, window=24 * 3600)
    NEW_HOUSEHOLD_LIMIT_PER_CLIENT = Limit(free=10, base=30, cap=3600, window=3600)
    # Drafts never sent are deleted this many days after they were last saved; closed cases after this many days.
    DRAFT_RETENTION_DAYS = int(os.environ.get("DRAFT_RETENTION_DAYS", "30"))
    CASE_RETENTION_DAYS = int(os.environ.get("CASE_RETENTION_DAYS", str(5 * 365)))
    # Part II is sealed with these keys (eservice.sealing): "id:base64,id:base64", the first seals.
    ANSWER_KEYS = os.environ.get("ANSWER_KEYS", "")
    # The municipality: who is responsible for the data, and how to reach them (start, check, confirmation, the
    # answers PDF, the privacy notice). The name and the phone number are shown as written. The opening hours are
    # data, "mon-fri 09:00-16:00; sat 10:00-12:00", so that each language shows its own day names and times
    # (eservice.municipality).
    MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Exempelkommunen")
    MUNICIPALITY_PHONE = os.environ.get("MUNICIPALITY_PHONE", "0000-00 00 00")
    MUNICIPALITY_OPENING_HOURS = os.environ.get("MUNICIPALITY_OPENING_HOURS", "mon-fri 09:00-16:00")
    # Whether the social services register sent answers as the application, so that it is dated the day it is sent.
    # Off unless the municipality says so: if they do not, a person told "you have applied" may lose days of money,
    # while a person told "call us to apply" who had in fact applied loses nothing but a phone call.
    SUBMIT_IS_APPLICATION = env_flag("SUBMIT_IS_APPLICATION", default=False)
    # Whether the applicant's page "who has opened your case" (eservice.case_trail) names the staff member, or only
    # their role. Off unless the municipality has decided to give staff names out; the role and the time alone
    # already let the applicant check that only the people working with the case opened it.
    SHOW_CASEWORKER_NAMES_TO_APPLICANT = env_flag("SHOW_CASEWORKER_NAMES_TO_APPLICANT", default=False)
    # Times shown to the applicant (when their answers arrived) are Swedish time.
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    # Staff: the municipality's offices ("id=Name, ..."), how the identity provider's claims map to roles, and
    # subjects given a role locally ("subject=role@unit") where the provider sends no roles. STAFF_OIDC_* and
    # EID_OIDC_* (eservice/signin/settings.py) configure the two sign-in doors; README says how.
    STAFF_UNITS = os.environ.get("STAFF_UNITS", "")
    STAFF_ROLE_MAP = os.environ.get("STAFF_ROLE_MAP", "")
    STAFF_SUBJECTS = os.environ.get("STAFF_SUBJECTS", "")
    # A plan (part III) is followed up this many months after it is written, unless the caseworker sets another date.
    PLAN_FOLLOW_UP_MONTHS = int(os.environ.get("PLAN_FOLLOW_UP_MONTHS", "3"))
    STAFF_DEMO_SIGN_IN = False  # a sign-in without a provider, for development only; no environment turns it on
    DEMO_DATA_ALLOWED = False
    TESTING = False

    @classmethod
    def check(cls) -> None:
        """Refuse to start with settings that must not be used here (production's are strict)."""


class DevelopmentConfig(BaseConfig):
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    DEMO_DATA_ALLOWED = True
    STAFF_DEMO_SIGN_IN = True
    STAFF_UNITS = os.environ.get("STAFF_UNITS", "central=Centrala kontoret, north=Norra kontoret")


class TestConfig(BaseConfig):
    SECRET_KEY = TEST_SECRET_KEY
    TESTING = True
    ANSWER_KEYS = "test1:" + "dGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0LTMyLWJ5dGU="  # 32 bytes, for tests only
    # Tests start many drafts from one address; the limits' own tests set tight ones.
    NEW_HOUSEHOLD_LIMIT_PER_CLIENT = Limit(free=100_000, base=1, cap=1, window=1)
    RESUME_LIMIT_PER_CLIENT = Limit(free=100_000, base=1, cap=1, window=1)
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    # Fixed, whatever the environment says: the tests of each mode set it themselves.
    MUNICIPALITY_NAME = "Exempelkommunen"
    MUNICIPALITY_PHONE = "0000-00 00 00"
    MUNICIPALITY_OPENING_HOURS = "mon-fri 09:00-16:00"
    SUBMIT_IS_APPLICATION = False
    SHOW_CASEWORKER_NAMES_TO_APPLICANT = False
    STAFF_UNITS = "north=Norra kontoret, south=Södra kontoret"
    STAFF_OIDC = None  # tests configure the providers themselves, never from the environment
    EID_OIDC = None


class ProductionConfig(BaseConfig):
    SESSION_COOKIE_SECURE = True
    DATABASES: tuple[str, ...] = ("postgresql://", "postgresql+psycopg://")

    @classmethod
    def check(cls) -> None:
        if not cls.SECRET_KEY or len(cls.SECRET_KEY) < 32:
            raise RuntimeError("Set SECRET_KEY (at least 32 characters) in production.")
        if not looks_random(cls.SECRET_KEY, 12):
            raise RuntimeError("SECRET_KEY is a known or made-up value: make one, e.g. `openssl rand -base64 48`.")
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url:
            raise RuntimeError("Set DATABASE_URL to the production PostgreSQL database.")
        if not database_url.startswith(cls.DATABASES):
            # SQLite is one file on one machine: no second process on another machine, no online backup, no
            # row locks for two caseworkers. It is the embedded default for trying the service, not for running it.
            raise RuntimeError("DATABASE_URL must be PostgreSQL (postgresql+psycopg://...) in production.")
        answer_keys = os.environ.get("ANSWER_KEYS", "")
        if not answer_keys:
            raise RuntimeError("Set ANSWER_KEYS: part II is stored only encrypted (see eservice/sealing.py).")
        if any(not looks_random(key, 16) for key in sealing_key_bytes(answer_keys)):
            raise RuntimeError("ANSWER_KEYS holds a known or made-up key: make one with sealing.new_key_spec().")
        # What the service promises applicants is the municipality's own: no example values in production.
        unset = [name for name in MUNICIPALITY_SETTINGS if not os.environ.get(name)]
        if unset:
            raise RuntimeError(f"Set {', '.join(unset)}: the municipality's contact and what submitting means there.")


def looks_random(secret: str | bytes, least_distinct: int) -> bool:
    """Not a value anyone could know: none of this code's own, and not a made-up one like "x" * 40.

    A random 32-byte key has about 30 different byte values, a random 32-character secret about 25 different
    characters. Fewer than `least_distinct` (16 bytes, 12 characters) means a value somebody typed: in 100,000
    generated ones the fewest were 23 and 17.
    """
    known = {DEVELOPMENT_SECRET_KEY, TEST_SECRET_KEY, TestConfig.ANSWER_KEYS}
    if isinstance(secret, str) and secret in known:
        return False
    if isinstance(secret, bytes) and secret in sealing_key_bytes(TestConfig.ANSWER_KEYS):
        return False
    return len(set(secret)) >= least_distinct


def sealing_key_bytes(spec: str) -> list[bytes]:
    from .sealing import parse_keys

    return list(parse_keys(spec).keys.values())


class BenchConfig(ProductionConfig):
    """Production's settings on SQLite as well, for `make bench` only: the figures of the embedded default."""

    DATABASES = (*ProductionConfig.DATABASES, "sqlite:///")


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
    "bench": BenchConfig,
}


def parse_mapping(text: str) -> dict[str, str]:
    """`a=b, c=d` (commas or new lines between pairs; values may hold spaces) as a dict, in order."""
    pairs = (item.split("=", 1) for item in text.replace("\n", ",").split(",") if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def staff_units(config: Mapping[str, Any]) -> dict[str, str]:
    """The municipality's offices from STAFF_UNITS, id to name, in the order configured."""
    return parse_mapping(str(config.get("STAFF_UNITS") or ""))
