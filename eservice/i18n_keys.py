"""One scheme of gettext contexts for every text of the instrument and the glossary.

A text is translated with its owner's id as context (`children_ages`, `children_ages.help`,
`children_ages.option.yes`, `page.housing.intro`, `glossary.tolk.term`), so the same Swedish words may be translated
differently in two places. The extractor that writes the catalogs (eservice.i18n_extract), the lookup that reads
them (eservice.i18n.translated) and the browser tests that find labels all build contexts here, and nowhere else.
"""

from __future__ import annotations

from .instrument.schema import Option, Page, Part, Question, Section
from .plain_language.glossary import Term

Owner = Part | Section | Page | Question | Term

# Containers are prefixed by kind, because a page and its section may share an id. Question ids are unique and
# stand alone. Each kind's main text (title, text, label, definition) has the bare context.
_PREFIX = {Part: "part", Section: "section", Page: "page", Term: "glossary"}
_MAIN_FIELD = {Part: "title", Section: "title", Page: "title", Term: "definition", Question: "text", Option: "label"}


def _with_field(base: str, kind: type, field: str) -> str:
    return base if field == _MAIN_FIELD[kind] else f"{base}.{field}"


def context(owner: Owner, field: str, option: Option | None = None) -> str:
    """The gettext context of `owner.field`, or of `option.field` for one of a question's options."""
    if isinstance(owner, Question):
        if option is not None:
            return _with_field(f"{owner.id}.option.{option.code}", Option, field)
        return _with_field(owner.id, Question, field)
    kind = type(owner)
    return _with_field(f"{_PREFIX[kind]}.{owner.id}", kind, field)


def source(owner: Owner, field: str, option: Option | None = None) -> str:
    """The Swedish text behind that context (empty when the owner has none)."""
    text: str = getattr(option if option is not None else owner, field)
    return text
