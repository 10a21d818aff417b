"""The definition as JSON, in Swedish source text (the instrument's own language)."""

from __future__ import annotations

from typing import Any

from .schema import Instrument, Question


def question_as_json(q: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": q.id,
        "number": q.number,
        "type": q.type.value,
        "text": q.text,
        "help": q.help,
        "why": q.why,
        "error": q.error,
        "options": [
            {"code": o.code, "label": o.label, **({"show_when": o.show_when} if o.show_when else {})} for o in q.options
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


def instrument_as_json(instrument: Instrument) -> dict[str, Any]:
    return {
        "version": instrument.version,
        "language": "sv",
        "parts": [
            {
                "id": part.id,
                "number": part.number,
                "title": part.title,
                "per_adult": part.per_adult,
                "sections": [
                    {
                        "id": section.id,
                        "title": section.title,
                        "sensitive": section.sensitive,
                        "show_when": section.show_when,
                        "pages": [
                            {
                                "id": page.id,
                                "title": page.title,
                                "show_when": page.show_when,
                                "questions": [q.id for q in page.questions],
                            }
                            for page in section.pages
                        ],
                        "questions": [question_as_json(q) for page in section.pages for q in page.questions],
                    }
                    for section in part.sections
                ],
            }
            for part in instrument.parts
        ],
    }
