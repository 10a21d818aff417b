"""The glossary: every term an applicant meets, explained in plain Swedish. Questions link to terms by id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str


TERMS: tuple[Term, ...] = (
    # Money and help from the municipality
    Term(
        "ekonomiskt_bistand",
        "Ekonomiskt bistånd",
        "Pengar från kommunen när du inte kan betala det du behöver för att leva. Först måste du försöka få "
        "pengar på andra sätt. Det kan vara genom arbete eller andra ersättningar.",
    ),
    Term(
        "forsorjningsstod",
        "Försörjningsstöd",
        "Den vanligaste sortens ekonomiskt bistånd. Det ska räcka till mat, kläder och hyra. Det gäller också "
        "andra vanliga kostnader. Du söker det för en månad i taget.",
    ),
    Term(
        "riksnorm",
        "Riksnormen",
        "En del av försörjningsstödet. Den ska räcka till mat, kläder, hygien, telefon, fritid och liknande. "
        "Regeringen bestämmer den nya normen varje år. Hur mycket det blir beror på hur många ni är och hur "
        "gamla ni är.",
    ),
    Term(
        "skalig_levnadsniva",
        "Skälig levnadsnivå",
        "Biståndet ska ge dig en skälig levnadsnivå. Det betyder att du ska kunna leva ett enkelt men tryggt liv. "
        "Du ska ha det du behöver, men inte mer.",
    ),
    Term(
        "livsforing_i_ovrigt",
        "Livsföring i övrigt",
        "Pengar till sådant som inte ingår i försörjningsstödet varje månad. Det kan vara tandvård, glasögon "
        "eller medicin. Du söker det för sig. Kommunen tittar på varje ansökan.",
    ),
    Term(
        "manadsansokan",
        "Månadsansökan",
        "När du redan får ekonomiskt bistånd söker du igen varje månad. Då berättar du om hushållets pengar och "
        "kostnader för den nya månaden.",
    ),
    Term(
        "sjalvforsorjning",
        "Självförsörjning",
        "Att du klarar dig på egna pengar. Pengarna kan komma från ett arbete, från a-kassan eller från en "
        "annan ersättning.",
    ),
    Term(
        "inkomst",
        "Inkomst",
        "Pengar som du får in. Det kan vara lön, a-kassa, pension, bidrag eller pengar från andra. Kommunen "
        "räknar med alla pengar som kommer in till hushållet.",
    ),
    Term(
        "tillgangar",
        "Tillgångar",
        "Det du äger som är värt pengar. Det kan vara pengar på banken, en bil, ett hus eller mark. Det gäller "
        "också i ett annat land. Ibland måste du använda dem innan du kan få bistånd.",
    ),
    Term(
        "hushall",
        "Hushåll",
        "Du och de som bor med dig och delar på pengarna. Det är oftast du, din make, maka eller sambo och era barn.",
    ),
    Term(
        "sambo",
        "Sambo",
        "Två personer som bor ihop som ett par utan att vara gifta. Sambor söker bistånd tillsammans, precis "
        "som gifta.",
    ),
    # People and places
    Term(
        "socialtjansten",
        "Socialtjänsten",
        "Den del av kommunen som hjälper människor som har det svårt. Där kan du söka ekonomiskt bistånd. Du "
        "kan också få stöd med familj, boende, beroende och våld.",
    ),
    Term(
        "socialsekreterare",
        "Socialsekreterare",
        "En person som arbetar på socialtjänsten. Hen tar emot din ansökan, pratar med dig och planerar stödet "
        "med dig. Hen har tystnadsplikt.",
    ),
    Term(
        "arbetsformedlingen",
        "Arbetsförmedlingen",
        "En myndighet som hjälper dig att hitta ett arbete. Där kan du skriva in dig som arbetssökande.",
    ),
    Term(
        "forsakringskassan",
        "Försäkringskassan",
        "En myndighet som betalar ut pengar när du är sjuk, har barn eller har en funktionsnedsättning.",
    ),
    Term(
        "arbetsmarknadsenhet",
        "Kommunens arbetsmarknadsenhet (AME)",
        "En del av kommunen som hjälper dig närmare ett arbete. Där kan du få en coach, praktik, "
        "arbetsträning eller en kurs. Den kan heta olika i olika kommuner.",
    ),
    Term(
        "a_kassa",
        "A-kassa (arbetslöshetskassa)",
        "A-kassan ger pengar när du har förlorat ditt arbete. Du måste ha arbetat en viss tid innan. Du måste "
        "också vara inskriven på Arbetsförmedlingen. Den som är medlem betalar en avgift varje månad.",
    ),
    Term("csn", "CSN", "En myndighet som ger pengar till den som studerar. Pengarna heter studiemedel."),
    Term(
        "hyresvard",
        "Hyresvärd",
        "Den som hyr ut en bostad till dig. Det kan vara ett företag, kommunens bostadsbolag eller en person.",
    ),
    Term(
        "vardcentral",
        "Vårdcentral",
        "Dit går du först när du blir sjuk eller behöver råd om din hälsa. Där finns läkare och sjuksköterskor. "
        "Du kan också ringa 1177 för råd.",
    ),
    Term(
        "psykiatri",
        "Psykiatri",
        "Vård för den som mår psykiskt dåligt. Det kan vara svår oro, depression eller trauma. Ofta skickar "
        "vårdcentralen dig dit.",
    ),
    Term(
        "arbetsterapeut",
        "Arbetsterapeut",
        "En person som hjälper dig att klara vardagen och arbetet när du har en sjukdom eller "
        "funktionsnedsättning. Hen ser vad du orkar och vad som kan göra saker lättare.",
    ),
    Term(
        "tolk",
        "Tolk",
        "En person som översätter det ni säger på mötet. Tolken är gratis och får inte berätta för andra vad ni "
        "pratar om.",
    ),
    # Money from other authorities
    Term(
        "sjukpenning",
        "Sjukpenning",
        "Pengar från Försäkringskassan när du är sjuk och inte kan arbeta. Du måste ha haft en inkomst innan.",
    ),
    Term(
        "sgi",
        "SGI (sjukpenninggrundande inkomst)",
        "Den inkomst som Försäkringskassan räknar med. Den styr hur mycket sjukpenning eller föräldrapenning du "
        "kan få. Blir du utan arbete, skriv in dig på Arbetsförmedlingen direkt. Då kan du behålla din SGI.",
    ),
    Term(
        "sjukersattning",
        "Sjukersättning",
        "Pengar från Försäkringskassan till vuxna som troligen aldrig kan arbeta heltid på grund av sjukdom.",
    ),
    Term(
        "aktivitetsersattning",
        "Aktivitetsersättning",
        "Pengar från Försäkringskassan till unga mellan 19 och 29 år. Det är för den som inte kan "
        "arbeta heltid på grund av sjukdom eller funktionsnedsättning.",
    ),
    Term(
        "bostadsbidrag",
        "Bostadsbidrag",
        "Pengar från Försäkringskassan som hjälper till att betala hyran. Det är för barnfamiljer och unga.",
    ),
    Term(
        "barnbidrag",
        "Barnbidrag",
        "Pengar från Försäkringskassan för varje barn under 16 år. Oftast behöver du inte söka. Pengarna kommer "
        "varje månad. De räknas som inkomst när du söker försörjningsstöd.",
    ),
    Term(
        "foraldrapenning",
        "Föräldrapenning",
        "Pengar från Försäkringskassan när du är hemma med ditt barn i stället för att arbeta, studera eller "
        "söka arbete. Det finns ett visst antal dagar för varje barn.",
    ),
    Term(
        "underhallsstod",
        "Underhållsstöd",
        "Pengar för ett barn vars föräldrar inte bor ihop. Försäkringskassan betalar till den förälder som "
        "barnet bor hos, om den andra föräldern inte betalar.",
    ),
    Term(
        "underhallsbidrag",
        "Underhållsbidrag",
        "Pengar som en förälder betalar för sitt barn när barnet bor hos den andra föräldern.",
    ),
    Term(
        "studiemedel",
        "Studiemedel",
        "Pengar från CSN när du studerar, till exempel på Komvux eller högskola. En del är bidrag. En del är "
        "ett lån som du måste betala tillbaka.",
    ),
    Term(
        "etableringsersattning",
        "Etableringsersättning",
        "Pengar när du är med i etableringsprogrammet. Försäkringskassan betalar för de dagar som du är med i "
        "programmet.",
    ),
    Term(
        "hemforsakring",
        "Hemförsäkring",
        "En försäkring för dina saker hemma. Den betalar om saker blir stulna eller går sönder, till exempel "
        "vid en brand. Du betalar en avgift för den.",
    ),
    # Work, school and plans
    Term(
        "etableringsprogrammet",
        "Etableringsprogrammet",
        "Ett program hos Arbetsförmedlingen för vissa vuxna som nyss har fått uppehållstillstånd. Du lär dig "
        "svenska och får hjälp att hitta arbete eller utbildning.",
    ),
    Term(
        "praktik",
        "Praktik",
        "Du är på en arbetsplats en tid för att lära dig ett arbete och visa vad du kan. Du får oftast ingen "
        "lön. Praktik kan leda till ett jobb.",
    ),
    Term(
        "arbetstraning",
        "Arbetsträning",
        "Du tränar på att arbeta på en arbetsplats, ofta några timmar om dagen först. Det är inte ett vanligt "
        "jobb och du får ingen lön. Målet är att du ska orka mer.",
    ),
    Term("komvux", "Komvux", "Skola för vuxna. Där kan du läsa svenska och ämnen från grundskolan och gymnasiet."),
    Term(
        "sfi",
        "SFI (svenska för invandrare)",
        "En gratis kurs i svenska för vuxna som har ett annat språk som modersmål. Kommunen ordnar den. Den är "
        "en del av Komvux.",
    ),
    Term(
        "sjukskriven",
        "Sjukskriven",
        "En läkare har skrivit att du är för sjuk för att arbeta. Du kan vara sjukskriven helt eller delvis.",
    ),
    Term(
        "barnomsorg",
        "Barnomsorg",
        "Någon tar hand om ditt barn medan du arbetar, studerar eller söker arbete. Det kan vara förskola "
        "eller fritids.",
    ),
    Term(
        "funktionsnedsattning",
        "Funktionsnedsättning",
        "När en del av kroppen eller hjärnan fungerar sämre under lång tid. Det kan gälla syn, hörsel, "
        "rörelse, minne eller att lära sig saker. Du kan ha rätt till extra stöd.",
    ),
    # The instrument and the meetings
    Term(
        "instrument_x",
        "Instrument X",
        "Ett stöd för samtalet mellan dig och din socialsekreterare. Det har frågor om din situation, dina mål "
        "och din plan. Det har fyra delar. Det är inget prov och det finns inga fel svar.",
    ),
    Term(
        "motiverande_samtal",
        "Motiverande samtal (MI)",
        "Ett sätt att prata som socialsekreteraren använder. Hen lyssnar mycket och frågar vad du själv vill. "
        "Du bestämmer dina mål. Socialsekreteraren hjälper dig att hitta din egen väg.",
    ),
    Term(
        "behovsgrupp",
        "Behovsgrupp",
        "En av sex grupper som visar vilket stöd du behöver. Du och socialsekreteraren väljer gruppen "
        "tillsammans. AM1, AM2 och AM3 är stöd för att få arbete. RH1, RH2 och RH3 är stöd med beroende, "
        "psykisk hälsa eller hälsan i kroppen.",
    ),
    Term(
        "genomforandeplan",
        "Genomförandeplan",
        "En plan som du gör tillsammans med din socialsekreterare. Där står ditt mål, vad du ska göra och vem "
        "som hjälper dig. Efter en tid ser ni hur det har gått.",
    ),
    Term(
        "sip",
        "SIP (samordnad individuell plan)",
        "En plan när du får hjälp från flera håll, till exempel från socialtjänsten och vården. Alla träffas "
        "med dig och bestämmer vem som gör vad. Det blir bara en SIP om du säger ja.",
    ),
    Term(
        "beslut",
        "Beslut",
        "Det som socialtjänsten bestämmer om din ansökan. Du får beslutet på papper eller digitalt. Om du får "
        "nej, ska det stå varför och hur du kan överklaga.",
    ),
    Term(
        "overklaga",
        "Överklaga",
        "Om du tycker att ett beslut är fel, kan du be en domstol titta på det igen. Skriv till socialtjänsten "
        "inom tre veckor från den dag du fick beslutet. Det kostar inget.",
    ),
    Term(
        "handlaggningstid",
        "Handläggningstid",
        "Den tid det tar från att du söker tills du får ett beslut. Fråga din socialsekreterare hur lång tid "
        "det brukar ta.",
    ),
    Term(
        "sekretess",
        "Sekretess",
        "Socialtjänsten får inte berätta för andra vad du säger. Det finns bara några få undantag, till exempel "
        "när ett barn far illa.",
    ),
    Term(
        "tystnadsplikt",
        "Tystnadsplikt",
        "Den som har tystnadsplikt får inte berätta för andra det som du säger. Det gäller till exempel "
        "socialsekreterare, tolkar och läkare.",
    ),
    # Identity and papers
    Term(
        "personnummer",
        "Personnummer",
        "Ett nummer som alla som är folkbokförda i Sverige får av Skatteverket. Det börjar med den dag du är "
        "född. Sedan kommer fyra siffror till.",
    ),
    Term(
        "samordningsnummer",
        "Samordningsnummer",
        "Ett nummer för dig som inte är folkbokförd i Sverige. Du får det från Skatteverket. Du kan använda det "
        "i stället för ett personnummer.",
    ),
    Term(
        "e_legitimation",
        "E-legitimation (BankID)",
        "Ett sätt att visa vem du är på internet, till exempel med BankID i mobilen. Du loggar in och skriver "
        "under med den. För BankID behöver du ett svenskt personnummer. Har du inget, fråga socialtjänsten.",
    ),
    Term(
        "fullmakt",
        "Fullmakt",
        "Ett papper där du skriver att en annan person får göra något åt dig. Det kan vara att prata med en "
        "myndighet. Du kan när som helst ta tillbaka en fullmakt.",
    ),
    Term(
        "uppehallstillstand",
        "Uppehållstillstånd",
        "Ett tillstånd att bo i Sverige. Migrationsverket bestämmer om du får det. Det kan gälla en viss tid. "
        "Det kan också gälla utan slutdatum.",
    ),
    Term(
        "skyddad_identitet",
        "Skyddad identitet",
        "Dina uppgifter, till exempel din adress, är dolda så att andra inte kan hitta dig. Det är för den som "
        "är i fara. Säg till socialtjänsten om du har skyddad identitet.",
    ),
    Term(
        "belastningsregistret",
        "Belastningsregistret",
        "Ett register hos polisen. Där står det om du har fått ett straff för ett brott.",
    ),
    # Home
    Term(
        "andrahandskontrakt",
        "Andra hand",
        "Du hyr av någon som själv hyr bostaden. Du har inget eget kontrakt med hyresvärden.",
    ),
    Term(
        "bostadsratt",
        "Bostadsrätt",
        "En lägenhet som du äger rätten att bo i. Du betalar en avgift varje månad till en förening.",
    ),
    Term("inneboende", "Inneboende", "Du hyr ett rum i någon annans bostad och bor där med den personen."),
    # Children, health and safety
    Term(
        "vardnad",
        "Vårdnad",
        "Den som har vårdnad om ett barn tar hand om barnet. Hen bestämmer också viktiga saker för barnet. Ofta "
        "har båda föräldrarna vårdnad tillsammans.",
    ),
    Term(
        "orosanmalan",
        "Orosanmälan",
        "Den som är orolig för att ett barn far illa kan berätta det för socialtjänsten. Personal i skola, vård "
        "och socialtjänst måste berätta. Då tittar socialtjänsten på om barnet behöver stöd.",
    ),
    Term(
        "beroende",
        "Beroende",
        "När du inte kan sluta med något fast det skadar dig. Det kan vara alkohol, droger, tabletter eller "
        "spel om pengar. Ett beroende är ett hälsoproblem. Det går att få hjälp.",
    ),
    Term(
        "missbruk",
        "Missbruk",
        "När du använder alkohol, droger eller tabletter på ett sätt som skadar dig eller andra. Du kan få "
        "hjälp av socialtjänsten eller vården.",
    ),
    Term(
        "vald_i_nara_relation",
        "Våld i nära relation",
        "Våld från någon som står dig nära, till exempel en partner eller någon i familjen. Det kan vara slag, "
        "hot, kontroll eller att ta dina pengar. Socialtjänsten kan hjälpa dig. Ring 112 vid fara.",
    ),
)


TERM_IDS = frozenset(t.id for t in TERMS)


def term(term_id: str) -> Term:
    for t in TERMS:
        if t.id == term_id:
            return t
    raise KeyError(term_id)
