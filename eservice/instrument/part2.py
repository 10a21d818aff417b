"""Part II, fördjupad utredning: each adult answers alone. Every answer here is private to that adult."""

from datetime import UTC, datetime
from typing import Any

from .builders import DONT_KNOW, RATHER_TALK, YES_NO, all_of, any_of, more_than, opt, q, unless, when
from .schema import Page, Part, QType, Question, Section
from .schema import QType as T

# Work questions are not forced on pensioners or on people on full-time sick leave (research finding 6).
NOT_OUT_OF_WORK = {"not": {"any": [when("me.occupation", "pensioner"), when("me.sick_leave_extent", "full")]}}
HAS_CHILDREN = more_than("children_count", 0)
# The children's ages are asked in words that fit the count: "Hur gammalt är barnet?" or "Hur gamla är barnen?".
SEVERAL_CHILDREN = more_than("children_count", 1)
ONE_CHILD = {"not": SEVERAL_CHILDREN}  # in the children's section, which is shown only when there are children
# The person's own estimate of becoming self-supporting: asked here, and again in the evaluation (part IV) with the
# same codes, so the two answers can be compared.
SELF_SUPPORT_SCALE = (
    opt("within_3_months", "Inom tre månader"),
    opt("within_year", "Inom ett år"),
    opt("longer", "Det tar längre tid"),
    DONT_KNOW,
)


def pq(id: str, number: str, type: QType, text: str, **kwargs: Any) -> Question:
    """A part II question: private to the adult who answers it."""
    return q(id, number, type, text, private=True, **kwargs)


PART_II = Part(
    id="II",
    number=2,
    title="Del 2: Om dig",
    per_adult=True,
    intro=(
        "Här svarar du på frågor om dig själv. Ingen annan i hushållet ser dina svar. "
        "Svaren hjälper oss att ge dig rätt stöd."
    ),
    sections=(
        Section(
            id="about_you",
            title="Om dig och hur vi når dig",
            pages=(
                Page(
                    id="about_you",
                    title="Om dig",
                    questions=(
                        pq(
                            "full_name",
                            "2.1",
                            T.TEXT,
                            "Vad heter du?",
                            required=True,
                            max_length=100,
                            help="Skriv ditt förnamn och efternamn.",
                            error="Skriv vad du heter.",
                        ),
                        pq(
                            "birth_year",
                            "2.2",
                            T.INTEGER,
                            "Vilket år är du född?",
                            help="Till exempel 1985.",
                            min=1900,
                            max=datetime.now(UTC).year,  # read at start-up; no adult applying was born this year
                            error="Skriv vilket år du är född, till exempel 1985.",
                        ),
                        pq(
                            "gender",
                            "2.3",
                            T.SINGLE,
                            "Vilket kön har du?",
                            required=False,
                            options=(
                                opt("woman", "Kvinna"),
                                opt("man", "Man"),
                                opt("other", "Jag beskriver det på ett annat sätt"),
                                opt("rather_not_say", "Jag vill inte svara"),
                            ),
                        ),
                        pq(
                            "personal_number",
                            "2.4",
                            T.PERSONAL_NUMBER,
                            "Vad är ditt personnummer eller samordningsnummer?",
                            required=False,
                            glossary=("personnummer", "samordningsnummer"),
                            help="Skriv 12 siffror. Har du inget nummer? Hoppa då över frågan.",
                            why="Med numret kan vi hitta rätt uppgifter om dig. Då går det fortare.",
                        ),
                    ),
                ),
                Page(
                    id="contact",
                    title="Hur vi når dig",
                    # Said before the first answer: this is where a person at risk gives a number.
                    intro="Det du skriver här ser bara du och socialtjänsten. Ingen annan i hushållet ser det.",
                    questions=(
                        pq(
                            "safe_contact",
                            "2.5",
                            T.MULTI,
                            "Hur kan vi kontakta dig på ett säkert sätt?",
                            help="Du kan välja flera.",
                            why=(
                                "Ibland är det inte säkert att vi ringer eller skickar brev. "
                                "Någon annan kanske läser din post eller ser din telefon. "
                                "Vi vill inte att du hamnar i fara."
                            ),
                            exclusive=("i_contact_you",),
                            options=(
                                opt("call", "Ni kan ringa mig"),
                                opt("text_message", "Ni kan skicka sms"),
                                opt("letter", "Ni kan skicka brev hem till mig"),
                                opt("email", "Ni kan skicka e-post"),
                                opt("i_contact_you", "Inget av det är säkert. Jag hör av mig själv."),
                            ),
                            error="Välj hur vi kan kontakta dig på ett säkert sätt.",
                        ),
                        pq(
                            "phone",
                            "2.6",
                            T.PHONE,
                            "Vilket telefonnummer har du?",
                            help="Till exempel 070-123 45 67.",
                            show_when=unless("safe_contact", "i_contact_you"),
                            error="Skriv ditt telefonnummer.",
                        ),
                        pq(
                            "email",
                            "2.7",
                            T.EMAIL,
                            "Vilken e-postadress har du?",
                            required=False,
                            show_when=unless("safe_contact", "i_contact_you"),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="education",
            title="Skola och utbildning",
            pages=(
                Page(
                    id="education",
                    title="Skola och utbildning",
                    questions=(
                        pq(
                            "education_level",
                            "2.8",
                            T.SINGLE,
                            "Vilken är den högsta skola du har gått klart?",
                            glossary=("komvux",),
                            help="Det gäller skola i Sverige och i andra länder.",
                            options=(
                                opt("none", "Jag har inte gått i skolan"),
                                opt("compulsory", "Grundskola"),
                                opt("upper_secondary", "Gymnasium eller Komvux"),
                                opt("university", "Universitet eller högskola"),
                                DONT_KNOW,
                            ),
                            error="Välj den högsta skola du har gått klart.",
                        ),
                        pq(
                            "education_details",
                            "2.9",
                            T.TEXTAREA,
                            "Vad har du lärt dig i skolan eller på kurser?",
                            help="Till exempel ett yrke, ett språk eller ett körkort.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="work",
            title="Arbete",
            show_when=NOT_OUT_OF_WORK,
            pages=(
                Page(
                    id="work_history",
                    title="Arbete du har haft",
                    questions=(
                        pq(
                            "work_experience",
                            "2.10",
                            T.SINGLE,
                            "Hur länge har du arbetat sammanlagt?",
                            help="Räkna med arbete i alla länder.",
                            options=(
                                opt("never", "Jag har aldrig arbetat"),
                                opt("under_1_year", "Kortare än ett år"),
                                opt("1_5_years", "Ett till fem år"),
                                opt("over_5_years", "Mer än fem år"),
                            ),
                            error="Välj hur länge du har arbetat sammanlagt.",
                        ),
                        pq(
                            "previous_jobs",
                            "2.11",
                            T.TEXTAREA,
                            "Vilka arbeten har du haft?",
                            help="Skriv med egna ord. Till exempel: städare på ett hotell i två år.",
                            show_when=unless("work_experience", "never"),
                        ),
                    ),
                ),
                Page(
                    id="job_search",
                    title="Att söka arbete",
                    questions=(
                        pq(
                            "wanted_work",
                            "2.12",
                            T.TEXTAREA,
                            "Vilket arbete skulle du vilja ha?",
                            help="Skriv med egna ord. Det finns inga fel svar.",
                        ),
                        pq(
                            "job_search_hard",
                            "2.13",
                            T.MULTI,
                            "Vad gör det svårt att få ett arbete?",
                            help="Du kan välja flera.",
                            exclusive=("nothing",),
                            options=(
                                opt("language", "Jag kan för lite svenska"),
                                opt("education", "Jag saknar utbildning"),
                                opt("experience", "Jag saknar erfarenhet från Sverige"),
                                opt("health", "Min hälsa"),
                                opt("childcare", "Jag har ingen barnomsorg"),
                                opt("few_jobs", "Det finns få jobb där jag bor"),
                                opt("other", "Något annat"),
                                opt("nothing", "Inget särskilt"),
                            ),
                            error="Välj vad som gör det svårt att få ett arbete, eller välj ”Inget särskilt”.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="health",
            title="Hälsa",
            pages=(
                Page(
                    id="health",
                    title="Hälsa",
                    questions=(
                        pq(
                            "health_general",
                            "2.14",
                            T.SINGLE,
                            "Hur mår du just nu?",
                            why=(
                                "Hälsan påverkar vilket stöd som passar dig. Vi frågar för att kunna hjälpa dig bättre."
                            ),
                            options=(
                                opt("good", "Bra"),
                                opt("mixed", "Ibland bra, ibland dåligt"),
                                opt("bad", "Dåligt"),
                                RATHER_TALK,
                            ),
                            error="Välj hur du mår just nu.",
                        ),
                        pq(
                            "health_limits",
                            "2.15",
                            T.SINGLE,
                            "Gör din hälsa det svårt att klara vardagen?",
                            options=(opt("no", "Nej"), opt("some", "Ja, lite"), opt("much", "Ja, mycket"), RATHER_TALK),
                            error="Välj om din hälsa gör det svårt att klara vardagen.",
                        ),
                        pq(
                            "care_contact",
                            "2.16",
                            T.MULTI,
                            "Har du kontakt med vården?",
                            help="Du kan välja flera.",
                            exclusive=("none",),
                            options=(
                                opt("primary_care", "Vårdcentral"),
                                opt("psychiatry", "Psykiatrin"),
                                opt("other_care", "Annan vård"),
                                opt("none", "Nej, ingen kontakt"),
                            ),
                            error="Välj vilken vård du har kontakt med, eller välj ”Nej, ingen kontakt”.",
                        ),
                        pq(
                            "health_details",
                            "2.17",
                            T.TEXTAREA,
                            "Vill du berätta mer om din hälsa?",
                            help="Du väljer själv vad du berättar.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="work_ability",
            title="Hur mycket du kan arbeta",
            show_when=unless("me.occupation", "pensioner"),
            pages=(
                Page(
                    id="work_ability",
                    title="Hur mycket du kan arbeta",
                    questions=(
                        pq(
                            "work_ability",
                            "2.18",
                            T.SINGLE,
                            "Hur mycket tror du att du kan arbeta just nu?",
                            why="Svaret hjälper oss att välja stöd som passar dig. Det påverkar inte om du får pengar.",
                            options=(
                                opt("full", "Heltid"),
                                opt("part", "Deltid"),
                                opt("not_now", "Inte alls just nu"),
                                DONT_KNOW,
                            ),
                            error="Välj hur mycket du tror att du kan arbeta just nu.",
                        ),
                        pq("work_ability_details", "2.19", T.TEXTAREA, "Vad skulle hjälpa dig att kunna arbeta mer?"),
                    ),
                ),
            ),
        ),
        Section(
            id="network",
            title="Människor runt dig",
            pages=(
                Page(
                    id="network",
                    title="Människor runt dig",
                    questions=(
                        pq(
                            "network_support",
                            "2.20",
                            T.SINGLE,
                            "Har du någon som kan hjälpa dig när det är svårt?",
                            help="Till exempel familj, vänner, grannar eller en förening.",
                            options=(opt("several", "Ja, flera"), opt("one", "Ja, någon"), opt("no_one", "Nej, ingen")),
                            error="Välj om du har någon som kan hjälpa dig.",
                        ),
                        pq("network_details", "2.21", T.TEXTAREA, "Vill du berätta mer om människorna runt dig?"),
                    ),
                ),
            ),
        ),
        Section(
            id="children",
            title="Dina barn",
            show_when=HAS_CHILDREN,
            pages=(
                Page(
                    id="children_everyday",
                    title="Barnens vardag",
                    questions=(
                        pq(
                            "child_age",
                            "2.22",
                            T.INTEGER,
                            "Hur gammalt är barnet?",
                            help="Skriv barnets ålder i år. Skriv 0 om barnet är yngre än ett år.",
                            min=0,
                            max=17,
                            show_when=ONE_CHILD,
                            error="Skriv hur gammalt barnet är.",
                        ),
                        pq(
                            "children_ages",
                            "2.23",
                            T.TEXT,
                            "Hur gamla är barnen?",
                            required=True,
                            help="Skriv åldern på varje barn. Till exempel: 3, 7 och 12 år.",
                            show_when=SEVERAL_CHILDREN,
                            error="Skriv hur gamla barnen är.",
                        ),
                        pq(
                            "children_school",
                            "2.24",
                            T.MULTI,
                            "Vart går barnen på dagen?",
                            help="Du kan välja flera.",
                            options=(
                                opt("preschool", "Förskola"),
                                opt("school", "Skola"),
                                opt("after_school", "Fritids"),
                                opt("home", "Ett barn är hemma på dagen"),
                            ),
                            error="Välj vart barnen går på dagen.",
                        ),
                        pq(
                            "children_live",
                            "2.25",
                            T.SINGLE,
                            "Var bor barnen?",
                            options=(
                                opt("with_me", "Hos mig hela tiden"),
                                opt("shared", "Lika mycket hos mig och den andra föräldern"),
                                opt("mostly_other", "Mest hos den andra föräldern"),
                                opt("other", "På annat sätt"),
                            ),
                            error="Välj var barnen bor.",
                        ),
                        pq(
                            "custody",
                            "2.26",
                            T.SINGLE,
                            "Vem har vårdnaden om barnen?",
                            glossary=("vardnad",),
                            options=(
                                opt("sole", "Bara jag"),
                                opt("joint", "Jag och den andra föräldern"),
                                opt("other", "Någon annan"),
                                DONT_KNOW,
                            ),
                            error="Välj vem som har vårdnaden om barnen.",
                        ),
                    ),
                ),
                Page(
                    id="children_parents",
                    title="Barnen och den andra föräldern",
                    show_when=unless("children_live", "with_me"),
                    questions=(
                        pq(
                            "meets_children",
                            "2.27",
                            T.SINGLE,
                            "Hur ofta träffar du barnen?",
                            show_when=when("children_live", "mostly_other", "other"),
                            options=(
                                opt("every_week", "Varje vecka"),
                                opt("every_month", "Varje månad"),
                                opt("seldom", "Mer sällan"),
                                opt("never", "Aldrig"),
                            ),
                            error="Välj hur ofta du träffar barnen.",
                        ),
                        pq(
                            "other_parent_contact",
                            "2.28",
                            T.TEXTAREA,
                            "Hur har barnen kontakt med den andra föräldern?",
                        ),
                        pq("shared_costs", "2.29", T.TEXTAREA, "Hur delar ni på ansvaret och kostnaderna för barnen?"),
                    ),
                ),
                Page(
                    id="children_wellbeing",
                    title="Hur barnen mår",
                    questions=(
                        pq(
                            "children_health",
                            "2.30",
                            T.SINGLE,
                            "Hur mår barnen?",
                            why="Vi vill att barnen ska ha det bra. Därför frågar vi om dem.",
                            options=(
                                opt("well", "Bra"),
                                opt("some_worry", "Jag oroar mig lite"),
                                opt("worried", "Jag oroar mig mycket"),
                                RATHER_TALK,
                            ),
                            error="Välj hur barnen mår.",
                        ),
                        pq(
                            "children_needs",
                            "2.31",
                            T.TEXTAREA,
                            "Behöver något barn extra stöd?",
                            help="Till exempel för hälsa, skola eller en funktionsnedsättning.",
                        ),
                        pq(
                            "children_space",
                            "2.32",
                            T.SINGLE,
                            "Har barnen plats hemma att leka och göra läxor?",
                            options=YES_NO,
                            error="Välj om barnen har plats hemma att leka och göra läxor.",
                        ),
                        pq(
                            "childcare_enough",
                            "2.33",
                            T.SINGLE,
                            "Har du barnomsorg så att du kan söka arbete, studera eller vara med i aktiviteter?",
                            options=(*YES_NO, opt("not_needed", "Det behövs inte")),
                            error="Välj om du har den barnomsorg som du behöver.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="goals",
            title="Dina mål",
            pages=(
                Page(
                    id="goals",
                    title="Dina mål",
                    questions=(
                        pq(
                            "future_goals",
                            "2.34",
                            T.MULTI,
                            "Vad vill du ska hända framåt?",
                            help="Du kan välja flera.",
                            options=(
                                opt("work", "Få ett arbete"),
                                opt("health", "Må bättre"),
                                opt("studies", "Studera"),
                                opt("other", "Något annat"),
                            ),
                            error="Välj vad du vill ska hända framåt. Du kan välja flera.",
                        ),
                        pq(
                            "goals_own_words",
                            "2.35",
                            T.TEXTAREA,
                            "Berätta om ditt mål med egna ord.",
                            help="Till exempel: jag vill bli undersköterska. Eller: jag vill orka mer.",
                        ),
                    ),
                ),
                Page(
                    id="what_helps",
                    title="Det som kan hjälpa dig",
                    questions=(
                        pq(
                            "what_helps",
                            "2.36",
                            T.MULTI,
                            "Vad kan hjälpa dig att klara dig på egna pengar?",
                            glossary=("sjalvforsorjning",),
                            help="Du kan välja flera.",
                            options=(
                                opt("work_search", "Hjälp att söka arbete"),
                                opt("health_care", "Bättre hälsa eller vård"),
                                opt("education", "Utbildning"),
                                opt("other", "Något annat"),
                            ),
                            error="Välj vad som kan hjälpa dig. Du kan välja flera.",
                        ),
                        pq("what_helps_words", "2.37", T.TEXTAREA, "Vad mer kan hjälpa dig?"),
                        pq(
                            "self_support_estimate",
                            "2.38",
                            T.SINGLE,
                            "När tror du att du kan klara dig på egna pengar?",
                            required=False,
                            glossary=("sjalvforsorjning",),
                            help="Det är helt okej att inte veta. Du kan hoppa över frågan.",
                            why="Vi frågar för att planera stödet med dig. Svaret påverkar inte om du får pengar.",
                            options=SELF_SUPPORT_SCALE,
                        ),
                        # The applicant's own suggestion of a need group (eservice.instrument.need_groups), in
                        # everyday words: the caseworker sees it beside the group they choose together at the meeting.
                        pq(
                            "need_group_suggestion",
                            "2.39",
                            T.SINGLE,
                            "Vilket av de här stämmer bäst in på dig just nu?",
                            required=False,
                            help="Välj det som passar bäst. Du kan hoppa över frågan.",
                            why="Vi frågar för att planera stödet med dig. Vi pratar om det på mötet.",
                            options=(
                                opt("am1", "Jag kan söka jobb själv. Jag behöver inte mer stöd."),
                                opt("am2", "Jag behöver lite stöd för att hitta ett jobb."),
                                opt("am3", "Jag behöver mycket stöd, från flera håll."),
                                opt("rh1", "Jag behöver först hjälp med alkohol, droger eller spel."),
                                opt("rh2", "Jag behöver först hjälp med hur jag mår psykiskt."),
                                opt("rh3", "Jag behöver först hjälp med min kropp eller en sjukdom."),
                                DONT_KNOW,
                            ),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="sensitive",
            title="Frågor som kan kännas svåra",
            sensitive=True,
            intro=(
                "Här kommer frågor om alkohol och droger, våld och brott. Vi frågar alla som söker. "
                "Du kan välja att prata om det på mötet i stället."
            ),
            pages=(
                Page(
                    id="substance_use",
                    title="Alkohol, droger och spel",
                    questions=(
                        pq(
                            "substance_use",
                            "2.40",
                            T.SINGLE,
                            "Har alkohol, droger, tabletter eller spel ställt till problem för dig det senaste året?",
                            why=(
                                "Vi frågar alla. Om du vill ha hjälp kan vi ordna det. "
                                "Svaret stannar hos socialtjänsten."
                            ),
                            glossary=("sekretess",),
                            options=(*YES_NO, RATHER_TALK),
                            error="Välj ja eller nej. Du kan också välja att prata om det på mötet.",
                        ),
                        pq(
                            "substance_help",
                            "2.41",
                            T.SINGLE,
                            "Vill du ha hjälp med det?",
                            show_when=when("substance_use", "yes"),
                            options=(*YES_NO, DONT_KNOW),
                            error="Välj om du vill ha hjälp.",
                        ),
                    ),
                ),
                Page(
                    id="violence",
                    title="Våld och hot",
                    # Where to get help now, before any answer: not only after a "yes".
                    intro=(
                        "Är du i fara nu? Ring 112. Kvinnofridslinjen svarar dygnet runt på 020-50 50 50. "
                        "Det kostar inget och syns inte på telefonräkningen."
                    ),
                    questions=(
                        pq(
                            "violence",
                            "2.42",
                            T.SINGLE,
                            "Har någon hotat dig eller gjort dig illa?",
                            help="Det kan vara någon i familjen, en partner eller någon annan.",
                            why="Alla har rätt att leva utan våld. Vi kan hjälpa dig att vara trygg.",
                            options=(*YES_NO, RATHER_TALK),
                            error="Välj ja eller nej. Du kan också välja att prata om det på mötet.",
                        ),
                        pq(
                            "violence_now",
                            "2.43",
                            T.SINGLE,
                            "Händer det fortfarande?",
                            help="Ring 112 om du är i fara nu.",
                            show_when=when("violence", "yes"),
                            options=(*YES_NO, RATHER_TALK),
                            error="Välj om det händer fortfarande.",
                        ),
                    ),
                ),
                Page(
                    id="criminal_record",
                    title="Brott",
                    questions=(
                        pq(
                            "criminal_record",
                            "2.44",
                            T.SINGLE,
                            "Har du blivit dömd för ett brott?",
                            help=(
                                "Till exempel till böter eller fängelse. "
                                "Domar finns kvar i belastningsregistret i flera år."
                            ),
                            glossary=("belastningsregistret",),
                            why=(
                                "Vissa arbeten kräver ett utdrag ur registret. Vi frågar för att kunna planera med dig."
                            ),
                            options=(*YES_NO, DONT_KNOW, RATHER_TALK),
                            error="Välj om du har blivit dömd för ett brott.",
                        ),
                    ),
                ),
                Page(
                    id="children_informed",
                    title="Barnen och din hälsa",
                    # Asked only of a parent who has said there is an illness or an addiction, never of everyone.
                    show_when=all_of(
                        HAS_CHILDREN, any_of(when("health_limits", "some", "much"), when("substance_use", "yes"))
                    ),
                    questions=(
                        pq(
                            "children_informed",
                            "2.45",
                            T.SINGLE,
                            "Om du har en sjukdom eller ett beroende: vet barnen om det?",
                            why="Barn mår bättre när de får veta vad som händer. Vi kan hjälpa dig att prata med dem.",
                            options=(*YES_NO, opt("not_relevant", "Det gäller inte mig"), RATHER_TALK),
                            error="Välj om barnen vet om det.",
                        ),
                    ),
                ),
            ),
        ),
    ),
)
