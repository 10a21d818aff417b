"""Short references and secret resume codes. Codes are shown once and stored only as a hash."""

from __future__ import annotations

import secrets

from werkzeug.security import check_password_hash, generate_password_hash

# No 0/O, 1/I/L, 5/S or 8/B: people copy these codes by hand from paper.
ALPHABET = "ACDEFGHJKMNPQRTUVWXYZ234679"
CODE_GROUPS = 3
GROUP_LENGTH = 4


def new_reference() -> str:
    return "X-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def new_resume_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise(text: str) -> str:
    """Accept what people type: lower case, spaces, missing dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def normalise_reference(text: str) -> str:
    raw = normalise(text)
    if raw.startswith("X") and len(raw) == 7:
        return "X-" + raw[1:]
    return text.strip().upper()


def hash_code(code: str) -> str:
    return generate_password_hash(normalise(code))


def code_matches(code: str, code_hash: str) -> bool:
    return check_password_hash(code_hash, normalise(code))
