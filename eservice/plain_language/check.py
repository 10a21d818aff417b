"""`make lix`: readability of all applicant-facing Swedish text, read from the message template.

Fails when the texts taken together are over 30 (very easy), or any longer text (30 words or more: help, "why we
ask", introductions, glossary definitions) is over 40.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from .lix import Lix, measure

POT = Path(__file__).resolve().parent.parent / "translations" / "messages.pot"
WHOLE_LIMIT = 30.0
LONG_TEXT_WORDS = 30
LONG_TEXT_LIMIT = 40.0
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|<[^>]+>")


@dataclass
class Report:
    whole: Lix
    texts: int
    long_texts: list[tuple[float, str, str]]  # (score, context, text) of every text with 30 words or more

    @property
    def failures(self) -> list[str]:
        problems = []
        if self.whole.score > WHOLE_LIMIT:
            problems.append(f"all texts together: LIX {self.whole.score:.1f} > {WHOLE_LIMIT}")
        problems += [
            f"{ctx or '-'}: LIX {score:.1f} > {LONG_TEXT_LIMIT}: {text}"
            for score, ctx, text in self.long_texts
            if score > LONG_TEXT_LIMIT
        ]
        return problems


def swedish_texts(pot: Path = POT) -> list[tuple[str, str]]:
    with pot.open("rb") as f:
        catalog = read_po(f)
    # A text with a count is measured in its plural form, the one most numbers take.
    return [(m.context or "", PLACEHOLDER.sub("", m.id if isinstance(m.id, str) else m.id[1])) for m in catalog if m.id]


def report(pot: Path = POT) -> Report:
    texts = swedish_texts(pot)
    whole = Lix(0, 0, 0)
    long_texts = []
    for ctx, text in texts:
        m = measure(text)
        whole = whole + m
        if m.words >= LONG_TEXT_WORDS:
            long_texts.append((m.score, ctx, text))
    return Report(whole, len(texts), sorted(long_texts, reverse=True))


def main() -> int:
    r = report()
    print(
        f"LIX of all {r.texts} applicant-facing Swedish texts together: {r.whole.score:.1f} "
        f"({r.whole.words} words, {r.whole.sentences} sentences, {r.whole.long_words} long words); limit {WHOLE_LIMIT}"
    )
    if r.long_texts:
        worst = r.long_texts[0]
        print(
            f"{len(r.long_texts)} texts of {LONG_TEXT_WORDS}+ words; highest LIX {worst[0]:.1f} ({worst[1]}); "
            f"limit {LONG_TEXT_LIMIT}"
        )
    for problem in r.failures:
        print("FAIL", problem)
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
