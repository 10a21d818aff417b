"""The published definition at /api/instrument: the contract other systems integrate against."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eservice.instrument import INSTRUMENT, PER_ADULT_FACTS
from eservice.instrument.schema import Instrument, Option, Page, Part, QType, Question, Section, WrittenBy
from eservice.instrument.validate import validate
from eservice.plain_language.glossary import TERM_IDS

QUESTION_KEYS = {
    "id",
    "number",
    "type",
    "text",
    "help",
    "error",
    "options",
    "required",
    "private",
    "glossary",
    "show_when",
}


def instrument_json(client) -> dict:
    response = client.get("/api/instrument")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def questions_of(data: dict, part_id: str | None = None) -> list[dict]:
    return [
        q
        for part in data["parts"]
        if part_id in (None, part["id"])
        for section in part["sections"]
        for q in section["questions"]
    ]


def from_json(data: dict) -> Instrument:
    """Rebuild the definition from the published JSON, as an integrating system would read it."""

    def question(q: dict) -> Question:
        return Question(
            id=q["id"],
            number=q["number"],
            type=QType(q["type"]),
            text=q["text"],
            help=q["help"],
            why=q["why"],
            error=q["error"],
            options=tuple(Option(o["code"], o["label"], show_when=o.get("show_when")) for o in q["options"]),
            exclusive=tuple(q["exclusive"]),
            required=q["required"],
            private=q["private"],
            glossary=tuple(q["glossary"]),
            show_when=q["show_when"],
            min=q.get("min"),
            max=q.get("max"),
            max_length=q.get("max_length"),
        )

    def section(s: dict) -> Section:
        by_id = {q["id"]: question(q) for q in s["questions"]}
        pages = tuple(
            Page(
                id=p["id"],
                title=p["title"],
                show_when=p["show_when"],
                questions=tuple(by_id[i] for i in p["questions"]),
            )
            for p in s["pages"]
        )
        return Section(id=s["id"], title=s["title"], pages=pages, sensitive=s["sensitive"], show_when=s["show_when"])

    parts = tuple(
        Part(
            id=p["id"],
            number=p["number"],
            title=p["title"],
            intro=p["intro"],
            per_adult=p["per_adult"],
            written_by=WrittenBy(p["written_by"]),
            sections=tuple(section(s) for s in p["sections"]),
        )
        for p in data["parts"]
    )
    return Instrument(version=data["version"], parts=parts)


def test_the_api_publishes_all_four_parts_and_who_writes_each(client):
    data = instrument_json(client)
    assert data["version"] == INSTRUMENT.version
    assert data["language"] == "sv"
    assert [p["id"] for p in data["parts"]] == ["I", "II", "III", "IV"]
    assert [p["per_adult"] for p in data["parts"]] == [False, True, True, True]
    assert [p["written_by"] for p in data["parts"]] == ["applicant", "applicant", "caseworker", "caseworker"]


def test_every_question_carries_the_whole_contract(client):
    for q in questions_of(instrument_json(client)):
        assert set(q) >= QUESTION_KEYS, q["id"]
        assert q["text"]
        assert isinstance(q["required"], bool)
        assert isinstance(q["glossary"], list)
        for option in q["options"]:
            assert set(option) <= {"code", "label", "show_when"}  # a rule only where the option has one
            assert option["code"]
            assert option["label"]
        if q["type"] in ("single", "multi"):
            assert len(q["options"]) >= 2, q["id"]


def test_numbers_and_rules_are_published(client):
    by_number = {q["number"]: q for q in questions_of(instrument_json(client))}
    assert by_number["2.21"]["id"] == "network_details"
    assert by_number["1.1"]["id"] == "applying_with"
    assert by_number["2.43"]["show_when"] == {"answer": "violence", "is": "yes"}
    assert by_number["1.36"]["min"] == 0
    assert by_number["1.36"]["type"] == "money"
    assert by_number["1.1"]["error"] == "Välj om du söker ensam eller med make, maka eller sambo."
    assert by_number["1.14"]["error"] == ""  # optional: never refused, so no message


def test_part_two_questions_are_private(client):
    data = instrument_json(client)
    assert all(q["private"] for q in questions_of(data, "II"))
    assert not any(q["private"] for q in questions_of(data, "I"))


def test_the_json_is_the_same_valid_definition(client):
    rebuilt = from_json(instrument_json(client))
    validate(rebuilt, TERM_IDS, PER_ADULT_FACTS)
    assert [q.id for q in rebuilt.all_questions()] == [q.id for q in INSTRUMENT.all_questions()]
    assert [(p.id, p.written_by, p.intro) for p in rebuilt.parts] == [
        (p.id, p.written_by, p.intro) for p in INSTRUMENT.parts
    ]
    # Nothing about a question is lost on the way (texts, options, rules, limits); option hints stay in the forms.
    without_hints = [
        replace(q, options=tuple(replace(o, hint="") for o in q.options)) for q in INSTRUMENT.all_questions()
    ]
    assert rebuilt.all_questions() == without_hints


def test_the_api_may_be_cached_but_pages_may_not(client):
    assert "max-age" in client.get("/api/instrument").headers["Cache-Control"]
    assert client.get("/sv/").headers["Cache-Control"] == "no-store"


def test_an_option_with_a_rule_publishes_it(client):
    questions = {q["id"]: q for q in questions_of(client.get("/api/instrument").get_json())}
    options = {o["code"]: o for o in questions["interpreter_needed"]["options"]}
    assert options["yes_partner"]["show_when"] == {"answer": "applying_with", "is": "with_partner"}
    assert "show_when" not in options["yes_me"]


def test_parts_three_and_four_are_published_with_their_numbers_codes_and_rules(client):
    by_number = {q["number"]: q for q in questions_of(instrument_json(client))}
    assert by_number["3.2"]["id"] == "plan_changes"
    assert by_number["3.3"]["show_when"] == {"answer": "plan_changes", "is": "other"}
    assert [o["code"] for o in by_number["4.2"]["options"]] == ["1", "2", "3", "4", "5"]
    assert [o["code"] for o in by_number["4.8"]["options"]] == ["continue", "new_plan", "regroup"]
    assert by_number["4.5"]["show_when"] == {"answer": "children_count", "gt": 0}


def test_the_definition_in_another_language_has_the_same_codes_and_numbers(client):
    """?lang=ar: every text in Arabic, every id, number, code and rule as in Swedish, so that another system can
    put the two side by side by number."""
    swedish = instrument_json(client)
    response = client.get("/api/instrument?lang=ar")
    assert response.status_code == 200
    arabic = response.get_json()
    assert (arabic["language"], arabic["direction"]) == ("ar", "rtl")
    assert [(q["id"], q["number"], q["show_when"]) for q in questions_of(arabic)] == [
        (q["id"], q["number"], q["show_when"]) for q in questions_of(swedish)
    ]
    sv_q, ar_q = (next(q for q in questions_of(d) if q["number"] == "3.2") for d in (swedish, arabic))
    assert sv_q["text"] == "Vad vill du ändra på?"
    assert ar_q["text"] == "ماذا تريد أن تغيّر؟"
    assert [o["code"] for o in ar_q["options"]] == [o["code"] for o in sv_q["options"]]
    assert [o["label"] for o in ar_q["options"]] != [o["label"] for o in sv_q["options"]]
    assert arabic["parts"][2]["title"] == "الجزء 3: خطتك"
    # No question comes back in Swedish: each differs from its Swedish self in some text.
    same = [a["id"] for a, s in zip(questions_of(arabic), questions_of(swedish), strict=True) if a == s]
    assert same == []


def test_english_is_offered_too_and_swedish_is_the_default(client):
    english = client.get("/api/instrument?lang=en").get_json()
    assert english["language"] == "en"
    numbers = {q["number"]: q for q in questions_of(english)}
    assert numbers["4.8"]["text"] == "How will you go on from here?"
    assert numbers["1.1"]["text"] != INSTRUMENT.question("applying_with").text
    assert client.get("/api/instrument?lang=sv").get_json() == instrument_json(client)


@pytest.mark.parametrize("code", ["xx", "fa_AF", "SV", ""])
def test_a_language_not_offered_is_not_found(client, code):
    """Not found, as for /api/glossary: the definition does not exist in that language (fa_AF is Babel's name; the
    URL code is fa-af)."""
    assert client.get(f"/api/instrument?lang={code}").status_code == 404
    assert client.get("/api/instrument?lang=fa-af").status_code == 200
