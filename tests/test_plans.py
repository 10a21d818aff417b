"""Plans (part III) and their evaluations (part IV) over time: drafts, sign-off, the decisions, follow-ups due."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from eservice.cases.workdays import local_date
from eservice.instrument import INSTRUMENT
from eservice.instrument.path import applicable_pages, visible_questions
from eservice.instrument.schema import QType
from eservice.models import CaseEvaluation, CasePlan, Household, utcnow

from .helpers import db, sign_in_staff, staff_token, submit_case, token


def typical(question) -> object:
    """An answer to any question, from the definition: the first option, the lowest number, a few words."""
    if question.type is QType.SINGLE:
        return question.options[0].code
    if question.type is QType.MULTI:
        return [question.options[0].code]
    if question.type in (QType.INTEGER, QType.MONEY):
        return question.min if question.min is not None else 1
    return f"Text till {question.id}"


def complete(part_id: str, chosen: dict[str, object] | None = None) -> dict[str, object]:
    """Answers to every question of the part that applies, by the path function, with `chosen` where given."""
    part, answers = INSTRUMENT.part(part_id), dict(chosen or {})
    for _ in range(5):  # a choice can bring in follow-ups: until nothing new applies
        for page in applicable_pages(part, answers, {}):
            for question in visible_questions(page, answers, {}):
                answers.setdefault(question.id, typical(question))
    return answers


def form(answers: dict[str, object], **extra) -> dict[str, object]:
    data: dict[str, object] = {}
    for key, value in {**answers, **extra}.items():
        data[key] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def version(html: str) -> str:
    return re.search(r'name="version" type="hidden" value="([0-9a-f]+)"', html).group(1)


def a_case_with_a_plan_page(app, client) -> tuple[str, str]:
    """A picked-up case; a plan begun for adult 1: (case id, the plan page's path)."""
    case_id, _ = submit_case(app)
    sign_in_staff(client, name="Maja Handläggare")
    client.post(f"/staff/cases/{case_id}/pick-up", data={"csrf_token": staff_token(client)})
    started = client.post(f"/staff/cases/{case_id}/adults/1/plans", data={"csrf_token": staff_token(client)})
    assert started.status_code == 302
    return case_id, started.location


def sign_plan(client, path: str, follow_up: date, **chosen) -> None:
    page = client.get(path).get_data(as_text=True)
    data = form(complete("III", chosen), csrf_token=token(page), version=version(page))
    data.update(follow_up_on=follow_up.isoformat(), action="sign_off")
    response = client.post(path, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def evaluate(client, case_id: str, plan_path: str, decision: str, next_follow_up: date | None = None):
    plan_id = plan_path.rstrip("/").rsplit("/", 1)[1]
    started = client.post(
        f"/staff/cases/{case_id}/adults/1/plans/{plan_id}/evaluations", data={"csrf_token": staff_token(client)}
    )
    assert started.status_code == 302
    page = client.get(started.location).get_data(as_text=True)
    data = form(complete("IV", {"eval_decision": decision}), csrf_token=token(page), version=version(page))
    data.update(action="sign_off", next_follow_up_on=next_follow_up.isoformat() if next_follow_up else "")
    return started.location, page, client.post(started.location, data=data)


def today() -> date:
    return local_date(utcnow())


def test_a_plan_is_written_as_a_draft_then_signed_and_final(app, client):
    _case_id, path = a_case_with_a_plan_page(app, client)
    page = client.get(path).get_data(as_text=True)
    assert "Plan 1" in page
    assert "3.1" in page  # part III's numbered questions, from the definition
    default = re.search(r'name="follow_up_on" type="date" required value="([0-9-]+)"', page).group(1)
    assert date.fromisoformat(default) > today() + timedelta(days=80)  # three months on, from the configuration
    first = INSTRUMENT.part("III").questions()[0]
    draft = {"csrf_token": token(page), "version": version(page), first.id: "Vi pratade om arbete.", "action": "save"}
    draft["follow_up_on"] = default
    assert client.post(path, data=draft).status_code == 302
    assert "Vi pratade om arbete." in client.get(path).get_data(as_text=True)
    sign_plan(client, path, today() + timedelta(days=30))
    signed = client.get(path).get_data(as_text=True)
    assert "Signerad" in signed
    assert "Maja Handläggare" in signed
    assert "Utvärdera planen" in signed
    again = client.post(path, data={**draft, "version": version(page)})
    assert again.status_code == 409  # a signed plan is never changed
    with app.app_context(), db(app) as session:
        plan = session.scalars(select(CasePlan)).one()
        assert plan.signed_off_by_subject == "caseworker-north"
        assert plan.sealed_answers  # sealed like part II
        plan.follow_up_on = date(2030, 1, 1)
        with pytest.raises(ValueError, match="signed off"):
            session.flush()


def test_signing_off_waits_for_every_required_answer_but_keeps_what_was_written(app, client):
    _case_id, path = a_case_with_a_plan_page(app, client)
    page = client.get(path).get_data(as_text=True)
    first = INSTRUMENT.part("III").questions()[0]
    data = {"csrf_token": token(page), "version": version(page), first.id: "Halvvägs.", "action": "sign_off"}
    data["follow_up_on"] = (today() + timedelta(days=30)).isoformat()
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "inte signerat" in response.get_data(as_text=True)
    with app.app_context(), db(app) as session:
        plan = session.scalars(select(CasePlan)).one()
        assert plan.signed_off_at is None
        assert plan.answers[first.id] == {"text": "Halvvägs.", "lang": "sv"}


def test_an_evaluation_starts_from_its_plan_and_going_on_sets_the_next_follow_up(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() + timedelta(days=30))
    later = today() + timedelta(days=60)
    where, page, response = evaluate(client, case_id, path, "continue", later)
    assert "Planen som utvärderas" in page
    assert "Text till" in page  # the plan's own answers, shown beside the evaluation
    assert response.status_code == 302
    with app.app_context(), db(app) as session:
        evaluation = session.scalars(select(CaseEvaluation)).one()
        assert (evaluation.decision, evaluation.next_follow_up_on) == ("continue", later)
        assert evaluation.signed_off_by_subject == "caseworker-north"
    assert "Nästa uppföljning" in client.get(where).get_data(as_text=True)


def test_going_on_needs_the_next_follow_up_date(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() + timedelta(days=30))
    _where, _page, response = evaluate(client, case_id, path, "continue", None)
    assert response.status_code == 400
    with db(app) as session:
        assert session.scalars(select(CaseEvaluation)).one().signed_off_at is None


def test_deciding_on_a_new_plan_starts_one_filled_in_from_the_old(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() + timedelta(days=30))
    _where, _page, response = evaluate(client, case_id, path, "new_plan", None)
    assert response.status_code == 302
    new_page = client.get(response.location).get_data(as_text=True)
    assert "Plan 2" in new_page
    with app.app_context(), db(app) as session:
        first, second = session.scalars(select(CasePlan).order_by(CasePlan.number)).all()
        assert second.based_on_id == first.id
        assert second.signed_off_at is None
        assert second.answers == first.answers
    case = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    assert "Plan 1" in case
    assert "Plan 2" in case


def test_deciding_on_another_need_group_leads_there_and_the_plan_waits_no_more(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() - timedelta(days=1))
    assert "Försenad" in client.get("/staff/").get_data(as_text=True)
    _where, _page, response = evaluate(client, case_id, path, "regroup", None)
    assert response.status_code == 302
    assert response.location.endswith("#need-group-1")
    assert "Försenad" not in client.get("/staff/").get_data(as_text=True)


def test_follow_ups_due_this_week_and_overdue_on_the_start_page(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() - timedelta(days=2))
    mine = client.get("/staff/").get_data(as_text=True)
    assert "Försenad" in mine
    lead = app.test_client()
    sign_in_staff(lead, "team_lead")
    assert "Försenad" in lead.get("/staff/").get_data(as_text=True)  # the team lead sees the unit's
    other = app.test_client()
    sign_in_staff(other, subject="other")
    assert "Försenad" not in other.get("/staff/").get_data(as_text=True)  # not my case
    south = app.test_client()
    sign_in_staff(south, "team_lead", "south")
    assert "Försenad" not in south.get("/staff/").get_data(as_text=True)  # another unit's
    _where, _page, response = evaluate(client, case_id, path, "continue", today() + timedelta(days=40))
    assert response.status_code == 302
    later = client.get("/staff/").get_data(as_text=True)
    assert "Försenad" not in later
    assert "Inga uppföljningar den här veckan" in later  # 40 days on is not this week


def test_the_queue_shows_the_soonest_follow_ups_and_how_many_there_are(app, client, monkeypatch):
    monkeypatch.setattr("eservice.staff.case_views.FOLLOW_UPS_SHOWN", 2)
    due = [today() - timedelta(days=3), today() - timedelta(days=1), today()]
    references = []
    for when in reversed(due):
        case_id, path = a_case_with_a_plan_page(app, client)
        sign_plan(client, path, when)
        with db(app) as session:
            references.append(session.get(Household, case_id).reference)
    page = client.get("/staff/").get_data(as_text=True)
    box = page.split('class="follow-ups"', 1)[1].split("</section>", 1)[0]
    assert "Visar de 2 första av 3." in box
    latest, middle, soonest = references
    assert box.index(soonest) < box.index(middle)
    assert latest not in box


def test_two_caseworkers_saving_the_same_draft_the_second_is_warned(app, client):
    _case_id, path = a_case_with_a_plan_page(app, client)
    other = app.test_client()
    sign_in_staff(other, subject="other")
    mine, theirs = client.get(path).get_data(as_text=True), other.get(path).get_data(as_text=True)
    first = INSTRUMENT.part("III").questions()[0]
    when = (today() + timedelta(days=30)).isoformat()
    data = {first.id: "Min text", "action": "save", "follow_up_on": when}
    assert client.post(path, data={**data, "csrf_token": token(mine), "version": version(mine)}).status_code == 302
    late = other.post(path, data={**data, first.id: "Deras", "csrf_token": token(theirs), "version": version(theirs)})
    assert late.status_code == 409
    assert "Någon annan sparade" in late.get_data(as_text=True)
    with app.app_context(), db(app) as session:
        assert session.scalars(select(CasePlan)).one().answers[first.id]["text"] == "Min text"


def test_another_units_caseworker_reaches_no_plan(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    south = app.test_client()
    sign_in_staff(south, unit="south", subject="south-worker")
    assert south.get(path).status_code == 404
    begin = south.post(f"/staff/cases/{case_id}/adults/1/plans", data={"csrf_token": staff_token(south)})
    assert begin.status_code == 404
    assert client.get(f"/staff/cases/{case_id}/adults/2/plans/x").status_code == 404


def test_a_signed_plan_cannot_be_updated_below_the_application_on_postgresql(postgres_app):
    app = postgres_app
    client = app.test_client()
    _case_id, path = a_case_with_a_plan_page(app, client)
    with db(app) as session:
        session.execute(text("UPDATE case_plan SET number = 1"))  # a draft may change
        session.commit()
    sign_plan(client, path, today() + timedelta(days=30))
    with db(app) as session, pytest.raises(DBAPIError, match="signed off"):
        session.execute(text("UPDATE case_plan SET follow_up_on = '2030-01-01'"))


def test_the_statistics_count_the_parts_reached_and_the_follow_ups_kept(app, client):
    """Five cases with signed plans, three evaluated on time and two late: counts of 5 and over show."""
    from eservice.cases import statistics
    from eservice.staff.roles import StaffMember

    for n in range(5):
        case_id, path = a_case_with_a_plan_page(app, client)
        sign_plan(client, path, today() + timedelta(days=1) if n < 3 else today() - timedelta(days=1))
        evaluate(client, case_id, path, "continue", today() + timedelta(days=30))
    lead = StaffMember("lead", "test", "Lead", "team_lead", "north", "demo")
    period = statistics.Period(today() - timedelta(days=7), today())
    with app.app_context(), db(app) as session:
        counted = statistics.progress(session, lead, None, period)
    assert counted.reached == (5, 5, 5, 5)
    assert (counted.on_time, counted.late) == (3, 2)
    lead_client = app.test_client()
    sign_in_staff(lead_client, "team_lead")
    page = lead_client.get("/staff/statistics").get_data(as_text=True)
    assert "Genom instrumentet" in page
    assert '<td class="number">5</td>' in page


def test_a_signed_plan_changed_later_keeps_what_was_signed_beside_the_change(app, client):
    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() + timedelta(days=30))
    page = client.get(f"{path}?change=1").get_data(as_text=True)
    assert "Spara ändringarna" in page
    data = form(complete("III"), csrf_token=token(page), version=version(page), action="change")
    data["plan_first_step"] = "Ringa AME på måndag."
    assert client.post(path, data=data).status_code == 302
    shown = client.get(path).get_data(as_text=True)
    assert "Ringa AME på måndag." in shown
    assert "Som det signerades: " in shown
    assert "Text till plan_first_step" in shown  # what was signed is never lost
    assert "Maja Handläggare ändrade" in shown
    stale = client.post(path, data={**data, "plan_first_step": "Något annat"})  # the old fingerprint
    assert stale.status_code == 409
    with app.app_context(), db(app) as session:
        plan = session.scalars(select(CasePlan)).one()
        assert plan.answers["plan_first_step"] == {"text": "Text till plan_first_step", "lang": "sv"}
    exported = client.get(f"/staff/cases/{case_id}/case.json").json
    first_step = next(a for a in exported["adults"][0]["plans"][0]["answers"] if a["question"] == "plan_first_step")
    assert first_step["value"] == {"text": "Ringa AME på måndag.", "lang": "sv"}
    assert first_step["original"] == {"text": "Text till plan_first_step", "lang": "sv"}
    assert first_step["changes"][0]["by"] == "Maja Handläggare"


def test_posting_to_a_signed_plan_without_asking_to_change_it_is_refused(app, client):
    _case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today() + timedelta(days=30))
    page = client.get(path).get_data(as_text=True)
    refused = client.post(path, data={"csrf_token": token(page), "action": "sign_off", "plan_first_step": "x"})
    assert refused.status_code == 409


def test_a_plan_signed_off_by_someone_else_during_a_save_is_refused_not_a_server_error(app, client, monkeypatch):
    """The row lock in plans._write finds the plan signed off by another request: a 409, not a 500."""
    from eservice.cases import plans

    _case_id, path = a_case_with_a_plan_page(app, client)
    page = client.get(path).get_data(as_text=True)

    def signed_meanwhile(*_args, **_kwargs):
        raise plans.Final("signed by another request")

    monkeypatch.setattr(plans, "save_plan", signed_meanwhile)
    data = {"csrf_token": token(page), "version": version(page), "action": "save"}
    data["follow_up_on"] = (today() + timedelta(days=30)).isoformat()
    response = client.post(path, data=data)
    assert response.status_code == 409
    assert "redan signerad" in response.get_data(as_text=True)
