"""A note as staff see it: only links (made clickable) and line breaks; any other markup is shown as text."""

from __future__ import annotations

from collections.abc import MutableMapping

import bleach
from markupsafe import Markup, escape

LINK_PROTOCOLS = ["https", "http", "mailto"]


def _safe_link(
    attrs: MutableMapping[tuple[str | None, str], str], new: bool = False, /
) -> MutableMapping[tuple[str | None, str], str]:
    """Links open in the same tab without telling the other site where they came from."""
    attrs[(None, "rel")] = "noopener noreferrer nofollow"
    return attrs


def note_html(text: str) -> Markup:
    # Escape everything first: what a colleague typed as <b> or <script> stays visible text, never markup.
    escaped = str(escape(text))
    linked = bleach.linkify(escaped, callbacks=[_safe_link], parse_email=True)
    # linkify only adds <a> with an http(s) or mailto address; clean() keeps those and nothing else.
    cleaned = bleach.clean(linked, tags={"a"}, attributes={"a": ["href", "rel"]}, protocols=LINK_PROTOCOLS)
    return Markup(cleaned.replace("\r\n", "\n").replace("\n", "<br>\n"))  # noqa: S704  (cleaned by bleach above)
