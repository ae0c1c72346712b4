"""Adversarial inputs must neither crash nor hang (catastrophic regex backtracking). These tests
guard against hangs only; timings are measured by hand in bench/ (see bench/throughput.py)."""

from __future__ import annotations

import pytest

import verify

SIZE = 2_000_000
PIECES = {  # each repeated up to 2 MB, one sentence or many
    "digits-and-commas": "1,2,3,4,5,6,7,8,9,0,",
    "digit-runs": "9" * 5000 + " ",
    "hyphens": "five-year-old-",
    "spaces-between-digits": "1 000 000 000 ",
    "capitalised-names": "Russia Venezuela China Angola Egypt ",
    "and-lists": "Russia, China and Angola and Egypt, ",
    "number-words": "one hundred and twenty-five thousand and ",
    "dots": "3..5...7....9 ",
    "vote-lists": "Russia, China and Angola voted against, as did Egypt and Uruguay, while 11 abstained, ",
    "vote-sentences": "The Security Council adopted it by 11 votes to 2, with Russia and China abstaining. ",
    "brackets-and-dashes": "Five countries -- (Russia, China -- and (Angola ",
    "figures-with-facts": "It claimed 300,000 lives in the Syrian war. ",
    "veto-ordinals": "Russia used its veto for the fifth time, the sixth time, the seventh time ",
    "durations": "the five-year war in Syria, in its sixth year, a 40-year-old ban ",
}


@pytest.mark.parametrize("name", PIECES)
def test_adversarial_text_finishes(name: str, deadline) -> None:
    piece = PIECES[name]
    text = (piece * (SIZE // len(piece) + 1))[:SIZE]
    report = verify.check_text(text)
    for claim in report.claims:
        assert text[claim.start:claim.end] == claim.text


def test_limits_are_reported_not_silent() -> None:
    from verify.numbers import MAX_ATOMS
    from verify.votes import MAX_VOTE_SENTENCES

    report = verify.check_text("12 " * (MAX_ATOMS + 10))
    assert len(report.claims) == MAX_ATOMS and "figures were read" in report.notes[0]
    votes = verify.check_text("Russia and China voted against. " * (MAX_VOTE_SENTENCES + 5))
    assert any("vote sentences" in note for note in votes.notes)
    assert verify.check_text("The Senate passed the bill 51-47.").notes == ()
