"""The security review's findings, each replayed against the service: every test here failed before its fix.

Numbers refer to the findings of the review (issue "Safety and privacy"): 1 the partner's privacy, 2 guessing limits,
3 sessions that end, 5 submitted means frozen, 6 part II sealed at rest, 7 text kept as typed, 10 retention.
"""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import select, text

from eservice import drafts, throttle
from eservice.models import Adult, Household

from .helpers import (
    CODE,
    COUPLE_PART_I,
    SINGLE_PART_I,
    SINGLE_PART_II,
    Applicant,
    db,
    fill,
    invite_partner,
    join_with_invitation,
    make_invitation,
    part_two_with_children,
    production_settings,
    stored_answers,
)

SECRET = "HEMLIGT-PARTNER"


def all_at_once(app, works: list) -> list:
    """Run each work(session) in its own thread, released together, each with its own database session. SQLite
    answers "database is locked" to writers that wait too long: those try again, as a person's browser would."""
    from sqlalchemy.exc import OperationalError

    results: list = []
    barrier = threading.Barrier(len(works))

    def run(work) -> None:
        with app.app_context(), db(app) as session:
            barrier.wait()
            for _ in range(20):
                try:
                    results.append(work(session))
                    return
                except OperationalError:
                    session.rollback()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def couple(app, client) -> tuple[Applicant, Applicant]:
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    partner = invite_partner(first, app.test_client())
    return first, partner


# 1. Each adult's part II is theirs alone -------------------------------------------------------------------------


def test_adult_one_cannot_get_a_credential_that_opens_the_partners_answers(app, client):
    first, partner = couple(app, client)
    fill(partner, {"network": {"network_support": "one", "network_details": f"{SECRET} nätverk"}})

    # The review's steps: ask for a new partner code, sign in with it. Now there is no code to be had.
    response = first.post_form("partner", page_path="tasks")
    assert response.status_code == 200  # the page again, with no new invitation
    assert CODE.search(response.get_data(as_text=True)) is None
    assert first.get("partner/invitation").location.endswith("/sv/partner")
    assert "Du kan inte ge hen en ny" in first.get("partner").get_data(as_text=True)
    # The partner's own code still works, and it was never shown to adult 1.
    again = Applicant(app.test_client())
    assert again.resume(partner.reference, partner.code).location.endswith("/sv/tasks")
    for path in ("tasks", "check", "partner"):
        assert SECRET not in first.get(path).get_data(as_text=True)


def test_the_invitation_opens_nothing_once_exchanged_and_adult_one_never_sees_the_partners_code(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    reference, invitation = make_invitation(first)
    partner = join_with_invitation(Applicant(app.test_client()), reference, invitation)
    fill(partner, {"network": {"network_support": "one", "network_details": f"{SECRET} nätverk"}})
    # Adult 1 kept the invitation: it is dead now.
    stale = Applicant(app.test_client())
    assert stale.resume(reference, invitation).status_code == 400
    assert stale.get("tasks").location.endswith("/sv/resume")
    # Everything adult 1's browser was ever shown: the partner's own code is on none of it.
    for path in ("tasks", "partner", "check"):
        assert partner.code not in first.get(path).get_data(as_text=True)


def test_a_reload_shows_the_same_invitation_and_never_replaces_it(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    reference, invitation = make_invitation(first)
    for _ in range(3):
        html = first.get("partner/invitation").get_data(as_text=True)
        assert CODE.search(html).group(1) == invitation
    partner = join_with_invitation(Applicant(app.test_client()), reference, invitation)
    assert partner.get("tasks").status_code == 200


def test_the_partners_first_page_says_who_invited_them_and_that_their_answers_are_private(app, client):
    first = Applicant(client).start()
    fill(first, COUPLE_PART_I)
    reference, invitation = make_invitation(first)
    partner = Applicant(app.test_client())
    partner.resume(reference, invitation)
    html = partner.get("your-code").get_data(as_text=True)
    assert "har börjat en ansökan om ekonomiskt bistånd för er familj" in html
    assert "Dina svar är bara dina. Hen kan inte se dem." in html


# 3. Sessions that end --------------------------------------------------------------------------------------------


def _copy_cookies(source, target) -> None:
    for cookie in source.client._cookies.values():
        target.client.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def test_signing_out_ends_every_copy_of_the_session(app, client):
    person = Applicant(client).start()
    copy = Applicant(app.test_client())
    _copy_cookies(person, copy)
    assert copy.get("tasks").status_code == 200  # a copied cookie works while the session lives...
    person.post_form("save-and-exit", page_path="tasks")
    assert copy.get("tasks").location.endswith("/sv/resume")  # ...and not a moment after signing out
    assert person.get("tasks").location.endswith("/sv/resume")


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_quick_exit_ends_every_session_of_that_adult(app, client, method):
    person = Applicant(client).start()
    other_device = Applicant(app.test_client())
    other_device.resume(person.reference, person.code)
    assert other_device.get("tasks").status_code == 200
    response = getattr(client, method)("/sv/exit")
    if method == "get":
        assert response.status_code == 302
        assert response.location == app.config["QUICK_EXIT_URL"]
    else:
        assert response.status_code == 204  # the beacon the script sends before it leaves
    assert person.get("tasks").location.endswith("/sv/resume")
    assert other_device.get("tasks").location.endswith("/sv/resume")


def test_the_cookie_holds_nothing_but_a_random_token(app, client):
    person = Applicant(client)
    person.post_form("new", page_path="")
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    html = person.get("your-code").get_data(as_text=True)
    code = CODE.search(html).group(1)
    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", cookie.value), cookie.value
    assert "." not in cookie.value  # not a signed payload
    assert code.replace("-", "") not in cookie.value.upper().replace("-", "")
    # The table keeps only a hash of the token.
    with db(app) as session:
        stored = session.execute(text("SELECT token_hash FROM web_session")).scalars().all()
    assert cookie.value not in stored


def test_a_new_session_token_at_sign_in(app, client):
    client.get("/sv/")  # a session exists before signing in (for the form's token)
    before = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    person = Applicant(client).start()
    assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value != before
    assert person.get("tasks").status_code == 200


def test_a_session_past_its_lifetime_is_refused_by_the_server(app, client):
    person = Applicant(client).start()
    with db(app) as session:
        session.execute(text("UPDATE web_session SET expires_at = :t"), {"t": "2000-01-01 00:00:00+00:00"})
        session.commit()
    assert person.get("tasks").location.endswith("/sv/resume")


# 2. Guessing limits ----------------------------------------------------------------------------------------------


def _wrong(code: str) -> str:
    return "ACDE-FGHJ-KMNP" if code != "ACDE-FGHJ-KMNP" else "ZZZZ-ZZZZ-ZZZZ"


def test_the_same_answer_and_the_same_work_for_every_failure(app, client, monkeypatch):
    """Unknown reference, one adult, two adults, held back: one message, and the same number of hashes checked."""
    from eservice import credentials

    single = Applicant(app.test_client()).start()
    first, _partner = couple(app, app.test_client())
    checks: list[int] = []
    real = credentials.code_matches

    def counting(code, code_hash):
        checks[-1] += 1
        return real(code, code_hash)

    monkeypatch.setattr(credentials, "code_matches", counting)
    bodies = []
    guesser = Applicant(app.test_client()).from_address("192.0.2.50")
    cases = [("X-AAAAAA", "unknown"), (single.reference, "one adult"), (first.reference, "two adults")]
    cases += [(first.reference, "held back")] * 6
    for reference, _why in cases:
        checks.append(0)
        response = guesser.resume(reference, _wrong(first.code))
        assert response.status_code == 400
        bodies.append(re.sub(r'value="[^"]*"', "", response.get_data(as_text=True)))
    assert set(checks) == {drafts.CHECKS_PER_ATTEMPT}, checks
    assert len(set(bodies)) == 1, "the answers differ between kinds of failure"


@pytest.mark.parametrize("free", [5])
def test_parallel_attempts_cannot_slip_past_the_count(app, free):
    """Twenty attempts at once: exactly the free ones go through, because counting and deciding are one UPDATE."""
    limit = throttle.Limit(free=free, base=60, cap=60, window=3600)
    results = all_at_once(app, [lambda session: throttle.take(session, "ref:X-PARALLEL", limit)] * 20)
    assert len(results) == 20
    assert results.count(True) == free


def test_delays_grow_then_the_right_code_passes_again(app):
    limit = throttle.Limit(free=2, base=10, cap=40, window=3600)
    with app.app_context(), db(app) as session:
        now = 1_000_000.0
        assert throttle.take(session, "k", limit, now)
        assert throttle.take(session, "k", limit, now)  # the second sets the first delay
        assert not throttle.take(session, "k", limit, now + 9)
        assert throttle.take(session, "k", limit, now + 10)  # delay doubles to 20
        assert not throttle.take(session, "k", limit, now + 29)
        assert throttle.take(session, "k", limit, now + 30)  # then 40, the cap
        assert throttle.take(session, "k", limit, now + 70)
        assert not throttle.take(session, "k", limit, now + 109)
        assert throttle.take(session, "k", limit, now + 110)  # capped: 40 again, never a lock
        assert throttle.take(session, "k", limit, now + 110 + 3601)  # a quiet window starts afresh


def test_creating_households_is_limited_per_client(app):
    app.config["NEW_HOUSEHOLD_LIMIT_PER_CLIENT"] = throttle.Limit(free=3, base=60, cap=60, window=3600)
    busy = Applicant(app.test_client()).from_address("192.0.2.99")
    codes = [busy.post_form("new", page_path="").status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert "Vänta en stund" in busy.post_form("new", page_path="").get_data(as_text=True)
    elsewhere = Applicant(app.test_client()).from_address("192.0.2.100")
    assert elsewhere.post_form("new", page_path="").status_code == 302


# 5. Submitted means frozen --------------------------------------------------------------------------------------


def test_changing_part_one_after_the_partner_submitted_changes_nothing_they_sent(app, client):
    first, partner = couple(app, client)
    fill(partner, part_two_with_children(SECRET))
    assert partner.submit().location.endswith("/sv/done")
    before = partner.get("check").get_data(as_text=True)
    assert f"{SECRET} barnen" in before

    fill(first, {"household": {**COUPLE_PART_I["household"], "children_count": "0"}})  # 2 -> 0 children

    after = partner.get("check").get_data(as_text=True)
    assert f"{SECRET} barnen" in after
    assert stored_answers(app, first.reference, "II", 2)["children_needs"]["text"] == f"{SECRET} barnen"


# 6. Part II sealed at rest --------------------------------------------------------------------------------------


def test_no_part_two_answer_is_stored_in_plain_text(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(
        person,
        {**SINGLE_PART_II, "job_search": {"wanted_work": f"{SECRET} önskejobb", "job_search_hard": ["language"]}},
    )
    person.submit()
    with db(app) as session:
        for table in ("answer_set", "submission"):
            dump = repr(session.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608  (fixed table names)
            assert SECRET not in dump, table
            assert "violence" not in dump, f"{table}: even which part II questions were answered shows"
        plain = session.execute(text("SELECT answers FROM answer_set WHERE part = 'II'")).scalars().all()
        keys = session.execute(text("SELECT key_id FROM answer_set WHERE part = 'II'")).scalars().all()
        frozen = session.execute(text("SELECT part2 FROM submission")).scalars().all()
    assert plain == [None]
    assert frozen == [None]
    assert keys == ["test1"]
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        app.extensions["db_engine"].dispose()
        raw = open(url.removeprefix("sqlite:///"), "rb").read()  # noqa: SIM115
        assert SECRET.encode() not in raw
        assert "önskejobb".encode() not in raw


def test_a_ciphertext_moved_to_another_adult_does_not_open(app, client):
    from cryptography.exceptions import InvalidTag

    _first, partner = couple(app, client)
    fill(partner, {"network": {"network_support": "one", "network_details": f"{SECRET} nätverk"}})
    with app.app_context(), db(app) as session:
        rows = session.execute(text("SELECT id, sealed_answers FROM answer_set WHERE part = 'II'")).all()
        a, b = rows
        session.execute(text("UPDATE answer_set SET sealed_answers = :s WHERE id = :i"), {"s": b[1], "i": a[0]})
        session.commit()
    from eservice.models import AnswerSet

    with app.app_context(), db(app) as session:
        moved = session.get(AnswerSet, a[0])
        with pytest.raises(InvalidTag):
            moved.answers  # noqa: B018


def test_rotation_reseals_under_the_new_key_and_can_run_again(app, client):
    from eservice import sealing
    from eservice.cli import reseal

    person = Applicant(client).start()
    fill(person, {"education": SINGLE_PART_II["education"]})
    new_key = sealing.new_key_spec("test2")
    app.extensions["keyring"] = sealing.parse_keys(f"{new_key},{app.config['ANSWER_KEYS']}")
    with app.app_context(), db(app) as session:
        assert reseal(session, batch=1) == 1
        assert reseal(session, batch=1) == 0  # nothing left: a second run (after an interruption) is harmless
        assert session.execute(text("SELECT key_id FROM answer_set WHERE part='II'")).scalar_one() == "test2"
    # The old key can go now: the answers open with the new one alone.
    app.extensions["keyring"] = sealing.parse_keys(new_key)
    assert stored_answers(app, person.reference, "II")["education_level"] == "compulsory"
    assert person.get("q/education").status_code == 200


def test_production_refuses_to_start_without_a_key(monkeypatch):
    from eservice import create_app

    production_settings(monkeypatch, ANSWER_KEYS=None)
    with pytest.raises(RuntimeError, match="ANSWER_KEYS"):
        create_app("production")


def test_development_makes_a_key_and_a_database_only_its_owner_can_read(tmp_path, monkeypatch):
    import os
    import stat

    from eservice import sealing
    from eservice.db import prepare_sqlite_file

    spec = sealing.development_keys(tmp_path / "instance")
    assert sealing.parse_keys(spec).current == "dev1"
    assert stat.S_IMODE(os.stat(tmp_path / "instance" / "answer-keys").st_mode) == 0o600
    assert sealing.development_keys(tmp_path / "instance") == spec  # made once, then kept
    database = tmp_path / "instance" / "db.sqlite3"
    prepare_sqlite_file(f"sqlite:///{database}")
    assert stat.S_IMODE(os.stat(database).st_mode) == 0o600


# 7. Text kept as typed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Bo <!-- x --> AB", "Bo <!-- x --> AB"),
        ('<a href="x">Bo</a>', '<a href="x">Bo</a>'),
        ("5 &lt; 6 & 7 > 3", "5 &lt; 6 & 7 > 3"),
        ("  Bo\u0007 AB\r\n ", "Bo AB"),
        ("Cafe\u0301", "Café"),  # NFC
    ],
)
def test_free_text_is_kept_exactly_as_typed(app, client, typed, kept):
    person = Applicant(client).start()
    fill(person, {"housing": {"housing_type": "rent_second_hand", "rent": "6500", "landlord": typed}})
    assert stored_answers(app, person.reference, "I")["landlord"]["text"] == kept
    html = person.get("q/housing").get_data(as_text=True)
    assert "<!-- x -->" not in html  # escaped on output
    assert '<a href="x">' not in html


def test_zero_width_alone_is_no_answer_and_any_space_groups_thousands(app, client):
    person = Applicant(client).start()
    fill(person, {"housing": {"housing_type": "rent_second_hand", "rent": "6\u202f500", "landlord": "\u200b \u200b"}})
    stored = stored_answers(app, person.reference, "I")
    assert stored["rent"] == 6500
    assert "landlord" not in stored


def test_parallel_saves_of_different_pages_all_go_through(app, client):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})
    from eservice.instrument import INSTRUMENT

    part = INSTRUMENT.part("II")
    pages = {page_id: answers for page_id, answers in SINGLE_PART_II.items() if page_id != "job_search"}

    def save(page_id: str, answers: dict):
        def work(session):
            household = session.scalars(select(Household).where(Household.reference == person.reference)).one()
            adult = session.scalars(select(Adult).where(Adult.household_id == household.id)).one()
            ids = [q.id for q in INSTRUMENT.locate_page(page_id)[2].questions]
            return drafts.save_page(session, adult, part, page_id, answers, ids, drafts.page_version({}, ids))

        return work

    saved = all_at_once(app, [save(page_id, answers) for page_id, answers in pages.items()])
    assert len(saved) == len(pages), "a save failed (an exception in its thread)"
    stored = stored_answers(app, person.reference, "II")
    for answers in pages.values():
        for key, value in answers.items():
            assert stored[key] == value, key


# 10. Retention --------------------------------------------------------------------------------------------------


def test_the_deletion_date_is_told_and_drafts_past_it_are_purged(app, client):
    from datetime import timedelta

    from eservice.models import utcnow

    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})
    assert "Om du inte skickar in tar vi bort dina svar den" in person.get("tasks").get_data(as_text=True)
    person.post_form("save-and-exit", page_path="tasks")
    assert "Om du inte skickar in tar vi bort dina svar den" in client.get("/sv/saved").get_data(as_text=True)

    sent = Applicant(app.test_client()).start()
    fill(sent, SINGLE_PART_I)
    fill(sent, SINGLE_PART_II)
    sent.submit()

    with app.app_context(), db(app) as session:
        assert drafts.purge(session, utcnow() + timedelta(days=29)).drafts == 0
        done = drafts.purge(session, utcnow() + timedelta(days=31))
        assert done.drafts == 1
        references = set(session.scalars(select(Household.reference)))
    assert references == {sent.reference}  # what was sent stays until its case is closed


def test_a_closed_case_is_purged_after_its_time(app, client):
    from datetime import timedelta

    from eservice.models import utcnow

    sent = Applicant(client).start()
    fill(sent, SINGLE_PART_I)
    fill(sent, SINGLE_PART_II)
    sent.submit()
    with app.app_context(), db(app) as session:
        household = session.scalars(select(Household)).one()
        household.closed_at = utcnow() - timedelta(days=app.config["CASE_RETENTION_DAYS"] + 1)
        session.commit()
        assert drafts.purge(session).cases == 1
        assert session.scalars(select(Household)).all() == []


def test_two_purges_at_once_both_finish_and_delete_once(app, client):
    from datetime import timedelta

    from eservice.models import utcnow

    for _ in range(3):
        Applicant(app.test_client()).start()
    results = all_at_once(app, [lambda session: drafts.purge(session, utcnow() + timedelta(days=31))] * 2)
    assert len(results) == 2
    assert sum(r.drafts for r in results if r is not None) == 3
    with db(app) as session:
        assert session.scalars(select(Household)).all() == []


def test_an_applicant_deletes_their_own_draft_after_a_confirmation(app, client):
    person = Applicant(client).start()
    fill(person, {"household": SINGLE_PART_I["household"]})
    page = person.get("delete").get_data(as_text=True)
    assert "Det går inte att ångra" in page
    response = person.post_form("delete")
    assert response.location.endswith("/sv/deleted")
    assert "Ansökan är borttagen" in client.get("/sv/deleted").get_data(as_text=True)
    with db(app) as session:
        assert session.scalars(select(Household)).all() == []
    assert Applicant(app.test_client()).resume(person.reference, person.code).status_code == 400


def test_the_partner_deleting_removes_only_their_own_part(app, client):
    first, partner = couple(app, client)
    assert partner.post_form("delete").location.endswith("/sv/deleted")
    assert first.get("tasks").status_code == 200
    with db(app) as session:
        assert len(session.scalars(select(Adult)).all()) == 1


# 4. Parallel submits ---------------------------------------------------------------------------------------------


def test_ten_parallel_submits_of_one_draft_give_one_submission_and_no_error(app, client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    from .helpers import token

    csrf = token(person.get("check").get_data(as_text=True))
    statuses: list[int] = []
    barrier = threading.Barrier(10)

    def submit() -> None:
        twin = app.test_client()
        for cookie in client._cookies.values():
            twin.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
        barrier.wait()
        statuses.append(twin.post("/sv/submit", data={"csrf_token": csrf, "declaration": "y"}).status_code)

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [302] * 10, statuses
    with db(app) as session:
        assert session.execute(text("SELECT count(*) FROM submission")).scalar_one() == 1
