"""LIX, the Swedish readability index: words per sentence + 100 x (words longer than six letters) / words.

Written out here because library versions drop short sentences or count numbers as words, which changes the figure.
Under 30 is very easy, 30-40 easy, 40-50 a newspaper, over 60 bureaucratic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")


@dataclass(frozen=True)
class Lix:
    words: int
    long_words: int
    sentences: int

    @property
    def score(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    def __add__(self, other: Lix) -> Lix:
        return Lix(self.words + other.words, self.long_words + other.long_words, self.sentences + other.sentences)


def measure(text: str) -> Lix:
    """Count one text. A text without a full stop (a question, a label) is one sentence."""
    words = WORD.findall(text)
    pieces = [p for p in SENTENCE_END.split(text) if WORD.search(p)]
    return Lix(
        words=len(words), long_words=sum(len(w) > 6 for w in words), sentences=max(len(pieces), 1 if words else 0)
    )


def lix(text: str) -> float:
    return measure(text).score
