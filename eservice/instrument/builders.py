"""Short constructors that keep the definition files readable as data."""

from __future__ import annotations

from typing import Any

from .schema import Option, QType, Question, Rule


def opt(code: str, label: str, hint: str = "", show_when: Rule | None = None) -> Option:
    return Option(code=code, label=label, hint=hint, show_when=show_when)


YES_NO = (opt("yes", "Ja"), opt("no", "Nej"))
DONT_KNOW = opt("dont_know", "Jag vet inte")
RATHER_TALK = opt("rather_talk", "Jag vill hellre prata om det på mötet")


def q(id: str, number: str, type: QType, text: str, **kwargs: Any) -> Question:
    if type in (QType.TEXT, QType.TEXTAREA):
        kwargs.setdefault("max_length", 200 if type is QType.TEXT else 2000)
        kwargs.setdefault("required", False)  # own words are asked for, never forced
    if type is QType.MONEY:
        kwargs.setdefault("min", 0)
        kwargs.setdefault("max", 1_000_000)
    if "options" in kwargs:
        kwargs["options"] = tuple(kwargs["options"])
    for key in ("glossary", "exclusive"):
        if key in kwargs:
            kwargs[key] = tuple(kwargs[key])
    return Question(id=id, number=number, type=type, text=text, **kwargs)


def when(answer: str, *codes: str) -> Rule:
    """Shown when the answer is (or contains) one of the codes."""
    return {"answer": answer, "is": codes[0]} if len(codes) == 1 else {"answer": answer, "in": list(codes)}


def unless(answer: str, *codes: str) -> Rule:
    return {"not": when(answer, *codes)}


def all_of(*rules: Rule) -> Rule:
    return {"all": list(rules)}


def any_of(*rules: Rule) -> Rule:
    return {"any": list(rules)}


def more_than(answer: str, n: int) -> Rule:
    return {"answer": answer, "gt": n}
