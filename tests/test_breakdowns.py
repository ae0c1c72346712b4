"""The breakdowns extractor (verify.breakdowns): what it reads from the text for the A1xx rules, and
that hostile input can neither hang it nor make it slow (every pattern reads a bounded gap between
two figures; sentences over MAX_SENTENCE are skipped; lists stop at MAX_PARTS)."""

from __future__ import annotations

import time

import pytest

import verify
from verify.breakdowns import MAX_PARTS, Breakdowns, breakdowns, disjoint
from verify.numbers import read_numbers
from verify.sentences import split_sentences
from verify.votes import MAX_SENTENCE


def read(text: str) -> Breakdowns:
    numbers, _ = read_numbers(text)
    return breakdowns(text, split_sentences(text), numbers)


def parts_of(text: str) -> list[tuple[str | None, str | None, bool]]:
    [b] = read(text).totals
    return [(p.figure.text if p.figure else None, p.label, p.rest) for p in b.parts]


# --- totals and parts ---------------------------------------------------------------------------------

def test_including_list_with_disjoint_categories() -> None:
    [b] = read("Twelve people were killed, including five children and nine women.").totals
    assert (b.total.text, b.unit, b.cue, b.complete, b.disjoint) == ("Twelve", "people", "including", False, True)
    assert [(p.figure.text, p.label) for p in b.parts] == [("five", "children"), ("nine", "women")]


def test_overlapping_categories_are_not_summed() -> None:
    [b] = read("Twelve people were killed, including five children and four girls.").totals
    assert not b.disjoint
    [b] = read("The 12 victims included five women and nine soldiers.").totals
    assert not b.disjoint


def test_of_the_list_with_the_remaining() -> None:
    [b] = read("Of the 61 delegates, 35 backed the motion, 15 opposed it and the other eight abstained.").totals
    assert b.cue == "of-the" and b.complete and b.disjoint
    assert [p.rest for p in b.parts] == [False, False, True]


def test_vote_sides_are_labels() -> None:
    assert parts_of("Of the 48 councillors, 27 voted for, 17 against and the remaining four abstained.") == [
        ("27", "favour", False), ("17", "against", False), ("four", "abstained", True)]


def test_complete_lists() -> None:
    for text in ("Twelve people were killed: five men, four women and two children.",
                 "Twelve people (five men, four women and two children) died.",
                 "Twelve people — five men, four women and two children — died.",
                 "Twelve people, five men, four women and two children, died.",
                 "Of the 12 victims, five were men, four were women and two were children."):
        [b] = read(text).totals
        assert b.complete, text


def test_partial_lists_are_not_complete() -> None:
    for text in ("Twelve people were killed, including five men, four women and two children.",
                 "Of the 12 victims, five were men and four were women.",
                 "Twelve people were killed, five of them children."):
        [b] = read(text).totals
        assert not b.complete, text


def test_unnumbered_rest() -> None:
    [b] = read("Twelve people were killed, five of them children and the rest women.").totals
    assert b.cue == "of-whom" and b.unnumbered_rest and b.complete
    assert [p.figure.text for p in b.numbered] == ["five"]


def test_what_ends_a_list() -> None:
    assert parts_of("Twelve people were killed, including five children aged 3 and 9.") == [("five", "children", False)]
    assert parts_of("Twelve people were killed, including five children, and nine women were injured.") == [
        ("five", "children", False)]
    assert parts_of("Twelve people were killed, including five children, three of them girls.") == [
        ("five", "children", False)]


def test_what_is_not_a_total() -> None:
    for text in ("Twelve people were killed in three villages, including five children.",
                 "Twelve people were killed and 30 injured, including five children.",
                 "Twelve people were killed on Monday and 12 on Tuesday, including five children.",
                 "Police arrested 12 men, five women and nine children.",
                 "Ten countries voted in favour, five voted against and 12 abstained.",
                 "Thirty-eight miners rescued in Tarvek, six dead and three missing",
                 "The company has 12 stores (15 next year).",
                 "Twelve people were killed, including a 5-year-old and a 9-year-old."):
        assert read(text).totals == (), text


def test_a_run_longer_than_max_parts_is_no_breakdown() -> None:
    figures = ", ".join(str(n) for n in range(1, MAX_PARTS + 3))
    assert read(f"The 500 people: {figures} and 7 others.").totals == ()


def test_disjoint() -> None:
    assert disjoint("children", "women") and disjoint("men", "women") and disjoint("soldiers", "civilians")
    assert disjoint("favour", "against") and disjoint("children", "others")
    assert not disjoint("children", "girls") and not disjoint("women", "soldiers")
    assert not disjoint(None, "women") and not disjoint("schools", "roads")


# --- shares, proportions, splits -----------------------------------------------------------------------

def test_shares() -> None:
    [s] = read("Fourteen of the 12 jurors said so.").shares
    assert (s.part.text, s.whole.text) == ("Fourteen", "12")
    [s] = read("Seven members of the six-member board resigned.").shares
    assert s.whole.adjective
    assert read("Article 14 of 12 March is cited.").shares == ()
    assert read("Law No. 25 of 2016 sets the rules.").shares == ()
    assert read("$15m of the $12m profit came from asset sales.").shares == ()


def test_proportions_in_every_order() -> None:
    for text, want in (("45% of the 200 applications, or 120, were approved.", ("45%", "200", "120")),
                       ("Some 3,400 people, or 60% of the 4,100 residents, left.", ("60%", "4,100", "Some 3,400")),
                       ("A quarter of the 480 staff (150) will go.", ("A quarter", "480", "150")),
                       ("Only 38 of the 150 candidates, or 41%, were women.", ("41%", "150", "38")),
                       ("In all, 340 (27%) of the 2,000 people tested were ill.", ("27%", "2,000", "340"))):
        [p] = read(text).proportions
        assert (p.rate.text, p.whole.text, p.amount.text) == want, text


def test_restatement_must_follow_at_once() -> None:
    assert read("Candidates need 5% of the 600 seats, or 3 constituency wins, to get in.").proportions == ()
    assert read("Sales rose 45% to 200 units, or 120 more than last year.").proportions == ()


def test_percentage_splits() -> None:
    [s] = read("In the referendum 52% voted yes, 45% no and 6% abstained.").splits
    assert s.labels == ("yes", "no", "abstain")
    [s] = read("Labour won 41% of the vote, the Conservatives 37% and the Liberal Democrats 24%.").splits
    assert len(s.parts) == 3
    for text in ("52% of men and 60% of women back the plan.",
                 "Prices rose 52% in Lagos and 60% in Abuja.",
                 "Support is 52% among women and 60% among men.",
                 "Some 62% of respondents named the economy, 55% health and 48% immigration.",
                 "The tax rate is 52% for the top band and 60% for companies."):
        assert read(text).splits == (), text


# --- hostile input --------------------------------------------------------------------------------------

SIZE = 2_000_000


def _sentences(piece: str, length: int = MAX_SENTENCE - 100) -> str:
    """`piece` repeated into one sentence just under MAX_SENTENCE, so that it is read, not skipped."""
    return (piece * (length // len(piece) + 1))[:length].rstrip() + ". "


HOSTILE = {
    "including-runs": _sentences("12 people, including 1, 2, 3 and "),
    "including-labelled-runs": _sentences("12 people were killed, including 1 child, 2 women, 3 men and "),
    "of-the-chains": _sentences("Of the 12 of the 12 "),
    "x-of-y-restatements": _sentences("14 of the 12, or 45%, "),
    "percentage-runs": _sentences("52% yes, 45% no and "),
    "colon-lists": _sentences("12 people: 5 men, 4 women and 2 children (3: "),
    "remaining-lists": _sentences("Of the 12, 5 were men and the remaining 4 "),
    "one-long-run": "12 people, including 1, 2, 3 and ",  # a single 2 MB "sentence": skipped
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_finishes(name: str, deadline) -> None:
    piece = HOSTILE[name]
    text = (piece * (SIZE // len(piece) + 1))[:SIZE]
    numbers, _ = read_numbers(text)
    sentences = split_sentences(text)
    t0 = time.process_time()
    found = breakdowns(text, sentences, numbers)
    elapsed = time.process_time() - t0
    assert elapsed < 10, f"{elapsed:.1f} s of CPU for 2 MB"  # about 0.2 s on a quiet machine
    assert all(len(b.parts) <= MAX_PARTS + 1 for b in found.totals)
    report = verify.check_text(text)  # the whole pipeline, rules included
    assert all(text[c.start:c.end] == c.text for c in report.claims)


def test_structures_are_capped() -> None:
    from verify.breakdowns import MAX_STRUCTURES

    piece = _sentences("14 of the 12, or 45%, ")
    found = read((piece * (SIZE // len(piece) + 1))[:SIZE])
    assert not found.complete
    assert len(found.shares) + len(found.proportions) < MAX_STRUCTURES + 500  # one sentence past the cap
    assert read("Fourteen of the 12 jurors said so.").complete


def test_the_limit_on_hostile_input_is_said_in_the_report() -> None:
    report = verify.check_text("Of the 12 passengers, including 3 children and 4 women. " * 3000)
    assert "totals and shares were read from the first 1,000 only" in report.notes
    assert verify.check_text("Of the 12 passengers, 3 were children.").notes == ()
