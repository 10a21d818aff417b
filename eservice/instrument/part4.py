"""Part IV, utvärdering: how the plan went (sheet 5 of the instrument's files), and what happens next.

Written by the caseworker with the person at a follow-up meeting, never in the applicant's journey; about one adult
and private to them, like parts II and III. It ends in a decision: go on with the plan, write a new plan (a new
part III), or agree on another need group.
"""

from .builders import opt
from .part2 import HAS_CHILDREN, SELF_SUPPORT_SCALE, pq
from .schema import Page, Part, Section, WrittenBy
from .schema import QType as T

# The assessment is a scale, coded by its number as in the instrument's files ("enligt skala"); every step is also
# said in words, so nobody has to guess what a bare number means.
ASSESSMENT_SCALE = (
    opt("1", "1 – Mycket dåligt"),
    opt("2", "2 – Ganska dåligt"),
    opt("3", "3 – Både bra och dåligt"),
    opt("4", "4 – Ganska bra"),
    opt("5", "5 – Mycket bra"),
)

# What the follow-up leads to. The codes are read by the case (a new plan, or choosing the need group again).
DECISIONS = (
    opt("continue", "Vi fortsätter med planen"),
    opt("new_plan", "Vi gör en ny plan"),
    opt("regroup", "Vi byter behovsgrupp"),
)

PART_IV = Part(
    id="IV",
    number=4,
    title="Del 4: Hur det har gått",
    per_adult=True,
    written_by=WrittenBy.CASEWORKER,
    intro="Den här delen fyller ni i tillsammans på mötet. Ni ser hur det har gått med planen.",
    sections=(
        Section(
            id="eval_plan",
            title="Hur det har gått med planen",
            pages=(
                Page(
                    id="eval_plan",
                    title="Hur det har gått med planen",
                    questions=(
                        pq(
                            "eval_happened",
                            "4.1",
                            T.TEXTAREA,
                            "Vad har hänt sedan ni gjorde planen?",
                            help="Skriv med egna ord. Både det som gick bra och det som var svårt.",
                        ),
                        pq(
                            "eval_assessment",
                            "4.2",
                            T.SINGLE,
                            "Hur har det gått med planen?",
                            help="Välj en siffra från 1 till 5.",
                            options=ASSESSMENT_SCALE,
                            error="Välj hur det har gått med planen.",
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="eval_life",
            title="Ditt liv nu",
            pages=(
                Page(
                    id="eval_life",
                    title="Ditt liv nu",
                    questions=(
                        pq("eval_health_work", "4.3", T.TEXTAREA, "Hur går det med hälsan och arbetet?"),
                        pq("eval_network", "4.4", T.TEXTAREA, "Hur är det med människorna runt dig?"),
                        # Only where the household has children: "not relevant" in the instrument's files.
                        pq("eval_children", "4.5", T.TEXTAREA, "Hur har barnen det nu?", show_when=HAS_CHILDREN),
                        pq(
                            "eval_self_support",
                            "4.6",
                            T.SINGLE,
                            "När tror du nu att du kan klara dig på egna pengar?",
                            required=False,
                            glossary=("sjalvforsorjning",),
                            help="Det är helt okej att inte veta.",
                            options=SELF_SUPPORT_SCALE,
                        ),
                    ),
                ),
            ),
        ),
        Section(
            id="eval_next",
            title="Hur ni går vidare",
            pages=(
                Page(
                    id="eval_next",
                    title="Hur ni går vidare",
                    questions=(
                        pq("eval_summary", "4.7", T.TEXTAREA, "Vad kom ni fram till?"),
                        pq(
                            "eval_decision",
                            "4.8",
                            T.SINGLE,
                            "Hur går ni vidare?",
                            glossary=("genomforandeplan", "behovsgrupp"),
                            options=DECISIONS,
                            error="Välj hur ni går vidare.",
                        ),
                    ),
                ),
            ),
        ),
    ),
)
