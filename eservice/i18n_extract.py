"""Babel extractors that read the instrument and the glossary as data, not as source code.

Every text gets its owner's id as gettext context, built by eservice.i18n_keys, the same module that
eservice.i18n looks them up with. Translators see the printed question
number in a comment, the number an interpreter says aloud.
"""

from __future__ import annotations

from collections.abc import Iterator

from .i18n_keys import context, source

Message = tuple[int, str, tuple[str, str], list[str]]


def _msg(owner, field: str, comment: str, option=None) -> Message | None:
    text = source(owner, field, option)
    if not text:
        return None
    return (1, "pgettext", (context(owner, field, option), text), [comment])


def instrument_messages() -> Iterator[Message | None]:
    from .instrument import INSTRUMENT

    for part in INSTRUMENT.parts:
        yield _msg(part, "title", f"Part {part.id} title")
        yield _msg(part, "intro", f"Part {part.id} introduction")
        for section in part.sections:
            yield _msg(section, "title", "Section title")
            yield _msg(section, "intro", "Section introduction")
            for page in section.pages:
                yield _msg(page, "title", "Page title")
                yield _msg(page, "intro", "Page introduction")
                for q in page.questions:
                    yield _msg(q, "text", f"Question {q.number}")
                    yield _msg(q, "help", f"Question {q.number}: help text")
                    yield _msg(q, "why", f"Question {q.number}: why we ask")
                    yield _msg(q, "error", f"Question {q.number}: error message when left empty (says what to do)")
                    for o in q.options:
                        yield _msg(q, "label", f"Question {q.number}: answer option", o)
                        yield _msg(q, "hint", f"Question {q.number}: option hint", o)


def glossary_messages() -> Iterator[Message | None]:
    from .plain_language.glossary import TERMS

    for t in TERMS:
        yield _msg(t, "term", "Glossary: the term")
        yield _msg(t, "definition", "Glossary: the plain definition (at most 40 words)")


def extract_instrument(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    yield from (m for m in instrument_messages() if m)


def extract_glossary(fileobj, keywords, comment_tags, options) -> Iterator[Message]:
    yield from (m for m in glossary_messages() if m)
