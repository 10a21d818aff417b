from .helpers import SINGLE_PART_I, SINGLE_PART_II, Applicant, fill


def test_single_applicant_can_submit(client):
    person = Applicant(client).start()
    fill(person, SINGLE_PART_I)
    fill(person, SINGLE_PART_II)
    response = person.submit()
    assert response.status_code == 302
    assert response.location.endswith("/sv/done")
    assert person.reference in person.get("done").get_data(as_text=True)
