"""The way through the journey: after a section, straight on to the next one not done; check-your-answers once all
are done; and the sensitive section's opening page, with "answer now" or "talk about all of this at the meeting"."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from eservice.instrument import INSTRUMENT

from .helpers import (
    COUPLE_PART_I,
    SINGLE_PART_I,
    SINGLE_PART_II,
    Applicant,
    fill,
    invite_partner,
    part_two_with_children,
    stored_answers,
)

PART_II = INSTRUMENT.part("II")
SENSITIVE = next(s for s in PART_II.sections if s.sensitive)
SENSITIVE_PAGES = [p.id for p in SENSITIVE.pages]
SECTION_PROGRESS = re.compile(r"Avsnitt (\d+) av (\d+)")
NOT_YET = "Kan inte börja än"


def first_page_of(part_id: str) -> str:
    return INSTRUMENT.part(part_id).sections[0].pages[0].id


def before_sensitive(pages: dict[str, dict]) -> dict[str, dict]:
    return {page_id: data for page_id, data in pages.items() if page_id not in SENSITIVE_PAGES}


def only_sensitive(pages: dict[str, dict]) -> dict[str, dict]:
    return {page_id: data for page_id, data in pages.items() if page_id in SENSITIVE_PAGES}


def choose(person: Applicant, action: str):
    return person.post_form(f"section/{SENSITIVE.id}", {"action": action})


def test_the_last_page_of_a_section_goes_on_to_the_next_section(app, client):
    person = Applicant(client).start()
    # One page in "household", then the next section's first page, not the task list.
    response = person.answer("household", SINGLE_PART_I["household"])
    assert response.location.endswith("/sv/q/occupation")
    # Within a section, the next page of the section, as before.
    assert person.answer("reason", SINGLE_PART_I["reason"]).location.endswith("/sv/q/done_already")


def test_done_sections_are_passed_by_and_the_end_goes_round_to_the_first_not_done(app, client):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"], "occupation": SINGLE_PART_I["occupation"]})
    # Sections "income" and "assets" done out of order, from the task list.
    fill(person, {k: SINGLE_PART_I[k] for k in ("incomes", "assets")})
    fill(person, {"reason": SINGLE_PART_I["reason"]})
    # "reason" is finished: "income" and "assets" are done, so on to "housing".
    assert person.answer("done_already", SINGLE_PART_I["done_already"]).location.endswith("/sv/q/housing")
    # The last section of part I goes on to part II ...
    fill(person, {"housing": SINGLE_PART_I["housing"]})
    assert person.answer("costs", SINGLE_PART_I["costs"]).location.endswith("/sv/q/interpreter")
    assert person.answer("interpreter", SINGLE_PART_I["interpreter"]).location.endswith(f"/sv/q/{first_page_of('II')}")


def test_the_first_not_done_section_comes_after_the_last_one(app, client):
    person = Applicant(client).start()
    fill(person, {k: v for k, v in SINGLE_PART_I.items() if k != "household"})
    fill(person, before_sensitive(SINGLE_PART_II))
    fill(person, only_sensitive(SINGLE_PART_II))
    # Everything is done but the very first section, which the person skipped: from the last section, round to it.
    html = person.get("tasks").get_data(as_text=True)
    assert NOT_YET in html
    response = person.answer("criminal_record", SINGLE_PART_II["criminal_record"])
    assert response.location.endswith("/sv/q/household")
    assert person.answer("household", SINGLE_PART_I["household"]).location.endswith("/sv/check")


def test_the_last_section_goes_to_check_your_answers(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, before_sensitive(SINGLE_PART_II))
    response = person.answer("substance_use", SINGLE_PART_II["substance_use"])
    assert response.location.endswith("/sv/q/violence")
    person.answer("violence", SINGLE_PART_II["violence"])
    assert person.answer("criminal_record", SINGLE_PART_II["criminal_record"]).location.endswith("/sv/check")


def test_a_change_from_check_your_answers_still_returns_there(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    response = person.post_form("q/household?return=check", {**SINGLE_PART_I["household"], "action": "continue"})
    assert response.location.endswith("/sv/check")


def test_check_and_submit_cannot_start_until_every_section_is_done(app, client):
    person = Applicant(client).start()
    html = person.get("tasks").get_data(as_text=True)
    assert NOT_YET in html
    assert 'href="/sv/check"' not in html
    # Reached by its address before that, the check page works and lists what is missing as links.
    check = person.get("check")
    assert check.status_code == 200
    assert 'href="/sv/q/household?return=check#q-applying_with"' in check.get_data(as_text=True)

    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    html = person.get("tasks").get_data(as_text=True)
    assert NOT_YET not in html
    assert 'href="/sv/check" aria-describedby="state-check"' in html


def test_each_question_page_says_where_it_is_and_links_to_the_task_list(app, client):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})  # a single adult: no partner's page, no children
    total = len(INSTRUMENT.part("I").sections) + len([s for s in PART_II.sections if s.id != "children"])
    first = person.get("q/household").get_data(as_text=True)
    assert SECTION_PROGRESS.search(first).groups() == ("1", str(total))
    assert 'href="/sv/tasks">Se alla avsnitt<' in first
    second = person.get("q/occupation").get_data(as_text=True)
    assert SECTION_PROGRESS.search(second).groups() == ("2", str(total))
    last = person.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    assert SECTION_PROGRESS.search(last).groups() == (str(total), str(total))


def test_the_sensitive_section_opens_with_one_page_that_says_it_once(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, before_sensitive(SINGLE_PART_II))  # the last ordinary section goes on to the opening page
    assert person.answer("what_helps", SINGLE_PART_II["what_helps"]).location.endswith(f"/sv/section/{SENSITIVE.id}")
    assert f'href="/sv/section/{SENSITIVE.id}"' in person.get("tasks").get_data(as_text=True)

    opening = person.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    intro = SENSITIVE.intro
    assert intro in opening
    assert "Lämna sidan snabbt" in opening
    assert 'value="answer_now">Svara nu<' in opening
    assert 'value="at_meeting">Prata om allt detta på mötet<' in opening
    for page_id in ("substance_use", "violence", "criminal_record"):
        page = person.get(f"q/{page_id}").get_data(as_text=True)
        assert intro not in page, page_id  # no longer repeated on every page
        assert "Tryck då på Lämna sidan snabbt" not in page, page_id


def test_answer_now_goes_to_the_first_question(app, client):
    person = Applicant(client).start()
    response = choose(person, "answer_now")
    assert response.status_code == 302
    assert response.location.endswith(f"/sv/q/{SENSITIVE_PAGES[0]}")
    assert stored_answers(app, person.reference, "II") == {}  # answering now changes nothing by itself


def test_talk_at_the_meeting_marks_every_question_and_moves_on(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, before_sensitive(SINGLE_PART_II))
    response = choose(person, "at_meeting")
    assert response.location.endswith("/sv/check")  # every other section was done
    stored = stored_answers(app, person.reference, "II")
    assert {k: stored[k] for k in ("substance_use", "violence", "criminal_record")} == dict.fromkeys(
        ("substance_use", "violence", "criminal_record"), "rather_talk"
    )
    tasks = person.get("tasks").get_data(as_text=True)
    assert re.search(rf'id="state-{SENSITIVE.id}">\s*Klar', tasks)
    assert NOT_YET not in tasks
    assert person.submit().location.endswith("/sv/done")


def test_talk_at_the_meeting_before_other_sections_goes_on_to_the_first_not_done(app, client):
    person = Applicant(client).start()
    response = choose(person, "at_meeting")
    assert response.location.endswith(f"/sv/q/{first_page_of('I')}")


def test_talk_at_the_meeting_covers_a_page_that_applies_and_replaces_earlier_answers(app, client):
    """A parent with an illness also gets the page about the children; "yes" with its follow-up is replaced."""
    person = Applicant(client).start()
    fill(person, COUPLE_PART_I)
    pages = part_two_with_children("x")
    fill(person, before_sensitive(pages))
    fill(person, {"violence": pages["violence"]})
    assert stored_answers(app, person.reference, "II")["violence_now"] == "no"
    opening = person.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    assert "Om du väljer mötet tar vi bort de svaren." in opening

    choose(person, "at_meeting")
    stored = stored_answers(app, person.reference, "II")
    assert {k: stored.get(k) for k in ("substance_use", "violence", "criminal_record", "children_informed")} == (
        dict.fromkeys(("substance_use", "violence", "criminal_record", "children_informed"), "rather_talk")
    )
    assert "violence_now" not in stored
    assert "x hälsa" in stored["health_details"]["text"]  # nothing outside the section is touched


def test_the_choice_can_be_changed_later(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, before_sensitive(SINGLE_PART_II))
    choose(person, "at_meeting")
    opening = person.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    assert "Du har valt att prata om allt detta på mötet." in opening

    response = choose(person, "answer_now")
    assert response.location.endswith(f"/sv/q/{SENSITIVE_PAGES[0]}")
    page = person.get(f"q/{SENSITIVE_PAGES[0]}").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="rather_talk"', page)  # what is stored is shown, to change
    assert person.answer("substance_use", {"substance_use": "no"}).location.endswith("/sv/q/violence")
    stored = stored_answers(app, person.reference, "II")
    assert stored["substance_use"] == "no"
    assert stored["violence"] == "rather_talk"
    opening = person.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    assert "Du har valt att prata om allt detta på mötet." not in opening


def test_the_partner_goes_through_their_own_part_two_to_check(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app.test_client())
    pages = part_two_with_children("partner")
    ordinary = list(before_sensitive(pages).items())
    for (page_id, data), (next_id, _data) in pairwise(ordinary):
        assert partner.answer(page_id, data).location.endswith(f"/sv/q/{next_id}"), page_id
    last_id, last_data = ordinary[-1]
    assert partner.answer(last_id, last_data).location.endswith(f"/sv/section/{SENSITIVE.id}")
    tasks = partner.get("tasks").get_data(as_text=True)
    assert NOT_YET in tasks
    opening = partner.get(f"section/{SENSITIVE.id}").get_data(as_text=True)
    assert SECTION_PROGRESS.search(opening).group(1) == SECTION_PROGRESS.search(opening).group(2)
    assert choose(partner, "at_meeting").location.endswith("/sv/check")  # the partner has no part I
    assert stored_answers(app, first.reference, "II", position=2)["violence"] == "rather_talk"
    assert "violence" not in stored_answers(app, first.reference, "II", position=1)  # adult 1's own part II


@pytest.mark.parametrize("section_id", ["household", "education", "no_such_section"])
def test_only_a_sensitive_section_has_an_opening_page(app, client, section_id):
    person = Applicant(client).start()
    assert person.get(f"section/{section_id}").status_code == 404


def test_the_opening_page_refuses_a_forged_or_unknown_choice(app, client):
    person = Applicant(client).start()
    forged = client.post(f"/sv/section/{SENSITIVE.id}", data={"action": "at_meeting"})
    assert forged.status_code == 400
    assert choose(person, "something_else").status_code == 400
    assert stored_answers(app, person.reference, "II") == {}


def test_after_submitting_the_opening_page_is_read_only(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    person.submit()
    assert person.get(f"section/{SENSITIVE.id}").location.endswith("/sv/check")
