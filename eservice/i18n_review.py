"""Which translated texts a qualified translator has reviewed, entry by entry, and which texts a page showed.

A reviewed entry carries a translator comment in its catalog:

    # reviewed: Amina Hassan 2026-12-01
    msgid "Spara och fortsätt"
    msgstr "..."

A translator comment and not a flag (`#, reviewed`): `pybabel update` and GNU msgmerge (which Poedit runs) both keep
the translator comments of an entry whose Swedish text is unchanged, but msgmerge drops flags it does not know. A
changed Swedish text is a new entry, so it starts unreviewed, as it should.

Every lookup through Flask-Babel (`_` and `ngettext` in templates, `gettext` and `lazy_gettext` in views, the
instrument's `pgettext`) goes through the domain's translations; RecordingDomain notes each (context, msgid) on
flask.g, so a request knows which texts it showed. eservice.i18n decides the page's notice from that.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from flask import g, has_app_context
from flask_babel import Domain

Key = tuple[str | None, str]  # (gettext context, Swedish msgid; the singular for a text with plural forms)

MARKER = re.compile(r"^reviewed: (?P<who>\S.*) (?P<date>\d{4}-\d{2}-\d{2})$")


def is_marker(comment: str) -> bool:
    return MARKER.match(comment.strip()) is not None


def reviewed_in(path: Path) -> frozenset[Key]:
    """The entries of a catalog that carry a well-formed review marker. Reads the .po file: call once per process."""
    return keys_in(path, reviewed_only=True)


def keys_in(path: Path, reviewed_only: bool = False) -> frozenset[Key]:
    with path.open("rb") as f:
        catalog = read_po(f)
    return frozenset(
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (not reviewed_only or any(is_marker(c) for c in m.user_comments))
    )


def shown_texts() -> set[Key]:
    """The texts the current request has looked up so far."""
    return g.setdefault("shown_texts", set())


class _Noting:
    """The request's translations, noting each text looked up. The four methods are the ones Flask-Babel calls."""

    __slots__ = ("_inner",)

    def __init__(self, inner: Any):
        self._inner = inner

    def ugettext(self, message: str) -> str:
        _note(None, message)
        return self._inner.ugettext(message)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        _note(None, singular)
        return self._inner.ungettext(singular, plural, n)

    def upgettext(self, context: str, message: str) -> str:
        _note(context, message)
        return self._inner.upgettext(context, message)

    def unpgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        _note(context, singular)
        return self._inner.unpgettext(context, singular, plural, n)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _note(context: str | None, msgid: str) -> None:
    if msgid and has_app_context():  # outside one Flask-Babel looks nothing up either
        shown_texts().add((context, msgid))


class RecordingDomain(Domain):
    """Flask-Babel's domain (catalogs still loaded once per locale and cached), with lookups noted per request."""

    def get_translations(self) -> Any:
        # Asked for on every text a page shows (some fifty times a page): once Flask-Babel has settled the request's
        # locale, keep its translations for as long as that locale object stands. force_locale and refresh replace
        # the object, so a switch of language within a request is seen at once.
        context = g.get("_flask_babel") if has_app_context() else None
        locale = getattr(context, "babel_locale", None)
        memo: dict[int, tuple[Any, _Noting]] = g.setdefault("noting_translations", {}) if context else {}
        kept = memo.get(id(self))
        if locale is not None and kept is not None and kept[0] is locale:
            return kept[1]
        noting = _Noting(super().get_translations())
        locale = getattr(context, "babel_locale", None)  # settled by the lookup just made
        if locale is not None:
            memo[id(self)] = (locale, noting)
        return noting
