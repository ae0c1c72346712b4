"""Date rules (D1xx): the calendar arithmetic a sub-editor does in their head. A weekday must fit
its date, "last month" must fit the article's date and the date written beside it, and an age must
fit the birth year and the article's date.

What they read comes from verify.calendar. Each rule allows every reading the words leave open (a
date without a year may fall in the year before or after the article's; a story may be dated a day
off the day it was written), so a finding means that no reading fits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from verify.calendar import (
    MONTH_NAMES,
    WEEKDAYS,
    RelativeDate,
    StatedAge,
    StatedDate,
    read_ages,
    read_relative_dates,
    read_weekday_dates,
)
from verify.dates import ArticleDate
from verify.report.model import Finding
from verify.rules.base import Context, Rule

# Until 1923 some countries still kept the Julian calendar (Russia until 1918, Greece until 1923),
# and copy about earlier history often gives old-style dates ("Friday 13 October 1307"): the
# weekday of an earlier date is not checked.
GREGORIAN_FROM = 1923
# A date without a year is read in every year that puts it within this many days of the article's
# date, and passes when any of them fits: "Saturday 8 October" in an article of April 2017 may be
# last October's or next October's.
NEAR_DAYS = 300
SLIP_DAYS = 1  # a story's given date may be a day off the day it was written (time zones, print)
STATED_SLIP_DAYS = 3  # a story is often dated a day or two after the date it gives for its event
Span = tuple[dt.date, dt.date]


def _day(d: dt.date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def _now(date: ArticleDate) -> Span:
    """The days the article may have been written on: its given date give or take a day; a date
    read from the text (inferred) and the few days after it; an inferred span as it is."""
    if not date.exact:
        return date.earliest, date.latest
    if date.inferred:
        return date.earliest, date.latest + dt.timedelta(days=STATED_SLIP_DAYS)
    slip = dt.timedelta(days=SLIP_DAYS)
    return date.earliest - slip, date.latest + slip


def _article(date: ArticleDate) -> str:
    return f"an article dated {date.label()}" + (" (a date read from the text)" if date.inferred else "")


class WeekdayMismatch(Rule):
    """A weekday written with a date must be the day that date falls on.

    "Friday 8 October 2016" is wrong: 8 October 2016 was a Saturday. Read in any order and style:
    "on Saturday, October 8, 2016", "Sat 8 Oct", "on Friday, the 8th of October", "8 October 2016,
    a Saturday", "Friday 7 and Saturday 8 October". A date without a year is checked only when the
    article's date is known to the day: it is read in the article's year, and also in the year
    before or after when that lies within 300 days of the article's date too (either may then
    fit). Dates before 1923 are not checked: copy about earlier history often gives them in the
    Julian calendar. The message gives the nearest day that has the written weekday, since either
    the weekday or the date may be the slip.
    """

    code, name, severity = "D101", "weekday-mismatch", "error"
    summary = "A weekday written with a date that falls on another day (\"Friday 8 October 2016\")."
    triggers = ("The council met on Friday 8 October 2016 to vote on the French draft.",
                "[2016-10-08] Voting closes at noon on Sat 9 Oct.")
    passes = ("The council met on Saturday 8 October 2016 to vote on the French draft.",
              "Voting closes at noon on Fri 9 Oct.")

    def check(self, ctx: Context) -> Iterator[Finding]:
        date = ctx.date
        for stated in ctx.extract(read_weekday_dates):
            candidates = _days_of(stated.date, date)
            if not candidates:
                continue
            written = WEEKDAYS[stated.weekday]
            evidence = {"written": written, "year_from": "text" if stated.date.year else "article"}
            if any(c.weekday() == stated.weekday for c in candidates):
                if len(candidates) == 1:
                    yield self.finding(ctx, "verified", f"{_day(candidates[0])} {_tense(candidates[0], date)} a "
                                       f"{written}", stated.start, stated.end,
                                       evidence={**evidence, "date": candidates[0].isoformat()})
                continue
            day = min(candidates, key=lambda c: abs((c - (date.earliest if date else c)).days))
            actual = WEEKDAYS[day.weekday()]
            shift = (stated.weekday - day.weekday()) % 7
            nearest = day + dt.timedelta(days=shift if shift <= 3 else shift - 7)
            if len(candidates) == 1:
                what = f"{_day(day)} {_tense(day, date)} a {actual}"
            else:  # no year written, and either neighbouring year may be meant
                what = f"{day.day} {MONTH_NAMES[day.month - 1]} " + " and ".join(
                    f"{_tense(c, date)} a {WEEKDAYS[c.weekday()]} in {c.year}" for c in sorted(candidates))
            yield self.finding(
                ctx, "contradicted", f"{what}, not a {written} (the nearest {written} is {_day(nearest)})",
                stated.start, stated.end,
                severity="warning" if date is not None and date.inferred and not stated.date.year else None,
                evidence={**evidence, "date": day.isoformat(), "weekday": actual,
                          "nearest": nearest.isoformat()},
                suggestion=_like(actual, stated.weekday_text) if len(candidates) == 1 else None)


def _days_of(stated: StatedDate, date: ArticleDate | None) -> list[dt.date]:
    """The days a weekday's date can be: one when the year is written, else those of the year
    before, of and after the article's date that lie within NEAR_DAYS of it."""
    if stated.month is None or stated.day is None:
        return []
    if stated.year is not None:
        return [dt.date(stated.year, stated.month, stated.day)] if stated.year >= GREGORIAN_FROM else []
    if date is None or not date.exact:
        return []
    out = []
    for year in (date.earliest.year - 1, date.earliest.year, date.earliest.year + 1):
        try:
            day = dt.date(year, stated.month, stated.day)
        except ValueError:  # 29 February in a common year
            continue
        if abs((day - date.earliest).days) <= NEAR_DAYS and year >= GREGORIAN_FROM:
            out.append(day)
    return out


def _tense(day: dt.date, date: ArticleDate | None) -> str:
    return "was" if day < (date.earliest if date is not None else dt.date.today()) else "is"


def _like(weekday: str, written: str) -> str:
    """`weekday` written the way the text wrote its weekday: "Saturday", "Sat", "SATURDAY"."""
    word = weekday if len(written) > 5 else weekday[:3]
    return word.upper() if written.isupper() else word


class RelativeDateConflict(Rule):
    """A relative time and the date written beside it must agree with the article's date.

    "Last month, on 3 August" in an article of 8 October cannot both hold: last month was September.
    Read are "yesterday", "today", "tomorrow", "last/this/next week", "last/this/next month",
    "last/this/next year" (also "earlier this year", "later this month") and "last/this/next
    Friday", written right beside the date they stand for: "last month, on 3 August", "on 22
    September last month", "last year (2014)", "yesterday (Thursday)", "next Friday, 28 October".
    A date elsewhere in the sentence is another event and is not compared.

    Only checked against an exact article date (given, from the page, or the one date the text
    gives for its vote, then with a few days' slack), never an inferred span of years. The readings
    are generous: "last week" is any of the 13 days before, "last month" the previous calendar
    month or the month before the article's date, "yesterday" allows the story to be dated a day
    off, a date without a year may fall in any neighbouring year, and when another date of the
    sentence could be the time the phrase counts from ("in his letter of 5 September 2015 he wrote
    that last month...") nothing is claimed. A weekday with a date far from the article's
    ("on Saturday 24 September") is house style, not a conflict.
    """

    code, name, severity = "D102", "relative-date-conflict", "warning"
    summary = "A relative time (\"last month\") contradicts the date written beside it and the article's date."
    triggers = ("[2016-10-08] Last month, on 3 August, the government announced a truce.",)
    passes = ("[2016-10-08] On September 22 last month the government announced a full-scale offensive.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        date = ctx.date
        if date is None or not date.exact:
            return
        now = _now(date)
        for rel in ctx.extract(read_relative_dates):
            if _holds(rel, now):
                continue
            if any(_holds(rel, _span(other, date.earliest)) for other in rel.others):
                continue  # the phrase may count from that date
            meaning = _meaning(rel, date.earliest)
            target = _target_label(rel.target, date.earliest)
            yield self.finding(ctx, "contradicted", f"'{rel.phrase}' in {_article(date)} is {meaning}, not "
                               f"{target}", rel.start, rel.end,
                               evidence={"phrase": rel.phrase, "article_date": date.label(),
                                         "meaning": meaning, "date": target})


def _holds(rel: RelativeDate, now: Span) -> bool:
    """Whether some day the target may be lies where the phrase points from some day in `now`."""
    lo, hi = _allowed(rel, now)
    for first, last in _target_spans(rel.target, now):
        a, b = max(first, lo), min(last, hi)
        if a > b:
            continue
        if rel.target.weekday is None or rel.target.month is not None or (b - a).days >= 6:
            return True
        if any((a + dt.timedelta(days=k)).weekday() == rel.target.weekday for k in range((b - a).days + 1)):
            return True
    return False


def _allowed(rel: RelativeDate, now: Span) -> Span:
    """The days the phrase may point to, from any day in `now`."""
    first, last = now
    off = rel.offset
    if rel.unit == "day":
        lo, hi = first + dt.timedelta(days=off), last + dt.timedelta(days=off)
    elif rel.unit in ("week", "weekday"):
        lo, hi = {-1: (first - dt.timedelta(days=13), last - dt.timedelta(days=1)),
                  0: (first - dt.timedelta(days=6), last + dt.timedelta(days=6)),
                  1: (first + dt.timedelta(days=1), last + dt.timedelta(days=13))}[off]
    elif rel.unit == "month":
        lo, hi = {-1: (_month_start(first, -1), last - dt.timedelta(days=1)),
                  0: (_month_start(first, 0), _month_start(last, 1) - dt.timedelta(days=1)),
                  1: (first + dt.timedelta(days=1), _month_start(last, 2) - dt.timedelta(days=1))}[off]
    else:
        lo, hi = dt.date(first.year + off, 1, 1), dt.date(last.year + off, 12, 31)
    if rel.side == "earlier":
        hi = min(hi, last)
    elif rel.side == "later":
        lo = max(lo, first)
    return lo, hi


def _month_start(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _target_spans(target: StatedDate, now: Span) -> list[Span]:
    """The spans of days a stated date may be; a date without a year, in each year near `now`."""
    if target.month is None:
        if target.year is not None:
            return [(dt.date(target.year, 1, 1), dt.date(target.year, 12, 31))]
        return [(dt.date.min, dt.date.max)]  # a weekday alone
    if target.day is None:
        first = dt.date(target.year, target.month, 1)
        return [(first, _month_start(first, 1) - dt.timedelta(days=1))]
    years = [target.year] if target.year is not None else range(now[0].year - 1, now[1].year + 2)
    out = []
    for year in years:
        try:
            day = dt.date(year, target.month, target.day)
        except ValueError:
            continue
        out.append((day, day))
    return out


def _span(stated: StatedDate, article: dt.date) -> Span:
    """Another date of the sentence as the time a phrase may count from."""
    spans = _target_spans(stated, (article, article))
    if stated.year is None and stated.day is not None:
        spans = [min(spans, key=lambda s: abs((s[0] - article).days))]
    return spans[0][0], spans[-1][1]


def _meaning(rel: RelativeDate, today: dt.date) -> str:
    """What the phrase means on the article's date, in words: 'September 2016', '2015', 'Friday 7
    October 2016', '26 September to 2 October 2016'."""
    off = rel.offset
    if rel.unit == "day":
        day = today + dt.timedelta(days=off)
        return f"{WEEKDAYS[day.weekday()]} {_day(day)}"
    if rel.unit == "week":
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=off)
        sunday = monday + dt.timedelta(days=6)
        head = f"{monday.day} {MONTH_NAMES[monday.month - 1]}" + (f" {monday.year}" if monday.year != sunday.year
                                                                   else "")
        return f"the week of {head} to {_day(sunday)}"
    if rel.unit == "weekday":
        shift = (rel.weekday - today.weekday()) % 7
        if off < 0:
            day = today - dt.timedelta(days=(7 - shift) % 7 or 7)
        elif off > 0:
            day = today + dt.timedelta(days=shift or 7)
        else:
            day = today + dt.timedelta(days=shift if shift <= 3 else shift - 7)
        return _day(day)
    if rel.unit == "month":
        first = _month_start(today, off)
        return f"{MONTH_NAMES[first.month - 1]} {first.year}"
    return str(today.year + off)


def _target_label(target: StatedDate, today: dt.date) -> str:
    """The written date with the year it most likely has, and how far it lies from the article's
    date: '3 August 2016 (66 days earlier)'."""
    if target.month is None and target.year is None:
        return f"a {WEEKDAYS[target.weekday or 0]}"
    if target.day is None:
        return target.label()
    spans = _target_spans(target, (today, today))
    day = min((s[0] for s in spans), key=lambda d: abs((d - today).days))
    delta = (day - today).days
    when = "the same day" if delta == 0 else f"{abs(delta)} day{'s' if abs(delta) != 1 else ''} " \
                                              f"{'earlier' if delta < 0 else 'later'}"
    return f"{_day(day)} ({when})"


class AgeMismatch(Rule):
    """An age given with a birth date must fit the article's date.

    "Born in 1950, the 70-year-old" in an article of 8 October 2016 is wrong: someone born in 1950
    was 65 or 66 then. The age must be the article's year minus the birth year, or one less when
    the birthday has not yet come (exactly, when the birth date gives the day). Read when the words
    tie the two to one person: "born in 1950, the 70-year-old", "Smith, 64, who was born in 1952",
    "Jane Smith (born 1960) ... and the 55-year-old", "the 70-year-old, born in 1950,". Left
    alone: the age of a thing ("a 70-year-old law passed in 1950"), ages and births of different
    people in one sentence, ages at death or at another time ("died in 2010 aged 58", "was 40
    when"), and an age that fits another year the sentence names. With an inferred date the ages
    of every day in the span are allowed and a mismatch is a warning.
    """

    code, name, severity = "D103", "age-mismatch", "error"
    summary = "An age disagrees with the birth year and the article's date (\"born in 1950, the 70-year-old\")."
    triggers = ("[2016-10-08] Born in 1950, the 70-year-old has run the family farm for four decades.",)
    passes = ("[2016-10-08] Born in 1950, the 66-year-old has run the family farm for four decades.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        date = ctx.date
        if date is None:
            return
        now = _now(date)
        on = f"on {date.label()}" if date.exact else f"in {date.label()} (the article's date, inferred)"
        for claim in ctx.extract(read_ages):
            low, high = _ages(claim.born, now)
            if high < 0:
                continue  # born after the article's date: not a claim about now
            ages = str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"
            born = _born(claim.born)
            evidence = {"born": claim.born.label(), "age": claim.age, "allowed": [low, high],
                        "article_date": date.label()}
            if low <= claim.age <= high:
                yield self.finding(ctx, "verified", f"{born}: {ages} {on}", claim.start, claim.end,
                                   evidence=evidence)
                continue
            if any(_fits(claim, other) for other in claim.others):
                continue  # the age may be as of that year
            yield self.finding(ctx, "contradicted", f"{born}, so {ages} {on}, not {claim.age}", claim.start,
                               claim.end, severity="warning" if date.inferred else None, evidence=evidence)


def _ages(born: StatedDate, now: Span) -> tuple[int, int]:
    """The youngest and oldest a person born on `born` can be on the days of `now`."""
    (b_first, b_last), = _target_spans(born, now)
    return _age(b_last, now[0]), _age(b_first, now[1])


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _fits(claim: StatedAge, other: StatedDate) -> bool:
    low, high = _ages(claim.born, _target_spans(other, (dt.date.min, dt.date.max))[0])
    return low <= claim.age <= high


def _born(born: StatedDate) -> str:
    if born.day is not None:
        return f"born on {born.label()}"
    return f"born in {born.label()}"


RULES: tuple[type[Rule], ...] = (WeekdayMismatch, RelativeDateConflict, AgeMismatch)
__all__ = ["RULES"]
