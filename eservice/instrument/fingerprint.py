"""A short fingerprint of the answers a page shows, sent with the page and back with its form.

A save from a page whose answers changed since it was shown is refused, so nobody overwrites what they have not
seen: two tabs of one applicant (eservice.drafts), or two caseworkers on the same case (eservice.cases.review).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any


def page_version(answers: dict[str, Any], question_ids: Iterable[str]) -> str:
    shown = {qid: answers.get(qid) for qid in question_ids}
    encoded = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]
