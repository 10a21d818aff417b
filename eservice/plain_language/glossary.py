"""The glossary: every term an applicant meets, explained in plain Swedish. Questions link to terms by id."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str


TERMS: tuple[Term, ...] = (
    Term("ekonomiskt_bistand", "Ekonomiskt bistånd",
         "Pengar från kommunen när du inte kan betala det du behöver för att leva. Du kan få det när du har "
         "försökt allt annat först."),
    Term("forsorjningsstod", "Försörjningsstöd",
         "Den vanligaste sortens ekonomiskt bistånd. Det ska räcka till mat, kläder, hyra och andra vanliga "
         "kostnader varje månad."),
    Term("sjalvforsorjning", "Självförsörjning",
         "Att du klarar dig på egna pengar. Pengarna kan komma från ett arbete, från a-kassan eller från en "
         "annan ersättning."),
    Term("arbetsformedlingen", "Arbetsförmedlingen",
         "En myndighet som hjälper dig att hitta ett arbete. Där kan du skriva in dig som arbetssökande."),
    Term("forsakringskassan", "Försäkringskassan",
         "En myndighet som betalar ut pengar när du är sjuk, har barn eller har en funktionsnedsättning."),
    Term("sjukpenning", "Sjukpenning",
         "Pengar från Försäkringskassan när du är sjuk och inte kan arbeta. Du måste ha haft en inkomst innan."),
    Term("sjukersattning", "Sjukersättning",
         "Pengar från Försäkringskassan till den som troligen aldrig kan arbeta heltid på grund av sjukdom."),
    Term("aktivitetsersattning", "Aktivitetsersättning",
         "Pengar från Försäkringskassan till unga mellan 19 och 30 år som inte kan arbeta heltid på grund av "
         "sjukdom eller funktionsnedsättning."),
    Term("bostadsbidrag", "Bostadsbidrag",
         "Pengar från Försäkringskassan som hjälper till att betala hyran. Det är för barnfamiljer och unga."),
    Term("underhallsstod", "Underhållsstöd",
         "Pengar till barn vars föräldrar inte bor ihop. Försäkringskassan betalar när den andra föräldern inte "
         "betalar."),
    Term("etableringsprogrammet", "Etableringsprogrammet",
         "Ett program hos Arbetsförmedlingen för dig som nyss har fått uppehållstillstånd. Du lär dig svenska "
         "och får hjälp att hitta arbete."),
    Term("andrahandskontrakt", "Andra hand",
         "Du hyr av någon som själv hyr bostaden. Du har inget eget kontrakt med hyresvärden."),
    Term("bostadsratt", "Bostadsrätt",
         "En lägenhet som du äger rätten att bo i. Du betalar en avgift varje månad till en förening."),
    Term("tolk", "Tolk",
         "En person som översätter det ni säger på mötet. Tolken är gratis och får inte berätta för andra vad ni "
         "pratar om."),
    Term("sekretess", "Sekretess",
         "Socialtjänsten får inte berätta för andra vad du säger. Det finns bara några få undantag, till exempel "
         "när ett barn far illa."),
    Term("belastningsregistret", "Belastningsregistret",
         "Ett register hos polisen. Där står det om du har fått ett straff för ett brott."),
    Term("vardnad", "Vårdnad",
         "Den som har vårdnaden bestämmer om barnet och ansvarar för barnet. Båda föräldrarna kan ha vårdnaden "
         "tillsammans."),
    Term("komvux", "Komvux",
         "Skola för vuxna. Där kan du läsa svenska och ämnen från grundskolan och gymnasiet."),
)

TERM_IDS = frozenset(t.id for t in TERMS)


def term(term_id: str) -> Term:
    for t in TERMS:
        if t.id == term_id:
            return t
    raise KeyError(term_id)
