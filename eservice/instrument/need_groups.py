"""The six need groups of Instrument X, chosen with the person between parts II and III (seed 004's numbering).

Plain data: the staff view shows each with what it means and what usually follows; the applicant's own
suggestion (part II question `need_group_suggestion`) uses the same codes in everyday words.
Texts are Swedish source text; the staff blueprint translates them through its own gettext domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedGroup:
    code: str
    name: str
    description: str
    follows: str  # what usually follows: the referral or next step


NEED_GROUPS: tuple[NeedGroup, ...] = (
    NeedGroup(
        "am1",
        "AM1",
        "Inget behov av insatser från socialtjänsten.",
        "Kontakt med Arbetsförmedlingen.",
    ),
    NeedGroup(
        "am2",
        "AM2",
        "Behov av visst stöd: kortare arbetsmarknadsinsatser.",
        "Coachning hos kommunens arbetsmarknadsenhet (AME).",
    ),
    NeedGroup(
        "am3",
        "AM3",
        "Behov av omfattande och samordnat stöd.",
        "Arbetsinriktad rehabilitering med arbetsterapeut, samordnade vårdkontakter och vid behov SIP eller "
        "samverkansmöte.",
    ),
    NeedGroup(
        "rh1",
        "RH1",
        "Rehabiliteringsbehov: missbruk eller beroende.",
        "Arbetsinriktad rehabilitering, samordnade kontakter med beroendevården och vid behov SIP eller "
        "samverkansmöte.",
    ),
    NeedGroup(
        "rh2",
        "RH2",
        "Rehabiliteringsbehov: psykisk hälsa.",
        "Arbetsinriktad rehabilitering, samordnade kontakter med psykiatrin eller vårdcentralen och vid behov SIP "
        "eller samverkansmöte.",
    ),
    NeedGroup(
        "rh3",
        "RH3",
        "Rehabiliteringsbehov: fysisk hälsa.",
        "Arbetsinriktad rehabilitering med arbetsterapeut, samordnade vårdkontakter och vid behov SIP eller "
        "samverkansmöte.",
    ),
)

CODES: tuple[str, ...] = tuple(group.code for group in NEED_GROUPS)

# Unclear grouping is not a seventh group: it goes to a consultation (seed 004), shown as a hint on the form.
UNCLEAR = "Är det oklart vilken grupp som passar? Ta upp ärendet på konsultation."


def need_group(code: str) -> NeedGroup | None:
    return next((group for group in NEED_GROUPS if group.code == code), None)
