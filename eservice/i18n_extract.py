"""Babel extractors that read the instrument and the glossary as data, not as source code.

Every text gets its owner's id as gettext context (`children_ages`, `children_ages.help`, `page.housing`,
`glossary.tolk`), the same contexts that eservice.i18n looks them up with. Translators see the printed question
number in a comment, the number an interpreter says aloud.
"""
from __future__ import annotations

from collections.abc import Iterator

Message = tuple[int, str, tuple[str, str], list[str]]


def _msg(context: str, text: str, comment: str) -> Message | None:
    if not text:
        return None
    return (1, "pgettext", (context, text), [comment])


def instrument_messages() -> Iterator[Message]:
    from .instrument import INSTRUMENT

    for part in INSTRUMENT.parts:
        yield _msg(f"part.{part.id}", part.title, f"Part {part.id} title")
        yield _msg(f"part.{part.id}.intro", part.intro, f"Part {part.id} introduction")
        for section in part.sections:
            yield _msg(f"section.{section.id}", section.title, "Section title")
            yield _msg(f"section.{section.id}.intro", section.intro, "Section introduction")
            for page in section.pages:
                yield _msg(f"page.{page.id}", page.title, "Page title")
                yield _msg(f"page.{page.id}.intro", page.intro, "Page introduction")
                for q in page.questions:
                    yield _msg(q.id, q.text, f"Question {q.number}")
                    yield _msg(f"{q.id}.help", q.help, f"Question {q.number}: help text")
                    yield _msg(f"{q.id}.why", q.why, f"Question {q.number}: why we ask")
                    for o in q.options:
                        yield _msg(f"{q.id}.option.{o.code}", o.label, f"Question {q.number}: answer option")
                        yield _msg(f"{q.id}.option.{o.code}.hint", o.hint, f"Question {q.number}: option hint")


def glossary_messages() -> Iterator[Message]:
    from .plain_language.glossary import TERMS

    for t in TERMS:
        yield _msg(f"glossary.{t.id}.term", t.term, "Glossary: the term")
        yield _msg(f"glossary.{t.id}", t.definition, "Glossary: the plain definition (at most 40 words)")


def extract_instrument(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    yield from (m for m in instrument_messages() if m)


def extract_glossary(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    yield from (m for m in glossary_messages() if m)
