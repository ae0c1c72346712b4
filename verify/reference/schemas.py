"""The shape of every reference table: its file name and the columns a row must have, each with the
converter that checks it. One registry serves loading, `verify refs validate` and `verify refs sync`
(a downloaded table is checked against its schema before it replaces the old one)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

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
        """(row number, converted record) for every row; TableError names file, row and column."""
        return L.read_table(path, dict(self.columns))

    def validate(self, path: Path) -> int:
        """Check every row of `path`; returns the row count."""
        return sum(1 for _ in self.rows(path))


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
)}


def schema_for(path: Path) -> Schema | None:
    """The schema of a table file, by its file name (`bodies.csv` -> bodies)."""
    return next((s for s in SCHEMAS.values() if s.filename == path.name), None)
