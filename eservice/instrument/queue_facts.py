"""What the caseworker's queue shows and filters on, read once from part I as sent and kept on the case.

Kept as plain columns (eservice.models.Household) so that the queue filters, sorts and pages in the database with
indexes, instead of reading every case's answers on every request.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

# Part I's 1.x "interpreter_needed": the codes that ask for one.
INTERPRETER_YES = ("yes_me", "yes_partner", "yes_both")


@dataclass(frozen=True)
class QueueFacts:
    language: str  # the language most free-text answers were written in; "" when none
    interpreter: bool
    interpreter_language: str
    children: int


def queue_facts(part1: dict[str, Any]) -> QueueFacts:
    langs = Counter(v["lang"] for v in part1.values() if isinstance(v, dict) and v.get("lang"))
    interpreter = part1.get("interpreter_needed") in INTERPRETER_YES
    spoken = part1.get("interpreter_language")
    children = part1.get("children_count")
    return QueueFacts(
        language=langs.most_common(1)[0][0] if langs else "",
        interpreter=interpreter,
        interpreter_language=str(spoken.get("text", ""))[:100] if interpreter and isinstance(spoken, dict) else "",
        children=children if isinstance(children, int) and not isinstance(children, bool) else 0,
    )
