"""Arithmetic rules (A1xx): parts and totals, shares and percentages must add up. Every comparison
uses the interval a written figure stands for (verify.intervals), so a correctly rounded or hedged
figure never raises an alarm: "about 300" is 270 to 330, "12.5%" is 12.45% to 12.55%, "more than
12" has no upper end. The structures themselves are read by verify.breakdowns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from verify.breakdowns import Breakdown, Part, family, read_breakdowns
from verify.intervals import Interval, copy_interval, interval
from verify.numbers import Number
from verify.report.model import Finding
from verify.rules.base import Context, Rule

_SIDE_WORDS = {"favour": "in favour", "favor": "in favor"}


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def _fmt(value: float, like: Number | None = None) -> str:
    """'14', '1,450', '66.75'; a sum of money like `like` in its currency and scale: '$13.45m'."""
    if math.isinf(value):
        return "no limit"
    if like is not None and like.kind == "money":
        for scale, suffix in ((1e9, "bn"), (1e6, "m")):
            if abs(value) >= scale:
                return f"{_SYMBOLS.get(like.unit, (like.unit or '') + ' ')}{_fmt(value / scale)}{suffix}"
        return f"{_SYMBOLS.get(like.unit, (like.unit or '') + ' ')}{_fmt(value)}"
    if abs(value - round(value)) < 1e-9 or abs(value) >= 1000:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _span(iv: Interval, like: Number | None = None) -> str:
    if abs(iv.high - iv.low) < 1e-9:
        return _fmt(iv.low, like)
    return f"{_fmt(iv.low, like)} to {_fmt(iv.high, like)}"


def _written(ctx: Context, num: Number) -> str:
    return ctx.plain[num.start:num.end]


def _as_read(ctx: Context, num: Number) -> str:
    """'12', or "'about 12' (10.8 to 13.2)" where rounding or a hedge widens the figure."""
    iv = interval(num)
    text = _written(ctx, num)
    if iv is None or abs(iv.high - iv.low) < 1e-9:
        return text
    return f"'{text}' ({_span(iv, num)})"


def _noun(b: Breakdown) -> str:
    return f" {b.unit}" if b.unit and b.total.kind != "money" else ""


def _part(ctx: Context, part: Part) -> str:
    label = _SIDE_WORDS.get(part.label or "", part.label)
    if part.figure is None:
        return f"the {part.label}"
    text = _written(ctx, part.figure)
    return f"{'the remaining ' if part.rest else ''}{text}{' ' + label if label else ''}"


def _sum(ivs: list[Interval]) -> Interval:
    return Interval(sum(iv.low for iv in ivs), sum(iv.high for iv in ivs))


def _tolerance(value: float) -> float:
    return 1e-9 * max(1.0, abs(value))


def _votes_check_it(ctx: Context, b: Breakdown) -> bool:
    """Vote counts in a body of known size are checked by the vote rules (V101, V106) already:
    a breakdown whose every part is a tally of one such vote is left to them."""
    starts = {p.figure.start for p in b.numbered}
    for vote in ctx.votes:
        if vote.event.body_size is None:
            continue
        tallies = {t.start for t in vote.event.counts.values()} | {t.phrase_start for t in vote.event.counts.values()}
        if starts <= tallies:
            return True
    return False


class BreakdownRule(Rule):
    """Shared plumbing: these rules look at one total and its parts at a time."""

    def check(self, ctx: Context) -> Iterator[Finding]:
        for b in ctx.extract(read_breakdowns).totals:
            total = interval(b.total)
            if total is None or _votes_check_it(ctx, b) or b.total.kind == "money" and not b.complete:
                continue  # a sum of money may be net ("a $12m profit, including a $15m gain"): lists only
            yield from self.check_breakdown(ctx, b, total)

    def check_breakdown(self, ctx: Context, b: Breakdown, total: Interval) -> Iterable[Finding]:
        raise NotImplementedError


class PartsExceedTotal(BreakdownRule):
    """The parts listed for a total must fit in it.

    "12 people were killed, including 5 children and 9 women" lists 14 people in a total of 12.
    Parts are added up only when their wording makes them disjoint: categories that share no
    member (children and women, soldiers and civilians, in favour and against), "9 others", "the
    remaining 40", or a list presented as the whole ("12 people: 5 men, 4 women and 4 children").
    Categories that may overlap ("5 children and 4 girls", "5 women and 9 soldiers", "5 in Paris
    and 9 in France") are not summed; each part alone must still not exceed the total. A part of a
    different unit ends the list ("..., and 30 houses were destroyed"), and "the rest" must leave
    something over ("12 killed, 12 of them children and the rest women").

    Totals and parts are read as intervals: "more than 12" has no upper end and is never exceeded;
    "about 12" allows up to 13.2; "300" may be anything from 250 to 350; a part "up to 5" may be 0.
    A figure after a preposition ("in 3 villages, including ...") or one of a pair ("killed 12 and
    injured 30, including ...") is not taken as the total: the cue's scope is unclear. A sum of
    money is checked only against a list presented as complete: it may be net of costs ("a profit
    of $12m, including a $15m gain on a sale" is right).
    """

    code, name, severity = "A101", "parts-exceed-total", "error"
    summary = "The listed parts add up to more than their total can hold."
    triggers = ("Twelve people were killed in the blast, including five children and nine women.",
                "Of the 41 passengers, 43 were tourists.")
    passes = ("Twelve people were killed in the blast, including five children and four girls.",
              "More than 12 people were killed, including five children and nine women.")

    def check_breakdown(self, ctx: Context, b: Breakdown, total: Interval) -> Iterable[Finding]:
        if math.isinf(total.high):
            return
        of_total = f"the total of {_as_read(ctx, b.total)}{_noun(b)}"
        evidence = {"total": [total.low, total.high], "cue": b.cue}
        for part in b.numbered:
            iv = interval(part.figure)
            if iv is not None and iv.low > total.high + _tolerance(total.high):
                yield self.finding(ctx, "contradicted", f"{_part(ctx, part)} alone is more than {of_total}",
                                   b.start, part.figure.end, evidence={**evidence, "part": [iv.low, iv.high]})
                return
        numbered = b.numbered
        if not b.disjoint or not (len(numbered) >= 2 or numbered and b.unnumbered_rest):
            return
        parts = _sum([interval(p.figure) for p in numbered])
        expr = " + ".join(_part(ctx, p) for p in numbered)
        evidence = {**evidence, "sum": [parts.low, parts.high]}
        if len(numbered) > 1:
            expr = f"{expr} = {_span(parts, b.total)}"
        if parts.low > total.high + _tolerance(total.high):
            yield self.finding(ctx, "contradicted", f"{expr}, more than {of_total}",
                               b.start, b.end, evidence=evidence)
        elif b.unnumbered_rest and parts.low >= total.high - _tolerance(total.high):
            yield self.finding(ctx, "contradicted", f"{expr}, which leaves nothing for "
                               f"'the {b.parts[-1].label}' of {of_total}", b.start, b.end, evidence=evidence)


class IncompleteBreakdown(BreakdownRule):
    """A list presented as the whole breakdown of a total must add up to it.

    "12 people were killed: 5 men, 4 women and 2 children" accounts for 11 of 12. Only wording
    that presents the list as complete is checked: a colon, brackets or dashes round a list ending
    in "and"; an apposition of disjoint categories ("12 people, 5 men and 7 women, ..."); "the
    remaining N" or "the other N" as the last part; "Of the 12 victims, 5 were men, 4 women and 2
    children" (categories that cover everyone). "Including", "among them" and "of whom" lists are
    partial by nature and never checked here, nor lists ending in "the rest" without a figure.
    A list that exceeds its total is reported by A101.

    Both sides are intervals: "about 12" (10.8 to 13.2) is matched by 11; parts "at least 5" or
    "more than 2" can always make up the rest.
    """

    code, name, severity = "A102", "incomplete-breakdown", "warning"
    summary = "A list presented as a total's whole breakdown falls short of it."
    triggers = ("Twelve people were killed: five men, four women and two children.",
                ("The board's 15 members split: nine voted for the merger, two against and the remaining "
                 "three abstained."))
    passes = ("Twelve people were killed: five men, four women and three children.",
              "Twelve people were killed, including five men and four women.")

    def check_breakdown(self, ctx: Context, b: Breakdown, total: Interval) -> Iterable[Finding]:
        numbered = b.numbered
        if not b.complete or b.unnumbered_rest or len(numbered) < 2:
            return
        parts = _sum([interval(p.figure) for p in numbered])
        expr = " + ".join(_part(ctx, p) for p in numbered)
        of_total = f"{_as_read(ctx, b.total)}{_noun(b)}"
        evidence = {"total": [total.low, total.high], "sum": [parts.low, parts.high], "cue": b.cue}
        if parts.high < total.low - _tolerance(total.low):
            short = Interval(total.low - parts.high, total.high - parts.low)
            yield self.finding(ctx, "contradicted", f"{expr} = {_span(parts, b.total)}, {_span(short, b.total)} short of "
                               f"{of_total}, though the list reads as complete", b.start, b.end,
                               severity="warning", evidence=evidence)
        elif parts.low == parts.high == total.low == total.high:  # verified only when exact
            yield self.finding(ctx, "verified", f"{expr} = {_span(parts, b.total)}: all of {of_total}",
                               b.start, b.end, evidence=evidence)


class ShareExceedsWhole(Rule):
    """A part of a whole cannot be larger than the whole.

    "14 of the 12 members", "9 out of 7 judges", "14 members of the 12-member council", "$14m of
    the $12m budget". Names that look like figures are left alone ("Article 14 of 12", "Law 5 of
    2016", "page 3 of 2"), as are ages, years, dates and net sums ("$15m of the $12m profit":
    a profit is net of losses). Both figures are intervals: "2,040 of the 2,000 members" is silent
    (2,000 may stand for anything up to 2,500), "between 10 and 14 of the 12" may be 10; "at
    least 16 of the 15" is not.
    """

    code, name, severity = "A103", "share-exceeds-whole", "error"
    summary = "'X of Y' with X larger than Y."
    triggers = ("Fourteen of the 12 jurors said they had read the reports.",)
    passes = ("Eleven of the 12 jurors said they had read the reports.",
              "Article 14 of 12 March is cited twice.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for share in ctx.extract(read_breakdowns).shares:
            part, whole = interval(share.part), interval(share.whole)
            if part is None or whole is None or part.low <= whole.high + _tolerance(whole.high):
                continue
            widened = _as_read(ctx, share.part) != _written(ctx, share.part) or \
                _as_read(ctx, share.whole) != _written(ctx, share.whole)
            detail = f" (at least {_fmt(part.low, share.part)} of at most {_fmt(whole.high, share.whole)})" \
                if widened else ""
            yield self.finding(ctx, "contradicted", f"'{ctx.plain[share.start:share.end]}': the part is larger "
                               f"than the whole{detail}",
                               share.start, share.end,
                               evidence={"part": [part.low, part.high], "whole": [whole.low, whole.high]})


FRACTION_SLACK = 0.05  # "two-thirds" of 193 members is 129 (66.8%): a fraction in words is rounded too


def _rate_interval(num: Number) -> Interval | None:
    """A rate as a fraction of 1: '45%' -> 0.445 to 0.455; 'two-thirds' -> 0.633 to 0.7."""
    if num.kind == "percent":
        iv = copy_interval(num)
        return Interval(iv.low / 100, iv.high / 100) if iv is not None else None
    iv = interval(num)
    return Interval(iv.low * (1 - FRACTION_SLACK), iv.high * (1 + FRACTION_SLACK)) if iv is not None else None


class ShareMismatch(Rule):
    """A percentage or fraction of a whole must match the amount given with it.

    "45% of 200, or 120": 45% of 200 is 90. "141 of the 193 members, or 45%": 141 of 193 is 73%.
    Read forms: "X% of Y (Z)", "X% of Y, or Z", "Z, or X% of Y", "Z out of Y, or X%", "Z of Y
    (X%)", "Z (X%) of the Y", with fractions ("a third of 300 (100)") as well as percentages.
    Every figure is an interval, and the check passes if any reading of the three agrees: a whole
    percentage is rounded to the unit ("45%" is 44.5% to 45.5%), a fraction in words by a
    twentieth either way ("two-thirds" is 63% to 70%), a count to a whole number, and the rest as
    verify.intervals reads them. So "a third of 300 (100)", "two-thirds of the 193 members, or
    129" and "86 of the 193 members, or 45%" are right, and so is "45% of 200, or 100" (200 may be
    rounded from anything between 150 and 250). Amounts and wholes must be of one kind (both
    counts, or sums of one currency), and the restatement must follow at once (", or 90" or
    "(90)"): "45% of the 600 seats, or 3 constituency wins" is not read.
    """

    code, name, severity = "A104", "share-mismatch", "error"
    summary = "'X% of Y' and the amount Z given with it disagree beyond rounding."
    triggers = ("The union says 45 per cent of its 2,017 members, or 1,200 people, voted to strike.",)
    passes = ("The union says 45 per cent of its 2,017 members, or 908 people, voted to strike.",
              "A third of the 300 delegates (100) walked out.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for prop in ctx.extract(read_breakdowns).proportions:
            rate, whole, amount = _rate_interval(prop.rate), interval(prop.whole), interval(prop.amount)
            if rate is None or whole is None or amount is None or whole.low <= 0 or math.isinf(whole.high):
                continue
            expected = Interval(rate.low * whole.low, rate.high * whole.high)
            if family(prop.amount) == "count":  # a count is whole: 128.67 people are written 129
                expected = Interval(expected.low - 0.5, expected.high + 0.5)
            evidence = {"rate": [rate.low, rate.high], "whole": [whole.low, whole.high],
                        "amount": [amount.low, amount.high]}
            r, w, a = (_written(ctx, n) for n in (prop.rate, prop.whole, prop.amount))
            if expected.overlaps(Interval(amount.low - _tolerance(amount.low), amount.high + _tolerance(amount.high))):
                yield self.finding(ctx, "verified", f"{r} of {w} is {_span(expected, prop.whole)}: {a} agrees",
                                   prop.start, prop.end, evidence=evidence)
                continue
            ratio = Interval(amount.low / whole.high * 100, amount.high / whole.low * 100)
            point = ""
            if isinstance(prop.whole.value, (int, float)) and isinstance(prop.rate.value, (int, float)):
                fraction = prop.rate.value / 100 if prop.rate.kind == "percent" else prop.rate.value
                point = f"{_fmt(fraction * prop.whole.value, prop.whole)}, "
            yield self.finding(ctx, "contradicted", f"{r} of {w} is {point}{_span(expected, prop.whole)} allowing "
                               f"for rounding, but the text gives {a}, which is {_span(ratio)}% of {w}",
                               prop.start, prop.end, evidence=evidence)


class PercentagesOver100(Rule):
    """Percentages of one whole cannot add up to more than 100%.

    "52% voted yes, 45% no and 6% abstained" is 103%. Percentages are taken as shares of one whole
    only when the wording says so: each is named by its own category of one kind (yes/no/
    abstained/undecided, men/women, leave/remain), or the whole is named once after the first
    ("Labour won 40% of the vote, the Conservatives 35% and the Liberal Democrats 30%"). Each
    percentage with its own "of" ("52% of men and 45% of women"), a scope ("in Lagos", "among
    women", "for men"), a change ("rose", "up", "points") or a figure between them (a year) means
    different wholes, and nothing is added; so do answers of a poll that allows several ("62%
    named the economy, 55% health"), which are never added. Rounding is allowed for: 50.2% + 49.9%
    is at least 50.15% + 49.85% = 100%; 34% + 33% + 34% is at least 33.5% + 32.5% + 33.5%.
    """

    code, name, severity = "A105", "percentages-over-100", "warning"
    summary = "Percentages of one whole add up to more than 100% beyond rounding."
    triggers = ("In the referendum 52% voted yes, 45% no and 6% abstained.",)
    passes = ("In the referendum 52% voted yes, 45% no and 3% abstained.",
              "Prices rose 52% in Lagos and 60% in Abuja.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        for split in ctx.extract(read_breakdowns).splits:
            ivs = [copy_interval(n) for n in split.parts]
            if any(iv is None for iv in ivs):
                continue
            total = _sum(ivs)
            if total.low <= 100 + _tolerance(100):
                continue
            expr = " + ".join(_written(ctx, n) for n in split.parts)
            plain = sum(float(n.value) for n in split.parts)
            rounding = "" if abs(total.low - plain) < 1e-9 else f" (at least {_fmt(total.low)}% allowing for rounding)"
            yield self.finding(ctx, "contradicted", f"{expr} = {_fmt(plain)}%{rounding}, more than the whole",
                               split.start, split.end, severity="warning",
                               evidence={"sum": [total.low, total.high], "labels": list(split.labels)})


RULES: tuple[type[Rule], ...] = (PartsExceedTotal, IncompleteBreakdown, ShareExceedsWhole, ShareMismatch,
                                 PercentagesOver100)
__all__ = ["RULES"]
