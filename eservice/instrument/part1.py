"""Part I, grundutredning: the household's situation and economy. Filled in once per household."""

from .builders import YES_NO, opt, q, unless, when
from .schema import Option, Page, Part, Question, Section
from .schema import QType as T

OCCUPATIONS = (
    opt("full_time_work", "Jag arbetar heltid"),
    opt("part_time_work", "Jag arbetar deltid eller per timme"),
    opt("job_seeker", "Jag söker arbete"),
    opt("own_business", "Jag har ett eget företag"),
    opt("parental_leave", "Jag är föräldraledig"),
    opt("pensioner", "Jag får pension"),
    opt("sick_listed", "Jag är sjukskriven"),
    opt("studies", "Jag studerar"),
    opt("other", "Något annat"),
)
PARTNER_OCCUPATIONS = tuple(
    opt(o.code, o.label.replace("Jag är", "Hen är").replace("Jag ", "Hen ")) for o in OCCUPATIONS
)
SICK_EXTENT = (opt("full", "Helt"), opt("partly", "Delvis"))

# Incomes are asked on two pages (14 choices and six explained words were too long for a phone): pay and
# compensation first, then allowances and other money. Option codes are those of the one question they replace.
NONE_OF_THESE = opt("none", "Nej, inget av detta")
WORK_INCOMES = (
    opt("salary", "Lön"),
    opt("unemployment_benefit", "Pengar från a-kassan"),
    opt("sickness_benefit", "Sjukpenning"),
    opt("parental_benefit", "Föräldrapenning"),
    opt("activity_compensation", "Sjukersättning eller aktivitetsersättning"),
    opt("establishment_benefit", "Etableringsersättning"),
    opt("pension", "Pension"),
    NONE_OF_THESE,
)
OTHER_INCOMES = (
    opt("housing_allowance", "Bostadsbidrag"),
    opt("child_allowance", "Barnbidrag"),
    opt("maintenance_support", "Underhållsstöd eller underhållsbidrag"),
    opt("student_aid", "Studiemedel från CSN"),
    opt("money_received", "Swish eller andra pengar som du får"),
    opt("other", "Något annat"),
    NONE_OF_THESE,
)
HOUSING = (
    opt("rent_first_hand", "Jag hyr med eget kontrakt"),
    opt("rent_second_hand", "Jag hyr i andra hand"),
    opt("tenant_owned", "Jag bor i en bostadsrätt"),
    opt("own_house", "Jag äger mitt hus"),
    opt("lodger", "Jag bor inneboende hos någon"),
    opt("with_relatives", "Jag bor hos släkt eller vänner"),
    opt("no_home", "Jag har ingen bostad"),
    opt("other", "Något annat"),
)
PAYS_RENT = ("rent_first_hand", "rent_second_hand", "tenant_owned", "lodger")
COSTS = (
    opt("electricity", "El"),
    opt("home_insurance", "Hemförsäkring"),
    opt("childcare_fee", "Avgift för förskola eller fritids"),
    opt("travel_to_work", "Resor till arbete eller praktik"),
    opt("union_fee", "Avgift till fack eller a-kassa"),
    opt("medicine_care", "Medicin och vård"),
    opt("none", "Inga av dessa"),
)


# "About how much" is said once on the page, not under each of up to seven amounts (the page must fit a phone).
ABOUT_HOW_MUCH = "Skriv ungefär hur mycket som kommer in varje månad, i kronor."


def amount(id: str, number: str, label: str, code: str, source: str, error: str) -> Question:
    return q(id, number, T.MONEY, f"{label}: hur mycket per månad?", show_when=when(source, code), error=error)


def received(*options: Option) -> list[str]:
    """The codes of money that comes in: every option but "none of these"."""
    return [o.code for o in options if o.code != "none"]


PART_I = Part(
    id="I",
    number=1,
    title="Del 1: Ditt hushåll",
    intro="Här svarar du på frågor om ditt hushåll och era pengar. Du svarar en gång för hela hushållet.",
    sections=(
        Section(
            id="household",
            title="Vilka som bor hos dig",
            pages=(
                Page(
                    id="household",
                    title="Vilka som bor hos dig",
                    questions=(
                        q(
                            "applying_with",
                            "1.1",
                            T.SINGLE,
                            "Söker du ensam eller tillsammans med någon?",
                            options=(
                                opt("alone", "Jag söker ensam"),
                                opt("with_partner", "Jag söker med min make, maka eller sambo"),
                            ),
                            help="Gifta och sambor söker tillsammans.",
                            error="Välj om du söker ensam eller med make, maka eller sambo.",
                        ),
                        q(
                            "children_count",
                            "1.2",
                            T.INTEGER,
                            "Hur många barn under 18 år bor hos dig?",
                            help=(
                                "Räkna alla barn som bor hos dig hela tiden eller ibland. "
                                "Skriv 0 om inga barn bor hos dig."
                            ),
                            min=0,
                            max=20,
                            error="Skriv hur många barn som bor hos dig. Skriv 0 om inga barn bor hos dig.",
                        ),
                        q(
                            "other_adults",
                            "1.3",
                            T.SINGLE,
                            "Bor någon annan vuxen hos dig?",
                            options=YES_NO,
                            help="Till exempel ett vuxet barn, en förälder eller en vän.",
                            error="Välj om någon annan vuxen bor hos dig.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="occupation",
            title="Vad du gör just nu",
            pages=(
                Page(
                    id="occupation",
                    title="Vad du gör just nu",
                    questions=(
                        q(
                            "occupation",
                            "1.4",
                            T.SINGLE,
                            "Vad gör du just nu?",
                            options=OCCUPATIONS,
                            help="Välj det som stämmer bäst.",
                            error="Välj vad du gör just nu.",
                        ),
                        q(
                            "sick_leave_extent",
                            "1.5",
                            T.SINGLE,
                            "Om du är sjukskriven: är du sjukskriven helt eller delvis?",
                            options=SICK_EXTENT,
                            show_when=when("occupation", "sick_listed"),
                            error="Välj om du är sjukskriven helt eller delvis.",
                        ),
                        q(
                            "af_registered",
                            "1.6",
                            T.SINGLE,
                            "Är du inskriven på Arbetsförmedlingen?",
                            options=YES_NO,
                            glossary=("arbetsformedlingen",),
                            show_when=unless("occupation", "pensioner"),
                            error="Välj om du är inskriven på Arbetsförmedlingen.",
                        ),
                    ),
                ),
                Page(
                    id="partner_occupation",
                    title="Vad din partner gör just nu",
                    show_when=when("applying_with", "with_partner"),
                    questions=(
                        q(
                            "partner_occupation",
                            "1.7",
                            T.SINGLE,
                            "Vad gör din make, maka eller sambo just nu?",
                            options=PARTNER_OCCUPATIONS,
                            error="Välj vad din make, maka eller sambo gör just nu.",
                        ),
                        q(
                            "partner_sick_leave_extent",
                            "1.8",
                            T.SINGLE,
                            "Om hen är sjukskriven: är hen sjukskriven helt eller delvis?",
                            options=SICK_EXTENT,
                            show_when=when("partner_occupation", "sick_listed"),
                            error="Välj om hen är sjukskriven helt eller delvis.",
                        ),
                        q(
                            "partner_af_registered",
                            "1.9",
                            T.SINGLE,
                            "Är hen inskriven på Arbetsförmedlingen?",
                            options=YES_NO,
                            glossary=("arbetsformedlingen",),
                            show_when=unless("partner_occupation", "pensioner"),
                            error="Välj om hen är inskriven på Arbetsförmedlingen.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="reason",
            title="Varför du söker",
            pages=(
                Page(
                    id="reason",
                    title="Varför du söker",
                    questions=(
                        q(
                            "reason",
                            "1.10",
                            T.MULTI,
                            "Varför söker du ekonomiskt bistånd?",
                            glossary=("ekonomiskt_bistand",),
                            help="Du kan välja flera.",
                            options=(
                                opt("unemployed", "Jag har inget arbete"),
                                opt("sick_no_compensation", "Jag är sjuk och får inga pengar för det"),
                                opt("studying_no_compensation", "Jag studerar och får inga pengar för det"),
                                opt("no_income", "Jag har inga pengar eller för lite pengar"),
                                opt("waiting", "Jag väntar på pengar från en annan myndighet"),
                                opt("other", "Något annat"),
                            ),
                            error="Välj varför du söker. Du kan välja flera.",
                        ),
                        q(
                            "reason_other",
                            "1.11",
                            T.TEXT,
                            "Om du valde något annat: skriv varför du söker.",
                            show_when=when("reason", "other"),
                        ),
                    ),
                ),
                Page(
                    id="done_already",
                    title="Det du redan har gjort",
                    questions=(
                        q(
                            "done_already",
                            "1.12",
                            T.MULTI,
                            "Vad har du redan gjort för att få pengar?",
                            help="Du kan välja flera.",
                            exclusive=("nothing",),
                            options=(
                                opt("job_seeking", "Jag söker arbete"),
                                opt(
                                    "applied_benefits",
                                    "Jag har sökt pengar från en annan myndighet",
                                    hint="Till exempel Försäkringskassan eller a-kassan.",
                                ),
                                opt("care_contact", "Jag har kontakt med vården"),
                                opt("other", "Något annat"),
                                opt("nothing", "Inget än"),
                            ),
                            error="Välj vad du redan har gjort, eller välj ”Inget än”.",
                        ),
                        q(
                            "done_other",
                            "1.13",
                            T.TEXT,
                            "Om du valde något annat: vad har du gjort?",
                            show_when=when("done_already", "other"),
                        ),
                        q(
                            "obstacles",
                            "1.14",
                            T.TEXTAREA,
                            "Finns det något som gör det svårt för dig att få pengar på egen hand?",
                            help="Skriv med egna ord. Du kan också prata om det på mötet.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="income",
            title="Pengar som kommer in",
            pages=(
                Page(
                    id="incomes",
                    title="Lön och ersättning",
                    intro="Tänk på alla pengar som kommer in till hushållet varje månad.",
                    questions=(
                        q(
                            "incomes_work",
                            "1.15",
                            T.MULTI,
                            "Får någon i hushållet lön, ersättning eller pension?",
                            options=WORK_INCOMES,
                            exclusive=("none",),
                            help="Du kan välja flera.",
                            glossary=("sjukpenning", "aktivitetsersattning", "sjukersattning", "etableringsprogrammet"),
                            error="Välj vilka pengar som kommer in, eller välj ”Nej, inget av detta”.",
                        ),
                    ),
                ),
                Page(
                    id="income_amounts",
                    title="Hur mycket pengar som kommer in",
                    intro=ABOUT_HOW_MUCH,
                    show_when=when("incomes_work", *received(*WORK_INCOMES)),
                    questions=(
                        amount(
                            "amount_salary",
                            "1.16",
                            "Lön",
                            "salary",
                            "incomes_work",
                            "Skriv hur mycket lön som kommer in per månad.",
                        ),
                        amount(
                            "amount_unemployment_benefit",
                            "1.17",
                            "A-kassa",
                            "unemployment_benefit",
                            "incomes_work",
                            "Skriv hur mycket pengar från a-kassan som kommer in per månad.",
                        ),
                        amount(
                            "amount_sickness_benefit",
                            "1.18",
                            "Sjukpenning",
                            "sickness_benefit",
                            "incomes_work",
                            "Skriv hur mycket sjukpenning som kommer in per månad.",
                        ),
                        amount(
                            "amount_parental_benefit",
                            "1.19",
                            "Föräldrapenning",
                            "parental_benefit",
                            "incomes_work",
                            "Skriv hur mycket föräldrapenning som kommer in per månad.",
                        ),
                        amount(
                            "amount_activity_compensation",
                            "1.20",
                            "Sjukersättning eller aktivitetsersättning",
                            "activity_compensation",
                            "incomes_work",
                            "Skriv hur mycket sjukersättning eller aktivitetsersättning som kommer in per månad.",
                        ),
                        amount(
                            "amount_establishment_benefit",
                            "1.21",
                            "Etableringsersättning",
                            "establishment_benefit",
                            "incomes_work",
                            "Skriv hur mycket etableringsersättning som kommer in per månad.",
                        ),
                        amount(
                            "amount_pension",
                            "1.22",
                            "Pension",
                            "pension",
                            "incomes_work",
                            "Skriv hur mycket pension som kommer in per månad.",
                        ),
                    ),
                ),
                Page(
                    id="incomes_other",
                    title="Bidrag och andra pengar",
                    questions=(
                        q(
                            "incomes_other",
                            "1.23",
                            T.MULTI,
                            "Får hushållet bidrag eller andra pengar?",
                            options=OTHER_INCOMES,
                            exclusive=("none",),
                            help="Du kan välja flera.",
                            glossary=("bostadsbidrag", "underhallsstod"),
                            error="Välj vilka pengar som kommer in, eller välj ”Nej, inget av detta”.",
                        ),
                    ),
                ),
                Page(
                    id="other_income_amounts",
                    title="Hur mycket bidrag och andra pengar som kommer in",
                    intro=ABOUT_HOW_MUCH,
                    show_when=when("incomes_other", *received(*OTHER_INCOMES)),
                    questions=(
                        amount(
                            "amount_housing_allowance",
                            "1.24",
                            "Bostadsbidrag",
                            "housing_allowance",
                            "incomes_other",
                            "Skriv hur mycket bostadsbidrag som kommer in per månad.",
                        ),
                        amount(
                            "amount_child_allowance",
                            "1.25",
                            "Barnbidrag",
                            "child_allowance",
                            "incomes_other",
                            "Skriv hur mycket barnbidrag som kommer in per månad.",
                        ),
                        amount(
                            "amount_maintenance_support",
                            "1.26",
                            "Underhållsstöd",
                            "maintenance_support",
                            "incomes_other",
                            "Skriv hur mycket underhållsstöd som kommer in per månad.",
                        ),
                        amount(
                            "amount_student_aid",
                            "1.27",
                            "Studiemedel",
                            "student_aid",
                            "incomes_other",
                            "Skriv hur mycket studiemedel som kommer in per månad.",
                        ),
                        amount(
                            "amount_money_received",
                            "1.28",
                            "Pengar som du får",
                            "money_received",
                            "incomes_other",
                            "Skriv hur mycket pengar som du får på Swish eller på annat sätt per månad.",
                        ),
                        amount(
                            "amount_other",
                            "1.29",
                            "Andra pengar",
                            "other",
                            "incomes_other",
                            "Skriv hur mycket andra pengar som kommer in per månad.",
                        ),
                        q(
                            "income_other_what",
                            "1.30",
                            T.TEXT,
                            "Vad är de andra pengarna?",
                            show_when=when("incomes_other", "other"),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="assets",
            title="Det du äger",
            pages=(
                Page(
                    id="assets",
                    title="Det du äger",
                    questions=(
                        q(
                            "bank_balance",
                            "1.31",
                            T.MONEY,
                            "Hur mycket pengar har hushållet på banken just nu?",
                            help=(
                                "Räkna ihop alla konton. Skriv 0 om ni inte har några pengar. "
                                "Är kontot på minus? Skriv till exempel -500."
                            ),
                            min=-1_000_000,
                            max=100_000_000,
                            error=(
                                "Skriv hur mycket pengar hushållet har på banken. Skriv 0 om ni inte har några pengar."
                            ),
                        ),
                        q(
                            "owns_car",
                            "1.32",
                            T.SINGLE,
                            "Äger någon i hushållet en bil?",
                            options=YES_NO,
                            error="Välj om någon i hushållet äger en bil.",
                        ),
                        q(
                            "owns_property",
                            "1.33",
                            T.SINGLE,
                            "Äger någon i hushållet ett hus, en lägenhet eller mark?",
                            options=YES_NO,
                            help="Det gäller också hus och mark i ett annat land.",
                            error="Välj om någon i hushållet äger ett hus, en lägenhet eller mark.",
                        ),
                        q("assets_other", "1.34", T.TEXTAREA, "Äger ni något annat som är värt mycket pengar?"),
                    ),
                ),
            ),
        ),
        Section(
            id="housing",
            title="Ditt boende",
            pages=(
                Page(
                    id="housing",
                    title="Ditt boende",
                    questions=(
                        q(
                            "housing_type",
                            "1.35",
                            T.SINGLE,
                            "Hur bor du?",
                            options=HOUSING,
                            glossary=("andrahandskontrakt", "bostadsratt"),
                            error="Välj hur du bor.",
                        ),
                        q(
                            "rent",
                            "1.36",
                            T.MONEY,
                            "Hur mycket betalar du i hyra eller avgift per månad?",
                            help="Skriv beloppet i kronor.",
                            show_when=when("housing_type", *PAYS_RENT),
                            error="Skriv hur mycket du betalar i hyra eller avgift per månad.",
                        ),
                        q(
                            "landlord",
                            "1.37",
                            T.TEXT,
                            "Vem hyr du av?",
                            help="Skriv namnet på hyresvärden eller personen.",
                            show_when=when("housing_type", "rent_first_hand", "rent_second_hand", "lodger"),
                        ),
                        q(
                            "housing_other",
                            "1.38",
                            T.TEXT,
                            "Berätta kort hur du bor.",
                            show_when=when("housing_type", "no_home", "other"),
                        ),
                    ),
                ),
                Page(
                    id="costs",
                    title="Andra kostnader",
                    questions=(
                        q(
                            "costs",
                            "1.39",
                            T.MULTI,
                            "Vilka av de här kostnaderna har hushållet?",
                            options=COSTS,
                            exclusive=("none",),
                            help="Du kan välja flera. Skriv sedan ungefär vad varje kostnad är per månad.",
                            error="Välj vilka kostnader hushållet har, eller välj ”Inga av dessa”.",
                        ),
                        amount(
                            "cost_electricity",
                            "1.40",
                            "El",
                            "electricity",
                            "costs",
                            "Skriv hur mycket ni betalar för el per månad.",
                        ),
                        amount(
                            "cost_home_insurance",
                            "1.41",
                            "Hemförsäkring",
                            "home_insurance",
                            "costs",
                            "Skriv hur mycket ni betalar för hemförsäkring per månad.",
                        ),
                        amount(
                            "cost_childcare_fee",
                            "1.42",
                            "Förskola eller fritids",
                            "childcare_fee",
                            "costs",
                            "Skriv hur mycket ni betalar för förskola eller fritids per månad.",
                        ),
                        amount(
                            "cost_travel_to_work",
                            "1.43",
                            "Resor",
                            "travel_to_work",
                            "costs",
                            "Skriv hur mycket ni betalar för resor per månad.",
                        ),
                        amount(
                            "cost_union_fee",
                            "1.44",
                            "Fack eller a-kassa",
                            "union_fee",
                            "costs",
                            "Skriv hur mycket ni betalar till fack eller a-kassa per månad.",
                        ),
                        amount(
                            "cost_medicine_care",
                            "1.45",
                            "Medicin och vård",
                            "medicine_care",
                            "costs",
                            "Skriv hur mycket ni betalar för medicin och vård per månad.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="meeting",
            title="Inför mötet",
            pages=(
                Page(
                    id="interpreter",
                    title="Tolk på mötet",
                    questions=(
                        q(
                            "interpreter_needed",
                            "1.46",
                            T.SINGLE,
                            "Vill ni ha en tolk på mötet?",
                            glossary=("tolk",),
                            help="Tolken är gratis för dig. Tolken har tystnadsplikt.",
                            options=(
                                opt("no", "Nej"),
                                opt("yes_me", "Ja, jag vill ha tolk"),
                                opt(
                                    "yes_partner",
                                    "Ja, min make, maka eller sambo vill ha tolk",
                                    show_when=when("applying_with", "with_partner"),
                                ),
                                opt(
                                    "yes_both",
                                    "Ja, vi vill båda ha tolk",
                                    show_when=when("applying_with", "with_partner"),
                                ),
                            ),
                            error="Välj om ni vill ha en tolk på mötet.",
                        ),
                        q(
                            "interpreter_language",
                            "1.47",
                            T.TEXT,
                            "Vilket språk ska tolken tala?",
                            help="Skriv gärna dialekt också. Till exempel: arabiska, irakisk dialekt.",
                            required=True,
                            show_when=when("interpreter_needed", "yes_me", "yes_partner", "yes_both"),
                            error="Skriv vilket språk tolken ska tala.",
                        ),
                    ),
                ),
            ),
        ),
    ),
)

# Facts in part I that belong to one adult. Part II reads them as "me.<name>" for whichever adult is answering.
PER_ADULT_FACTS: dict[str, tuple[str, str]] = {
    "me.occupation": ("occupation", "partner_occupation"),
    "me.sick_leave_extent": ("sick_leave_extent", "partner_sick_leave_extent"),
    "me.af_registered": ("af_registered", "partner_af_registered"),
}
