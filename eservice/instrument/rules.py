"""Show-when rules: small JSON-shaped conditions over answers, evaluated in one place.

A rule is one of
  {"answer": ID, "is": CODE}        the answer is CODE (single) or contains CODE (multi)
  {"answer": ID, "in": [CODES]}     the answer is one of CODES, or a multi answer shares one with them
  {"answer": ID, "gt": N}           a number answer greater than N
  {"answer": ID, "answered": True}  any answer at all
  {"all": [RULES]}, {"any": [RULES]}, {"not": RULE}
A missing answer satisfies no "is", "in", "gt" or "answered" test.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .schema import Rule

ANSWER_TESTS = ("is", "in", "gt", "answered")
COMBINATORS = ("all", "any", "not")


def evaluate(rule: Rule | None, answers: Mapping[str, Any]) -> bool:
    if rule is None:
        return True
    if "all" in rule:
        return all(evaluate(r, answers) for r in rule["all"])
    if "any" in rule:
        return any(evaluate(r, answers) for r in rule["any"])
    if "not" in rule:
        return not evaluate(rule["not"], answers)
    value = answers.get(rule["answer"])
    if value is None or value == [] or value == "":
        return False
    if "answered" in rule:
        return bool(rule["answered"])
    if "gt" in rule:
        return isinstance(value, int) and value > rule["gt"]
    wanted = [rule["is"]] if "is" in rule else list(rule["in"])
    values = value if isinstance(value, list) else [value]
    return any(v in wanted for v in values)


def referenced_ids(rule: Rule | None) -> Iterator[str]:
    """Every answer id a rule reads: used to validate the definition and to find same-page follow-ups."""
    if rule is None:
        return
    for key in ("all", "any"):
        if key in rule:
            for r in rule[key]:
                yield from referenced_ids(r)
            return
    if "not" in rule:
        yield from referenced_ids(rule["not"])
        return
    yield rule["answer"]


def rule_errors(rule: Rule) -> list[str]:
    """Structural problems of one rule; an empty list when it is well formed."""
    if not isinstance(rule, dict):
        return [f"rule is not an object: {rule!r}"]
    if "all" in rule or "any" in rule:
        key = "all" if "all" in rule else "any"
        parts = rule[key]
        if len(rule) != 1 or not isinstance(parts, list) or not parts:
            return [f"'{key}' takes a non-empty list and nothing else: {rule!r}"]
        return [e for r in parts for e in rule_errors(r)]
    if "not" in rule:
        return [f"'not' stands alone: {rule!r}"] if len(rule) != 1 else rule_errors(rule["not"])
    tests = [k for k in rule if k in ANSWER_TESTS]
    if set(rule) - {"answer", *ANSWER_TESTS} or "answer" not in rule or len(tests) != 1:
        return [f"an answer rule needs 'answer' and exactly one of {ANSWER_TESTS}: {rule!r}"]
    if "in" in rule and (not isinstance(rule["in"], list) or not rule["in"]):
        return [f"'in' takes a non-empty list: {rule!r}"]
    if "gt" in rule and not isinstance(rule["gt"], int):
        return [f"'gt' takes a whole number: {rule!r}"]
    return []


def codes_tested(rule: Rule | None) -> Iterator[tuple[str, str]]:
    """(answer id, option code) pairs a rule compares against, so the validator can check the codes exist."""
    if rule is None:
        return
    for key in ("all", "any"):
        for r in rule.get(key, []):
            yield from codes_tested(r)
    if "not" in rule:
        yield from codes_tested(rule["not"])
    if "is" in rule:
        yield rule["answer"], rule["is"]
    for code in rule.get("in", []):
        yield rule["answer"], code
