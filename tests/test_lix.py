"""Plain Swedish, measured: the same check as `make lix`."""

from eservice.plain_language.check import LONG_TEXT_LIMIT, WHOLE_LIMIT, report
from eservice.plain_language.lix import lix, measure


def test_lix_follows_the_standard_formula():
    # 11 words, 2 sentences, 3 words longer than six letters: 11/2 + 100*3/11
    assert round(lix("Jag heter Anna. Jag bor i Stockholm och arbetar som undersköterska."), 2) == 32.77
    assert measure("Bor du ensam?").sentences == 1
    assert measure("12 000 kronor").words == 1  # numbers are not words


def test_applicant_facing_swedish_is_very_easy():
    r = report()
    assert r.texts > 400
    assert r.whole.score <= WHOLE_LIMIT, r.failures
    assert not [t for t in r.long_texts if t[0] > LONG_TEXT_LIMIT], r.failures
