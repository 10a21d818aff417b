"""The applicant's journey through the Flask test client, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from eservice.instrument import INSTRUMENT
from eservice.models import Submission

from .helpers import (
    COUPLE_PART_I,
    SINGLE_PART_I,
    SINGLE_PART_II,
    VERSION,
    Applicant,
    db,
    fill,
    join_with_invitation,
    make_invitation,
    part_two_with_children,
    phone_of,
    stored_answers,
    token,
)
from .helpers import invite_partner as helpers_invite_partner

CHANGE_LINK = re.compile(r'href="/sv/q/([a-z_]+)\?return=check#q-([a-z_]+)"')


def submissions(app) -> int:
    with db(app) as session:
        return session.scalar(select(func.count()).select_from(Submission))


def filled_single(client) -> Applicant:
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    return person


def test_single_applicant_submits_and_sees_the_reference(app, client):
    person = filled_single(client)
    response = person.submit()
    assert response.status_code == 302
    assert response.location.endswith("/sv/done")
    done = person.get("done")
    assert done.status_code == 200
    assert f'id="reference">{person.reference}<' in done.get_data(as_text=True)
    assert submissions(app) == 1


def test_check_page_has_a_change_link_for_every_answer(app, client):
    person = filled_single(client)
    html = person.get("check").get_data(as_text=True)
    links = set(CHANGE_LINK.findall(html))
    answered = {
        (page_id, question_id)
        for pages in (SINGLE_PART_I, SINGLE_PART_II)
        for page_id, data in pages.items()
        for question_id in data
    }
    assert answered <= links
    for page_id, question_id in links:  # unanswered optional questions get a link too, to the right page
        assert question_id in {q.id for q in INSTRUMENT.locate_page(page_id)[2].questions}
    opened = person.client.get("/sv/q/housing?return=check")
    assert opened.status_code == 200
    assert "Spara och gå tillbaka" in opened.get_data(as_text=True)


def test_change_from_check_returns_to_check(app, client):
    person = filled_single(client)
    response = person.client.post(
        "/sv/q/assets?return=check",
        data={
            "csrf_token": token(person.get("q/assets?return=check").get_data(as_text=True)),
            "bank_balance": "99",
            "owns_car": "yes",
            "owns_property": "no",
            "action": "continue",
        },
    )
    assert response.status_code == 302
    assert response.location.endswith("/sv/check")
    assert stored_answers(app, person.reference, "I")["owns_car"] == "yes"


def test_after_submitting_pages_are_read_only(app, client):
    person = filled_single(client)
    person.submit()
    before = stored_answers(app, person.reference, "I"), stored_answers(app, person.reference, "II")

    for page_id in ("household", "education", "violence"):
        response = person.get(f"q/{page_id}")
        assert response.status_code == 302
        assert response.location.endswith("/sv/check")
        posted = person.client.post(
            f"/sv/q/{page_id}",
            data={
                "csrf_token": token(person.get("done").get_data(as_text=True)),
                "applying_with": "with_partner",
                "children_count": "5",
                "education_level": "university",
                "violence": "yes",
                "action": "continue",
            },
        )
        assert posted.status_code == 302
        assert posted.location.endswith("/sv/check")

    assert (stored_answers(app, person.reference, "I"), stored_answers(app, person.reference, "II")) == before
    check = person.get("check").get_data(as_text=True)
    assert "Dina svar" in check
    assert not CHANGE_LINK.search(check)
    assert 'action="/sv/submit"' not in check


def test_submitting_twice_gives_one_submission(app, client):
    person = filled_single(client)
    assert person.submit().status_code == 302
    again = person.post_form("submit", page_path="done")
    assert again.status_code == 302
    assert again.location.endswith("/sv/done")
    assert submissions(app) == 1


def test_submit_is_refused_while_answers_are_missing(app, client):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})
    response = person.submit()
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'href="#missing"' in html  # the error summary says what is wrong and where
    assert 'href="/sv/q/occupation?return=check#q-occupation"' in html  # each missing answer links to its question
    assert "disabled" not in html
    assert submissions(app) == 0
    check = person.get("check").get_data(as_text=True)
    assert "Några frågor saknar svar" in check
    assert "Vad gör du just nu?" in check
    assert person.get("done").location.endswith("/sv/check")


def test_submit_asks_for_the_declaration(app, client):
    person = filled_single(client)
    response = person.post_form("submit", page_path="check")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'href="#declaration"' in html
    assert "Kryssa i rutan om det du har skrivit är sant så långt du vet." in html
    assert 'aria-describedby="declaration-error"' in html
    assert submissions(app) == 0
    assert person.submit().location.endswith("/sv/done")


# --- A couple: each adult's part II is theirs alone -------------------------------------------------------------


def invite_partner(first: Applicant, app) -> Applicant:
    partner = helpers_invite_partner(first, app.test_client())
    assert partner.code != first.code
    assert partner.get("tasks").status_code == 200
    return partner


def reachable_pages(person: Applicant) -> dict[str, str]:
    """Every page of the applicant's own that a person can open: the list, every part II page, check, done."""
    paths = ["tasks", "check", "done"] + [f"q/{p.id}" for p in INSTRUMENT.part("II").pages()]
    pages = {}
    for path in paths:
        response = person.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        pages[path] = response.get_data(as_text=True)
    return pages


def test_a_couple_never_sees_each_others_part_two(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    tasks = first.get("tasks").get_data(as_text=True)
    assert 'href="/sv/partner"' in tasks
    partner = invite_partner(first, app)

    fill(first, part_two_with_children("HEMLIGT-A1"))
    fill(partner, part_two_with_children("HEMLIGT-A2"))
    assert "HEMLIGT-A1" in first.get("check").get_data(as_text=True)  # the marker would show if it leaked

    for person, other_secret in ((partner, "HEMLIGT-A1"), (first, "HEMLIGT-A2")):
        before = reachable_pages(person)
        assert person.submit().location.endswith("/sv/done")
        after = reachable_pages(person)
        # The partner's name and e-mail carry the marker; their phone number is their own (phone_of).
        other_phone = phone_of(other_secret).replace("-", "")
        for path, html in {**before, **{f"{k} (submitted)": v for k, v in after.items()}}.items():
            assert other_secret not in html, f"{other_secret} leaked into {path}"
            assert other_secret.lower() not in html, f"{other_secret}'s e-mail leaked into {path}"
            assert other_phone not in html.replace("-", ""), f"{other_secret}'s phone leaked into {path}"

    assert stored_answers(app, first.reference, "II", 1)["network_details"]["text"] == "HEMLIGT-A1 nätverk"
    assert stored_answers(app, first.reference, "II", 2)["network_details"]["text"] == "HEMLIGT-A2 nätverk"
    assert submissions(app) == 2


def test_the_partner_has_no_part_one_and_cannot_invite(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app)
    for page_id in ("household", "occupation", "partner_occupation", "incomes"):
        assert partner.get(f"q/{page_id}").status_code == 404
    assert partner.get("partner").status_code == 404
    tasks = partner.get("tasks").get_data(as_text=True)
    assert "Del 2" in tasks
    assert "Del 1" not in tasks
    # The partner's part II follows the household's part I but with the partner's own occupation.
    assert partner.get("q/work_history").status_code == 200
    assert partner.get("q/children_everyday").status_code == 200


def test_a_new_invitation_replaces_an_unused_one_and_none_can_follow_a_join(app, client):
    first = Applicant(client).start()
    fill(first, {"household": COUPLE_PART_I["household"]})
    _, lost = make_invitation(first)
    reference, newer = make_invitation(first)
    assert Applicant(app.test_client()).resume(reference, lost).status_code == 400  # the lost paper opens nothing
    partner = join_with_invitation(Applicant(app.test_client()), reference, newer)
    # Used once, the invitation is dead; the partner's own code works.
    assert Applicant(app.test_client()).resume(reference, newer).status_code == 400
    assert Applicant(app.test_client()).resume(reference, partner.code).location.endswith("/sv/tasks")
    # Adult 1 can no longer make an invitation: the page says so and a POST changes nothing.
    page = first.get("partner").get_data(as_text=True)
    assert "Du kan inte ge hen en ny" in page
    assert first.post_form("partner", page_path="tasks").status_code == 200
    assert Applicant(app.test_client()).resume(reference, partner.code).location.endswith("/sv/tasks")


# --- Resuming ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda s: s, id="as-shown"),
        pytest.param(str.lower, id="lower-case"),
        pytest.param(lambda s: s.replace("-", ""), id="without-dashes"),
        pytest.param(lambda s: " " + s.lower().replace("-", " ") + " ", id="lower-with-spaces"),
    ],
)
def test_resume_accepts_what_people_type(app, client, typed):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})
    later = Applicant(app.test_client())
    assert later.get("tasks").location.endswith("/sv/resume")
    response = later.resume(typed(person.reference), typed(person.code))
    assert response.status_code == 302
    assert response.location.endswith("/sv/tasks")
    assert later.get("tasks").status_code == 200
    assert 'value="with_partner"' in later.get("q/household").get_data(as_text=True)


def test_wrong_codes_slow_the_guesser_but_never_lock_out_the_owner(app, client):
    person = Applicant(client).start()
    stranger = Applicant(app.test_client()).from_address("203.0.113.7")
    wrong = "ACDE-FGHJ-KMNP" if person.code != "ACDE-FGHJ-KMNP" else "ZZZZ-ZZZZ-ZZZZ"
    first_try = stranger.resume(person.reference, wrong)
    assert first_try.status_code == 400
    assert "Vi hittade ingen ansökan" in first_try.get_data(as_text=True)
    for _ in range(4):
        assert stranger.resume(person.reference, wrong).status_code == 400

    # The guesser is held back now, even with the right code, and told exactly what a wrong code is told.
    held = stranger.resume(person.reference, person.code)
    assert held.status_code == 400
    assert held.get_data(as_text=True).count("Vi hittade ingen ansökan") == first_try.get_data(as_text=True).count(
        "Vi hittade ingen ansökan"
    )
    assert stranger.get("tasks").location.endswith("/sv/resume")
    # The owner, on their own connection, gets in at once.
    owner = Applicant(app.test_client()).from_address("198.51.100.20")
    assert owner.resume(person.reference, person.code).location.endswith("/sv/tasks")


def test_an_unknown_reference_and_an_empty_form_are_refused(client):
    stranger = Applicant(client)
    assert "Vi hittade ingen ansökan" in stranger.resume("X-AAAAAA", "ACDE-FGHJ-KMNP").get_data(as_text=True)
    empty = stranger.resume("", "")
    assert empty.status_code == 400
    assert "Skriv ditt ärendenummer och din kod" in empty.get_data(as_text=True)


def test_save_and_come_back_later(app, client):
    person = Applicant(client).start()
    # Required answers are missing on purpose: leaving keeps what is there without asking for the rest.
    response = person.answer("household", {"children_count": "3"}, action="save_exit")
    assert response.status_code == 302
    assert response.location.endswith("/sv/saved")
    assert person.reference in person.get("saved").get_data(as_text=True)
    assert person.get("tasks").location.endswith("/sv/resume")

    later = Applicant(app.test_client())
    later.resume(person.reference, person.code)
    assert stored_answers(app, person.reference, "I") == {"children_count": 3}
    page = later.get("q/household").get_data(as_text=True)
    assert 'value="3"' in page
    assert "Påbörjad" in later.get("tasks").get_data(as_text=True)  # not done: the required answers are missing


def test_save_and_exit_from_the_task_list(app, client):
    person = Applicant(client).start()
    response = person.post_form("save-and-exit", page_path="tasks")
    assert response.status_code == 302
    assert response.location.endswith("/sv/saved")
    assert person.get("tasks").location.endswith("/sv/resume")


# --- Two tabs ---------------------------------------------------------------------------------------------------


def test_a_stale_tab_does_not_overwrite_a_newer_save(app, client):
    person = Applicant(client).start()
    fill(person, {"assets": {"bank_balance": "100", "owns_car": "no", "owns_property": "no"}})
    tab_one = person.get("q/assets").get_data(as_text=True)
    tab_two = person.get("q/assets").get_data(as_text=True)
    assert VERSION.search(tab_one).group(1) == VERSION.search(tab_two).group(1)

    def save_from(html: str, balance: str):
        return client.post(
            "/sv/q/assets",
            data={
                "csrf_token": token(html),
                "version": VERSION.search(html).group(1),
                "bank_balance": balance,
                "owns_car": "no",
                "owns_property": "no",
                "action": "continue",
            },
        )

    assert save_from(tab_one, "200").status_code == 302
    conflict = save_from(tab_two, "300")
    assert conflict.status_code == 409
    html = conflict.get_data(as_text=True)
    assert "Dina svar ändrades i ett annat fönster" in html
    assert 'value="300"' in html  # what the person typed in this tab is still there to check
    assert stored_answers(app, person.reference, "I")["bank_balance"] == 200

    assert save_from(html, "300").status_code == 302  # the re-rendered page carries the new version
    assert stored_answers(app, person.reference, "I")["bank_balance"] == 300


def test_two_tabs_on_different_pages_both_save(app, client):
    """The version a page carries is that of its own answers: saving another page in between is no conflict."""
    person = Applicant(client).start()
    assets_tab = person.get("q/assets").get_data(as_text=True)
    housing_tab = person.get("q/housing").get_data(as_text=True)

    def save(html: str, page_id: str, data: dict):
        return client.post(
            f"/sv/q/{page_id}",
            data={"csrf_token": token(html), "version": VERSION.search(html).group(1), "action": "continue", **data},
        )

    assert save(housing_tab, "housing", SINGLE_PART_I["housing"]).status_code == 302
    assert save(assets_tab, "assets", SINGLE_PART_I["assets"]).status_code == 302
    stored = stored_answers(app, person.reference, "I")
    assert stored["rent"] == 6500
    assert stored["bank_balance"] == 150


def test_a_save_that_races_another_pages_save_is_retried(app, client, monkeypatch):
    """Another request saves a different page between this save's read and its write. In SQLite the row's version
    column catches it, and this save is read again and goes through, because its own page did not change. In
    PostgreSQL the row is locked from the read, so the other save waits for this one and then goes through."""
    import threading

    from eservice import drafts
    from eservice.models import Adult, Household

    person = Applicant(client).start()
    part = INSTRUMENT.part("I")
    ids = {page_id: [q.id for q in INSTRUMENT.locate_page(page_id)[2].questions] for page_id in ("assets", "housing")}
    housing = {"housing_type": "rent_first_hand", "rent": 6500, "landlord": "Bo AB"}
    locking = app.extensions["db_engine"].dialect.name == "postgresql"
    other: list[threading.Thread] = []
    with app.app_context(), db(app) as slow, db(app) as fast:

        def adult(session):
            household = session.scalars(select(Household).where(Household.reference == person.reference)).one()
            return session.scalars(select(Adult).where(Adult.household_id == household.id)).one()

        real_prune, reads = drafts.prune, []
        fast_adult = adult(fast)

        def the_other_save():
            with app.app_context():
                drafts.save_page(fast, fast_adult, part, "housing", housing, ids["housing"], None)

        def prune_with_a_race(*args):  # runs in save_page between its read and its commit
            if args[0] is not part:
                return real_prune(*args)  # part II, pruned after a part I save
            reads.append(args[1])
            if len(reads) == 1:
                if locking:  # it must wait for the lock: run it beside this save
                    other.append(threading.Thread(target=the_other_save))
                    other[0].start()
                else:
                    the_other_save()
            return real_prune(*args)

        monkeypatch.setattr(drafts, "prune", prune_with_a_race)
        seen = drafts.page_version({}, ids["assets"])
        drafts.save_page(slow, adult(slow), part, "assets", {"bank_balance": 150}, ids["assets"], seen)
        for thread in other:
            thread.join(timeout=30)
            assert not thread.is_alive(), "the other save never got the row"
    if not locking:
        assert len(reads) == 3, "the slow save was not tried twice"  # slow, fast, slow again
    stored = stored_answers(app, person.reference, "I")
    assert stored["rent"] == 6500
    assert stored["bank_balance"] == 150


# --- What is stored ---------------------------------------------------------------------------------------------


def test_changing_part_one_drops_part_two_answers_that_no_longer_apply(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app)
    children = {k: part_two_with_children("x")[k] for k in ("children_everyday", "children_wellbeing")}
    fill(first, children)
    fill(partner, children)
    assert "children_ages" in stored_answers(app, first.reference, "II", 2)

    fill(first, {"household": {**COUPLE_PART_I["household"], "children_count": "0"}})
    for position in (1, 2):
        kept = stored_answers(app, first.reference, "II", position)
        assert not {"children_ages", "children_school", "children_live", "custody", "children_health"} & set(kept)
    assert first.get("q/children_everyday").location.endswith("/sv/tasks")


def test_changing_an_answer_drops_its_follow_ups(app, client):
    person = Applicant(client).start()
    fill(person, {"housing": SINGLE_PART_I["housing"]})
    assert {"rent", "landlord"} <= set(stored_answers(app, person.reference, "I"))
    fill(person, {"housing": {"housing_type": "own_house", "rent": "6500", "landlord": "Anna"}})
    assert stored_answers(app, person.reference, "I") == {"housing_type": "own_house"}


def test_free_text_keeps_its_language_and_the_words_as_typed(app, client):
    """What looks like markup is kept as the person typed it (trimmed, newlines normalised) and escaped on output."""
    person = Applicant(client).start()
    fill(
        person,
        {
            "done_already": {
                "done_already": ["other"],
                "done_other": "<script>x</script>Hej",
                "obstacles": "  Jag har  ont i ryggen & kan inte lyfta.\r\nTack  ",
            }
        },
    )
    answers = stored_answers(app, person.reference, "I")
    assert answers["done_other"] == {"text": "<script>x</script>Hej", "lang": "sv"}
    assert answers["obstacles"] == {"text": "Jag har  ont i ryggen & kan inte lyfta.\nTack", "lang": "sv"}
    check = person.get("check").get_data(as_text=True)
    assert "<script" not in check.split("<main")[1]
    assert "&lt;script&gt;x&lt;/script&gt;Hej" in check
    assert "ont i ryggen &amp; kan inte lyfta" in check


def test_option_codes_are_stored_not_labels(app, client):
    person = Applicant(client).start()
    fill(
        person,
        {
            "occupation": {"occupation": "sick_listed", "sick_leave_extent": "partly", "af_registered": "no"},
            "reason": {"reason": ["waiting", "unemployed"]},
        },
    )
    answers = stored_answers(app, person.reference, "I")
    assert answers["occupation"] == "sick_listed"
    assert answers["sick_leave_extent"] == "partly"
    assert answers["reason"] == ["unemployed", "waiting"]  # in the definition's order, whatever the form sent
    check = person.get("check").get_data(as_text=True)
    assert "Jag är sjukskriven" in check
    assert "Delvis" in check


def test_numbers_are_stored_as_numbers(app, client):
    person = Applicant(client).start()
    fill(person, {"housing": {"housing_type": "rent_first_hand", "rent": "6 500 kr", "landlord": "Anna"}})
    assert stored_answers(app, person.reference, "I")["rent"] == 6500
