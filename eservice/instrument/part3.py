"""Part III, genomförandeplan: the plan of change (the MI change plan, sheet 4 of the instrument's files).

Written by the caseworker with the person at a meeting, never in the applicant's journey. Like part II it is about
one adult and private to them: it starts from their part II. The plan's follow-up date is not a question here: the
case keeps it, so that it can prompt the follow-up (part IV).
"""

from .builders import opt, when
from .part2 import pq
from .schema import Page, Part, Section, WrittenBy
from .schema import QType as T

PART_III = Part(
    id="III",
    number=3,
    title="Del 3: Din plan",
    per_adult=True,
    written_by=WrittenBy.CASEWORKER,
    intro="Den här delen fyller ni i tillsammans på mötet. Ni gör en plan för det du vill ändra på.",
    sections=(
        Section(
            id="plan_summary",
            title="Det vi har pratat om",
            pages=(
                Page(
                    id="plan_summary",
                    title="Det vi har pratat om",
                    questions=(
                        pq(
                            "plan_summary",
                            "3.1",
                            T.TEXTAREA,
                            "Vad kom ni fram till i del 2?",
                            help="Skriv det viktigaste kort.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="plan_change",
            title="Det du vill ändra på",
            pages=(
                Page(
                    id="plan_changes",
                    title="Det du vill ändra på",
                    questions=(
                        pq(
                            "plan_changes",
                            "3.2",
                            T.MULTI,
                            "Vad vill du ändra på?",
                            help="Du kan välja flera.",
                            options=(
                                opt("work", "Arbete"),
                                opt("studies", "Studier"),
                                opt("health", "Hälsa"),
                                opt("substance_use", "Alkohol, droger eller spel"),
                                opt("self_support", "Att klara mig på egna pengar"),
                                opt("other", "Något annat"),
                            ),
                            glossary=("sjalvforsorjning",),
                            error="Välj vad du vill ändra på. Du kan välja flera.",
                        ),
                        pq(
                            "plan_changes_other",
                            "3.3",
                            T.TEXT,
                            "Vad mer vill du ändra på?",
                            show_when=when("plan_changes", "other"),
                        ),
                    ),
                ),
                Page(
                    id="plan_reasons",
                    title="Varför du vill ändra på det",
                    questions=(
                        pq(
                            "plan_reasons",
                            "3.4",
                            T.MULTI,
                            "Varför vill du ändra på det?",
                            help="Du kan välja flera.",
                            options=(
                                opt("get_work", "Jag vill få ett arbete"),
                                opt("own_feet", "Jag vill stå på egna ben"),
                                opt("better_health", "Jag vill må bättre"),
                                opt("better_life", "Jag vill ha ett bättre liv"),
                                opt("other", "Något annat"),
                            ),
                            error="Välj varför du vill ändra på det. Du kan välja flera.",
                        ),
                        pq(
                            "plan_reasons_other",
                            "3.5",
                            T.TEXT,
                            "Vilket annat skäl har du?",
                            show_when=when("plan_reasons", "other"),
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="plan_steps",
            title="Så gör vi",
            pages=(
                Page(
                    id="plan_steps",
                    title="Så gör vi",
                    questions=(
                        pq(
                            "plan_to_do",
                            "3.6",
                            T.TEXTAREA,
                            "Vad behöver göras?",
                            help="Till exempel: gå en kurs i svenska. Eller: gå till läkaren.",
                        ),
                        pq(
                            "plan_helpers",
                            "3.7",
                            T.TEXTAREA,
                            "Vilka andra kan hjälpa dig?",
                            help="Till exempel familj, vänner, vården eller Arbetsförmedlingen.",
                        ),
                        pq(
                            "plan_first_step",
                            "3.8",
                            T.TEXTAREA,
                            "Vad är ditt första steg?",
                            help="Något du kan göra snart. Till exempel: ringa vårdcentralen.",
                        ),
                        pq("plan_easier", "3.9", T.TEXTAREA, "Vad kan göra det lättare för dig?"),
                    ),
                ),
                Page(
                    id="plan_goal",
                    title="När du har nått målet",
                    questions=(
                        # The instrument's own headings ("Så här ser det ut då", "Så här vet jag") open the questions:
                        # caseworkers who know the paper form find them by those words.
                        pq(
                            "plan_looks_like",
                            "3.10",
                            T.TEXTAREA,
                            "Så här ser det ut då. Hur är ditt liv när du har nått målet?",
                        ),
                        pq(
                            "plan_how_know",
                            "3.11",
                            T.TEXTAREA,
                            "Så här vet jag. Hur märker du att du har nått målet?",
                        ),
                        pq(
                            "plan_timetable",
                            "3.12",
                            T.TEXTAREA,
                            "När ska stegen vara klara?",
                            help="Skriv en tid för varje steg. Till exempel: första steget om två veckor.",
                        ),
                    ),
                ),
            ),
        ),
    ),
)
