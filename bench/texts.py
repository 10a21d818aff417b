"""Free-text answers as applicants write them, in each of the eight languages, for the generated households.

Stored like the service stores them: {"text": ..., "lang": <the URL code of the language the page was in>}.
Names are written in Latin letters, as most applicants type them on a Swedish phone; the rest in the language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    lang: str  # the URL code (eservice.i18n.Language.url_code): what the service stores beside the text
    weight: int  # how often the language is chosen, roughly as applicants in a Swedish city
    names: tuple[str, ...]
    landlord: str
    interpreter_language: str  # "" when nobody needs an interpreter (Swedish)
    previous_jobs: str
    wanted_work: str


VOICES = (
    Voice(
        "sv", 34, ("Anna Lindqvist", "Johan Berg", "Maria Nilsson", "Erik Holm"), "Bostadsbolaget", "",
        "Undersköterska på ett äldreboende i fyra år.", "Jobb inom vården.",
    ),
    Voice(
        "ar", 20, ("Amal Haddad", "Omar Khalil", "Rana Saleh", "Yousef Nasser"), "شركة السكن", "عربي",
        "عملت طباخاً في مطعم لمدة ثلاث سنوات.", "عمل في مطبخ أو مخبز.",
    ),
    Voice(
        "so", 10, ("Hodan Warsame", "Abdi Farah", "Sahra Ali", "Mohamed Yusuf"), "Shirkadda guryaha", "Soomaali",
        "Waxaan ka shaqeeyay dukaan muddo laba sano ah.", "Shaqo daryeel ama nadiifin.",
    ),
    Voice(
        "ti", 8, ("Senait Tesfay", "Yonas Gebre", "Helen Kidane", "Dawit Berhe"), "ትካል ገዛውቲ", "ትግርኛ",
        "ኣብ ኤርትራ ንሰለስተ ዓመት መምህር ነይረ።", "ስራሕ ኣብ ክሽነ ወይ ኣብ ክንክን።",
    ),
    Voice(
        "uk", 8, ("Olena Shevchenko", "Andrii Kovalenko", "Iryna Bondar", "Taras Melnyk"), "Житлова компанія",
        "Українська", "Я працювала бухгалтеркою десять років.", "Робота в офісі або на складі.",
    ),
    Voice(
        "fa", 7, ("Maryam Rezaei", "Ali Ahmadi", "Sara Karimi", "Reza Hosseini"), "شرکت مسکن", "فارسی",
        "در ایران پنج سال خیاط بودم.", "کار در خیاطی یا فروشگاه.",
    ),
    Voice(
        "fa-af", 7, ("Zahra Hakimi", "Ahmad Noori", "Fatima Rahimi", "Nasir Sultani"), "شرکت مسکن", "دری",
        "در کابل سه سال معلم بودم.", "کار در مکتب یا کودکستان.",
    ),
    Voice(
        "en", 6, ("Grace Okafor", "Daniel Mensah", "Mary Johnson", "Samuel Owusu"), "City Housing", "English",
        "I worked in a warehouse for two years.", "Driving or warehouse work.",
    ),
)  # fmt: skip
