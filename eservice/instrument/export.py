"""The definition as JSON: in Swedish source text (the instrument's own language) or, given a lookup, in another."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .schema import Instrument, Option, Page, Part, Question, Section

Owner = Part | Section | Page | Question
# How a text is looked up: (owner, field, option) -> text, as eservice.i18n.translated does for the current language.
TextOf = Callable[[Owner, str, Option | None], str]


def source_text(owner: Owner, field: str, option: Option | None = None) -> str:
    """The Swedish text as the definition writes it."""
    text: str = getattr(option if option is not None else owner, field)
    return text


def question_as_json(q: Question, text: TextOf = source_text) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": q.id,
        "number": q.number,
        "type": q.type.value,
        "text": text(q, "text", None),
        "help": text(q, "help", None),
        "why": text(q, "why", None),
        "error": text(q, "error", None),
        "options": [
            {"code": o.code, "label": text(q, "label", o), **({"show_when": o.show_when} if o.show_when else {})}
            for o in q.options
        ],
        "exclusive": list(q.exclusive),
        "required": q.required,
        "private": q.private,
        "glossary": list(q.glossary),
        "show_when": q.show_when,
    }
    if q.min is not None:
        data["min"], data["max"] = q.min, q.max
    if q.max_length is not None:
        data["max_length"] = q.max_length
    return data


def instrument_as_json(
    instrument: Instrument, text: TextOf = source_text, language: str = "sv", direction: str = "ltr"
) -> dict[str, Any]:
    """Every part, with who writes it. Codes, numbers and rules are the same in every language; only texts differ."""
    return {
        "version": instrument.version,
        "language": language,
        "direction": direction,
        "parts": [
            {
                "id": part.id,
                "number": part.number,
                "title": text(part, "title", None),
                "intro": text(part, "intro", None),
                "per_adult": part.per_adult,
                "written_by": part.written_by.value,
                "sections": [
                    {
                        "id": section.id,
                        "title": text(section, "title", None),
                        "sensitive": section.sensitive,
                        "show_when": section.show_when,
                        "pages": [
                            {
                                "id": page.id,
                                "title": text(page, "title", None),
                                "show_when": page.show_when,
                                "questions": [q.id for q in page.questions],
                            }
                            for page in section.pages
                        ],
                        "questions": [question_as_json(q, text) for page in section.pages for q in page.questions],
                    }
                    for section in part.sections
                ],
            }
            for part in instrument.parts
        ],
    }
