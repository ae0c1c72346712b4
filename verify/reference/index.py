"""The reference index: entities (names -> canonical voters) and deliberative bodies (size by date,
decision rule, veto holders). Built once per process, immutable, passed to the stages that query it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from verify.reference import loader as L
from verify.reference.records import Records, load_records
from verify.reference.schemas import SCHEMAS
from verify.scan import alternation


@dataclass(frozen=True, slots=True)
class Entity:
    """A voter that can be named in copy: a country (ISO 3166 alpha-3) for now."""

    name: str
    iso3: str
    un_member: bool


@dataclass(frozen=True, slots=True)
class BodySize:
    seats: int
    valid_from: str
    valid_to: str
    size_type: str
    note: str
    source: str


@dataclass(frozen=True, slots=True)
class BodyInfo:
    """A deliberative body: how it decides and how big it is over time."""

    name: str
    aliases: tuple[str, ...]
    decision_rule: str  # unsc | simple_majority | majority_present_voting
    votes_in_full: bool
    veto_holders: frozenset[str]
    tie_breaker: str
    member_kind: str  # country | person
    rule_source: str
    sizes: tuple[BodySize, ...] = ()
    country: str | None = None  # ISO alpha-3 of a national body's country; None for UN and EU bodies

    def size_on(self, date: dt.date | None) -> BodySize | None:
        """The seat count in force on `date` (the latest one when the date is unknown)."""
        if not self.sizes:
            return None
        if date is None:
            open_ended = [s for s in self.sizes if not s.valid_to]
            return (open_ended or list(self.sizes))[-1]
        key = date.isoformat()
        best = None
        for size in self.sizes:
            if (not size.valid_from or size.valid_from[:len(key)] <= key) and \
                    (not size.valid_to or key < _end_key(size.valid_to)):
                best = size
        return best


def _end_key(valid_to: str) -> str:
    """'2005' as an end bound means 'until the end of 2005' for year-only rows."""
    return valid_to + "-99" if len(valid_to) == 4 else valid_to + "-99" if len(valid_to) == 7 else valid_to + "~"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one index per process
class ReferenceIndex:
    entities_by_alias: Mapping[str, Entity]
    demonyms: Mapping[str, Entity]
    bodies: Mapping[str, BodyInfo]
    body_aliases: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()
    # every body name and alias: proper ones as written, generic ones on ASCII-lower-cased text
    body_proper: re.Pattern[str] = re.compile(r"(?!)")
    body_generic: re.Pattern[str] = re.compile(r"(?!)")

    def entity(self, alias: str) -> Entity | None:
        return self.entities_by_alias.get(alias.lower())

    def demonym(self, word: str) -> Entity | None:
        return self.demonyms.get(word.lower())

    def body(self, name: str) -> BodyInfo | None:
        key = self.body_aliases.get(name.lower())
        return self.bodies.get(key) if key else None

    @functools.cached_property
    def veto_holders(self) -> frozenset[str]:
        """Names of every member that holds a veto in some body."""
        return frozenset(name for body in self.bodies.values() for name in body.veto_holders)

    @functools.cached_property
    def records(self) -> Records:
        """Memberships, vote records, vetoes and facts from the same directories, loaded on first
        use: an article that names no body and no fact never pays for them."""
        return load_records(*self.sources[1:])


_BODY_END = r"\b(?!\s+of\b)"  # the start's word boundary is checked on the hits (verify.scan)
_JURISDICTION_COUNTRY = {"US": "USA", "UK": "GBR", "DE": "DEU"}


def load_index(*directories: Path) -> ReferenceIndex:
    """Read entities and bodies from the bundled tables, then from each user directory in turn
    (later rows extend or override earlier ones)."""
    dirs = (L.BUNDLED, *directories)
    names: dict[str, Entity] = {}
    canon: dict[str, Entity] = {}
    demonyms: dict[str, Entity] = {}
    for d in dirs:
        path = d / SCHEMAS["entities"].filename
        if not path.exists():
            continue
        for _, rec in SCHEMAS["entities"].rows(path):
            ent = canon.setdefault(rec["iso3"], Entity(rec["name"], rec["iso3"], rec["un_member"]))
            target = demonyms if rec["alias_type"] == "demonym" else names
            target.setdefault(rec["alias"].lower(), ent)
            names.setdefault(rec["name"].lower(), ent)
    for d in dirs:
        path = d / SCHEMAS["entity_aliases"].filename
        if not path.exists():
            continue
        for rowno, rec in SCHEMAS["entity_aliases"].rows(path):
            ent = canon.get(rec["iso3"])
            if ent is None:
                raise L.TableError(path, rowno, "iso3", f"unknown entity {rec['iso3']!r}")
            target = demonyms if rec["alias_type"] == "demonym" else names
            target[rec["alias"].lower()] = ent
    rules: dict[str, dict] = {}
    for d in dirs:
        path = d / SCHEMAS["body_rules"].filename
        if path.exists():
            for _, rec in SCHEMAS["body_rules"].rows(path):
                rules[rec["body"]] = rec
    sizes: dict[str, list[BodySize]] = {}
    countries: dict[str, str | None] = {}
    for d in dirs:
        path = d / SCHEMAS["bodies"].filename
        if path.exists():
            for _, rec in SCHEMAS["bodies"].rows(path):
                countries[rec["body"]] = _JURISDICTION_COUNTRY.get(rec["jurisdiction"], rec["jurisdiction"]) \
                    if rec["jurisdiction"] not in ("UN", "EU") else None
                sizes.setdefault(rec["body"], []).append(
                    BodySize(rec["seats"], rec["valid_from"], rec["valid_to"], rec["size_type"],
                             rec["note"], rec["source"]))
    bodies: dict[str, BodyInfo] = {}
    aliases: dict[str, str] = {}
    for name in sorted(set(rules) | set(sizes)):
        rec = rules.get(name, {})
        alias_list = tuple(a for a in (rec.get("aliases") or "").split("|") if a)
        bodies[name] = BodyInfo(
            name=name, aliases=alias_list, decision_rule=rec.get("decision_rule", "simple_majority"),
            votes_in_full=rec.get("votes_in_full", False),
            veto_holders=frozenset(v for v in (rec.get("veto_holders") or "").split("|") if v),
            tie_breaker=rec.get("tie_breaker", ""), member_kind=rec.get("member_kind", "person"),
            rule_source=rec.get("source", ""),
            sizes=tuple(sorted(sizes.get(name, []), key=lambda s: s.valid_from or "0000")),
            country=countries.get(name))
        aliases[name.lower()] = name
        for alias in alias_list:
            aliases.setdefault(alias.lower(), name)
    spellings = {a for b in bodies.values() for a in (b.name, *b.aliases)}
    # proper names match as written; generic ones ("the council") in any case, on the lower-cased
    # text, and only where the article also names the body properly (see verify.bodies).
    # "the House" is the US House, but "the House of Lords" is not: no match before "of"
    proper = _literal_pattern([a for a in spellings if not a[0].islower()])
    generic = _literal_pattern([a.lower() for a in spellings if a[0].islower()])
    return ReferenceIndex(MappingProxyType(names), MappingProxyType(demonyms),
                          MappingProxyType(bodies), MappingProxyType(aliases), tuple(dirs), proper, generic)


def _literal_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(words)}){_BODY_END}" if words else r"(?!)")


@functools.cache
def default_index() -> ReferenceIndex:
    """The bundled tables, loaded once per process."""
    return load_index()
