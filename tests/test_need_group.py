"""The need group (AM1-AM3, RH1-RH3): the applicant's own suggestion in part II, and the caseworker's choice per
adult on the case view, append-only and audited."""

from __future__ import annotations

import re

from sqlalchemy import select

from eservice.instrument import INSTRUMENT
from eservice.instrument.need_groups import CODES, NEED_GROUPS
from eservice.models import AuditEntry, NeedGroupDecision

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, db, fill, sign_in_staff, staff_token, stored_answers

SENSITIVE = next(s for s in INSTRUMENT.part("II").sections if s.sensitive)
QUESTION = "Vilket av de här stämmer bäst in på dig just nu?"


def submit_with_suggestion(app, suggestion: str | None, *, unit: str = "north") -> str:
    """A submitted household like tests.helpers.submit_case, with the applicant's own suggestion in part II."""
    from eservice import demo, drafts
    from eservice.db import db_session

    part2 = dict(demo.PART_II_DONE)
    if suggestion is not None:
        part2["need_group_suggestion"] = suggestion
    with app.test_request_context():
        session = db_session()
        new = drafts.start_household(session)
        demo.fill(session, new.adult, "I", demo.PART_I_DONE)
        demo.fill(session, new.adult, "II", part2)
        drafts.submit(session, new.adult)
        new.adult.household.unit = unit
        session.commit()
        return new.adult.household.id


def suggestion_shown(html: str) -> str:
    return re.search(r'<dd class="need-group-suggestion">(.*?)</dd>', html, re.S).group(1).strip()


def choose(client, case_id: str, group: str, agreed: bool = False, position: int = 1, **extra):
    data = {"csrf_token": staff_token(client), "position": str(position), "group": group, **extra}
    if agreed:
        data["agreed"] = "yes"
    return client.post(f"/staff/cases/{case_id}/need-group", data=data)


def decisions(app, case_id: str) -> list[NeedGroupDecision]:
    with db(app) as session:
        return list(
            session.scalars(
                select(NeedGroupDecision)
                .where(NeedGroupDecision.household_id == case_id)
                .order_by(NeedGroupDecision.id)
            )
        )


def test_the_six_groups_are_data_with_what_usually_follows():
    assert CODES == ("am1", "am2", "am3", "rh1", "rh2", "rh3")
    assert all(group.description and group.follows for group in NEED_GROUPS)
    assert "Arbetsförmedlingen" in NEED_GROUPS[0].follows


def test_the_question_is_last_on_what_helps_in_everyday_words_and_optional(app, client):
    question = INSTRUMENT.question("need_group_suggestion")
    page = next(p for p in INSTRUMENT.part("II").pages() if p.id == "what_helps")
    assert page.questions[-1] is question
    assert question.required is False
    assert question.option_codes() == [*CODES, "dont_know"]
    assert not any(re.search(r"\b(AM|RH)\d", o.label) for o in question.options)  # no codes shown

    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, {k: v for k, v in SINGLE_PART_II.items() if k not in {p.id for p in SENSITIVE.pages} | {"what_helps"}})
    html = person.get("q/what_helps").get_data(as_text=True)
    assert QUESTION in html
    assert "Jag behöver lite stöd för att hitta ett jobb." in html
    assert "AM2" not in html
    # Skipped, the page still goes on; answered, the code is stored.
    assert person.answer("what_helps", SINGLE_PART_II["what_helps"]).location.endswith(f"/sv/section/{SENSITIVE.id}")
    assert "need_group_suggestion" not in stored_answers(app, person.reference, "II")
    person.answer("what_helps", {**SINGLE_PART_II["what_helps"], "need_group_suggestion": "rh2"})
    assert stored_answers(app, person.reference, "II")["need_group_suggestion"] == "rh2"


def test_the_case_view_shows_the_applicants_suggestion_beside_the_six_groups(app, client):
    case_id = submit_with_suggestion(app, "am2")
    sign_in_staff(client)
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    section = html[html.index('id="need-group-1"') :]
    assert "Behovsgrupp" in section
    assert suggestion_shown(section) == "<strong>AM2</strong>: Jag behöver lite stöd för att hitta ett jobb."
    assert section.count("personens förslag") == 1
    assert re.search(r'value="am2"[^<]*>\s*<label[^>]*>.*?personens förslag', section, re.S)
    for group in NEED_GROUPS:
        assert f'value="{group.code}"' in section
        assert group.description in section
        assert group.follows in section
    assert "Vi kom överens om det här tillsammans" in section
    assert "Ingen behovsgrupp vald" in section
    # Without an answer the caseworker sees that there is none.
    unanswered = submit_with_suggestion(app, None)
    other = client.get(f"/staff/cases/{unanswered}").get_data(as_text=True)
    assert "Inget svar" in suggestion_shown(other[other.index('id="need-group-1"') :])


def test_setting_the_group_records_who_from_the_session_and_whether_agreed(app, client):
    case_id = submit_with_suggestion(app, "am2")
    sign_in_staff(client, subject="worker-1", name="Karin Lind")
    response = choose(client, case_id, "am3", agreed=True, decided_by_name="Someone Else", decided_by_subject="x")
    assert response.status_code == 302
    [row] = decisions(app, case_id)
    assert (row.position, row.group_code, row.agreed) == (1, "am3", True)
    assert (row.decided_by_subject, row.decided_by_name) == ("worker-1", "Karin Lind")
    with db(app) as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.household_id == case_id)))
    assert "change" in actions
    html = client.get(response.location).get_data(as_text=True)
    section = html[html.index('id="need-group-1"') :]
    assert "<strong>AM3</strong>, överenskommet med personen (Karin Lind" in section
    assert "Someone Else" not in html
    assert 'value="am3" required checked' in section


def test_changing_the_group_keeps_the_earlier_one_in_the_history(app, client):
    case_id = submit_with_suggestion(app, "rh2")
    sign_in_staff(client, subject="worker-1", name="Karin Lind")
    choose(client, case_id, "am3")
    choose(client, case_id, "rh2", agreed=True)
    assert [(r.group_code, r.agreed) for r in decisions(app, case_id)] == [("am3", False), ("rh2", True)]
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    section = html[html.index('id="need-group-1"') :]
    assert "<strong>RH2</strong>, överenskommet med personen" in section
    history = section[section.index("Tidigare behovsgrupper") :]
    assert "<strong>AM3</strong>, inte överenskommet med personen (Karin Lind" in history


def test_another_units_case_is_not_found_and_an_unknown_group_is_refused(app, client):
    case_id = submit_with_suggestion(app, "am1", unit="south")
    sign_in_staff(client, unit="north")
    assert choose(client, case_id, "am1").status_code == 404
    other = app.test_client()
    sign_in_staff(other, unit="south", subject="south-worker")
    assert choose(other, case_id, "am4").status_code == 400
    assert choose(other, case_id, "").status_code == 400
    assert choose(other, case_id, "am1", position=2).status_code == 400  # no second adult sent answers
    assert decisions(app, case_id) == []
    assert choose(other, case_id, "am1").status_code == 302
    assert len(decisions(app, case_id)) == 1
