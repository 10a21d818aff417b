"""What submitting means is the municipality's setting, and every page that speaks of it says exactly that."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_time
from sqlalchemy import update

from eservice import create_app
from eservice.config import env_flag
from eservice.models import Submission
from eservice.municipality import format_opening_hours, parse_opening_hours, phone_href

from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, db, fill, production_settings

APPLICATION = "Det här är din ansökan. Den räknas från dagen du skickar in."
NOT_AN_APPLICATION = (
    'Det här är inte en ansökan. För att ansöka, ring Ankeborg på <a href="tel:081234500">08-123 45 00</a> '
    "(måndag–torsdag 08:30–12:00 och 13:00–16:00 och fredag 08:30–12:00)."
)
PREPARE = "Förbered ditt möte om ekonomiskt bistånd"
APPLY = "Ansök om ekonomiskt bistånd"


@pytest.fixture
def ankeborg(app):
    app.config.update(
        MUNICIPALITY_NAME="Ankeborg",
        MUNICIPALITY_PHONE="08-123 45 00",
        MUNICIPALITY_OPENING_HOURS="mon-thu 08:30-12:00 13:00-16:00; fri 08:30-12:00",
    )
    return app


def submitted(client, lang: str = "sv") -> Applicant:
    person = Applicant(client, lang=lang).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    assert person.submit().status_code == 302
    return person


def received_at(app, moment: datetime) -> None:
    """Set when the submission arrived (a Core UPDATE: the ORM refuses to change a submission, rightly)."""
    with db(app) as session:
        session.execute(update(Submission).values(submitted_at=moment))
        session.commit()


def test_preparation_is_the_default_and_says_how_to_apply(ankeborg, client):
    assert ankeborg.config["SUBMIT_IS_APPLICATION"] is False
    start = client.get("/sv/").get_data(as_text=True)
    assert f"<h1>{PREPARE}</h1>" in start
    assert f"<title>Start – {PREPARE}</title>" in start
    assert f'class="service-name" href="/sv/">{PREPARE}</a>' in start
    assert NOT_AN_APPLICATION in start
    assert APPLY not in start
    assert APPLICATION not in start

    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    check = person.get("check").get_data(as_text=True)
    assert NOT_AN_APPLICATION in check
    assert "Skicka in dina svar</h2>" in check
    assert ">Det jag har skrivit är sant så långt jag vet.</label>" in check
    assert '<button class="button" type="submit">Skicka in</button>' in check
    assert "ansöker" not in check

    assert person.submit().location.endswith("/sv/done")
    done = person.get("done").get_data(as_text=True)
    assert "<h1>Dina svar är inskickade</h1>" in done
    assert "Vi fick dina svar " in done
    assert NOT_AN_APPLICATION in done
    assert "Då kan du ansöka och få en tid för ett möte." in done
    assert "Din ansökan" not in done


def test_application_mode_says_the_answers_are_the_application_dated_the_day_sent(ankeborg, client):
    ankeborg.config["SUBMIT_IS_APPLICATION"] = True
    start = client.get("/sv/").get_data(as_text=True)
    assert f"<h1>{APPLY}</h1>" in start
    assert f"<title>Start – {APPLY}</title>" in start
    assert APPLICATION in start
    assert "Du skickar in svaren. Då har du ansökt." in start
    assert PREPARE not in start
    assert "inte en ansökan" not in start

    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    check = person.get("check").get_data(as_text=True)
    assert APPLICATION in check
    assert "Skicka in din ansökan</h2>" in check
    assert ">Jag ansöker om ekonomiskt bistånd. Det jag har skrivit är sant så långt jag vet.</label>" in check
    assert '<button class="button" type="submit">Skicka in ansökan</button>' in check

    assert person.submit().location.endswith("/sv/done")
    done = person.get("done").get_data(as_text=True)
    assert "<h1>Din ansökan är inskickad</h1>" in done
    assert "<title>Din ansökan är inskickad – Ansök om ekonomiskt bistånd</title>" in done
    assert "Vi fick din ansökan " in done
    assert "Din ansökan räknas från den dag vi fick den." in done
    # They said a caseworker may call or text them (SINGLE_PART_II): so the caseworker will.
    assert "En socialsekreterare hör av sig till dig på det sätt du har valt." in done
    assert "Säg ditt ärendenummer." not in done
    assert "inte en ansökan" not in done


def test_a_person_who_said_no_way_is_safe_is_asked_to_call_not_promised_a_call(ankeborg, client):
    ankeborg.config["SUBMIT_IS_APPLICATION"] = True
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, {**SINGLE_PART_II, "contact": {"safe_contact": ["i_contact_you"]}})
    assert person.submit().location.endswith("/sv/done")
    done = person.get("done").get_data(as_text=True)
    assert (
        'Ring Ankeborg på <a href="tel:081234500">08-123 45 00</a> (måndag–torsdag 08:30–12:00 och 13:00–16:00 och '
        "fredag 08:30–12:00). Säg ditt ärendenummer. Då får du en tid för ett möte."
    ) in done
    assert "på det sätt du har valt" not in done


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 1, 15, 13, 5, tzinfo=UTC), "15 januari 2026 klockan 14:05"),  # CET, UTC+1
        (datetime(2026, 6, 30, 22, 30, tzinfo=UTC), "1 juli 2026 klockan 00:30"),  # CEST, UTC+2: the next day
    ],
)
def test_the_confirmation_shows_when_the_answers_arrived_in_swedish_time(app, client, moment, shown):
    submitted(client)
    received_at(app, moment)
    done = client.get("/sv/done").get_data(as_text=True)
    assert f"Vi fick dina svar {shown}." in done
    assert f'<time datetime="{moment.isoformat()}">' in done


def test_the_time_is_written_as_the_readers_language_writes_it(app, client):
    submitted(client, lang="en")
    moment = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)
    received_at(app, moment)
    stockholm = moment.astimezone(ZoneInfo("Europe/Stockholm"))
    expected_date = format_date(stockholm, "long", locale="en")
    expected_time = format_time(stockholm, "short", locale="en")
    assert (expected_date, expected_time) == ("January 15, 2026", "2:05\u202fPM")
    done = client.get("/en/done").get_data(as_text=True)
    assert f"We received your answers on {expected_date} at {expected_time}." in done


def test_the_service_name_follows_the_setting_on_every_page(app, client):
    for setting, name in ((False, PREPARE), (True, APPLY)):
        app.config["SUBMIT_IS_APPLICATION"] = setting
        for path in ("/sv/glossary", "/sv/resume", "/sv/no-such-page"):
            html = client.get(path).get_data(as_text=True)
            assert f"– {name}</title>" in html, (path, setting)
            assert f">{name}</a>" in html, (path, setting)


def test_opening_hours_are_data_shown_in_each_language():
    hours = parse_opening_hours("Mon-Fri 09:00-16:00; sat 10:00-12:00")
    assert format_opening_hours(hours, "sv") == "måndag–fredag 09:00–16:00 och lördag 10:00–12:00"
    thin = "\u2009"  # CLDR's English interval has thin spaces around the dash
    assert (
        format_opening_hours(hours, "en")
        == f"Monday–Friday 09:00{thin}–{thin}16:00 and Saturday 10:00{thin}–{thin}12:00"
    )
    assert format_opening_hours(hours, "uk") == "понеділок–пʼятниця 09:00–16:00 і субота 10:00–12:00"
    assert format_opening_hours(hours, "ar").startswith("الاثنين–الجمعة 09:00–16:00")
    assert format_opening_hours(parse_opening_hours("wed 9:00-11:30"), "sv") == "onsdag 09:00–11:30"


@pytest.mark.parametrize(
    "spec", ["", "måndag till fredag 9-16", "mon-fri 9-16", "fri-mon 09:00-16:00", "mon 16:00-09:00", "mon 25:00-26:00"]
)
def test_hours_that_cannot_be_read_stop_the_service(spec):
    with pytest.raises(ValueError, match="MUNICIPALITY_OPENING_HOURS"):
        parse_opening_hours(spec)
    with pytest.raises(ValueError, match="MUNICIPALITY_OPENING_HOURS"):
        create_app("test", MUNICIPALITY_OPENING_HOURS=spec)


def test_the_phone_link_dials_the_number_as_written():
    assert phone_href("08-123 45 00") == "tel:081234500"
    assert phone_href("+46 (0)8 123 45") == "tel:+460812345"
    assert phone_href("020-12 34 56 (växel)") == "tel:020123456"


@pytest.mark.parametrize(
    ("value", "expected"), [("", False), ("true", True), ("Yes", True), ("0", False), ("off", False)]
)
def test_the_setting_is_a_plain_yes_or_no(monkeypatch, value, expected):
    monkeypatch.setenv("SUBMIT_IS_APPLICATION", value)
    assert env_flag("SUBMIT_IS_APPLICATION", default=False) is expected


def test_a_setting_that_is_neither_yes_nor_no_stops_the_service(monkeypatch):
    monkeypatch.setenv("SUBMIT_IS_APPLICATION", "maybe")
    with pytest.raises(RuntimeError, match="SUBMIT_IS_APPLICATION"):
        env_flag("SUBMIT_IS_APPLICATION", default=False)


def test_production_needs_the_municipality_to_say_what_submitting_means(monkeypatch):
    from eservice.config import ProductionConfig

    unset = dict.fromkeys(("MUNICIPALITY_PHONE", "MUNICIPALITY_OPENING_HOURS", "SUBMIT_IS_APPLICATION"))
    production_settings(monkeypatch, MUNICIPALITY_NAME="Ankeborg", **unset)
    with pytest.raises(RuntimeError, match="MUNICIPALITY_PHONE, MUNICIPALITY_OPENING_HOURS, SUBMIT_IS_APPLICATION"):
        ProductionConfig.check()
