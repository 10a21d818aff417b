"""The path function, table-driven: which pages apply, which answers survive, what is still missing."""

from __future__ import annotations

import pytest

from eservice.instrument import INSTRUMENT, adult_context
from eservice.instrument.builders import YES_NO, q, when
from eservice.instrument.path import (
    SectionState,
    applicable_pages,
    missing_required,
    prune,
    section_state,
    visible_questions,
)
from eservice.instrument.schema import Page, Part, QType, Section

PART_I = INSTRUMENT.part("I")
PART_II = INSTRUMENT.part("II")
WORK_PAGES = {"work_history", "job_search"}
CHILDREN_PAGES = {"children_everyday", "children_parents", "children_wellbeing", "children_informed"}


def part_two_pages(part1: dict, position: int = 1, answers: dict | None = None) -> set[str]:
    return {p.id for p in applicable_pages(PART_II, answers or {}, adult_context(part1, position))}


def part_one_pages(answers: dict) -> set[str]:
    return {p.id for p in applicable_pages(PART_I, answers)}


PART_TWO_CASES = [
    # (part I answers, position, pages that must apply, pages that must not)
    pytest.param(
        {"occupation": "pensioner", "children_count": 0},
        1,
        {"education", "health", "network"},
        WORK_PAGES | {"work_ability"},
        id="pensioner-no-work-no-work-ability",
    ),
    pytest.param(
        {"occupation": "sick_listed", "sick_leave_extent": "full", "children_count": 0},
        1,
        {"work_ability"},
        WORK_PAGES,
        id="full-time-sick-no-work",
    ),
    pytest.param(
        {"occupation": "sick_listed", "sick_leave_extent": "partly", "children_count": 0},
        1,
        WORK_PAGES | {"work_ability"},
        set(),
        id="partly-sick-gets-work",
    ),
    pytest.param(
        {"occupation": "job_seeker", "children_count": 0},
        1,
        WORK_PAGES | {"work_ability"},
        CHILDREN_PAGES,
        id="no-children-no-children-pages",
    ),
    pytest.param(
        {"occupation": "job_seeker", "children_count": 2},
        1,
        CHILDREN_PAGES - {"children_informed"},  # asked only after an illness or an addiction
        {"children_informed"},
        id="two-children",
    ),
    pytest.param(
        {"occupation": "job_seeker", "partner_occupation": "pensioner", "children_count": 0},
        2,
        {"education"},
        WORK_PAGES | {"work_ability"},
        id="position-two-reads-partner-occupation",
    ),
    pytest.param(
        {"occupation": "pensioner", "partner_occupation": "job_seeker", "children_count": 0},
        2,
        WORK_PAGES | {"work_ability"},
        set(),
        id="position-two-ignores-own-part-one-occupation",
    ),
    pytest.param(
        {
            "occupation": "job_seeker",
            "partner_occupation": "sick_listed",
            "partner_sick_leave_extent": "full",
            "children_count": 0,
        },
        2,
        {"work_ability"},
        WORK_PAGES,
        id="position-two-reads-partner-sick-leave",
    ),
]


@pytest.mark.parametrize(("part1", "position", "present", "absent"), PART_TWO_CASES)
def test_part_two_pages(part1, position, present, absent):
    pages = part_two_pages(part1, position)
    assert present <= pages
    assert not absent & pages


def test_sensitive_pages_come_last_for_everyone():
    pages = [p.id for p in applicable_pages(PART_II, {}, adult_context({"children_count": 1}, 1))]
    assert pages[-3:] == ["substance_use", "violence", "criminal_record"]
    ill = [p.id for p in applicable_pages(PART_II, {"health_limits": "some"}, adult_context({"children_count": 1}, 1))]
    assert ill[-4:] == ["substance_use", "violence", "criminal_record", "children_informed"]


@pytest.mark.parametrize(
    ("answers", "children", "asked"),
    [
        pytest.param({"health_limits": "no", "substance_use": "no"}, 2, False, id="no-illness-not-asked"),
        pytest.param({"health_limits": "rather_talk"}, 2, False, id="rather-talk-not-asked"),
        pytest.param({"health_limits": "much"}, 2, True, id="illness-asked"),
        pytest.param({"health_limits": "no", "substance_use": "yes"}, 2, True, id="addiction-asked"),
        pytest.param({"health_limits": "much"}, 0, False, id="no-children-not-asked"),
    ],
)
def test_children_are_asked_about_an_illness_only_when_there_is_one(answers, children, asked):
    """2.45 ("do the children know?") followed a "no" to illness and addiction; now it follows a "yes"."""
    pages = {p.id for p in applicable_pages(PART_II, answers, adult_context({"children_count": children}, 1))}
    assert ("children_informed" in pages) is asked


@pytest.mark.parametrize(
    ("children", "asked", "not_asked"),
    [
        pytest.param(1, "child_age", "children_ages", id="one-child"),
        pytest.param(2, "children_ages", "child_age", id="two-children"),
        pytest.param(7, "children_ages", "child_age", id="many-children"),
    ],
)
def test_the_childrens_ages_are_asked_in_words_that_fit_the_count(children, asked, not_asked):
    """ "Hur gamla är barnen? 3, 7 och 12 år" was asked of a parent with one child."""
    page = INSTRUMENT.locate_page("children_everyday")[2]
    shown = {q.id for q in visible_questions(page, {}, adult_context({"children_count": children}, 1))}
    assert asked in shown
    assert not_asked not in shown


def test_one_child_is_asked_about_one_child():
    one, several = INSTRUMENT.question("child_age"), INSTRUMENT.question("children_ages")
    assert (one.text, several.text) == ("Hur gammalt är barnet?", "Hur gamla är barnen?")
    assert "barnen" not in one.help + one.error  # its help and error speak of one child too
    assert "varje barn" in several.help


def test_the_ages_of_children_no_longer_there_are_dropped():
    answers = {"children_ages": {"text": "3 och 7", "lang": "sv"}, "violence": "no"}
    assert prune(PART_II, answers, adult_context({"children_count": 1}, 1)) == {"violence": "no"}


def test_adult_context_maps_each_adults_own_facts():
    part1 = {"occupation": "job_seeker", "partner_occupation": "pensioner", "af_registered": "yes", "children_count": 3}
    first, second = adult_context(part1, 1), adult_context(part1, 2)
    assert first["me.occupation"] == "job_seeker"
    assert first["me.af_registered"] == "yes"
    assert second["me.occupation"] == "pensioner"
    assert "me.af_registered" not in second
    assert first["children_count"] == second["children_count"] == 3


PART_ONE_CASES = [
    pytest.param({"applying_with": "with_partner"}, {"partner_occupation"}, set(), id="couple-partner-page"),
    pytest.param({"applying_with": "alone"}, set(), {"partner_occupation"}, id="alone-no-partner-page"),
    pytest.param(
        {"incomes_work": ["none"], "incomes_other": ["none"]},
        {"incomes", "incomes_other"},
        {"income_amounts", "other_income_amounts"},
        id="no-income-no-amounts",
    ),
    pytest.param({"incomes_work": ["salary"]}, {"income_amounts"}, {"other_income_amounts"}, id="salary-amounts"),
    pytest.param(
        {"incomes_work": ["none"], "incomes_other": ["child_allowance"]},
        {"other_income_amounts"},
        {"income_amounts"},
        id="allowance-amounts",
    ),
]


@pytest.mark.parametrize(("answers", "present", "absent"), PART_ONE_CASES)
def test_part_one_pages(answers, present, absent):
    pages = part_one_pages(answers)
    assert present <= pages
    assert not absent & pages


VISIBLE_CASES = [
    # (page, answers, questions shown, questions hidden)
    pytest.param("reason", {"reason": ["other"]}, {"reason", "reason_other"}, set(), id="other-reason-asks-why"),
    pytest.param("reason", {"reason": ["unemployed"]}, {"reason"}, {"reason_other"}, id="plain-reason"),
    pytest.param(
        "occupation",
        {"occupation": "pensioner"},
        {"occupation"},
        {"af_registered", "sick_leave_extent"},
        id="pensioner-not-asked-about-af",
    ),
    pytest.param(
        "occupation",
        {"occupation": "sick_listed"},
        {"sick_leave_extent", "af_registered"},
        set(),
        id="sick-asked-extent",
    ),
    pytest.param(
        "income_amounts",
        {"incomes_work": ["salary", "pension"]},
        {"amount_salary", "amount_pension"},
        {"amount_sickness_benefit", "amount_unemployment_benefit"},
        id="amounts-for-chosen-incomes",
    ),
    pytest.param(
        "other_income_amounts",
        {"incomes_other": ["child_allowance"]},
        {"amount_child_allowance"},
        {"amount_housing_allowance", "income_other_what"},
        id="amounts-for-chosen-allowances",
    ),
    pytest.param(
        "other_income_amounts",
        {"incomes_other": ["other"]},
        {"amount_other", "income_other_what"},
        {"amount_child_allowance"},
        id="other-money-asks-what",
    ),
    pytest.param(
        "housing",
        {"housing_type": "own_house"},
        {"housing_type"},
        {"rent", "landlord", "housing_other"},
        id="owner-pays-no-rent",
    ),
]


@pytest.mark.parametrize(("page_id", "answers", "shown", "hidden"), VISIBLE_CASES)
def test_visible_questions(page_id, answers, shown, hidden):
    _part, _section, page = INSTRUMENT.locate_page(page_id)
    ids = {question.id for question in visible_questions(page, answers)}
    assert shown <= ids
    assert not hidden & ids


PRUNE_CASES = [
    # (part, answers, base, answers kept)
    pytest.param(PART_II, {"violence": "no", "violence_now": "yes"}, {}, {"violence": "no"}, id="violence-no"),
    pytest.param(
        PART_II,
        {"violence": "yes", "violence_now": "yes"},
        {},
        {"violence": "yes", "violence_now": "yes"},
        id="violence-yes-keeps-follow-up",
    ),
    pytest.param(
        PART_I,
        {"housing_type": "own_house", "rent": 5000, "landlord": {"text": "Anna", "lang": "sv"}},
        {},
        {"housing_type": "own_house"},
        id="housing-change-drops-rent-and-landlord",
    ),
    pytest.param(
        PART_I,
        {"applying_with": "alone", "partner_occupation": "sick_listed", "partner_sick_leave_extent": "full"},
        {},
        {"applying_with": "alone"},
        id="alone-drops-partner",
    ),
    pytest.param(
        PART_II,
        {
            "work_experience": "over_5_years",
            "previous_jobs": {"text": "Kock", "lang": "sv"},
            "education_level": "compulsory",
        },
        adult_context({"occupation": "pensioner"}, 1),
        {"education_level": "compulsory"},
        id="pensioner-drops-work",
    ),
    pytest.param(
        PART_II,
        {"children_ages": {"text": "3", "lang": "sv"}, "children_informed": "yes", "violence": "no"},
        adult_context({"children_count": 0}, 1),
        {"violence": "no"},
        id="no-children-drops-children",
    ),
]


@pytest.mark.parametrize(("part", "answers", "base", "kept"), PRUNE_CASES)
def test_prune(part, answers, base, kept):
    assert prune(part, answers, base) == kept


def test_prune_cascades_until_stable():
    """Hiding a question hides the follow-ups that read it, however deep the chain."""
    chain = Part(
        id="T",
        number=9,
        title="Test",
        sections=(
            Section(
                id="s",
                title="S",
                pages=(
                    Page(
                        id="p",
                        title="P",
                        questions=(
                            q("gate", "9.1", QType.SINGLE, "Gate?", options=YES_NO),
                            q("first", "9.2", QType.SINGLE, "First?", options=YES_NO, show_when=when("gate", "yes")),
                            q("second", "9.3", QType.SINGLE, "Second?", options=YES_NO, show_when=when("first", "yes")),
                            q("third", "9.4", QType.SINGLE, "Third?", options=YES_NO, show_when=when("second", "yes")),
                        ),
                    ),
                ),
            ),
        ),
    )
    assert prune(chain, {"gate": "no", "first": "yes", "second": "yes", "third": "yes"}) == {"gate": "no"}
    full = {"gate": "yes", "first": "yes", "second": "yes", "third": "yes"}
    assert prune(chain, full) == full


SINGLE_PART_I = {
    "applying_with": "alone",
    "children_count": 0,
    "other_adults": "no",
    "occupation": "job_seeker",
    "af_registered": "yes",
    "reason": ["unemployed"],
    "done_already": ["job_seeking"],
    "incomes_work": ["none"],
    "incomes_other": ["none"],
    "bank_balance": 0,
    "owns_car": "no",
    "owns_property": "no",
    "housing_type": "own_house",
    "costs": ["none"],
    "interpreter_needed": "no",
}

MISSING_CASES = [
    # (answers, questions missing)
    pytest.param(SINGLE_PART_I, [], id="complete"),
    pytest.param({**SINGLE_PART_I, "occupation": "sick_listed"}, ["sick_leave_extent"], id="follow-up-now-required"),
    pytest.param(
        {**SINGLE_PART_I, "interpreter_needed": "yes_me"}, ["interpreter_language"], id="required-text-follow-up"
    ),
    pytest.param(
        {**SINGLE_PART_I, "applying_with": "with_partner"},
        ["partner_occupation", "partner_af_registered"],
        id="couple-needs-partner-page",
    ),
    pytest.param({**SINGLE_PART_I, "incomes_work": ["salary"]}, ["amount_salary"], id="amount-for-chosen-income"),
    pytest.param(
        {**SINGLE_PART_I, "incomes_other": ["student_aid"]}, ["amount_student_aid"], id="amount-for-chosen-allowance"
    ),
    pytest.param({**SINGLE_PART_I, "housing_type": "rent_first_hand"}, ["rent"], id="rent-when-renting"),
    pytest.param({k: v for k, v in SINGLE_PART_I.items() if k != "owns_car"}, ["owns_car"], id="unanswered"),
    pytest.param({**SINGLE_PART_I, "reason": []}, ["reason"], id="empty-list-is-no-answer"),
]


@pytest.mark.parametrize(("answers", "missing"), MISSING_CASES)
def test_missing_required(answers, missing):
    assert [question.id for question in missing_required(PART_I, answers)] == missing


def test_missing_required_ignores_optional_and_hidden_questions():
    ids = {question.id for question in missing_required(PART_I, {})}
    assert {"applying_with", "occupation", "reason", "incomes_work", "incomes_other", "housing_type"} <= ids
    # optional, or shown only after an answer that is not there
    assert not ids & {
        "obstacles",
        "reason_other",
        "sick_leave_extent",
        "rent",
        "partner_occupation",
        "amount_salary",
        "interpreter_language",
    }


def test_missing_required_in_part_two_follows_the_household():
    ill = {"health_limits": "much"}
    with_children = {q.id for q in missing_required(PART_II, ill, adult_context({"children_count": 2}, 1))}
    without = {q.id for q in missing_required(PART_II, ill, adult_context({"children_count": 0}, 1))}
    assert {"children_live", "custody", "children_informed"} <= with_children
    assert not {"children_live", "custody", "children_informed"} & without
    assert "self_support_estimate" not in with_children  # optional for everyone


def section(part: Part, section_id: str) -> Section:
    return next(s for s in part.sections if s.id == section_id)


STATE_CASES = [
    # (answers, completed pages, state of the "occupation" section)
    pytest.param({}, set(), SectionState.NOT_STARTED, id="nothing"),
    pytest.param({"occupation": "job_seeker"}, set(), SectionState.IN_PROGRESS, id="an-answer"),
    pytest.param(
        {"applying_with": "alone", "occupation": "job_seeker"},
        {"occupation"},
        SectionState.DONE,
        id="single-done-with-own-page",
    ),
    pytest.param(
        {"applying_with": "with_partner", "occupation": "job_seeker"},
        {"occupation"},
        SectionState.IN_PROGRESS,
        id="couple-needs-partner-page-too",
    ),
    pytest.param(
        {"applying_with": "with_partner", "occupation": "job_seeker"},
        {"occupation", "partner_occupation"},
        SectionState.DONE,
        id="couple-done",
    ),
]


@pytest.mark.parametrize(("answers", "completed", "state"), STATE_CASES)
def test_section_state(answers, completed, state):
    assert section_state(section(PART_I, "occupation"), answers, completed) is state


def test_section_state_of_part_two_reads_the_base():
    work = section(PART_II, "work")
    completed = {"work_history", "job_search"}
    assert section_state(work, {}, completed, adult_context({"occupation": "job_seeker"}, 1)) is SectionState.DONE
    assert section_state(work, {}, set(), adult_context({"occupation": "job_seeker"}, 1)) is SectionState.NOT_STARTED


@pytest.mark.parametrize(
    ("applying_with", "offered"),
    [
        pytest.param("alone", ["no", "yes_me"], id="single-no-partner-options"),
        pytest.param("with_partner", ["no", "yes_me", "yes_partner", "yes_both"], id="couple-all-options"),
    ],
)
def test_a_single_applicant_is_not_offered_the_partners_interpreter(applying_with, offered):
    from eservice.instrument.path import visible_options

    question = INSTRUMENT.question("interpreter_needed")
    assert [o.code for o in visible_options(question, {"applying_with": applying_with})] == offered


def test_an_option_no_longer_offered_is_pruned():
    answers = {"applying_with": "with_partner", "interpreter_needed": "yes_partner", "children_count": 0}
    assert prune(PART_I, {**answers, "applying_with": "alone"}).get("interpreter_needed") is None
    assert prune(PART_I, answers)["interpreter_needed"] == "yes_partner"
