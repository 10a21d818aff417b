"""Reading what people type as a personnummer, a phone number or an e-mail address, and storing it one way.

Plain code without Flask, so that the rules can be tested alone; `questions.py` turns a refusal into a message.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from enum import Enum
from zoneinfo import ZoneInfo

# Zero-width characters people paste by accident.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"))
# Dashes phones and word processors put in place of a hyphen.
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")

# 6 or 8 digits of date, an optional "-" or "+" (the "+" of someone 100 or older), 4 digits.
PERSONAL_NUMBER = re.compile(r"(\d{6}|\d{8})([-+]?)(\d{4})")
PHONE_CHARACTERS = re.compile(r"\+?[\d()\-]+")
PHONE_DIGITS = (7, 15)  # a Swedish number has at least 7 digits with its area code; E.164 allows 15 at most
EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
EMAIL_MAX = 254
COORDINATION_DAY_OFFSET = 60  # a samordningsnummer adds 60 to the day of birth
SWEDEN = ZoneInfo("Europe/Stockholm")  # whose calendar decides which century "121212-1212" is in


class Refusal(Enum):
    FORMAT = "format"  # not written as a number of this kind
    CHECK = "check"  # written right, but the date or the check digit is wrong


class NotValid(ValueError):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.value)
        self.refusal = refusal


def _ascii(value: str) -> str:
    """Digits in any script as 0-9 (Arabic and Persian keyboards type their own); no spaces or invisible marks."""
    cleaned = unicodedata.normalize("NFKC", value).translate(INVISIBLE).translate(DASHES)
    out = []
    for ch in cleaned:
        if ch.isspace():
            continue
        out.append(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch)
    return "".join(out)


def luhn_ok(digits: str) -> bool:
    """The Luhn check over the ten digits YYMMDDNNNC: every other digit from the left doubled, the sum ends in 0."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _century(yy: int, plus: bool, today: datetime.date) -> int:
    # YYMMDD-NNNC: the latest year ending in YY that is not in the future; "+" means a hundred years earlier.
    year = today.year - (today.year - yy) % 100
    return year - 100 if plus else year


def parse_personal_number(value: str, today: datetime.date | None = None) -> str:
    """A personnummer or samordningsnummer as typed -> 12 digits YYYYMMDDNNNC. Raises NotValid."""
    today = today or datetime.datetime.now(SWEDEN).date()
    found = PERSONAL_NUMBER.fullmatch(_ascii(value))
    if found is None:
        raise NotValid(Refusal.FORMAT)
    date_part, separator, last = found.groups()
    if len(date_part) == 6:
        year = _century(int(date_part[:2]), separator == "+", today)
        date_part = f"{year:04d}{date_part[2:]}"
    year, month, day = int(date_part[:4]), int(date_part[4:6]), int(date_part[6:])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        raise NotValid(Refusal.CHECK) from None
    if born > today or not luhn_ok(date_part[2:] + last):
        raise NotValid(Refusal.CHECK)
    return date_part + last


def format_personal_number(stored: str) -> str:
    """191212121212 -> 19121212-1212, as Skatteverket writes it."""
    return f"{stored[:8]}-{stored[8:]}" if len(stored) == 12 else stored


def parse_phone(value: str) -> str:
    """ "070-123 45 67" -> "0701234567"; "+46 (0)70 123 45 67" -> "+46701234567". Raises NotValid."""
    typed = _ascii(value)
    if not PHONE_CHARACTERS.fullmatch(typed):
        raise NotValid(Refusal.FORMAT)
    if typed.startswith("+"):
        typed = typed.replace("(0)", "")  # the trunk zero written in brackets is not dialled from abroad
    digits = "".join(ch for ch in typed if ch.isdigit())
    if not PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1]:
        raise NotValid(Refusal.FORMAT)
    return ("+" if typed.startswith("+") else "") + digits


def parse_email(value: str) -> str:
    """A sanity check only (name@place.se); whether it arrives is not known until someone writes to it."""
    typed = unicodedata.normalize("NFC", value).translate(INVISIBLE).strip()
    if len(typed) > EMAIL_MAX or not EMAIL.fullmatch(typed):
        raise NotValid(Refusal.FORMAT)
    return typed
