"""Exports of a case: JSON valid against the published schema, a PDF for the case file, both in the audit log."""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema
import pytest
from sqlalchemy import select

from eservice.cases.export import SCHEMA_FILE
from eservice.models import AuditEntry, Household, Status, Submission

from .helpers import db, sign_in_staff, submit_case, token
from .test_confirm_together import confirm, page_form


def submit_couple(app) -> str:
    from eservice import demo
    from eservice.db import db_session

    with app.test_request_context():
        household = demo.submitted_household(db_session(), {}, couple=True)
        household.unit = "north"
        db_session().commit()
        return household.id


def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_schema_is_published_at_a_stable_address(app, client):
    response = client.get("/api/schema/case-v1.json")
    assert response.status_code == 200
    assert response.json == schema()
    jsonschema.Draft202012Validator.check_schema(response.json)


def test_every_demo_case_exports_json_valid_against_the_schema(app, client):
    from eservice.demo import load_demo_data

    with app.app_context():
        load_demo_data()
    admin = app.test_client()
    sign_in_staff(admin, "administrator", "")
    with db(app) as session:
        case_ids = session.scalars(select(Household.id).where(Household.status == Status.SUBMITTED)).all()
    assert len(case_ids) >= 14
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    adults_seen, changed_seen = set(), False
    for case_id in case_ids:
        response = admin.get(f"/staff/cases/{case_id}/case.json")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
        data = response.json
        validator.validate(data)
        adults_seen.add(len(data["adults"]))
        changed_seen = changed_seen or any(a["changes"] for adult in data["adults"] for a in adult["answers"])
    assert adults_seen == {1, 2}  # the demo has couples as well as single adults
    assert changed_seen  # and a held meeting with a changed answer


def test_the_json_keeps_the_original_beside_the_change_and_each_adult_apart(app, client):
    case_id = submit_couple(app)
    sign_in_staff(client, name="Maja Handläggare")
    path, data = page_form(client, case_id, "occupation")
    client.post(path, data={**data, "occupation": "studies", "af_registered": "yes"})
    confirm(client, case_id, "education", position=2)
    html = client.get(f"/staff/cases/{case_id}").get_data(as_text=True)
    client.post(
        f"/staff/cases/{case_id}/need-group",
        data={"csrf_token": token(html), "position": "2", "group": "rh3", "agreed": "yes"},
    )
    data = client.get(f"/staff/cases/{case_id}/case.json").json
    first, second = data["adults"]
    occupation = next(a for a in first["answers"] if a["question"] == "occupation")
    assert (occupation["value"], occupation["original"]) == ("studies", "job_seeker")
    assert occupation["changes"][0]["by"] == "Maja Handläggare"
    assert {a["part"] for a in first["answers"]} == {"I", "II"}
    assert {a["part"] for a in second["answers"]} == {"II"}  # part I is with adult 1
    names = {a["question"]: a["value"] for a in second["answers"]}
    assert names["full_name"] == {"text": "Karim Haddad", "lang": "sv"}
    assert names["previous_jobs"] == {"text": "سائق حافلة في حلب", "lang": "ar"}  # verbatim, with its language
    assert second["confirmed_sections"][0]["section"] == "education"
    assert second["need_groups"][0]["group"] == "rh3"
    assert first["need_groups"] == []


def test_the_pdf_for_the_case_file_holds_both_adults_in_swedish(app, client, tmp_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) reads the PDF back, as in the other PDF tests"
    case_id = submit_couple(app)
    sign_in_staff(client, name="Maja Handläggare")
    path, data = page_form(client, case_id, "occupation")
    client.post(path, data={**data, "occupation": "studies", "af_registered": "yes"})
    response = client.get(f"/staff/cases/{case_id}/case.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Vuxen 1" in flat
    assert "Vuxen 2" in flat
    assert "Amal Haddad" in flat
    assert "Karim Haddad" in flat
    assert "Den sökandes svar: Jag söker arbete" in flat
    assert "Maja Handläggare ändrade" in flat
    assert "Kock på en restaurang i Aleppo i tre år." in flat


@pytest.mark.parametrize("kind", ["case.json", "case.pdf"])
def test_every_export_is_in_the_audit_log_and_another_unit_gets_none(app, client, kind):
    case_id, _ = submit_case(app)
    sign_in_staff(client)
    assert client.get(f"/staff/cases/{case_id}/{kind}").status_code == 200
    with db(app) as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.household_id == case_id)).all()
    assert actions == ["export"]
    south = app.test_client()
    sign_in_staff(south, unit="south", subject="south-worker")
    assert south.get(f"/staff/cases/{case_id}/{kind}").status_code == 404


def test_two_adults_submitted_in_the_couple_helper(app):
    case_id = submit_couple(app)
    with db(app) as session:
        assert len(session.scalars(select(Submission).where(Submission.household_id == case_id)).all()) == 2


def test_plans_and_evaluations_are_in_both_exports(app, client, tmp_path):
    from .test_plans import a_case_with_a_plan_page, evaluate, sign_plan, today

    case_id, path = a_case_with_a_plan_page(app, client)
    sign_plan(client, path, today())
    _where, _page, response = evaluate(client, case_id, path, "new_plan")
    assert response.status_code == 302
    data = client.get(f"/staff/cases/{case_id}/case.json").json
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)
    first, second = data["adults"][0]["plans"]
    assert (first["number"], second["number"]) == (1, 2)
    assert first["signed_off_by"] == "Maja Handläggare"
    assert second["signed_off_at"] is None  # the new plan is a draft, filled in from the first
    summary = first["answers"][0]
    assert (summary["question"], summary["number"], summary["changes"]) == ("plan_summary", "3.1", [])
    assert summary["value"] == summary["original"] == {"text": "Text till plan_summary", "lang": "sv"}
    assert first["evaluations"][0]["decision"] == "new_plan"
    assert first["evaluations"][0]["answers"][-1]["value"] == "new_plan"
    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(client.get(f"/staff/cases/{case_id}/case.pdf").data)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Plan 1" in text
    assert "Utvärdering av plan 1" in text
    assert "Plan 2" in text
    assert "Text till plan_summary" in text
