"""Change rules (A2xx): the arithmetic a sub-editor does on changes, rankings and repeated counts.
"Rose from 4.2% to 5.1%, an increase of 1.1 points", "doubled from 40 to 90", "fell from 3,100 to
3,400", "the highest turnout, 72%, ahead of Iowa (75%)", a headline's "5 missing" over a story's
"3 missing".

Every comparison is made on intervals (verify.intervals.copy_interval), so a
figure that is correctly rounded or fairly hedged never raises an alarm, and every message shows
the intervals it compared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from verify.changes import (
    LOOSE_WHEN,
    Change,
    Toll,
    change_intervals,
    read_changes,
    read_superlatives,
    read_tolls,
)
from verify.intervals import Interval, copy_interval
from verify.report.model import Finding
from verify.rules.base import Context, Rule

FACTOR_SLACK = 0.05  # "doubled" allows 1.9 to 2.1 times: copy rounds factors too
NEARLY_FACTOR = 0.7  # "nearly doubled" allows 1.7 to 2 times (0.7 of the way, at least)
ABOUT_FACTOR = 0.1  # "roughly doubled": 1.8 to 2.2 times
MAX_PER_SUBJECT = 3  # A204: distinct conflicting values reported per subject
MAX_PLACES = 50  # A204: places told apart per status (each count is compared with one per place)


# --- arithmetic ---------------------------------------------------------------------------------

def _num(x: float, decimals: int | None = None) -> str:
    """A computed value for a message: 0.9, 2.25, 1,450, 18.8, 15m, 4.5bn (`decimals` to print
    exactly so many)."""
    if math.isinf(x):
        return "no limit"
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(x) >= size:
            return _num(x / size, decimals) + suffix
    if decimals is not None:
        return f"{x:,.{decimals}f}"
    if abs(x) >= 100 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:,.{3 if abs(x) < 1 else 2}f}".rstrip("0").rstrip(".")


def _decimals(text: str) -> int:
    return len(text.partition(".")[2])


def _span(iv: Interval, unit: str = "") -> str:
    """'0.8 to 1.0 points', or just the value when the interval is a point."""
    lo, hi = _num(iv.low), _num(iv.high)
    if lo == hi:
        return f"{lo}{unit}"
    if math.isinf(iv.high):
        return f"{lo}{unit} or more"
    if lo[-1].isalpha() or hi[-1].isalpha():  # "4.45bn to 4.55bn"
        return f"{lo} to {hi}{unit}"
    places = max(_decimals(lo), _decimals(hi))  # "0.8 to 1.0", not "0.8 to 1"
    return f"{_num(iv.low, places)} to {_num(iv.high, places)}{unit}"


def _given(iv: Interval | None, unit: str = "") -> str:
    """' (0.8 to 1.0 points allowing for rounding)', '' when the figures are exact."""
    if iv is None or _num(iv.low) == _num(iv.high):
        return ""
    return f" ({_span(iv, unit)} allowing for rounding)"


def _oriented(lo: float, hi: float, direction: str | None) -> Interval | None:
    """A signed change [lo, hi] as a size in the stated direction (a magnitude when none is
    stated); None when it lies wholly the other way (a contradiction for A203, not a size)."""
    if direction == "down":
        lo, hi = -hi, -lo
    elif direction is None:
        lo, hi = (lo, hi) if lo >= 0 else (-hi, -lo) if hi <= 0 else (0.0, max(-lo, hi))
    if hi < 0:
        return None
    return Interval(max(lo, 0.0), hi)


def _moved(a: Interval, b: Interval, direction: str | None) -> Interval | None:
    """How far B is from A, in A's units (percentage points for percentages)."""
    return _oriented(b.low - a.high, b.high - a.low, direction)


def _ratio(a: Interval, b: Interval) -> Interval | None:
    """B / A over the intervals; None unless both are positive."""
    if a.low <= 0 or b.low < 0:
        return None
    return Interval(0.0 if math.isinf(a.high) else b.low / a.high, b.high / a.low)


def _relative(a: Interval, b: Interval, direction: str | None) -> Interval | None:
    """The percent change from A to B."""
    r = _ratio(a, b)
    return None if r is None else _oriented((r.low - 1) * 100, (r.high - 1) * 100, direction)


def _exact(change: Change) -> tuple[float, float]:
    return float(change.before.value), float(change.after.value)


def _pct(num) -> bool:
    return num.kind == "percent"


def _unit(change: Change) -> str:
    """How the figures are written, for messages: '%' for percentages, '' otherwise."""
    return "%" if _pct(change.before) else ""


def _fig(change: Change, x: float) -> str:
    """A figure of the change as written ("£95m", "5.1%"); a computed one with its unit."""
    for num in (change.before, change.after):
        if float(num.value) == x:
            return num.text
    return f"{_num(x)}{_unit(change)}"


def _contradicted(change: Change, a: Interval, b: Interval) -> bool:
    """The figures move wholly against the stated direction (negative figures are left alone:
    "the deficit rose from -3% to -5%" speaks of its size)."""
    if change.direction is None or min(a.low, b.low) < 0:
        return False
    return b.high < a.low if change.direction == "up" else b.low > a.high


@dataclass(frozen=True, slots=True)
class _Judged:
    """A change with its figures as intervals and which rule, if any, its stated difference raises."""

    change: Change
    before: Interval
    after: Interval
    stated: Interval | None
    moved: Interval | None  # B - A in the stated direction
    relative: Interval | None  # the percent change, in the stated direction
    rule: str | None  # "A201" | "A202" | None


def judged_changes(ctx: Context) -> tuple[_Judged, ...]:
    """Every change, judged once for the rules that ask (A201 and A202 share the arithmetic)."""
    out = []
    for change in ctx.extract(read_changes):
        pair = change_intervals(change)
        if pair is None:
            continue
        a, b = pair
        d = copy_interval(change.stated) if change.stated is not None else None
        moved = rel = rule = None
        if d is not None and not _contradicted(change, a, b):
            moved, rel = _moved(a, b, change.direction), _relative(a, b, change.direction)
            rule = _stated_rule(change, d, moved, rel) if moved is not None else None
        out.append(_Judged(change, a, b, d, moved, rel, rule))
    return tuple(out)


def _stated_rule(change: Change, d: Interval, moved: Interval, rel: Interval | None) -> str | None:
    """Whether the stated difference fits the two figures: as points, as a percent change, as an
    amount. A201 when it fits no reading, A202 when it fits only the reading its words do not say."""
    fits_points = moved.overlaps(d)
    fits_percent = rel is not None and rel.overlaps(d)
    percents = _pct(change.before)
    if change.stated_as == "percent":
        return None if fits_percent else "A202" if percents and fits_points else "A201"
    return None if fits_points else "A202" if percents and fits_percent else "A201"


def _stated_message(j: _Judged) -> tuple[str, dict]:
    """The arithmetic of a stated difference that does not fit, and its evidence."""
    change, d, moved, rel = j.change, j.stated, j.moved, j.relative
    va, vb = _exact(change)
    said = _stated_text(change)
    percents = _pct(change.before)
    high, low = (vb, va) if vb >= va else (va, vb)
    diff = f"{_fig(change, high)} − {_fig(change, low)} = {_num(high - low)}"
    points = f"{diff} points{_given(moved, ' points')}" if percents else f"{diff}{_given(moved)}"
    relative = (f"{_num(abs(vb / va - 1) * 100)}%{_given(rel, '%')}" if rel is not None and va
                else "undefined (the first figure is zero)")
    unit = " points" if change.stated_as == "points" and percents else "%" if change.stated_as == "percent" else ""
    stated = said if _num(d.low) == _num(d.high) else f"{said} ({_span(d, unit)})"
    evidence = {"before": [j.before.low, j.before.high], "after": [j.after.low, j.after.high],
                "stated": [d.low, d.high], "difference": [moved.low, moved.high],
                "stated_as": change.stated_as, "relative": [rel.low, rel.high] if rel else None}
    if j.rule == "A202":
        if change.stated_as == "percent":
            return (f"'{said}' is the change in percentage points: {points}; as a percent change it is "
                    f"{relative}", evidence)
        return f"'{said}' is the percent change, {relative}; in percentage points it is {points}", evidence
    if change.stated_as == "percent":
        move = {"up": "a rise", "down": "a fall"}.get(change.direction, "a change")
        return f"from {_fig(change, va)} to {_fig(change, vb)} is {move} of {relative}, not {stated}", evidence
    return f"{points}, not {stated}", evidence


def _stated_text(change: Change) -> str:
    """The stated difference as written, with the word that says it is points ("1.1 points")."""
    text = change.stated.text
    if change.stated_as == "points" and "point" not in text and "bps" not in text:
        return text + " points"
    return text


def _expected_factor(change: Change) -> Interval | None:
    """The ratios a factor word allows ("doubled": 1.9 to 2.1); None for "more than"/"less than",
    which are bounds (A203)."""
    f, hedge = change.factor, change.factor_hedge
    if f is None or hedge in ("over", "under"):
        return None
    if hedge == "nearly":
        if f > 1:
            return Interval(1 + (f - 1) * NEARLY_FACTOR, f * (1 + FACTOR_SLACK))
        return Interval(f * (1 - FACTOR_SLACK), f + (1 - f) * (1 - NEARLY_FACTOR))
    slack = ABOUT_FACTOR if hedge == "about" else FACTOR_SLACK
    return Interval(f * (1 - slack), f * (1 + slack))


def _factor_text(change: Change) -> str:
    hedge = {"over": "more than ", "under": "less than ", "nearly": "nearly ", "about": "about "}
    return hedge.get(change.factor_hedge, "") + (change.factor_word or "")


# --- rules --------------------------------------------------------------------------------------

class ChangeMismatch(Rule):
    """A stated change must fit the two figures it joins.

    "Unemployment rose from 4.2% to 5.1%, an increase of 1.1 points": 5.1 − 4.2 = 0.9 points.
    "Sales doubled from 40 to 90": 90 / 40 = 2.25 times, not 2. Checked: "from A to B", "to B from
    A" and "B, up from A" with "by D", "up D", "rose D", ", an increase of D", ", a D rise",
    ", or D%", and "doubled", "tripled", "quadrupled", "halved" (also "nearly", "roughly").

    Every figure stands for an interval (shown in the message): "4.2%" is 4.15 to 4.25, a whole
    percentage "4%" is 3.5 to 4.5, "£1,995" is 1,994.5 to 1,995.5, "1,000" beside "1,450" is 995 to
    1,005, "about 300" is 250 to 350, and a whole count under 1,000 is taken as written ("40" is
    40: copy says "about 40" when it rounds). A factor word allows 5% either way
    ("doubled" is 1.9 to 2.1 times), "nearly doubled" 1.7 to 2.1, "roughly doubled" 1.8 to 2.2.
    Only a change that fits no reading is flagged. A difference written in per cent that fits as
    points, or the reverse, is A202; a change against its own verb ("fell from 40 to 45") and
    "more than doubled" short of double are A203.
    """

    code, name, severity = "A201", "change-mismatch", "error"
    summary = "A stated change (by, up, an increase of, doubled) disagrees with the two figures."
    triggers = ("Unemployment rose from 4.2% to 5.1%, an increase of 1.1 points.",
                "Sales doubled from 40 to 90 stores last year.")
    passes = ("Unemployment rose from 4.2% to 5.1%, an increase of 0.9 points.",
              "Sales more than doubled from 40 to 90 stores last year.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for j in ctx.extract(judged_changes):
            change = j.change
            if j.rule == self.code:
                message, evidence = _stated_message(j)
                yield self.finding(ctx, "contradicted", message, change.start, change.end, evidence=evidence)
            expected = _expected_factor(change)
            if expected is None or _contradicted(change, j.before, j.after):
                continue
            ratio = _ratio(j.before, j.after)
            if ratio is None or ratio.overlaps(expected):
                continue
            va, vb = _exact(change)
            yield self.finding(ctx, "contradicted", f"'{_factor_text(change)}', but {_fig(change, vb)} / "
                               f"{_fig(change, va)} = {_num(vb / va)} times{_given(ratio, ' times')}, outside "
                               f"the {_span(expected, ' times')} it allows", change.start, change.end,
                               evidence={"ratio": [ratio.low, ratio.high], "factor": change.factor,
                                         "allowed": [expected.low, expected.high]})


class PointsVsPercent(Rule):
    """A change between two percentages is in points; a change of a percentage is in per cent.

    "The rate rose from 4% to 6%, an increase of 2 per cent": 6% − 4% is 2 percentage points, and
    as a percent change it is 50% (22% to 86% if the figures were rounded to whole per cent). The
    reverse, "up 50 points", names the percent change as points. Flagged only when the written
    difference fits the other reading and not its own, with both figures as intervals; a difference
    that fits neither reading is A201. Index points ("the FTSE rose 20 points") are not percentages
    and are never flagged here.
    """

    code, name, severity = "A202", "points-vs-percent", "warning"
    summary = "A change between percentages written in per cent where it is points, or the reverse."
    triggers = ("The jobless rate rose from 4% to 6%, an increase of 2 per cent.",)
    passes = ("The jobless rate rose from 4% to 6%, an increase of 2 percentage points.",
              "The jobless rate rose from 4% to 6%, an increase of 50 per cent.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for j in ctx.extract(judged_changes):
            if j.rule == self.code:
                message, evidence = _stated_message(j)
                yield self.finding(ctx, "suspect", message, j.change.start, j.change.end, evidence=evidence)


class ComparisonContradicted(Rule):
    """A comparison word must agree with the figures it compares.

    "Fell from 3,100 to 3,400" (and "rose" to a smaller figure); "more than doubled from 40 to 75"
    (75 / 40 = 1.88, short of 2); "more than halved" from 90 to 60; "the highest turnout, 72%,
    ahead of Iowa (75%)" with a larger figure of the same unit in the same list (and "the lowest"
    with a smaller one). Every figure is an interval, so rounding never counts against the text:
    "more than doubled from 40 to 80" is exactly double and passes.

    Left alone: "the highest since 2008", "the lowest in a decade" and "one of the highest" (a
    figure against its own past or a group, not the list); lists broken by another subject ("and
    inflation of 12%") or a hedge ("up to 80%"); ranks ("fell from 5 to 12 in the rankings");
    negative figures ("the deficit rose from -3% to -5%" speaks of its size).
    """

    code, name, severity = "A203", "comparison-contradicted", "error"
    summary = "'Fell', 'rose', 'more than doubled' or 'the highest/lowest' contradicts the figures."
    triggers = ("Membership fell from 3,100 to 3,400 over the year.",
                "Ohio had the highest turnout, 72%, ahead of Iowa (75%) and Maine (70%).")
    passes = ("Membership rose from 3,100 to 3,400 over the year.",
              "Ohio had the highest turnout, 76%, ahead of Iowa (75%) and Maine (70%).")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for j in ctx.extract(judged_changes):
            change, a, b = j.change, j.before, j.after
            if _contradicted(change, a, b):
                va, vb = _exact(change)
                more = "less" if change.direction == "up" else "more"
                yield self.finding(ctx, "contradicted", f"'{change.cue}', but {_fig(change, vb)}"
                                   f"{_given(b, _unit(change))} is {more} than {_fig(change, va)}"
                                   f"{_given(a, _unit(change))}", change.start, change.end,
                                   evidence={"before": [a.low, a.high], "after": [b.low, b.high],
                                             "direction": change.direction})
                continue
            f = change.factor
            ratio = _ratio(a, b) if f is not None and change.factor_hedge in ("over", "under") else None
            if ratio is None:
                continue
            va, vb = _exact(change)
            over = change.factor_hedge == "over"
            # "more than doubled" needs a ratio above 2, "more than halved" one below 0.5
            short = (ratio.high < f if f > 1 else ratio.low > f) if over else \
                (ratio.low > f if f > 1 else ratio.high < f)
            if short:
                yield self.finding(ctx, "contradicted", f"'{_factor_text(change)}', but {_fig(change, vb)} / "
                                   f"{_fig(change, va)} = {_num(vb / va)} times{_given(ratio, ' times')}, "
                                   f"{'not more' if (over == (f > 1)) else 'not less'} than {_num(f)}",
                                   change.start, change.end,
                                   evidence={"ratio": [ratio.low, ratio.high], "factor": f,
                                             "hedge": change.factor_hedge})
        for sup in ctx.extract(read_superlatives):
            mine = copy_interval(sup.figure)
            if mine is None:
                continue
            beyond = []
            for other in sup.others:
                theirs = copy_interval(other)
                if theirs is not None and (theirs.low > mine.high if sup.top else theirs.high < mine.low):
                    beyond.append((other, theirs))
            if not beyond:
                continue
            listed = ", ".join(f"{o.text}{_given(iv)}" for o, iv in beyond)
            start, end = min(sup.start, sup.figure.start), max(sup.end, sup.figure.end)
            yield self.finding(ctx, "contradicted", f"{sup.figure.text}{_given(mine)} is called the "
                               f"{sup.word}, but the same list has {listed}, "
                               f"{'higher' if sup.top else 'lower'}", start, end,
                               claims=ctx.claims_in(start, end) + tuple(
                                   c for o, _ in beyond for c in ctx.claims_in(o.start, o.end)),
                               evidence={"figure": [mine.low, mine.high],
                                         "others": [[iv.low, iv.high] for _, iv in beyond]})


def _toll_interval(toll: Toll) -> Interval | None:
    spans = [copy_interval(n) for n in toll.figures]
    if any(s is None for s in spans):
        return None
    return Interval(sum(s.low for s in spans), sum(s.high for s in spans))


def _toll_text(toll: Toll, iv: Interval) -> str:
    """'3', 'at least 12 (12 or more)', 'nearly 3,000 + 900 = 3,600 to 3,900'."""
    if len(toll.figures) > 1:
        return f"{' + '.join(_value(n) for n in toll.figures)} = {_span(iv)}"
    num = toll.figures[0]
    value = _value(num)
    if num.hedge != "exact":
        return f"{value}: {_span(iv)}"
    return value


def _value(num) -> str:
    """A count as a figure ("Three" -> "3", "nearly 3,000" stays)."""
    if num.spelled and num.hedge == "exact" and isinstance(num.value, (int, float)):
        return _num(float(num.value))
    return num.text


def _quote(ctx: Context, toll: Toll) -> str:
    text = " ".join(ctx.plain[toll.start:toll.end].split())
    return text if len(text) <= 60 else text[:57] + "..."


def _when_agrees(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both counts can be about one moment: strict time words (a month, a year, "last week") must
    be the same on both sides; a weekday or "yesterday" may be missing from one."""
    strict_a, strict_b = a - LOOSE_WHEN, b - LOOSE_WHEN
    loose_a, loose_b = a & LOOSE_WHEN, b & LOOSE_WHEN
    return strict_a == strict_b and (not loose_a or not loose_b or loose_a == loose_b)


class SameFigureTwoValues(Rule):
    """One count, two values: a headline's "5 missing" over a story's "3 people are missing", or "a
    death toll of 4,210" beside "nearly 3,000 died in Hatay and 900 others in Adana".

    Deliberately narrow, since most articles that give a count twice mean two different things.
    Compared: counts of the dead, the missing and the injured (also "death toll", "killed N") that
    count the same people ("children" is not "people") in the same place (names after "in", "at",
    "near"; a count without a place is compared only when the article's counts name one place).
    Left alone: a sentence that speaks of a change over time or another event ("rose to", "earlier",
    "had been", "initially", "still", "so far", "a separate attack", "since"); counts on different
    days, months or years; parts of a breakdown ("three in Cumbria and two in Devon", "another 3",
    "the 5 missing"), except that a breakdown closed by "others" is summed; values whose intervals
    overlap ("nearly 3,000" is 2,700 to 3,000, "at least 12" has no upper end). The finding is on
    the later figure and names the line of the earlier one.
    """

    code, name, severity = "A204", "same-figure-two-values", "warning"
    summary = "The same count (dead, missing, injured) is given two different values in one article."
    triggers = ("Five missing after boat capsizes\nThree people are missing after a fishing boat capsized off "
                "the coast, the coastguard said.",)
    passes = ("Five missing after boat capsizes\nFive people are missing after a fishing boat capsized off "
              "the coast, the coastguard said.",
              "Five missing after boat capsizes\nFive people were initially reported missing. Three are still "
              "missing after two were found alive.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        groups: dict[tuple[str, str], list[Toll]] = {}
        for toll in ctx.extract(read_tolls):
            if not toll.part and not toll.revised:
                groups.setdefault((toll.status, toll.noun), []).append(toll)
        for tolls in groups.values():
            for subject in _by_place(tolls):
                yield from self._conflicts(ctx, subject)

    def _conflicts(self, ctx: Context, tolls: list[Toll]) -> Iterable[Finding]:
        """Each later count against the first one (linear: one comparison per count)."""
        first = tolls[0]
        known = _toll_interval(first)
        if known is None:
            return
        reported: set[tuple[float, float]] = set()
        for toll in tolls[1:]:
            iv = _toll_interval(toll)
            if iv is None or toll.sentence == first.sentence or not _when_agrees(first.when, toll.when) \
                    or iv.overlaps(known) or (iv.low, iv.high) in reported:
                continue
            reported.add((iv.low, iv.high))
            line = ctx.doc.position(first.start)[0]
            yield self.finding(ctx, "contradicted", f"'{_quote(ctx, toll)}' here ({_toll_text(toll, iv)} "
                               f"{toll.status}), but '{_quote(ctx, first)}' on line {line} "
                               f"({_toll_text(first, known)} {first.status})", toll.start, toll.end,
                               claims=ctx.claims_in(toll.start, toll.end) + ctx.claims_in(first.start, first.end),
                               evidence={"value": [iv.low, iv.high], "other": [known.low, known.high],
                                         "other_start": first.start, "other_end": first.end,
                                         "other_line": line})
            if len(reported) >= MAX_PER_SUBJECT:
                return


def _same_places(a: frozenset[frozenset[str]], b: frozenset[frozenset[str]]) -> bool:
    """One place named the same way ("the French Alps", "the Alps"), and no more places on either
    side: "Turkey" is a part of "Turkey and Syria"."""
    return len(a) == len(b) and all(any(run & other for other in b) for run in a)


def _by_place(tolls: list[Toll]) -> list[list[Toll]]:
    """The counts of one status and noun, split into subjects by place. When every count that
    names a place names the same one, all are one subject, those without a place included;
    otherwise each place is its own subject and counts without a place are not compared."""
    subjects: list[list[Toll]] = []
    for toll in tolls:
        if not toll.places:
            continue
        for subject in subjects:
            if _same_places(subject[0].places, toll.places):
                subject.append(toll)
                break
        else:
            if len(subjects) >= MAX_PLACES:
                continue
            subjects.append([toll])
    if len(subjects) <= 1:
        return [tolls]
    return subjects


RULES = (ChangeMismatch, PointsVsPercent, ComparisonContradicted, SameFigureTwoValues)
