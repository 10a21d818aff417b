"""Parts III (genomförandeplan) and IV (utvärdering): in the definition, read by the one path function, written by
the caseworker with the person, and never part of the applicant's journey."""

from __future__ import annotations

import pytest

from eservice.instrument import INSTRUMENT, adult_context
from eservice.instrument.path import applicable_pages, missing_required, prune, render_questions, visible_questions
from eservice.instrument.schema import QType, WrittenBy

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, fill

PART_III = INSTRUMENT.part("III")
PART_IV = INSTRUMENT.part("IV")


def numbered(part) -> list[tuple[str, str]]:
    return [(q.number, q.id) for q in part.questions()]


# -- The definition ---------------------------------------------------------------------------------------------------


def test_parts_three_and_four_are_written_by_the_caseworker_and_the_applicant_has_one_and_two():
    assert [(p.id, p.written_by) for p in INSTRUMENT.parts] == [
        ("I", WrittenBy.APPLICANT),
        ("II", WrittenBy.APPLICANT),
        ("III", WrittenBy.CASEWORKER),
        ("IV", WrittenBy.CASEWORKER),
    ]
    assert [p.id for p in INSTRUMENT.applicant_parts()] == ["I", "II"]


def test_part_three_holds_the_change_plan_in_the_instruments_order():
    assert numbered(PART_III) == [
        ("3.1", "plan_summary"),
        ("3.2", "plan_changes"),
        ("3.3", "plan_changes_other"),
        ("3.4", "plan_reasons"),
        ("3.5", "plan_reasons_other"),
        ("3.6", "plan_to_do"),
        ("3.7", "plan_helpers"),
        ("3.8", "plan_first_step"),
        ("3.9", "plan_easier"),
        ("3.10", "plan_looks_like"),
        ("3.11", "plan_how_know"),
        ("3.12", "plan_timetable"),
    ]
    changes, reasons = INSTRUMENT.question("plan_changes"), INSTRUMENT.question("plan_reasons")
    assert (changes.type, reasons.type) == (QType.MULTI, QType.MULTI)
    assert changes.option_codes() == ["work", "studies", "health", "substance_use", "self_support", "other"]
    assert reasons.option_codes() == ["get_work", "own_feet", "better_health", "better_life", "other"]
    # The instrument's own headings stay recognisable to caseworkers who know the paper form.
    assert INSTRUMENT.question("plan_looks_like").text.startswith("Så här ser det ut då.")
    assert INSTRUMENT.question("plan_how_know").text.startswith("Så här vet jag.")


def test_the_follow_up_date_is_kept_by_the_case_not_asked():
    assert not [q.id for q in PART_III.questions() if "follow" in q.id or "date" in q.id]


def test_part_four_holds_the_evaluation_and_ends_in_a_decision():
    assert numbered(PART_IV) == [
        ("4.1", "eval_happened"),
        ("4.2", "eval_assessment"),
        ("4.3", "eval_health_work"),
        ("4.4", "eval_network"),
        ("4.5", "eval_children"),
        ("4.6", "eval_self_support"),
        ("4.7", "eval_summary"),
        ("4.8", "eval_decision"),
    ]
    assessment = INSTRUMENT.question("eval_assessment")
    assert assessment.type is QType.SINGLE
    assert assessment.option_codes() == ["1", "2", "3", "4", "5"]
    assert [o.label.split(" – ")[0] for o in assessment.options] == ["1", "2", "3", "4", "5"]
    decision = INSTRUMENT.question("eval_decision")
    assert decision.required
    assert decision.option_codes() == ["continue", "new_plan", "regroup"]


def test_the_own_estimate_is_asked_again_on_the_same_scale_and_as_kindly():
    before, after = INSTRUMENT.question("self_support_estimate"), INSTRUMENT.question("eval_self_support")
    assert after.option_codes() == before.option_codes()
    assert after.required is False
    assert "dont_know" in after.option_codes()


def test_parts_three_and_four_are_private_to_the_adult():
    for part in (PART_III, PART_IV):
        assert part.per_adult
        assert all(q.private for q in part.questions())
        assert not any(s.sensitive for s in part.sections)


# -- The path function ------------------------------------------------------------------------------------------------


def page(part, page_id):
    return next(p for p in part.pages() if p.id == page_id)


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        (["work"], ["plan_changes"]),
        (["work", "other"], ["plan_changes", "plan_changes_other"]),
        ([], ["plan_changes"]),
    ],
)
def test_the_free_text_of_other_shows_only_after_other(changes, shown):
    answers = {"plan_changes": changes} if changes else {}
    assert [q.id for q in visible_questions(page(PART_III, "plan_changes"), answers)] == shown


def test_a_same_page_follow_up_is_always_rendered_for_the_script_to_reveal():
    rendered = render_questions(page(PART_III, "plan_reasons"), {})
    assert [q.id for q in rendered] == ["plan_reasons", "plan_reasons_other"]


@pytest.mark.parametrize(("children", "asked"), [(0, False), (1, True), (3, True)])
def test_the_children_are_evaluated_only_where_the_household_has_children(children, asked):
    base = adult_context({"children_count": children, "occupation": "job_seeker"}, 1)
    shown = [q.id for p in applicable_pages(PART_IV, {}, base) for q in visible_questions(p, {}, base)]
    assert ("eval_children" in shown) is asked
    assert "eval_network" in shown


def test_what_must_be_answered_before_parts_three_and_four_are_done():
    base = adult_context({"children_count": 0}, 1)
    assert [q.id for q in missing_required(PART_III, {}, base)] == ["plan_changes", "plan_reasons"]
    assert [q.id for q in missing_required(PART_IV, {}, base)] == ["eval_assessment", "eval_decision"]
    done = {"eval_assessment": "4", "eval_decision": "continue"}
    assert missing_required(PART_IV, done, base) == []


def test_an_answer_that_no_longer_applies_is_dropped():
    answers = {"plan_changes": ["work"], "plan_changes_other": {"text": "Flytta", "lang": "sv"}}
    assert prune(PART_III, answers) == {"plan_changes": ["work"]}
    with_children = {"eval_children": {"text": "Bra", "lang": "sv"}}
    assert prune(PART_IV, with_children, adult_context({"children_count": 1}, 1)) == with_children
    assert prune(PART_IV, with_children, adult_context({"children_count": 0}, 1)) == {}


# -- The applicant never meets them -----------------------------------------------------------------------------------

CASEWORKER_TEXTS = [
    text
    for part in (PART_III, PART_IV)
    for text in (part.title, *(s.title for s in part.sections), *(q.text for q in part.questions()))
]


def shown_caseworker_texts(html: str) -> list[str]:
    return [text for text in CASEWORKER_TEXTS if text in html]


def test_the_applicants_pages_never_show_parts_three_and_four(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    for path in ("", "tasks", "check", "questions"):
        response = person.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "Del 2: Om dig" in html or path == "", path  # the page shows parts, so the test can see a part
        assert shown_caseworker_texts(html) == [], path
    for page_id in ("plan_changes", "eval_plan", "eval_next"):
        assert person.get(f"q/{page_id}").status_code == 404
    # Done: the check page and the task list lead to sending, with nothing of parts III or IV missing.
    assert person.submit().location.endswith("/sv/done")
    assert shown_caseworker_texts(person.get("check").get_data(as_text=True)) == []


def test_the_all_questions_page_lists_parts_one_and_two_only(client):
    html = client.get("/sv/questions").get_data(as_text=True)
    assert "Del 1: Ditt hushåll" in html
    assert "2.45" in html
    assert shown_caseworker_texts(html) == []
    assert ">3.1<" not in html


def test_the_interpreter_follows_all_four_parts(client):
    """The interpreter is at the meetings where parts III and IV are written, so their view has all four."""
    swedish = client.get("/sv/interpreter").get_data(as_text=True)
    for title in ("Del 1: Ditt hushåll", "Del 2: Om dig", "Del 3: Din plan", "Del 4: Hur det har gått"):
        assert f"<h2>{title}" in swedish
    assert 'id="q3.1"' in swedish
    assert 'id="q4.8"' in swedish
    arabic = client.get("/ar/interpreter").get_data(as_text=True)
    assert "الجزء 3: خطتك" in arabic
    assert "ماذا تريد أن تغيّر؟" in arabic
    assert "Vad vill du ändra på?" in arabic  # beside the Swedish
