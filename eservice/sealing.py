"""Part II at rest: AES-GCM with keys from the environment, a key id stored beside each ciphertext.

The answers in part II (health, substance use, violence, criminal records, children) are special categories of
personal data. They are stored only as ciphertext; the database and its backups hold no part II answer in plain
text. Each ciphertext is bound to the row it belongs to (associated data), so a ciphertext copied into another
adult's row does not open.

Keys: `ANSWER_KEYS="k2:<base64 of 32 bytes>,k1:<...>"`, the first one seals, all of them open. Rotation: put a new
key first and run `flask rotate-keys`, which re-seals in batches; then the old key can be removed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
NONCE_BYTES = 12


class KeyError_(Exception):  # noqa: N801  (not the built-in KeyError)
    """The key configuration is missing or wrong, or a ciphertext names a key we do not have."""


@dataclass(frozen=True)
class Keyring:
    current: str
    keys: dict[str, bytes]

    def seal(self, value: Any, associated: str) -> tuple[str, str]:
        """(key id, ciphertext as text) for a JSON-serialisable value."""
        plaintext = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, associated.encode())
        return self.current, base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, key_id: str, token: str, associated: str) -> Any:
        key = self.keys.get(key_id)
        if key is None:
            raise KeyError_(f"no key with id {key_id!r} is configured")
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
        plaintext = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated.encode())
        return json.loads(plaintext)


def parse_keys(spec: str) -> Keyring:
    """`id:base64key,id2:base64key`; the first seals. Keys must be 256 bits."""
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        key_id, _, encoded = item.partition(":")
        if not KEY_ID.match(key_id):
            raise KeyError_("a key id may hold letters, digits, - and _ (at most 32)")
        try:
            key = base64.b64decode(encoded, altchars=b"-_", validate=True)
        except ValueError as exc:
            raise KeyError_(f"key {key_id!r} is not base64") from exc
        if len(key) != 32:
            raise KeyError_(f"key {key_id!r} must be 32 bytes (AES-256)")
        keys[key_id] = key
        order.append(key_id)
    if not order:
        raise KeyError_("no answer key is configured (ANSWER_KEYS)")
    return Keyring(order[0], keys)


def new_key_spec(key_id: str = "k1") -> str:
    return f"{key_id}:{base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()}"


def development_keys(instance_dir: Path) -> str:
    """A key made once for this development machine, kept under instance/ and readable by its owner only."""
    instance_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = instance_dir / "answer-keys"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(new_key_spec("dev1") + "\n")
    return path.read_text().strip()
