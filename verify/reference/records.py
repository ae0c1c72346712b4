"""The record tables: who sat on a body when, how members voted, who vetoed what, and sourced figures.

They answer what arithmetic cannot: "Russia's fifth veto on Syria", "the 2016 Security Council",
"the five-year war", "a war that has claimed 300,000 lives". Loaded once per process (the General
Assembly roll calls only when first asked for), immutable, passed to the stages that query them.

Seats, not states: the Russian Federation continues the USSR's seat, so a question about RUS in a
Soviet year (or SUN after 1991) is answered for the seat (`SEAT_LINEAGE`); China's seat is CHN
throughout (the Republic of China until 25 Oct 1971). Vetoes are the exception: the veto list counts
the USSR's and Russia's vetoes separately, so `vetoes("RUS")` does too unless asked otherwise.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from verify.reference import loader as L
from verify.reference.schemas import SCHEMAS

UNSC = "UN Security Council"
UNGA = "UN General Assembly"
# a seat's codes: whoever holds it now answers for its predecessor's years and the other way round
SEAT_LINEAGE: Mapping[str, frozenset[str]] = MappingProxyType(
    {"RUS": frozenset({"RUS", "SUN"}), "SUN": frozenset({"RUS", "SUN"})})


def seat(iso3: str) -> frozenset[str]:
    """Every code that has held `iso3`'s seat (RUS -> {RUS, SUN})."""
    return SEAT_LINEAGE.get(iso3, frozenset((iso3,)))


@dataclass(frozen=True, slots=True)
class Membership:
    """One unbroken period of a member on a body; `end` None = still a member when the table was made."""

    body: str
    iso3: str
    member_name: str
    role: str  # permanent | elected | member
    start: dt.date
    end: dt.date | None
    note: str
    source: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Veto:
    """One veto occasion: the draft (or meeting record, for early vetoes) and who cast it."""

    date: dt.date
    draft: str
    members: frozenset[str]
    agenda_item: str
    topic: str
    region: str
    meeting_record: str
    yes: int | None
    no: int | None
    abstain: int | None
    note: str
    source: str

    def about(self, topic: str) -> bool:
        """Whole words, any case, in the topic or the agenda item ("Syria" is not "Syrian")."""
        pattern = _topic_pattern(topic.strip())
        return bool(pattern.search(self.topic) or pattern.search(self.agenda_item))


@functools.lru_cache(maxsize=256)
def _topic_pattern(topic: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(topic) + r"\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """One recorded vote. Counts are None where the source's member rows were unusable (see `flags`);
    UN General Assembly records carry no outcome (the roll-call data do not say)."""

    body: str
    date: dt.date
    symbols: tuple[str, ...]  # draft symbol(s), then S/RES/n (year) once adopted; UNGA: the resolution
    outcome: str
    yes: int | None
    no: int | None
    abstain: int | None
    yes_by: frozenset[str]
    no_by: frozenset[str]
    abstain_by: frozenset[str]
    subject: str
    description: str = ""
    source: str = ""
    url: str = ""
    flags: tuple[str, ...] = ()  # quality notes from the build ("member_votes_dropped (...)", ...)
    date_confidence: str = ""  # high | inferred | low | fixed (UNSC); "" where the source's date is plain
    record_id: str = ""  # the source's vote_id / rcid

    @property
    def sides(self) -> Mapping[str, str]:
        """ISO3 -> "yes" | "no" | "abstain", for the members the source records."""
        out = dict.fromkeys(self.yes_by, "yes")
        out.update(dict.fromkeys(self.no_by, "no"))
        out.update(dict.fromkeys(self.abstain_by, "abstain"))
        return MappingProxyType(out)

    def side(self, iso3: str) -> str | None:
        """How `iso3`'s seat voted (RUS finds the USSR's vote in Soviet years), None if not recorded."""
        for code in seat(iso3):
            for name, members in (("yes", self.yes_by), ("no", self.no_by), ("abstain", self.abstain_by)):
                if code in members:
                    return name
        return None

    @property
    def table(self) -> str:
        """The reference table the record comes from, as findings cite it."""
        return "unga_votes" if self.body == UNGA else "unsc_votes"

    @property
    def symbol(self) -> str:
        """The document symbol copy would cite: the draft (UNSC) or the resolution (UNGA)."""
        return self.symbols[0] if self.symbols else ""

    def count(self, side: str) -> int | None:
        """The recorded count of "yes", "no" or "abstain"; None where the source's rows were unusable."""
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain}.get(side)

    def tally(self) -> str:
        """'11 in favour, 2 against, 2 abstentions', for messages."""
        if self.yes is None:
            return "member votes not recorded"
        return f"{self.yes} in favour, {self.no} against, {self.abstain} abstention{'s' * (self.abstain != 1)}"

    @property
    def result(self) -> str:
        """adopted | vetoed | failed, or "" when the source gives no outcome."""
        outcome = self.outcome.lower()
        if "veto" in outcome:
            return "vetoed"
        if outcome.startswith("adopted"):
            return "adopted"
        return "failed" if outcome.startswith("not adopted") else ""


@dataclass(frozen=True, slots=True)
class Fact:
    """A sourced figure copy cites: a date (`kind` start_date / end_date) or an amount as of `as_of`.
    `low`..`high` is what the figure allows: both equal `value` for a single figure, 0 or infinity
    for an open end ("more than 5 million": 5e6..inf; "as many as 300,000": 0..3e5)."""

    key: str
    kind: str  # start_date | end_date | count | population
    subject: str
    keywords: tuple[str, ...]  # lower case; a phrase matches when all its words are present;
    #                            "-soviet": a sentence with this word is about something else
    unit: str
    value: float | None
    low: float | None  # None only for dates
    high: float | None
    date: dt.date | None  # the start or end; the first day of a YYYY or YYYY-MM period
    as_of: dt.date  # when the figure applied or was published (first day of a coarser period)
    source: str
    url: str
    note: str = ""
    nouns: tuple[str, ...] = ()  # what a date is the start of ("war", "conflict"); empty = anything

    @property
    def cumulative(self) -> bool:
        """A running count (deaths, refugees) that only grows after its as-of date."""
        return _unit_key(self.unit) in _CUMULATIVE

    def about(self, country: str) -> bool:
        """Whether a country (lower-cased name) is among the fact's keywords."""
        return any(country == k or country in k.split() for k in self.keywords if not k.startswith("-"))

    def keyword_hits(self, words: frozenset[str]) -> int:
        """How many keywords the words hold; 0 when they hold an excluding one ("-soviet")."""
        hits = 0
        for keyword in self.keywords:
            if set(keyword.lstrip("-").split()) <= words:
                if keyword.startswith("-"):
                    return 0
                hits += 1
        return hits


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one set of records per process
class Records:
    memberships: Mapping[str, tuple[Membership, ...]]  # body -> periods, in start order
    all_vetoes: tuple[Veto, ...]  # in date order
    facts: tuple[Fact, ...]
    directories: tuple[Path, ...] = ()
    _bodies: Mapping[str, str] = field(default_factory=dict)  # lower-case name -> body

    # --- memberships ---------------------------------------------------------------------------

    @functools.cached_property
    def unsc_votes(self) -> tuple[VoteRecord, ...]:
        """Security Council votes in date order, read on first use: only an article reporting a
        council vote pays for 2,000 rows."""
        return _unsc_votes(self.directories)

    @functools.cached_property
    def _unsc_dates(self) -> tuple[dt.date, ...]:
        return tuple(v.date for v in self.unsc_votes)

    @functools.cached_property
    def _unsc_by_symbol(self) -> Mapping[str, tuple[VoteRecord, ...]]:
        by_symbol: dict[str, list[VoteRecord]] = {}
        for vote in self.unsc_votes:
            for sym in vote.symbols:
                by_symbol.setdefault(symbol_key(sym), []).append(vote)
        return MappingProxyType({k: tuple(v) for k, v in by_symbol.items()})

    def _periods(self, body: str) -> tuple[Membership, ...] | None:
        name = self._bodies.get(body.strip().lower())
        return self.memberships[name] if name else None

    @functools.cached_property
    def _coverage(self) -> Mapping[str, tuple[dt.date, dt.date | None]]:
        out = {}
        for body, periods in self.memberships.items():
            if periods:
                ends = [p.end for p in periods]
                out[body] = (min(p.start for p in periods), None if None in ends else max(e for e in ends if e))
        return MappingProxyType(out)

    @functools.cached_property
    def _by_member(self) -> Mapping[tuple[str, str], tuple[Membership, ...]]:
        """(body, iso3) -> that member's periods: a vote names a dozen members, the table holds
        hundreds of periods."""
        out: dict[tuple[str, str], list[Membership]] = {}
        for body, periods in self.memberships.items():
            for p in periods:
                out.setdefault((body, p.iso3), []).append(p)
        return MappingProxyType({k: tuple(v) for k, v in out.items()})

    def _member_periods(self, body: str, iso3: str) -> list[Membership]:
        name = self._bodies.get(body.strip().lower())
        return [p for code in seat(iso3) for p in self._by_member.get((name, code), ())] if name else []

    def coverage(self, body: str) -> tuple[dt.date, dt.date | None] | None:
        """First and last day the body's table speaks for (None = open-ended), or None if it has none."""
        name = self._bodies.get(body.strip().lower())
        return self._coverage.get(name) if name else None

    @functools.cached_property
    def _admissions(self) -> Mapping[str, int]:
        return MappingProxyType({rec["iso3"]: rec["admitted"]
                                 for _, _, rec in _merged("un_admissions", self.directories, lambda r: r["iso3"])})

    def un_admitted(self, iso3: str) -> int | None:
        """The year a current UN member was admitted (1945 members show 1945), None if unknown."""
        return self._admissions.get(iso3)

    def has_memberships(self, body: str) -> bool:
        """Whether the tables say who sat on `body` (the UNSC, the EU, NATO, and user bodies)."""
        return self._periods(body) is not None

    def membership_source(self, body: str) -> str:
        """The source most of the body's rows cite, for findings."""
        name = self._bodies.get(body.strip().lower())
        return self._membership_sources.get(name, "") if name else ""

    @functools.cached_property
    def _membership_sources(self) -> Mapping[str, str]:
        """body -> the source most of its rows cite: counted once, not for every vote checked."""
        out = {}
        for body, periods in self.memberships.items():
            sources = [p.source for p in periods]
            if sources:
                out[body] = max(set(sources), key=sources.count)
        return MappingProxyType(out)

    def members_on(self, body: str, day: dt.date) -> frozenset[str]:
        """ISO3 codes of the members on `day` (the seat holder's code: SUN in 1980, RUS in 2016)."""
        return frozenset(p.iso3 for p in self._periods(body) or () if p.covers(day))

    def sat_on(self, body: str, iso3: str, day: dt.date) -> bool | None:
        """Whether `iso3`'s seat was on the body on `day`; None when we cannot know (no table for
        the body, or a day outside the years it covers)."""
        span = self.coverage(body)
        if span is None or day < span[0] or (span[1] is not None and day > span[1]):
            return None
        return self.role_on(body, iso3, day) is not None

    def sat_between(self, body: str, iso3: str, first: dt.date, last: dt.date) -> bool:
        """Whether `iso3`'s seat was on the body on any day from `first` to `last`."""
        return any(p.start <= last and (p.end is None or first <= p.end)
                   for p in self._member_periods(body, iso3))

    def role_on(self, body: str, iso3: str, day: dt.date) -> str | None:
        """permanent | elected | member on `day`, or None if not a member (or not known)."""
        return next((p.role for p in self._member_periods(body, iso3) if p.covers(day)), None)

    def years_together(self, body: str, iso3s: Iterable[str]) -> list[int]:
        """Calendar years in which all of `iso3s` sat on the body at the same time: dates a text by
        its line-up ("Angola, Egypt, Uruguay and Venezuela" -> [2016]). Open-ended memberships run
        to today."""
        common: list[tuple[dt.date, dt.date]] | None = None
        last = self.coverage(body)
        open_end = (last[1] if last and last[1] else dt.date.today())
        for iso3 in set(iso3s):  # each member's own periods, not a scan of the whole table
            spans = [(p.start, p.end or open_end) for p in self._member_periods(body, iso3)]
            common = spans if common is None else [
                (max(a0, b0), min(a1, b1)) for a0, a1 in common for b0, b1 in spans if max(a0, b0) <= min(a1, b1)]
        return sorted({y for start, end in common or () for y in range(start.year, end.year + 1)})

    # --- vetoes --------------------------------------------------------------------------------

    def vetoes(self, iso3: str, until: dt.date | None = None, topic: str | None = None, *,
               include_predecessors: bool = False) -> list[Veto]:
        """Vetoes cast by `iso3` up to and including `until`, optionally on a topic, in date order.
        The USSR's vetoes count for RUS only with `include_predecessors` (the veto list keeps them
        apart, and so does copy that says "Russia's fifth veto on Syria")."""
        codes = seat(iso3) if include_predecessors else (iso3,)
        found = sorted({v for code in codes for v in self._vetoes_by_member.get(code, ())}, key=lambda v: v.date)
        return [v for v in found if (until is None or v.date <= until) and (topic is None or v.about(topic))]

    @functools.cached_property
    def _vetoes_by_member(self) -> Mapping[str, tuple[Veto, ...]]:
        out: dict[str, list[Veto]] = {}
        for veto in self.all_vetoes:
            for member in veto.members:
                out.setdefault(member, []).append(veto)
        return MappingProxyType({k: tuple(v) for k, v in out.items()})

    def veto_source(self) -> str:
        """The source most veto rows cite, for findings."""
        sources = [v.source for v in self.all_vetoes]
        return max(set(sources), key=sources.count) if sources else ""

    # --- votes ---------------------------------------------------------------------------------

    def votes_between(self, body: str, first: dt.date, last: dt.date) -> list[VoteRecord]:
        """Recorded votes of `body` (UN Security Council or General Assembly) from `first` to
        `last`, in date order; [] for bodies without vote records."""
        if body == UNSC:
            records, dates = self.unsc_votes, self._unsc_dates
        elif body == UNGA:
            table = _unga_table(self.directories)
            lo, hi = bisect.bisect_left(table.dates, first), bisect.bisect_right(table.dates, last)
            return [_unga_record(table.rows[i]) for i in range(lo, hi)]
        else:
            return []
        return list(records[bisect.bisect_left(dates, first):bisect.bisect_right(dates, last)])

    def unsc_votes_near(self, day: dt.date, days: int = 3) -> list[VoteRecord]:
        """Security Council votes within `days` of `day`, nearest first."""
        return _near(self.unsc_votes, self._unsc_dates, day, days)

    def unsc_votes_for(self, symbol: str) -> tuple[VoteRecord, ...]:
        """Every vote the tables list under a draft symbol or resolution ("S/2016/846", "2533 (2020)",
        "S/RES/2533 (2020)", "resolution 2533")."""
        return self._unsc_by_symbol.get(symbol_key(symbol), ())

    def unsc_vote(self, symbol: str) -> VoteRecord | None:
        """The vote on a symbol; None when there is none or the source lists the symbol for more than
        one vote and nothing says which is right (see `unsc_votes_for`)."""
        found = [v for v in self.unsc_votes_for(symbol) if not any(f.startswith("symbol_doubtful") for f in v.flags)]
        return found[0] if len(found) == 1 else None

    def load_all(self) -> None:
        """Read the tables that otherwise load on first use, so that every row is checked (for
        `verify refs validate` and `--refs`: a bad user table should fail before any article)."""
        _ = self.unsc_votes, self._admissions
        _unga_table(self.directories)

    def unga_votes_near(self, day: dt.date, days: int = 3) -> list[VoteRecord]:
        """General Assembly roll calls (1946-2019) within `days` of `day`, nearest first. The first call
        in a process reads the roll-call table."""
        table = _unga_table(self.directories)
        lo = bisect.bisect_left(table.dates, day - dt.timedelta(days=days))
        hi = bisect.bisect_right(table.dates, day + dt.timedelta(days=days))
        found = [_unga_record(table.rows[i]) for i in range(lo, hi)]
        return sorted(found, key=lambda v: (abs((v.date - day).days), v.date))

    def unga_vote(self, rcid: int) -> VoteRecord | None:
        """One General Assembly roll call by its id in the Voeten data."""
        row = _unga_table(self.directories).by_rcid.get(rcid)
        return _unga_record(row) if row else None

    # --- facts ---------------------------------------------------------------------------------

    @functools.cached_property
    def fact_units(self) -> frozenset[str]:
        """The nouns a figure in copy can carry to be compared with some fact ("lives", "refugees")."""
        return frozenset(noun for f in self.facts if f.kind in ("count", "population")
                         for noun in UNIT_NOUNS.get(f.unit, (f.unit,)))

    @functools.cached_property
    def fact_words(self) -> frozenset[str]:
        """Every word of the count facts' keywords: a sentence with none of them is about no fact."""
        return frozenset(word for f in self.facts if f.kind in ("count", "population")
                         for k in f.keywords if not k.startswith("-") for word in k.split())

    @functools.cached_property
    def _facts_by_unit(self) -> Mapping[str, tuple[Fact, ...]]:
        """Facts by every unit key that fits them, so a figure is compared with a handful of rows
        rather than all of them (a long article has hundreds of figures)."""
        keys: dict[str, list[Fact]] = {}
        for f in self.facts:
            for noun in {f.unit, *UNIT_NOUNS.get(f.unit, ())}:
                keys.setdefault(_unit_key(noun), []).append(f)
        return MappingProxyType({k: tuple(v) for k, v in keys.items()})

    def facts_for(self, words: Iterable[str], unit: str | None = None, kind: str | None = None) -> list[Fact]:
        """Facts whose keywords appear among `words` (any case; "Syria's" counts as "syria") and whose
        unit (a fact unit, or a noun copy uses for it: "lives" for deaths) and kind match, most
        keyword hits first, then the latest as-of first."""
        bag = frozenset(w.lower().removesuffix("'s").removesuffix("\u2019s") for w in words)
        pool = self.facts if unit is None else self._facts_by_unit.get(_unit_key(unit), ())
        found = [(f.keyword_hits(bag), f) for f in pool
                 if (unit is None or _unit_fits(unit, f.unit)) and (kind is None or f.kind == kind)]
        found = [(hits, f) for hits, f in found if hits]
        found.sort(key=lambda hf: hf[1].as_of, reverse=True)
        found.sort(key=lambda hf: hf[0], reverse=True)
        return [f for _, f in found]

    def start_fact(self, words: Iterable[str], noun: str | None = None) -> Fact | None:
        """The start date of what a sentence is about ("the five-year war in Syria": words with
        "syria", noun "war"); None unless exactly one fact fits best."""
        facts = [f for f in self.facts_for(words, kind="start_date")
                 if not noun or not f.nouns or noun.lower() in f.nouns]
        return _only_best(facts, frozenset(w.lower() for w in words))

    def end_of(self, start: Fact) -> Fact | None:
        """The end date on record for what a start_date fact starts: the row keyed like it
        (`korean_war_start` -> `korean_war_end`)."""
        if not start.key.endswith("_start"):
            return None
        end = self.fact(start.key.removesuffix("_start") + "_end")
        return end if end is not None and end.kind == "end_date" else None

    def figure_fact(self, words: Iterable[str], unit: str, latest: dt.date | None = None, *,
                    near: Iterable[str] | None = None) -> Fact | None:
        """The official figure a count in copy is about: keywords among `words` (its sentence), a
        unit that fits, as of `latest` or before (the latest such), most keyword hits first. A
        generic unit ("people") counts deaths only with a word of dying among `near` (the words
        next to the figure; the sentence's when not given)."""
        words = frozenset(words)
        dying = not DEATH_WORDS.isdisjoint(words if near is None else frozenset(near))
        facts = [f for f in self.facts_for(words, unit=unit) if f.kind in ("count", "population")
                 and (latest is None or f.as_of <= latest)
                 and (unit.lower() not in _GENERIC_UNITS or dying or _unit_key(f.unit) != "death")]
        return facts[0] if facts else None

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)


# the nouns copy uses for a fact's unit: "claimed 300,000 lives" is about deaths
UNIT_NOUNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "deaths": ("deaths", "dead", "lives", "victims", "people", "killed"),
    "civilian deaths": ("civilians",),
    "refugees": ("refugees",),
    "people": ("people", "persons", "inhabitants", "residents"),
    "members": ("members", "countries", "nations", "states"),
})


# "125,000 people are living under siege" is no death toll: a generic noun counts deaths only in a
# sentence that speaks of dying
_GENERIC_UNITS = frozenset({"people", "victims", "persons"})
_CUMULATIVE = frozenset({"death", "civilian death", "refugee"})
DEATH_WORDS = frozenset({"killed", "died", "dead", "deaths", "death", "toll", "lives", "claimed", "perished"})


def _unit_fits(unit: str, fact_unit: str) -> bool:
    unit = unit.strip().lower()
    return _unit_key(unit) == _unit_key(fact_unit) or unit in UNIT_NOUNS.get(fact_unit, ())


def _only_best(facts: list[Fact], words: frozenset[str]) -> Fact | None:
    """The fact with the most keyword hits, None on a tie."""
    if not facts:
        return None
    hits = [f.keyword_hits(words) for f in facts]
    return facts[0] if hits.count(hits[0]) == 1 else None


def _unit_key(unit: str) -> str:
    return unit.strip().lower().removesuffix("s")


def _near(records: tuple[VoteRecord, ...], dates: tuple[dt.date, ...], day: dt.date, days: int) -> list[VoteRecord]:
    lo = bisect.bisect_left(dates, day - dt.timedelta(days=days))
    hi = bisect.bisect_right(dates, day + dt.timedelta(days=days))
    return sorted(records[lo:hi], key=lambda v: (abs((v.date - day).days), v.date))


_RESOLUTION = re.compile(r"^(?:S/RES/|RESOLUTION\s*)?(\d{1,4})(?:\s*\(\s*\d{4}\s*\))?$")


def symbol_key(symbol: str) -> str:
    """One spelling per document: 'S/2016/846'; resolutions by number ('RES 2533')."""
    text = re.sub(r"\s+", " ", symbol.replace("\xa0", " ")).strip().upper()
    m = _RESOLUTION.match(text)
    return f"RES {int(m.group(1))}" if m else text.replace(" ", "")


# --- loading ------------------------------------------------------------------------------------

Row = tuple[Path, int, dict]


def _merged(table: str, directories: Iterable[Path], key: Callable[[dict], object]) -> list[Row]:
    """Rows of `table` from each directory in turn; a later directory's rows replace every earlier
    row with the same key and add the rest."""
    schema = SCHEMAS[table]
    groups: dict[object, list[Row]] = {}
    for directory in directories:
        path = directory / schema.filename
        if not path.exists():
            continue
        mine: dict[object, list[Row]] = {}
        for rowno, rec in schema.rows(path):
            mine.setdefault(key(rec), []).append((path, rowno, rec))
        groups.update(mine)
    return [row for rows in groups.values() for row in rows]


def _bound(value: str, end: bool) -> dt.date:
    """'2016' as a start is 1 Jan 2016, as an end 31 Dec 2016; 'YYYY-MM' likewise by month."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], (parts[1] if len(parts) == 2 else (12 if end else 1))
    return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)


def _memberships(directories: tuple[Path, ...]) -> dict[str, tuple[Membership, ...]]:
    rows = _merged("memberships", directories, lambda r: (r["body"], r["iso3"], r["valid_from"]))
    out: dict[str, list[Membership]] = {}
    for path, rowno, rec in rows:
        start = _bound(rec["valid_from"], end=False)
        end = _bound(rec["valid_to"], end=True) if rec["valid_to"] else None
        if end is not None and end < start:
            raise L.TableError(path, rowno, "valid_to", f"{rec['valid_to']!r} is before valid_from")
        out.setdefault(rec["body"], []).append(Membership(
            rec["body"], rec["iso3"], rec["member_name"], rec["role"], start, end,
            rec.get("note") or "", rec["source"]))
    return {body: tuple(sorted(ps, key=lambda p: (p.start, p.iso3))) for body, ps in out.items()}


def _veto_key(rec: dict) -> object:
    draft = rec["draft"].upper()
    return draft if re.fullmatch(r"S/\d{4}/\d+", draft) else (rec["date"], draft)


def _vetoes(directories: tuple[Path, ...]) -> tuple[Veto, ...]:
    vetoes = [Veto(rec["date"], rec["draft"], frozenset(rec["members"]), rec["agenda_item"], rec["topic"],
                   rec.get("region") or "", rec.get("meeting_record") or "", _int(rec.get("yes")),
                   _int(rec.get("no")), _int(rec.get("abstain")), rec.get("note") or "", rec["source"])
              for _, _, rec in _merged("unsc_vetoes", directories, _veto_key)]
    return tuple(sorted(vetoes, key=lambda v: v.date))


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip() else None


def _unsc_key(rec: dict) -> object:
    drafts = [d for d in rec["draft"].split("|") if d]
    if drafts:
        return symbol_key(drafts[0])
    if rec["resolution"]:
        return symbol_key(rec["resolution"])
    return (rec["date"], rec.get("draft_raw") or rec["agenda_item"])


def _unsc_votes(directories: tuple[Path, ...]) -> tuple[VoteRecord, ...]:
    votes = []
    for path, rowno, rec in _merged("unsc_votes", directories, _unsc_key):
        for column in ("yes", "no", "abstain"):
            listed = len(rec[column + "_by"])
            if listed and rec[column] is not None and rec[column] != listed:
                raise L.TableError(path, rowno, column, f"{rec[column]} but {listed} members listed in {column}_by")
        symbols = tuple(d for d in rec["draft"].split("|") if d)
        if rec["resolution"]:
            symbols += ("S/RES/" + rec["resolution"],)
        votes.append(VoteRecord(
            UNSC, rec["date"], symbols, rec["outcome"], rec["yes"], rec["no"], rec["abstain"],
            frozenset(rec["yes_by"]), frozenset(rec["no_by"]), frozenset(rec["abstain_by"]),
            rec["topic"] or rec["agenda_item"], rec["agenda_item"], rec["source"], rec.get("url") or "",
            tuple(f for f in rec["quality"].split(" | ") if f), rec.get("date_confidence") or "",
            rec.get("vote_id") or ""))
    return tuple(sorted(votes, key=lambda v: v.date))


def _facts(directories: tuple[Path, ...]) -> tuple[Fact, ...]:
    facts = []
    for path, rowno, rec in _merged("facts", directories, lambda r: r["key"]):
        value, low, high = rec["value"], rec["low"], rec["high"]
        if rec["kind"] in ("start_date", "end_date"):
            if not rec["date"]:
                raise L.TableError(path, rowno, "date", f"a {rec['kind']} fact needs a date")
        elif value is None and low is None and high is None:
            raise L.TableError(path, rowno, "value", "a count needs a value, or a low and/or high bound")
        else:
            low = low if low is not None else value if value is not None else 0.0
            high = high if high is not None else value if value is not None else math.inf
            if low > high:
                raise L.TableError(path, rowno, "high", f"{high:g} is below low {low:g}")
        facts.append(Fact(rec["key"], rec["kind"], rec["subject"], rec["keywords"], rec["unit"], value, low, high,
                          _bound(rec["date"], end=False) if rec["date"] else None,
                          _bound(rec["as_of"], end=False), rec["source"], rec["url"], rec.get("note") or "",
                          tuple(n.strip().lower() for n in (rec.get("nouns") or "").split("|") if n.strip())))
    return tuple(facts)


def load_records(*directories: Path) -> Records:
    """The bundled record tables, then each user directory in turn: a user row with the same key
    (body + member + start, draft symbol, fact key) replaces ours; others are added. A malformed row
    raises TableError naming the file, row and column. The Security Council votes and General
    Assembly roll calls load later, on first use."""
    dirs = (L.BUNDLED, *directories)
    memberships = _memberships(dirs)
    return Records(
        memberships=MappingProxyType(memberships), all_vetoes=_vetoes(dirs), facts=_facts(dirs),
        directories=dirs, _bodies=MappingProxyType({b.lower(): b for b in memberships}))


@functools.cache
def default_records() -> Records:
    """The bundled tables, loaded once per process."""
    return load_records()


# --- the General Assembly roll calls, loaded on first use --------------------------------------


@dataclass(frozen=True)
class _UngaTable:
    """Rows as read (lists kept as their '|'-joined text, split only for the records asked for:
    900,000 country votes would otherwise cost tens of megabytes)."""

    dates: tuple[dt.date, ...]
    rows: tuple[dict, ...]
    by_rcid: Mapping[int, dict]


@functools.cache
def _unga_table(directories: tuple[Path, ...]) -> _UngaTable:
    merged = _merged("unga_votes", directories, lambda r: r["rcid"])
    for path, rowno, rec in merged:
        for column in ("yes", "no", "abstain"):
            listed = rec[column + "_by"].count("|") + 1 if rec[column + "_by"] else 0
            if listed != rec[column]:
                raise L.TableError(path, rowno, column, f"{rec[column]} but {listed} members listed in {column}_by")
    rows = sorted((rec for _, _, rec in merged), key=lambda r: (r["date"], r["rcid"]))
    return _UngaTable(tuple(r["date"] for r in rows), tuple(rows),
                      MappingProxyType({r["rcid"]: r for r in rows}))


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split("|")) if text else frozenset()


def _unga_record(rec: dict) -> VoteRecord:
    return VoteRecord(
        UNGA, rec["date"], (rec["unres"],) if rec["unres"] else (), "", rec["yes"], rec["no"], rec["abstain"],
        _codes(rec["yes_by"]), _codes(rec["no_by"]), _codes(rec["abstain_by"]), rec["short"],
        rec.get("descr") or "", "Erik Voeten, UNGA voting data (Harvard Dataverse hdl:1902.1/12379, CC0), "
        "via the R package unvotes", "", (), "", str(rec["rcid"]))
