"""The shape of every reference table: its file name and the columns a row must have, each with the
converter that checks it. One registry serves loading, `verify refs validate` and `verify refs sync`
(a downloaded table is checked against its schema before it replaces the old one)."""

from __future__ import annotations

import datetime as dt
import gzip
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO

from verify.reference import loader as L


@dataclass(frozen=True)
class Schema:
    """One table: `name` is how users and config refer to it, `filename` where it lives in a
    reference directory, `columns` the required columns and their converters."""

    name: str
    filename: str
    columns: MappingProxyType
    summary: str

    def rows(self, path: Path) -> Iterator[tuple[int, dict]]:
        """(row number, converted record) for every row; TableError names file, row and column.
        A gzip-compressed file (told by its first bytes, so temporary names work too) is read as text."""
        return L.read_table(_Gzipped(path) if _is_gzip(path) else path, dict(self.columns))  # type: ignore[arg-type]

    def validate(self, path: Path) -> int:
        """Check every row of `path`; returns the row count."""
        return sum(1 for _ in self.rows(path))


def _is_gzip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False  # read_table reports the missing or unreadable file


class _Gzipped:
    """A .gz table as read_table sees it: `open()` gives decompressed text, `str()` the real file name
    for error messages."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, encoding: str, newline: str) -> IO[str]:
        return gzip.open(self.path, "rt", encoding=encoding, newline=newline)

    def __str__(self) -> str:
        return str(self.path)


# Converters for the record tables (memberships, votes, vetoes, facts): each raises ValueError with a
# short reason, which read_table turns into a TableError naming file, row and column.
_ISO3 = re.compile(r"[A-Z]{3}")
_ISO3_LIST = re.compile(r"(?:[A-Z]{3}(?:\|[A-Z]{3})*)?")


def _iso3(value: str) -> str:
    if not _ISO3.fullmatch(value.strip()):
        raise ValueError("expected an ISO 3166 alpha-3 code such as RUS")
    return value.strip()


def _iso3_list(value: str) -> tuple[str, ...]:
    """'' or 'AGO|CHN': codes separated by |."""
    value = value.strip()
    if not _ISO3_LIST.fullmatch(value):
        raise ValueError("expected ISO 3166 alpha-3 codes separated by | (e.g. RUS|VEN)")
    return tuple(value.split("|")) if value else ()


def _iso3_list_text(value: str) -> str:
    """As _iso3_list, kept as text: the General Assembly table splits only the roll calls asked for."""
    if not _ISO3_LIST.fullmatch(value):
        raise ValueError("expected ISO 3166 alpha-3 codes separated by | (e.g. RUS|VEN)")
    return value


def _iso3_nonempty_list(value: str) -> tuple[str, ...]:
    codes = _iso3_list(value)
    if not codes:
        raise ValueError("empty")
    return codes


def _iso_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value.strip())


def _period(value: str) -> str:
    """'', YYYY, YYYY-MM or YYYY-MM-DD, and a real month and day."""
    value = L.period(value)
    if value.count("-") == 2:
        dt.date.fromisoformat(value)
    elif value.count("-") == 1 and not 1 <= int(value[5:]) <= 12:
        raise ValueError("month out of range")
    return value


def _required_period(value: str) -> str:
    return _period(L.text(value))


def _optional_integer(value: str) -> int | None:
    return int(value) if value.strip() else None


def _optional_number(value: str) -> float | None:
    if not value.strip():
        return None
    number = float(value.replace(",", ""))
    if not math.isfinite(number):
        raise ValueError("expected a finite number (leave the cell empty for an open end)")
    return number


def _one_of(*allowed: str) -> Callable[[str], str]:
    def convert(value: str) -> str:
        if value.strip() not in allowed:
            raise ValueError("expected one of " + ", ".join(allowed))
        return value.strip()
    return convert


def _words(value: str) -> tuple[str, ...]:
    """Lower-cased keywords or phrases separated by |; at least one."""
    words = tuple(w.strip().lower() for w in value.split("|") if w.strip())
    if not words:
        raise ValueError("empty")
    return words


def _url(value: str) -> str:
    value = value.strip()
    if value and not re.match(r"https?://\S+$", value):
        raise ValueError("expected an http(s) URL or nothing")
    return value


def _schema(table: str, filename: str, summary: str, **columns: Callable[[str], object]) -> Schema:
    return Schema(table, filename, MappingProxyType(columns), summary)


SCHEMAS: dict[str, Schema] = {s.name: s for s in (
    _schema("entities", "entities.csv", "countries and other voters, one row per name, capital or demonym",
            iso3=L.text, name=L.text, alias=L.text, alias_type=L.text, un_member=L.boolean),
    _schema("entity_aliases", "entity_aliases.csv", "names as newsrooms write them, on top of entities",
            iso3=L.text, alias=L.text, alias_type=L.text),
    _schema("body_rules", "body_rules.csv", "how each deliberative body decides and what copy calls it",
            body=L.text, aliases=L.optional_text, decision_rule=L.text, votes_in_full=L.boolean,
            veto_holders=L.optional_text, tie_breaker=L.optional_text, member_kind=L.text,
            source=L.optional_text),
    _schema("bodies", "bodies.csv", "seats of each deliberative body over time",
            body=L.text, seats=L.integer, valid_from=L.period, valid_to=L.period,
            size_type=L.optional_text, note=L.optional_text, source=L.optional_text, jurisdiction=L.text),
    _schema("memberships", "memberships.csv",
            "who sat on a body when: one row per (body, member, unbroken period)",
            body=L.text, iso3=_iso3, member_name=L.text, role=_one_of("permanent", "elected", "member"),
            valid_from=_required_period, valid_to=_period, source=L.text),
    _schema("unsc_votes", "unsc_votes.csv", "UN Security Council votes on drafts since 1994, member by member",
            date=_iso_date, draft=L.optional_text, resolution=L.optional_text, outcome=L.text,
            yes=_optional_integer, no=_optional_integer, abstain=_optional_integer, yes_by=_iso3_list,
            no_by=_iso3_list, abstain_by=_iso3_list, topic=L.optional_text, agenda_item=L.optional_text,
            quality=L.optional_text, source=L.text),
    _schema("unsc_vetoes", "unsc_vetoes.csv", "every UN Security Council veto, with who cast it",
            date=_iso_date, draft=L.text, members=_iso3_nonempty_list, agenda_item=L.optional_text,
            topic=L.optional_text, source=L.text),
    _schema("unga_votes", "unga_votes.csv.gz", "UN General Assembly roll calls 1946-2019, country by country",
            rcid=L.integer, session=L.integer, date=_iso_date, unres=L.optional_text, short=L.optional_text,
            yes=L.integer, no=L.integer, abstain=L.integer, yes_by=_iso3_list_text, no_by=_iso3_list_text,
            abstain_by=_iso3_list_text),
    _schema("un_admissions", "un_admissions.csv", "the year each current UN member was admitted (GPL-3.0 source)",
            iso3=L.text, name=L.text, admitted=L.integer, source=L.text),
    _schema("facts", "facts.csv", "sourced figures copy cites: conflict start dates, tolls, populations",
            key=L.text, kind=_one_of("start_date", "end_date", "count", "population"), subject=L.text,
            keywords=_words, unit=L.text, value=_optional_number, low=_optional_number, high=_optional_number,
            date=_period, as_of=_required_period, source=L.text, url=_url),
)}


def schema_for(path: Path) -> Schema | None:
    """The schema of a table file, by its file name (`bodies.csv` -> bodies)."""
    return next((s for s in SCHEMAS.values() if s.filename == path.name), None)
