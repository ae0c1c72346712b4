"""The change reader (verify.changes): what it reads from each phrasing, the intervals it compares,
and that adversarial text neither hangs it nor makes it quadratic. The rules' cases are data, in
tests/rules/A201.yaml ... A204.yaml; every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from verify.changes import (
    MAX_CANDIDATES,
    Change,
    change_intervals,
    read_changes,
    read_superlatives,
    read_tolls,
)
from verify.check import check_document
from verify.document import Document
from verify.intervals import copy_interval
from verify.numbers import find_numbers
from verify.rules.base import Context


class _Capture:
    """A rule that keeps the context it is given, so the readers can be called on it."""

    code = "X000"
    ctx: Context | None = None

    def check(self, ctx: Context):
        self.ctx = ctx
        return ()


def context(text: str) -> Context:
    spy = _Capture()
    check_document(Document(id="t", source="t", text=text, published=None, date_source="none"), rules=[spy])
    assert spy.ctx is not None
    return spy.ctx


def only_change(text: str) -> Change:
    changes = context(text).extract(read_changes)
    assert len(changes) == 1, changes
    return changes[0]


# --- changes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,before,after,direction,stated,stated_as", [
    ("Unemployment rose from 4.2% to 5.1%, an increase of 1.1 points.", 4.2, 5.1, "up", 1.1, "points"),
    ("Inflation eased to 3.4% in March from 4.1% in February.", 4.1, 3.4, "down", None, None),
    ("The jobless rate was 6.5% in April, up from 5.2% a year earlier.", 5.2, 6.5, "up", None, None),
    ("Profit was $1.2bn, up 20% from $1bn.", 1e9, 1.2e9, "up", 20, "percent"),
    ("The budget rose by £12m to £95m from £80m.", 80e6, 95e6, "up", 12e6, "amount"),
    ("Sales rose 12% to 1,200 units from 1,250.", 1250, 1200, "up", 12, "percent"),
    ("Rates rose by 25 basis points, from 5% to 5.25%.", 5, 5.25, "up", 0.25, "points"),
    ("Revenue climbed 20 per cent, from $150m to $200m.", 150e6, 200e6, "up", 20, "percent"),
    ("Wages rose from £500 to £520 a week, or 4%.", 500, 520, "up", 4, "percent"),
    ("Youth unemployment dropped from 14.6% to 12.1%, a 2.5 per cent fall.", 14.6, 12.1, "down", 2.5, "percent"),
    ("Support fell from 58% to 51%, a drop of 7.0 points.", 58, 51, "down", 7.0, "points"),
    ("The fleet grew from 1.2 to 2.5 million passengers.", 1.2e6, 2.5e6, "up", None, None),
    ("The index fell 35 points to 7,480 from 7,560.", 7560, 7480, "down", 35, "points"),
    # a duration is not a stated difference, unless the figures themselves count time
    ("Prices more than doubled in ten years, from £140,200 to £284,500.", 140200, 284500, "up", None, None),
    ("Sales rose 5% over the past three months, from 100 to 105.", 100, 105, "up", 5, "percent"),
    ("Waiting times rose by 14 days, from 30 to 40 days.", 30, 40, "up", 14, "amount"),
    # "up from" a share: the share, not the count it is taken of
    ("Turnout was 42.3% of the 243,500 voters, up from 38.9%, a rise of 3.4 points.", 38.9, 42.3, "up", 3.4,
     "points"),
])
def test_change_phrasings(text, before, after, direction, stated, stated_as) -> None:
    change = only_change(text)
    assert change.before.value == pytest.approx(before)
    assert change.after.value == pytest.approx(after)
    assert change.direction == direction
    assert (change.stated.value if change.stated else None) == (pytest.approx(stated) if stated else None)
    assert change.stated_as == stated_as


@pytest.mark.parametrize("text,factor,hedge", [
    ("Sales doubled from 40 to 90 stores.", 2.0, "exact"),
    ("Exports more than doubled from 40 to 85 containers.", 2.0, "over"),
    ("Enrolment nearly doubled from 300 to 560.", 2.0, "nearly"),
    ("Turnout roughly tripled, from 1,200 to 3,500.", 3.0, "about"),
    ("Profits halved, from £8.2bn to £4.1bn.", 0.5, "exact"),
    ("Spending more than halved, from £9.1bn to £4.2bn.", 0.5, "over"),
    ("Cases rose from 40 to 85, more than doubling in a month.", 2.0, "over"),
])
def test_factors(text, factor, hedge) -> None:
    change = only_change(text)
    assert (change.factor, change.factor_hedge) == (factor, hedge)


@pytest.mark.parametrize("text", [
    "Tickets cost anywhere from £20 to £45.",  # a range
    "On a scale from 1 to 10, residents rated the service 7.",
    "From 2019 to 2023 the population grew by 12%.",  # years
    "The team fell from 5th to 12th in the table.",  # ordinals
    "The journey fell from three hours to 45 minutes.",  # different units
    "Prices did not fall from 40 to 35 as expected.",  # negated
    "The club fell from 5 to 12 in the world rankings.",  # a rank
    "The interest rate rose from 0.1%, where it had been since March 2020, to 0.25%.",
    "Turnout was 42.3% among 243,500 registered voters, up from 38.9%.",  # a count against a percent
])
def test_not_changes(text) -> None:
    assert context(text).extract(read_changes) == ()


def test_a_range_after_a_change_word_is_split() -> None:
    change = only_change("Applications rose 7% to 1,070 from 1,000.")
    assert (change.stated.value, change.after.value, change.after.kind) == (7, 1070, "number")


# --- intervals ----------------------------------------------------------------------------------

def _figure(text: str):
    (num,) = find_numbers(text)
    return copy_interval(num)


@pytest.mark.parametrize("text,low,high", [
    ("40 people", 40, 40),  # a whole count under 1,000 is taken as written
    ("40%", 39.5, 40.5),  # a whole percentage is rounded
    ("4.2%", 4.15, 4.25),
    ("£1,995", 1994.5, 1995.5),
    ("3,000 people", 2500, 3500),  # the intervals' reading of a large round figure
    ("about 300", 250, 350),  # its rounding is wider than the tenth "about" allows
    ("nearly 1,000", 900, 1000),
])
def test_copy_interval(text, low, high) -> None:
    span = _figure(text)
    assert (span.low, span.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text,before,after", [
    ("Membership rose from 1,000 to 1,450.", (995, 1005), (1445, 1455)),  # one precision for both
    ("Rates rose from 5% to 5.25%.", (4.995, 5.005), (5.245, 5.255)),
    ("Support rose from 31% to 35%.", (30.5, 31.5), (34.5, 35.5)),
    ("Jobs rose from 2,000 to 5,000.", (1500, 2500), (4500, 5500)),
])
def test_change_intervals(text, before, after) -> None:
    a, b = change_intervals(only_change(text))
    assert (a.low, a.high) == tuple(map(pytest.approx, before))
    assert (b.low, b.high) == tuple(map(pytest.approx, after))


# --- superlatives -------------------------------------------------------------------------------

def test_superlative_and_its_list() -> None:
    (sup,) = context("Ohio had the highest turnout, 72%, ahead of Iowa (75%) and Maine (70%).").extract(
        read_superlatives)
    assert (sup.word, sup.top, sup.figure.text) == ("highest", True, "72%")
    assert [o.text for o in sup.others] == ["75%", "70%"]


@pytest.mark.parametrize("text", [
    "Unemployment hit 5.1% in May, the highest since 2015, when it reached 5.3%.",
    "It has one of the highest rates, 9%, in a region where Iowa has 11%.",
    "The region had the highest unemployment rate, 9%, and inflation of 12%.",
    "The largest bank, HSBC, cut 500 jobs, while Barclays cut 900.",
    "The highest-paid executive earned $12m, while two others earned $14m each.",
])
def test_no_list(text) -> None:
    assert all(not s.others for s in context(text).extract(read_superlatives))


# --- tolls --------------------------------------------------------------------------------------

def test_tolls() -> None:
    tolls = context("Five missing after boat capsizes\nThree people are missing and two were killed off the "
                    "coast of Cornwall on Monday.").extract(read_tolls)
    assert [(t.status, t.noun, t.figures[0].value) for t in tolls] == [
        ("missing", "people", 5), ("missing", "people", 3), ("dead", "people", 2)]
    assert tolls[2].places == frozenset({frozenset({"Cornwall"})}) and tolls[2].when == {"monday"}


def test_a_breakdown_closed_by_others_is_summed() -> None:
    tolls = context("Nearly 3,000 people died in Hatay province and 900 others in Adana.").extract(read_tolls)
    parts = [t for t in tolls if t.part]
    (whole,) = [t for t in tolls if not t.part]
    assert len(parts) == 2 and [n.text for n in whole.figures] == ["Nearly 3,000", "900"]


@pytest.mark.parametrize("text", [
    "The death toll rose to 4,210 on Tuesday.",
    "Five people were initially reported missing.",
    "Three are still missing.",
    "In a separate attack, two people were killed.",
])
def test_revised(text) -> None:
    assert all(t.revised for t in context(text).extract(read_tolls))


@pytest.mark.parametrize("text", [
    "Three people are missing in Cumbria and two in Devon.",
    "Another three people died overnight.",
    "In Turkey alone, 44,218 people died.",
])
def test_parts(text) -> None:
    assert all(t.part for t in context(text).extract(read_tolls))


# --- worst case ---------------------------------------------------------------------------------

SIZE = 2_000_000
PIECES = {  # each repeated up to 2 MB: one run-on "sentence", or many sentences
    "from-to-run": "from 1 to 2 from 3 to 4 ",
    "from-to-sentences": "Sales rose from 1 to 2, an increase of 3. ",
    "rose-by-run": "rose by 1% rose by ",
    "rose-by-sentences": "It rose by 1% to 5% from 4%. ",
    "up-from": "6.5%, up from 5.2%, down from 7% ",
    "doubled": "more than doubled from 40 to 75 ",
    "highest-run": "the highest turnout, 72%, ahead of Iowa (75%) and Maine (70%), ",
    "highest-sentences": "Ohio had the highest turnout, 72%, ahead of Iowa (75%). ",
    "tolls": "Five missing.\nThree people are missing. 12 dead. Ten people were killed. ",
    "toll-breakdowns": "Nearly 3,000 people died in Hatay and 900 others in Adana. ",
    "places": "Two people died in A and B and C and D and E and F, ",
    "keywords": "from to from to up from down from the highest the lowest missing dead toll ",
}


@pytest.mark.parametrize("name", PIECES)
def test_adversarial_text_finishes(name: str, deadline) -> None:
    piece = PIECES[name]
    ctx = context((piece * (SIZE // len(piece) + 1))[:SIZE])
    changes, sups, tolls = ctx.extract(read_changes), ctx.extract(read_superlatives), ctx.extract(read_tolls)
    # each reader looks closely at a bounded number of phrases, however long the text
    assert len(changes) <= MAX_CANDIDATES and len(sups) <= MAX_CANDIDATES and len(tolls) <= 3 * MAX_CANDIDATES


def test_same_figure_rule_reports_a_bounded_number_of_conflicts(deadline) -> None:
    """A204 compares each count with the first of its subject, not every pair, and reports a few
    distinct values per subject: 20,000 conflicting counts give at most MAX_PER_SUBJECT findings."""
    from verify.rules.changes import MAX_PER_SUBJECT, SameFigureTwoValues

    text = "".join(f"{n} people are missing. " for n in range(1, 20_000))
    ctx = context(text)
    assert len(list(SameFigureTwoValues().check(ctx))) <= MAX_PER_SUBJECT
