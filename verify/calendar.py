"""Dates as a sub-editor checks them, read for the date rules (D1xx): a weekday written with a day of
the month ("Friday 8 October 2016", "Sat 8 Oct", "8 October 2016, a Saturday"), a relative time
written right next to the explicit date it stands for ("last month, on 3 August", "on 22 September
last month", "yesterday (Thursday)") and an age given with a birth date of the same person ("born in
1950, the 70-year-old", "Smith, 64, who was born in 1952").

Only what the number grammar (verify.numbers) has already read as a date or year is taken as one, so
these readers add no scan of their own: they look at a few characters around those figures with
anchored patterns, and search the text only for "born", "yesterday", "today" and "tomorrow" (plain
`str.find`). A pairing is made only when the words between say it is one date or one person;
anything looser is left unread, since a date rule that guesses raises false alarms.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from verify.numbers import Number
from verify.scan import ascii_lower, find_all, starts_word

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
_ABBREVIATIONS = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Weds": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
                  "Fri": 4, "Sat": 5, "Sun": 6}
# written weekday -> Monday = 0, as `datetime.date.weekday()`; capitalised or in capitals only
# ("sat" and "sun" are words)
WEEKDAY_NAMES: dict[str, int] = {
    **{w: i for i, w in enumerate(WEEKDAYS)}, **{w.upper(): i for i, w in enumerate(WEEKDAYS)},
    **_ABBREVIATIONS, **{a.upper(): i for a, i in _ABBREVIATIONS.items()}}
_FULL = {w.lower(): i for i, w in enumerate(WEEKDAYS)}
_HS = "[ \u00a0]"  # a space inside a phrase
# News copy has a handful of each reading per article. A document with thousands is a table or an
# attack, and reading (and reporting) all of them would cost seconds on a 2 MB text: each reader
# stops at MAX_READINGS, and examines at most MAX_HITS occurrences of its keywords.
MAX_READINGS = 1_000
MAX_HITS = 5_000


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A date as far as the text states it: a day ("8 October 2016", "8 Oct"), a month ("September
    2015"), a year ("2014") or a weekday alone ("Thursday"); what the text leaves out is None."""

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0, as `datetime.date.weekday()`

    def label(self, year: int | None = None) -> str:
        """'8 October 2016', '8 October' (or with `year` when the text gives none), 'September
        2015', '2014', 'Thursday': one style for every message, however the text wrote it."""
        year = self.year if self.year is not None else year
        if self.month is None:
            return str(year) if year is not None else WEEKDAYS[self.weekday or 0]
        parts = [str(self.day)] if self.day is not None else []
        parts.append(MONTH_NAMES[self.month - 1])
        if year is not None:
            parts.append(str(year))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class WeekdayDate:
    """A weekday written with a day of the month: "Friday 8 October 2016", "Sat 8 Oct", "on Friday,
    the 8th of October", "8 October 2016, a Saturday", "Friday 7 and Saturday 8 October" (the first
    day takes the month and year of the second). `date` has a day and a month, and a year when the
    text writes one."""

    weekday: int
    weekday_text: str
    date: StatedDate
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A time relative to the article's date written right next to the date it stands for: "last
    month, on 3 August", "on 22 September last month", "last year (2014)", "yesterday (Thursday)",
    "next Friday, 28 October".

    `unit` is day | week | month | year | weekday; `offset` -1 for last/yesterday, 0 for this/today,
    1 for next/tomorrow; `weekday` is set for "last Friday"; `side` is "earlier" or "later" when the
    text narrows "this month" that way. `others` are the other dates the sentence states: the phrase
    may count from one of them ("in a letter of 5 September 2015 he wrote that last month...")."""

    phrase: str  # as written: "last month", "Earlier this year", "yesterday"
    unit: str
    offset: int
    target: StatedDate
    start: int
    end: int
    weekday: int | None = None
    side: str | None = None
    others: tuple[StatedDate, ...] = ()


@dataclass(frozen=True, slots=True)
class StatedAge:
    """An age and a birth date the text gives one person: "born in 1950, the 70-year-old", "Smith,
    64, who was born in 1952", "Jane Smith (born 1960) ... the 55-year-old". `others` are the
    other dates of the sentence: the age may be as of one of them ("in 1990 the 40-year-old, born
    in 1950, ...")."""

    age: int
    age_start: int
    age_end: int
    born: StatedDate
    start: int
    end: int
    others: tuple[StatedDate, ...] = ()


# --- reading stated dates -----------------------------------------------------------------------

def stated(num: Number, start: int | None = None) -> StatedDate | None:
    """A date or year the number grammar read, as a StatedDate (None for anything else, for decades,
    hedged years ("c. 1950") and impossible days such as 31 February)."""
    if num.kind == "year" and num.unit is None and num.hedge == "exact" and isinstance(num.value, int):
        return StatedDate(num.text, num.start, num.end, year=num.value)
    value = num.value
    if num.kind != "date" or not isinstance(value, str):
        return None
    # the grammar writes "2016-10-08", "--10-08" (no year) or "2016-10" (no day)
    head, _, rest = value.partition("-") if value[:1] != "-" else ("", "", value[2:])
    month_text, _, day_text = rest.partition("-")
    if not (head.isdigit() or not head) or not month_text.isdigit() or not (day_text.isdigit() or not day_text):
        return None
    year, month, day = int(head) if head else None, int(month_text), int(day_text) if day_text else None
    if (year is None and day is None) or not 1 <= month <= 12:
        return None
    if day is not None and (day < 1 or day > 28 and not _possible(year, month, day)):
        return None
    s = num.start if start is None else start
    end = _date_end(num)
    return StatedDate(num.text[s - num.start:end - num.start], s, end, year, month, day)


def _date_end(num: Number) -> int:
    """Where a date ends: the number grammar takes the full stop after a month's name into the date
    ("Oct."), and so also the one that ends a sentence ("on Friday 30 December.")."""
    if num.text.endswith(".") and num.text[:-1].rpartition(" ")[2] in MONTH_NAMES:
        return num.end - 1
    return num.end


def _possible(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000 was a leap year: 29 February
    except ValueError:
        return False
    return True


# --- weekdays with dates ------------------------------------------------------------------------

_NAMES = "|".join(sorted(WEEKDAY_NAMES, key=len, reverse=True))
# a weekday before a date, in a window that ends where the date starts: "Friday ", "Sat., ",
# "Saturday (", "Friday, the "
_WEEKDAY_HINT = re.compile("Mon|Tue|Wed|Thu|Fri|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN")
_WEEKDAY_BEFORE = re.compile(r"(?<![\w.'’-])(?P<wd>" + _NAMES + r")(?P<dot>\.)?(?:,?" + _HS + r"+|"
                             + _HS + r"?\()(?:the" + _HS + r"+)?$")
# the weekday the number grammar already took into a date: "Friday, the 8th of October 2016"
_WEEKDAY_LEADING = re.compile(r"(?P<wd>[A-Za-z]+),?" + _HS + r"+(?:the" + _HS + r"+)?")
# a weekday in apposition after a date: "8 October 2016, a Saturday", "8 October (Saturday)"
_WEEKDAY_AFTER = re.compile(r"(?:,(?:" + _HS + r"+which" + _HS + r"+(?:was|is|will" + _HS + r"+be))?" + _HS
                            + r"+an?" + _HS + r"+|" + _HS + r"*(?P<open>\()(?:an?" + _HS + r"+)?)(?P<wd>"
                            + "|".join(WEEKDAYS) + r")(?![\w'’-])")
_DAY_RANGE_GAP = re.compile(_HS + r"*(?:[-–]|and|to|until|till|through)" + _HS + r"*")


def read_weekday_dates(ctx) -> list[WeekdayDate]:
    """The weekdays written with dates in a rule context's document (for `Context.extract`)."""
    return weekday_dates(ctx.plain, ctx.numbers)


def weekday_dates(text: str, numbers: list[Number]) -> list[WeekdayDate]:
    """Every weekday written with a day of the month, in text order."""
    out: list[WeekdayDate] = []
    for i, num in enumerate(numbers):
        if num.kind == "date":
            found = _dated_weekday(text, num)
        elif num.kind == "number" and i + 1 < len(numbers) and numbers[i + 1].kind == "date":
            found = _first_of_two_days(text, num, numbers[i + 1])
        else:
            continue
        if found is not None:
            out.append(found)
            if len(out) == MAX_READINGS:
                break
    return out


def _dated_weekday(text: str, num: Number) -> WeekdayDate | None:
    lead = _WEEKDAY_LEADING.match(num.text)
    if lead and lead.group("wd").lower() in _FULL:
        date = stated(num, num.start + lead.end())
        if date is None or date.day is None:
            return None
        wd = lead.group("wd")
        return WeekdayDate(_FULL[wd.lower()], wd, date, num.start, date.end)
    before = _weekday_before(text, num.start)
    if before is not None:
        date = stated(num)
        if date is None or date.day is None:
            return None
        wd, start = before
        return WeekdayDate(WEEKDAY_NAMES[wd], wd, date, start, date.end)
    after = _WEEKDAY_AFTER.match(text, _date_end(num))
    if after is None:
        return None
    date = stated(num)
    if date is None or date.day is None:
        return None
    end = after.end()
    if after.group("open"):
        if text[end:end + 1] != ")":
            return None  # "8 October (Saturday and Sunday)"
        end += 1
    wd = after.group("wd")
    return WeekdayDate(WEEKDAY_NAMES[wd], wd, date, num.start, end)


def _weekday_before(text: str, start: int) -> tuple[str, int] | None:
    """The weekday written right before a date that starts at `start`, and where it starts."""
    for hint in _WEEKDAY_HINT.finditer(text, max(0, start - 20), start):  # where a name may start
        m = _WEEKDAY_BEFORE.match(text, hint.start(), start)
        if m is not None:
            break
    else:
        return None
    wd = m.group("wd")
    if wd.capitalize() in WEEKDAYS and m.group("dot"):
        return None  # "... on Friday. 8 October was": a full stop after a full name ends a sentence
    if wd.capitalize() not in WEEKDAYS and text[max(0, m.start() - 4):m.start()].lower() == "the ":
        return None  # "The Sun, 9 October 2016": a newspaper, not a Sunday
    return wd, m.start()


def _first_of_two_days(text: str, num: Number, date_num: Number) -> WeekdayDate | None:
    """'Friday 7 and Saturday 8 October 2016', 'from Friday 7 to Sunday 9 October': the first day."""
    if not (isinstance(num.value, int) and 1 <= num.value <= 31 and num.hedge == "exact" and not num.spelled):
        return None
    gap = _DAY_RANGE_GAP.fullmatch(text, num.end, date_num.start)
    before = _weekday_before(text, num.start) if gap else None
    if before is None:
        return None
    second = stated(date_num)
    if second is None or second.day is None or num.value >= second.day:
        return None
    if not _possible(second.year, second.month, num.value):
        return None
    wd, start = before
    date = StatedDate(num.text, num.start, num.end, second.year, second.month, num.value)
    return WeekdayDate(WEEKDAY_NAMES[wd], wd, date, start, num.end)


# --- relative dates -----------------------------------------------------------------------------

_REL = (r"(?P<rel>(?:(?P<side>earlier|later)" + _HS + r"+)?(?:(?P<day>yesterday|today|tomorrow)"
        r"|(?P<which>last|this|next)" + _HS + r"+(?P<unit>week|month|year|" + "|".join(_FULL) + r")))")
# a relative time and the words that lead from it to the date it stands for, ending where the date
# starts (on lower-cased text): "last month, on ", "yesterday (", "last year, in ", "next week on "
_REL_BEFORE = re.compile(r"(?<![\w'’-])" + _REL + r"(?P<gap>,?" + _HS + r"+(?:on|in)" + _HS + r"+|,"
                         + _HS + r"+|" + _HS + r"*\((?:on" + _HS + r"+)?)$")
# "last " etc. right before a date that starts with its weekday: "last Saturday, 24 September"
_WHICH_BEFORE = re.compile(r"(?<![\w'’-])(?P<which>last|this|next)" + _HS + r"+$")
# a relative time right after a day: "on 22 September last month", "on 3 August, last month,"
_REL_AFTER = re.compile(r"(?P<comma>,)?" + _HS + r"+" + _REL + r"(?![\w'’-])")
# a weekday in apposition to yesterday, today or tomorrow: "yesterday, Thursday,", "today (Saturday)"
_DAY_WEEKDAY = re.compile(r"(?P<day>yesterday|today|tomorrow)(?P<gap>," + _HS + r"+|" + _HS + r"*\()(?P<wd>"
                          + "|".join(_FULL) + r")(?![\w'’-])")
_CLOSING = frozenset(",.;:!?)\u2013\u2014")
# what continues a list or a range after a date: then the phrase is not about that date alone
_MONTH_WORDS = "|".join(sorted({m.lower() for m in MONTH_NAMES} | {m.lower()[:3] for m in MONTH_NAMES} | {"sept"},
                                key=len, reverse=True))
_CONTINUED = re.compile(r",?" + _HS + r"*(?:and|or|to|until|till|through|&|[-–])" + _HS + r"*(?:(?:again|also|then)"
                        + _HS + r"+)?(?:(?:on|in|from)" + _HS + r"+)?(?:[0-9]|(?:" + _MONTH_WORDS + "|"
                        + "|".join(_FULL) + r"|last|this|next|earlier|later|yesterday|today|tomorrow)\b)")
_UNITS = {"week": "week", "month": "month", "year": "year"}


def read_relative_dates(ctx) -> list[RelativeDate]:
    """The relative times paired with explicit dates in a rule context's document (for
    `Context.extract`)."""
    return relative_dates(ctx.plain, ctx.sentences, ctx.numbers)


def relative_dates(text: str, sentences: list[tuple[int, int]], numbers: list[Number]) -> list[RelativeDate]:
    """Every relative time written next to the date it stands for, in text order."""
    low = ascii_lower(text)
    day_hits = [h for h in find_all(low, ("yesterday", "today", "tomorrow")) if starts_word(low, h)][:MAX_HITS]
    if not day_hits and not any(n.kind in ("date", "year") for n in numbers):
        return []
    sentence_starts = [s for s, _ in sentences]
    out: list[RelativeDate] = []
    for num in numbers:
        if len(out) >= MAX_READINGS:
            break
        if num.kind not in ("date", "year"):
            continue
        # a cheap look for the words first: most dates have no relative time beside them
        before = _REL_HINT.search(low, max(0, num.start - 40), num.start)
        after = num.kind == "date" and _REL_HINT.search(low, num.end - 1, num.end + 40)
        if not before and not after:
            continue
        date = stated(num)
        if date is None:
            continue
        found = _relative_before(text, low, num, date, before.start()) if before else None
        if found is None and after and date.day is not None:
            found = _relative_after(text, low, num, date)
        if found is not None:
            out.append(found)
    for hit in day_hits:
        if len(out) >= MAX_READINGS:
            break
        m = _DAY_WEEKDAY.match(low, hit)
        if m is None or (m.group("gap").strip(" \u00a0") == "(" and low[m.end():m.end() + 1] != ")"):
            continue
        if low[m.end():m.end() + 1] not in _CLOSING and m.end() < len(low):
            continue  # "yesterday, Friday 7 October": the date is the target, read above
        wd = text[m.start("wd"):m.end("wd")]
        if not wd[:1].isupper():
            continue
        target = StatedDate(wd, m.start("wd"), m.end("wd"), weekday=_FULL[wd.lower()])
        day = m.group("day")
        out.append(RelativeDate(text[m.start():m.end("day")], "day", _DAY_OFFSET[day], target, m.start(), m.end() +
                                (1 if low[m.end():m.end() + 1] == ")" else 0)))
    if not out:
        return out
    out.sort(key=lambda r: r.start)
    starts = [n.start for n in numbers]
    return [_with_others(r, numbers, starts, sentences, sentence_starts) for r in out]


_DAY_OFFSET = {"yesterday": -1, "today": 0, "tomorrow": 1}
_REL_HINT = re.compile("last|this|next|yesterday|today|tomorrow")
_WHICH_OFFSET = {"last": -1, "this": 0, "next": 1}


def _relation(m: re.Match) -> tuple[str, int, int | None]:
    """(unit, offset, weekday) of a `_REL` match."""
    if m.group("day"):
        return "day", _DAY_OFFSET[m.group("day")], None
    unit = m.group("unit")
    offset = _WHICH_OFFSET[m.group("which")]
    return (_UNITS[unit], offset, None) if unit in _UNITS else ("weekday", offset, _FULL[unit])


def _rolling(low: str, start: int) -> bool:
    """'the last month', 'the past week', 'the next year': a span counted back or on from now, not a
    calendar month; and 'unlike today, in 1990', 'higher than last year, in 2014': a contrast, not
    an apposition."""
    word = low[max(0, start - 12):start].rstrip(" \u00a0").rpartition(" ")[2]
    return word in _NOT_APPOSITION


_NOT_APPOSITION = frozenset(["the", "past", "unlike", "than", "with", "to", "from", "since", "until", "till",
                             "versus", "vs", "vs.", "nor"])
# the targets a relative time can stand for: "yesterday" a day, "last month" a day or a month
_TARGETS = {"day": ("day",), "week": ("day",), "weekday": ("day",), "month": ("day", "month"),
            "year": ("day", "month", "year")}


def _fits(unit: str, date: StatedDate) -> bool:
    kind = "day" if date.day is not None or date.weekday is not None else "month" if date.month else "year"
    return kind in _TARGETS[unit]


def _relative_before(text: str, low: str, num: Number, date: StatedDate, hint: int) -> RelativeDate | None:
    """'last month, on 3 August', 'last year (2014)', 'next Friday, 28 October'. `hint` is where the
    first keyword lies in the 40 characters before the date."""
    lead = _WEEKDAY_LEADING.match(num.text)
    if lead and lead.group("wd").lower() in _FULL and date.day is not None:
        which = _WHICH_BEFORE.search(low, max(0, num.start - 8), num.start)
        if which is not None and not _rolling(low, which.start()):
            if _continued(low, date.end):
                return None
            phrase = " ".join(text[which.start():num.start + len(lead.group("wd"))].split())
            return RelativeDate(phrase, "weekday", _WHICH_OFFSET[which.group("which")],
                                date, which.start(), date.end, weekday=_FULL[lead.group("wd").lower()])
    m = _REL_BEFORE.search(low, max(0, hint - 8), num.start)  # "earlier " may come before the keyword
    if m is None or _rolling(low, m.start()):
        return None
    gap = m.group("gap")
    end = date.end
    if "(" in gap:
        if text[end:end + 1] != ")":
            return None
        end += 1
    elif ("," in gap or date.day is None) and not (end == len(text) or text[end] in _CLOSING):
        return None  # "last year, 2014 and 2013": a list; "last year in 2014 prices": another sense
    if _continued(low, date.end):
        return None
    unit, offset, weekday = _relation(m)
    if not _fits(unit, date) or unit == "weekday" and gap.strip(" \u00a0") not in (",", "("):
        return None
    return RelativeDate(_phrase(text, m), unit, offset, date, m.start(), end,
                        weekday=weekday, side=m.group("side"))


def _relative_after(text: str, low: str, num: Number, date: StatedDate) -> RelativeDate | None:
    """'on 22 September last month', 'on 3 August, last month,': a day, then the relative time."""
    if date.day is None:
        return None  # "in 2014 last year", "March 2015 this year": no one writes them so
    m = _REL_AFTER.match(low, date.end)
    if m is None:
        return None
    unit, offset, weekday = _relation(m)
    if unit == "weekday":
        return None  # "on 3 October next Monday" says two dates
    if m.group("comma") and not (m.end() == len(text) or text[m.end()] in _CLOSING):
        return None  # "Before 3 August, last year was the wettest": a new clause, not an apposition
    if _continued(low, m.end()):
        return None
    return RelativeDate(_phrase(text, m), unit, offset, date, num.start, m.end(), weekday=weekday,
                        side=m.group("side"))


def _phrase(text: str, m: re.Match) -> str:
    """The relative time as written (the match is on lower-cased text), in single spaces."""
    return " ".join(text[m.start("rel"):m.end("rel")].split())


def _continued(low: str, end: int) -> bool:
    return _CONTINUED.match(low, end) is not None


def _with_others(rel: RelativeDate, numbers: list[Number], starts: list[int],
                 sentences: list[tuple[int, int]], sentence_starts: list[int]) -> RelativeDate:
    """`rel` with the other dates of its sentence (a few, near it)."""
    start, end = _sentence(sentences, sentence_starts, rel.start)
    start, end = max(start, rel.start - WINDOW), min(end, rel.end + WINDOW)
    others = []
    for i in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        n = numbers[i]
        if n.kind in ("date", "year") and n.start != rel.target.start and n.end != rel.target.end \
                and (d := stated(n)) is not None:
            others.append(d)
            if len(others) == MAX_OTHERS:
                break
    return RelativeDate(rel.phrase, rel.unit, rel.offset, rel.target, rel.start, rel.end, rel.weekday,
                        rel.side, tuple(others)) if others else rel


def _sentence(sentences: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i][1]:
        return sentences[i]
    return offset, offset + 1


# --- ages and birth dates -----------------------------------------------------------------------

MAX_AGE = 125
WINDOW = 200  # characters either side of a birth date, or of a relative time, that are read
MAX_OTHERS = 6  # other dates of a sentence kept with a reading
# "born in 1950", "born on 3 March 1952", "born 1960", "born in Leeds in 1950", "born in Lagos,
# Nigeria, on 3 March 1952": the birth date starts where the match ends
_BORN = re.compile(r"[Bb]orn(?:" + _HS + r"+(?:in|on))?" + _HS + r"+(?:(?:the" + _HS + r"+)?(?:[A-Z][\w'’.-]*,?"
                   + _HS + r"+){1,4}(?:in|on)" + _HS + r"+)?")
_B_DOT = re.compile(r"\(b\." + _HS + r"?")
_AFTER_BIRTH = re.compile(_HS + r"*(?:or|and|to|/|[-–])" + _HS + r"*[0-9]")  # "born in 1950 or 1951"
# the words between an age and the birth date after it ("Smith, 64, who was born", "the 70-year-old,
# born", "Smith (64), born") ...
_AGE_TO_BIRTH = re.compile(r"\)?,?" + _HS + r"*(?:(?:who|and)" + _HS + r"+)?(?:(?:was|is|had" + _HS
                           + r"+been)" + _HS + r"+)?")
# ... or a lower-case apposition ending in "who" ("Smith, 64, a retired miner who was born") ...
_AGE_TO_BIRTH_APPOSITION = re.compile(r"," + _HS + r"+(?:a|an|the)" + _HS + r"+(?:(?!of\b|and\b)[a-z-]+" + _HS
                                      + r"+){1,4}who"
                                      + _HS + r"+(?:was" + _HS + r"+)?")
# ... or, after "N-year-old", the person's name ("70-year-old Jane Smith, who was born")
_AGE_NAME_BIRTH = re.compile(_HS + r"+(?:[A-Z][\w'’.-]*" + _HS + r"+){0,3}[A-Z][\w'’.-]*(?:," + _HS
                             + r"*(?:who" + _HS + r"+)?(?:was" + _HS + r"+)?|" + _HS + r"*|" + _HS + r"+(?:was|is)"
                             + _HS + r"+)")
# the words between a birth date and the age after it ("Born in 1950, the 70-year-old") ...
_BIRTH_TO_AGE = re.compile(r"\)?,?" + _HS + r"+(?:(?:the|a|an)" + _HS + r"+)?")
# ... or a name ("Born in 1950, Jane Smith, 70, said", "born in 1950, Smith is now 70")
_BIRTH_NAME_AGE = re.compile(r"\)?," + _HS + r"+(?:[A-Z][\w'’.-]*" + _HS + r"+){0,3}[A-Z][\w'’.-]*(?:,"
                             + _HS + r"+|" + _HS + r"*\(|" + _HS + r"+is(?:" + _HS + r"+now)?" + _HS + r"+)")
# an age the sentence gives for another time or a death: not an age now
_PAST = re.compile(r"\b(?:died|dies|death|dead|killed|obituary|the late|when|then|at the time|"
                   r"would have been|was aged|(?:was|were) [0-9])")
# a "the N-year-old" that names a person on its own: followed by punctuation or one of these words
_AGE_NOUN_FOLLOWERS = frozenset("""
said says told added is was has had will would who whose remains remained became becomes won wins
lost took takes led leads joined left denied admitted insisted described called faces faced pleaded
plans planned hopes hoped wants wanted announced confirmed refused declined arrived returned stood
stands stepped spent began started owns owned lives lived works worked runs ran still now also never
recently later insists shows showed
""".split())
PERSON_NOUNS = frozenset("""
man woman boy girl men women person mother father son daughter wife husband widow widower brother
sister grandmother grandfather grandson granddaughter pensioner veteran actor actress singer
musician artist writer author poet player striker midfielder defender goalkeeper forward batsman
bowler captain coach manager president senator candidate minister leader chief executive founder
chairman chairwoman chair director lawyer judge doctor nurse teacher driver farmer worker resident
victim suspect defendant star champion athlete runner cyclist boxer golfer swimmer rider jockey
politician mp mayor governor priest bishop scientist professor businessman businesswoman entrepreneur
owner dancer comedian presenter broadcaster journalist novelist composer conductor footballer
cricketer officer soldier pilot survivor mother-of-two father-of-two grandmother-of-three tycoon
billionaire millionaire chancellor premier king queen prince princess duke
""".split())
_NEXT_WORDS = re.compile(r"(?:" + _HS + r"+([A-Za-z'’-]+))(?:" + _HS + r"+([A-Za-z'’-]+))?")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*(?:," + _HS + r"|" + _HS + r"\()$")
_AGED_BEFORE = re.compile(r"(?<![\w-])(?:aged|age)" + _HS + r"$|(?<![\w-])(?P<is>is)(?:" + _HS + r"+now)?" + _HS
                          + r"$")
_YEARS_OLD = re.compile(_HS + r"+years?" + _HS + r"+old\b")


def read_ages(ctx) -> list[StatedAge]:
    """The ages given with birth dates in a rule context's document (for `Context.extract`)."""
    return ages(ctx.plain, ctx.sentences, ctx.numbers)


def ages(text: str, sentences: list[tuple[int, int]], numbers: list[Number]) -> list[StatedAge]:
    """Every age paired with a birth date of the same person, in text order."""
    hits = [h for h in find_all(text, ("born", "Born")) if starts_word(text, h)] + find_all(text, ("(b. ", "(b.\u00a0"))
    if not hits:
        return []
    starts = [n.start for n in numbers]
    sentence_starts = [s for s, _ in sentences]
    out: list[StatedAge] = []
    seen: set[int] = set()
    read: dict[int, tuple[int, int, int, str] | None] = {}  # age readings by number index, read once
    for hit in sorted(set(hits))[:MAX_HITS]:
        if len(out) == MAX_READINGS:
            break
        birth = _birth(text, hit, numbers, starts)
        if birth is None:
            continue
        date, b_start, b_end = birth
        s_start = _sentence(sentences, sentence_starts, hit)[0]
        s_end = _sentence(sentences, sentence_starts, b_end - 1)[1]  # the splitter may cut after "(b."
        following = _following_sentence(sentences, sentence_starts, s_end)
        # every pairing is made within a few hundred characters: a window, not the sentence, bounds
        # the work (a run-on text of one "sentence" would make it quadratic)
        w_start, w_end = max(s_start, b_start - WINDOW), min(following[1], b_end + WINDOW)
        lo, hi = bisect.bisect_left(starts, w_start), bisect.bisect_left(starts, w_end)
        for i in range(lo, hi):
            if i not in read:
                read[i] = _age_reading(text, numbers[i])
        readings = [r for i in range(lo, hi) if (r := read[i]) is not None]
        pair = _pair(text, readings, date, b_start, b_end, s_end, following)
        if pair is None or pair[1] in seen:
            continue
        age, a_start, a_end = pair
        span_lo, span_hi = min(a_start, b_start), max(a_end, b_end)
        w_end = min(max(s_end, span_hi), b_end + WINDOW)
        if _PAST.search(ascii_lower(text[w_start:w_end])):
            continue
        seen.add(a_start)
        others = tuple(d for n in numbers[lo:hi] if n.start < w_end and n.kind in ("date", "year")
                       and (d := stated(n)) is not None and d.start != date.start and d.year is not None)[:MAX_OTHERS]
        out.append(StatedAge(age, a_start, a_end, date, span_lo, span_hi, others))
    return out


def _birth(text: str, hit: int, numbers: list[Number], starts: list[int]) -> tuple[StatedDate, int, int] | None:
    """The birth date read at a "born" or "(b." and the span of the whole reading."""
    if text[hit:hit + 2] == "(b":
        m = _B_DOT.match(text, hit)
        start = hit
    else:
        if text[hit + 4:hit + 5].isalnum() or text[hit - 1:hit] == "-":
            return None  # "borne", "first-born"
        m = _BORN.match(text, hit, hit + 80)
        start = hit - 1 if text[hit - 1:hit] == "(" else hit
    if m is None:
        return None
    i = bisect.bisect_left(starts, m.end())
    if i == len(numbers) or numbers[i].start != m.end():
        return None
    num = numbers[i]
    date = stated(num)
    if date is None or date.year is None or _AFTER_BIRTH.match(text, date.end):
        return None
    end = date.end + 1 if text[start:start + 1] == "(" and text[date.end:date.end + 1] == ")" else date.end
    return date, start, end


def _following_sentence(sentences: list[tuple[int, int]], starts: list[int], end: int) -> tuple[int, int]:
    i = bisect.bisect_left(starts, end)
    return sentences[i] if i < len(sentences) else (end, end)


def _age_reading(text: str, num: Number) -> tuple[int, int, int, str] | None:
    """(age, start, end, form) when `num` reads as a person's age: "the 70-year-old" (form "adj"),
    "Smith, 64," or "Smith (64)" ("apposition"), "aged 64" or "who is 64" ("aged")."""
    value = num.value
    if not isinstance(value, int) or not 0 < value < MAX_AGE or num.hedge != "exact" or num.kind != "number":
        return None
    if num.unit == "year-old":
        return (value, num.start, num.end, "adj") if _person_age(text, num) else None
    if num.unit is not None or num.adjective:
        return None
    if not num.spelled and _NAME_BEFORE.search(text, max(0, num.start - 40), num.start):
        closer = ")" if text[num.start - 1] == "(" else ","
        if text[num.end:num.end + 1] == closer:
            return value, num.start, num.end + (1 if closer == ")" else 0), "apposition"
        return None
    aged = _AGED_BEFORE.search(text, max(0, num.start - 10), num.start)
    if aged:
        end = num.end
        old = _YEARS_OLD.match(text, end)
        if old:
            end = old.end()
        elif aged.group("is") and not (end == len(text) or text[end] in _CLOSING):
            return None  # "the score is 64 points"
        return value, num.start, end, "aged"
    return None


def _person_age(text: str, num: Number) -> bool:
    """Whether "N-year-old" is said of a person: "the 70-year-old," "the 70-year-old said", "70-year-old
    Smith", "a 70-year-old former miner"; not "a 70-year-old law"."""
    nxt = text[num.end:num.end + 1]
    if not nxt or nxt in ",.;:!?)\u2013\u2014":
        return True
    m = _NEXT_WORDS.match(text, num.end)
    if m is None:
        return False
    first, second = m.group(1), m.group(2) or ""
    if first[:1].isupper():
        return True
    first = first.lower()
    if first in ("former", "retired"):
        return True  # "the 67-year-old former Portuguese prime minister": an office, held by a person
    return first in _AGE_NOUN_FOLLOWERS or first in PERSON_NOUNS or (
        first in ("veteran", "married", "local", "young", "elderly", "disabled", "unemployed", "single")
        and (second.lower() in PERSON_NOUNS or second[:1].isupper()))


def _pair(text: str, readings: list[tuple[int, int, int, str]], born: StatedDate, b_start: int, b_end: int,
          s_end: int, following: tuple[int, int]) -> tuple[int, int, int] | None:
    """The age that the words around a birth date give the same person, if any."""
    before = [r for r in readings if r[2] <= b_start]
    after = [r for r in readings if r[1] >= b_end]
    if before:
        age, start, end, form = before[-1]
        if _AGE_TO_BIRTH.fullmatch(text, end, b_start) or _AGE_TO_BIRTH_APPOSITION.fullmatch(text, end, b_start) \
                or (form == "adj" and _AGE_NAME_BIRTH.fullmatch(text, end, b_start)):
            return age, start, end
    if after:
        age, start, end, form = after[0]
        in_sentence = start < s_end
        if in_sentence and form == "adj" and _BIRTH_TO_AGE.fullmatch(text, b_end, start):
            return age, start, end
        if in_sentence and form != "adj" and _BIRTH_NAME_AGE.fullmatch(text, b_end, _aged_start(text, start)):
            return age, start, end
        if text[b_start:b_start + 1] == "(" and form == "adj" and _anaphor(text, b_end, start, end, s_end, following):
            return age, start, end
    return None


def _aged_start(text: str, start: int) -> int:
    """Where an age's phrase starts: before "aged " in "Smith, aged 70," (the name pattern ends at a
    comma or "is")."""
    m = re.search(r"(?:aged|age)" + _HS + r"$", text[max(0, start - 6):start])
    return start - len(m.group()) if m else start


_GAP_PERSONS = re.compile(r"\b(?:him|them|whom|" + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True)) + r")\b")


def _anaphor(text: str, b_end: int, a_start: int, a_end: int, s_end: int, following: tuple[int, int]) -> bool:
    """'Jane Smith (born 1960) has led the party since 2005, and the 55-year-old ...' or '... since 2005.
    The 55-year-old said ...': "the N-year-old" on its own as the subject of the next clause or
    sentence, after a verb, with no other person named in between (no capitalised word, no person
    noun, no "him" or "them"). Not "Smith (born 1960) and the 30-year-old", nor "... and the
    30-year-old daughter", nor "... and the 30-year-old Jones": someone else."""
    if a_start - b_end > 160:
        return False
    nxt = _NEXT_WORDS.match(text, a_end)
    if nxt and (nxt.group(1)[:1].isupper() or nxt.group(1).lower() in PERSON_NOUNS):
        return False
    if a_start >= s_end:  # only at the very start of the next sentence
        if following[0] != a_start - 4 or text[following[0]:a_start] != "The ":
            return False
        gap = text[b_end:s_end]
    else:
        if not text[max(0, a_start - 9):a_start].endswith((" and the ", " but the ")):
            return False
        gap = text[b_end:a_start - 4]
    if ";" in gap or any(c.isupper() for c in gap) or _LOWER_WORD.search(gap) is None:
        return False
    return _GAP_PERSONS.search(ascii_lower(gap)) is None


_LOWER_WORD = re.compile("[a-z]{2,}")
