"""The interval a written figure stands for, so that a comparison never calls correct rounding or a
fair hedge wrong. `interval` is the generous reading, for a figure compared with the world (a
reference table); `copy_interval` the closer one, for figures the story relates to each other.
In `interval`, "300,000" is anything that rounds to it (250,000 to 350,000), "12.5" is 12.45 to
12.55, "about 300" allows a tenth either way, "more than 2,000" has no upper end, "nearly 10,000"
is a little under it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from verify.numbers import Number

ABOUT = 0.1  # "about", "around", "some", "roughly": a tenth either way
NEARLY = 0.1  # "nearly", "almost", "close to": up to a tenth below
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        if self.low == self.high:
            return _fmt(self.low)
        if math.isinf(self.high):
            return f"{_fmt(self.low)} or more"
        return f"{_fmt(self.low)} to {_fmt(self.high)}"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def rounding(num: Number) -> float:
    """Half the unit of the last significant digit as written: "300,000" -> 50,000, "12.5" ->
    0.05, "2.5 million" -> 50,000; for a figure in words, from its value ("three hundred" -> 50)."""
    if not isinstance(num.value, (int, float)) or num.value == 0:
        return 0.0
    literal = _DIGITS.search(num.text)
    written = literal.group().replace(",", "") if literal else str(num.value)
    whole, _, decimals = written.partition(".")
    if decimals:
        unit = 10.0 ** -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        unit = 10.0 ** zeros if zeros and whole.strip("0") else 0.0
    scale = abs(num.value) / float(written) if float(written) else 1.0
    return unit / 2 * scale


def interval(num: Number) -> Interval | None:
    """What `num` allows, from its rounding and hedge; None for figures without a single value."""
    if num.kind == "range" and num.low is not None and num.high is not None:
        return Interval(float(num.low), float(num.high))
    if not isinstance(num.value, (int, float)) or isinstance(num.value, bool):
        return None
    value, half = float(num.value), rounding(num)
    low, high = value - half, value + half
    hedge = num.hedge
    if hedge == "about":
        low, high = min(low, value * (1 - ABOUT)), max(high, value * (1 + ABOUT))
    elif hedge == "nearly":
        low, high = value * (1 - NEARLY), value
    elif hedge in ("over", "at_least"):
        low, high = value, math.inf
    elif hedge in ("under", "at_most"):
        low, high = 0.0, value
    return Interval(low, high)


SMALL = 1000  # whole figures below this, written without a hedge, are read as written


def copy_interval(num: Number) -> Interval | None:
    """The interval a figure stands for when copy relates it to another figure in the same story
    (parts of a total, a change, a share), a closer reading than `interval`'s.

    A whole count under 1,000 without a hedge is taken as written ("40" is 40, not 35 to 45: copy
    says "about 40" when it rounds); a whole percentage or sum of money is rounded to its last digit
    at least ("4%" is 3.5 to 4.5, "£1,995" is 1,994.5 to 1,995.5, "£40" is 39.5 to 40.5). Larger
    round figures keep the intervals' reading ("3,000" is 2,500 to 3,500).
    """
    span = interval(num)
    if span is None or num.hedge != "exact" or num.kind == "range":
        return span
    value = float(num.value)
    if "." in literal(num):
        return span
    small = abs(value) < SMALL
    if num.kind in ("percent", "money"):
        half = 0.5 * scale(num)
        if not small:
            half = max(half, rounding(num))
        return Interval(value - half, value + half)
    if small and scale(num) == 1:
        return Interval(value, value)
    return span


def literal(num: Number) -> str:
    """The digits of a figure as written, without separators ("12,500" -> "12500")."""
    m = _DIGITS.search(num.text)
    return m.group().replace(",", "") if m else ""


def scale(num: Number) -> float:
    """The multiplier of a scale word or suffix ("2.5 million" -> 1e6), 1 for plain figures."""
    digits = literal(num)
    if not digits or num.spelled or not isinstance(num.value, (int, float)):
        return 1.0
    written = float(digits)
    return abs(float(num.value)) / written if written else 1.0
