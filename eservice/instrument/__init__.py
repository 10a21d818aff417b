"""Instrument X as data: the single source of truth for every view, export and translation."""

from typing import Any

from ..plain_language.glossary import TERM_IDS
from .part1 import PART_I, PER_ADULT_FACTS
from .part2 import PART_II
from .part3 import PART_III
from .part4 import PART_IV
from .schema import Instrument
from .validate import validate

# Parts I and II are filled in by the applicant; parts III and IV by the caseworker with the person (Part.written_by).
INSTRUMENT = Instrument(version="2026.2", parts=(PART_I, PART_II, PART_III, PART_IV))


def check_definition() -> None:
    """Raise DefinitionError when the definition is inconsistent; called by the app factory."""
    validate(INSTRUMENT, TERM_IDS, PER_ADULT_FACTS)


def adult_context(part1_answers: dict[str, Any], position: int) -> dict[str, Any]:
    """What part II of the adult at `position` (1 or 2) can read: the household's part I plus its own facts."""
    ctx = dict(part1_answers)
    for alias, sources in PER_ADULT_FACTS.items():
        value = part1_answers.get(sources[position - 1])
        if value is not None:
            ctx[alias] = value
    return ctx
