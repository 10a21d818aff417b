"""The instrument definition: the real one is consistent and complete, a broken one never serves."""

from __future__ import annotations

from dataclasses import replace

import pytest

import eservice.instrument
from eservice import create_app
from eservice.instrument import INSTRUMENT, PER_ADULT_FACTS
from eservice.instrument.builders import opt, when
from eservice.instrument.schema import CHOICE_TYPES, Instrument, Option, QType, Question
from eservice.instrument.validate import DefinitionError, validate
from eservice.plain_language.glossary import TERM_IDS


def with_question(instrument: Instrument, question_id: str, **changes) -> Instrument:
    """A copy of the definition with one question changed, everything else as it is."""
    found = []

    def change(q: Question) -> Question:
        if q.id != question_id:
            return q
        found.append(q)
        return replace(q, **changes)

    parts = tuple(
        replace(
            part,
            sections=tuple(
                replace(
                    section,
                    pages=tuple(
                        replace(page, questions=tuple(change(q) for q in page.questions)) for page in section.pages
                    ),
                )
                for section in part.sections
            ),
        )
        for part in instrument.parts
    )
    assert found, f"no question {question_id!r} in the definition"
    return replace(instrument, parts=parts)


def problems_of(instrument: Instrument) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        validate(instrument, TERM_IDS, PER_ADULT_FACTS)
    return caught.value.problems


def test_the_real_definition_validates():
    validate(INSTRUMENT, TERM_IDS, PER_ADULT_FACTS)  # raises on any problem


BROKEN = [
    pytest.param(
        "other_adults",
        {"options": (Option("yes", "Ja", show_when=when("children_count", "1")), Option("no", "Nej"))},
        "other_adults option yes: rule reads 'children_count', which is not asked before it",
        id="option-rule-reads-its-own-page",
    ),
    pytest.param("children_count", {"id": "applying_with"}, "question id 'applying_with' repeats", id="duplicate-id"),
    pytest.param("other_adults", {"number": "1.1"}, "question number '1.1' repeats", id="duplicate-number"),
    pytest.param(
        "occupation",
        {"show_when": when("no_such_question", "yes")},
        "occupation: rule reads 'no_such_question', which is not asked before it",
        id="rule-unknown-question",
    ),
    pytest.param(
        "occupation",
        {"show_when": when("interpreter_needed", "no")},
        "occupation: rule reads 'interpreter_needed', which is not asked before it",
        id="rule-later-question",
    ),
    pytest.param(
        "sick_leave_extent",
        {"show_when": when("occupation", "astronaut")},
        "sick_leave_extent: rule tests code 'astronaut', which occupation does not offer",
        id="rule-unknown-code",
    ),
    pytest.param(
        "work_ability",
        {"show_when": when("me.occupation", "astronaut")},
        "work_ability: rule tests code 'astronaut', which occupation does not offer",
        id="alias-unknown-code",
    ),
    pytest.param(
        "owns_car",
        {"options": (opt("yes", "Ja"),)},
        "owns_car: a choice needs at least two options",
        id="choice-one-option",
    ),
    pytest.param(
        "incomes_work",
        {"glossary": ("no_such_term",)},
        "incomes_work: unknown glossary term 'no_such_term'",
        id="unknown-glossary",
    ),
    pytest.param(
        "education_level",
        {"private": False},
        "education_level: every question in a per-adult part is private",
        id="part-two-not-private",
    ),
    pytest.param(
        "criminal_record",
        {"options": (opt("yes", "Ja"), opt("no", "Nej"))},
        "criminal_record: a sensitive question must offer 'rather talk at the meeting'",
        id="sensitive-without-rather-talk",
    ),
    pytest.param(
        "sick_leave_extent",
        {"show_when": {"answer": "occupation"}},
        "sick_leave_extent: an answer rule needs 'answer' and exactly one of",
        id="rule-without-test",
    ),
    pytest.param(
        "sick_leave_extent",
        {"show_when": {"all": []}},
        "sick_leave_extent: 'all' takes a non-empty list and nothing else",
        id="rule-empty-all",
    ),
    pytest.param(
        "sick_leave_extent",
        {"show_when": {"answer": "occupation", "is": "sick_listed", "gt": 1}},
        "sick_leave_extent: an answer rule needs 'answer' and exactly one of",
        id="rule-two-tests",
    ),
    pytest.param(
        "children_count", {"min": 5, "max": 1}, "children_count: a number needs min <= max", id="min-above-max"
    ),
    pytest.param("obstacles", {"max_length": None}, "obstacles: free text needs a max_length", id="text-without-limit"),
    pytest.param("rent", {"number": "2.99"}, "rent: number '2.99' does not belong to part 1", id="number-wrong-part"),
    pytest.param(
        "landlord",
        {"type": QType.PHONE},
        "landlord: identity numbers and contact details belong in a per-adult part",
        id="phone-in-household-part",
    ),
    pytest.param(
        "owns_car", {"error": ""}, "owns_car: a required question needs an error message", id="required-without-error"
    ),
    pytest.param(
        "children_ages", {"error": " "}, "children_ages: a required question needs an error", id="blank-error"
    ),
    pytest.param(
        "obstacles",
        {"error": "Skriv något."},
        "obstacles: an optional question is never refused",
        id="optional-with-error",
    ),
    # Parts III and IV, written by the caseworker, are held to the same rules.
    pytest.param(
        "plan_changes",
        {"options": (opt("work", "Arbete"), opt("work", "Jobb"))},
        "plan_changes: option code 'work' repeats",
        id="part-three-repeated-code",
    ),
    pytest.param(
        "plan_changes_other",
        {"show_when": when("plan_changes", "astronaut")},
        "plan_changes_other: rule tests code 'astronaut', which plan_changes does not offer",
        id="part-three-rule-unknown-code",
    ),
    pytest.param(
        "plan_reasons_other",
        {"show_when": when("eval_decision", "continue")},
        "plan_reasons_other: rule reads 'eval_decision', which is not asked before it",
        id="part-three-rule-reads-part-four",
    ),
    pytest.param(
        "plan_summary",
        {"show_when": when("full_name", "x")},
        "plan_summary: rule reads 'full_name', which is not asked before it",
        id="part-three-rule-reads-part-two",
    ),
    pytest.param(
        "plan_first_step",
        {"number": "2.99"},
        "plan_first_step: number '2.99' does not belong to part 3",
        id="part-three-number-of-part-two",
    ),
    pytest.param("plan_easier", {"number": "3.2"}, "question number '3.2' repeats", id="part-three-repeated-number"),
    pytest.param(
        "plan_helpers",
        {"number": "3.13"},
        "plan_first_step: number '3.8' comes after 3.13: numbers must rise",
        id="part-three-numbers-out-of-order",
    ),
    pytest.param(
        "eval_decision",
        {"error": ""},
        "eval_decision: a required question needs an error message",
        id="part-four-required-without-error",
    ),
    pytest.param(
        "eval_children",
        {"private": False},
        "eval_children: every question in a per-adult part is private",
        id="part-four-not-private",
    ),
]


@pytest.mark.parametrize(("question_id", "changes", "problem"), BROKEN)
def test_a_broken_definition_is_rejected_with_a_clear_problem(question_id, changes, problem):
    problems = problems_of(with_question(INSTRUMENT, question_id, **changes))
    assert any(p.startswith(problem) for p in problems), problems


def test_the_error_message_lists_every_problem():
    broken = with_question(with_question(INSTRUMENT, "owns_car", options=()), "incomes_work", glossary=("nope",))
    with pytest.raises(DefinitionError) as caught:
        validate(broken, TERM_IDS, PER_ADULT_FACTS)
    message = str(caught.value)
    assert "owns_car: a choice needs at least two options" in message
    assert "incomes_work: unknown glossary term 'nope'" in message


def test_a_sensitive_section_before_an_ordinary_one_is_rejected():
    part2 = INSTRUMENT.part("II")
    sections = (part2.sections[-1], *part2.sections[:-1])  # the sensitive section moved to the front
    broken = replace(INSTRUMENT, parts=(INSTRUMENT.part("I"), replace(part2, sections=sections)))
    assert any("sensitive sections must come last in part II" in p for p in problems_of(broken))


def test_the_applicants_parts_come_first_and_parts_are_numbered_in_order():
    one, two, three, four = INSTRUMENT.parts
    problems = problems_of(replace(INSTRUMENT, parts=(one, three, two, four)))
    assert "the applicant's parts must come before the parts the caseworker writes" in problems
    assert "part III: number 3 where 2 was expected" in problems


def test_a_sensitive_section_in_a_caseworker_part_is_rejected():
    """Rather talk at the meeting, and the quick exit, are for the applicant alone: a part written at the meeting
    has no use for them."""
    part3 = INSTRUMENT.part("III")
    sections = (*part3.sections[:-1], replace(part3.sections[-1], sensitive=True))
    broken = replace(INSTRUMENT, parts=(*INSTRUMENT.parts[:2], replace(part3, sections=sections), INSTRUMENT.parts[3]))
    assert "section plan_steps: sensitive sections belong in the applicant's parts" in problems_of(broken)


def test_start_up_fails_with_a_broken_part_three(monkeypatch):
    broken = with_question(INSTRUMENT, "plan_changes", options=(opt("work", "Arbete"),))
    monkeypatch.setattr(eservice.instrument, "INSTRUMENT", broken)
    with pytest.raises(DefinitionError, match="plan_changes: a choice needs at least two options"):
        create_app("test")


def test_start_up_fails_with_a_broken_definition(monkeypatch):
    broken = with_question(INSTRUMENT, "other_adults", number="1.1")
    monkeypatch.setattr(eservice.instrument, "INSTRUMENT", broken)
    with pytest.raises(DefinitionError, match=r"question number '1\.1' repeats"):
        create_app("test")


def test_a_changed_copy_does_not_share_the_original_lookups():
    """A copy made with dataclasses.replace must answer from its own questions, not the original's cache."""
    INSTRUMENT.question("rent")  # fill the original's cache first
    changed = with_question(INSTRUMENT, "rent", text="Hyra?")
    assert changed.question("rent").text == "Hyra?"
    assert INSTRUMENT.question("rent").text != "Hyra?"


DOMAIN_COVERAGE = [
    "reason",
    "done_already",
    "obstacles",
    "af_registered",
    "occupation",
    "incomes_work",
    "incomes_other",
    "housing_type",
    "rent",
    "education_level",
    "previous_jobs",
    "criminal_record",
    "work_ability",
    "violence",
    "substance_use",
    "network_support",
    "child_age",
    "children_ages",
    "children_school",
    "children_live",
    "custody",
    "other_parent_contact",
    "children_space",
    "children_health",
    "children_needs",
    "shared_costs",
    "meets_children",
    "childcare_enough",
    "self_support_estimate",
    "what_helps",
    "future_goals",
]


@pytest.mark.parametrize("question_id", DOMAIN_COVERAGE)
def test_the_instrument_covers_the_domain(question_id):
    assert INSTRUMENT.question(question_id) is not None


def test_the_sensitive_section_is_last_in_part_two_and_holds_the_hard_questions():
    sections = INSTRUMENT.part("II").sections
    assert [s.sensitive for s in sections] == [False] * (len(sections) - 1) + [True]
    sensitive_ids = {q.id for p in sections[-1].pages for q in p.questions}
    assert {"substance_use", "violence", "criminal_record"} <= sensitive_ids
    assert not any(s.sensitive for s in INSTRUMENT.part("I").sections)


def test_self_support_estimate_is_optional_and_allows_not_knowing():
    question = INSTRUMENT.question("self_support_estimate")
    assert question.required is False
    assert "dont_know" in question.option_codes()


def test_every_part_two_question_is_private_and_no_part_one_question_is():
    assert all(q.private for q in INSTRUMENT.part("II").questions())
    assert not any(q.private for q in INSTRUMENT.part("I").questions())


def test_every_error_message_says_what_to_do():
    """GOV.UK's pattern: a choice left empty says "Välj ...", a number or text left empty says "Skriv ...", and
    each message is the question's own (no two questions on a page share one)."""
    problems = []
    for q in INSTRUMENT.all_questions():
        if not q.required:
            continue
        verb = "Välj " if q.type in CHOICE_TYPES else "Skriv "
        if not q.error.startswith(verb) or not q.error.endswith("."):
            problems.append(f"{q.id}: {q.error!r} should start with {verb.strip()!r} and end with a full stop")
        if q.error in ("Välj ett svar.", "Skriv ett svar."):
            problems.append(f"{q.id}: a general message instead of the question's own")
    for part in INSTRUMENT.parts:
        for page in part.pages():
            errors = [q.error for q in page.questions if q.required]
            problems += [f"page {page.id}: {e!r} is used twice" for e in set(errors) if errors.count(e) > 1]
    assert not problems, "\n".join(problems)


def test_the_children_ages_question_has_one_form_per_count():
    """One child is asked "Hur gammalt är barnet?", several "Hur gamla är barnen?"; never both."""
    one, several = INSTRUMENT.question("child_age"), INSTRUMENT.question("children_ages")
    assert INSTRUMENT.page_of(one.id) is INSTRUMENT.page_of(several.id)
    assert one.show_when == {"not": several.show_when}
