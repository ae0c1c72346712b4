"""Read the bundled CSV tables, checking every row so a bad table fails with file, row and column."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[2] / "reference_data"


class TableError(Exception):
    """A malformed reference table; `str()` names the file, row and column."""

    def __init__(self, path: Path, row: int | None, column: str | None, message: str) -> None:
        where = str(path) + (f":{row}" if row else "") + (f": column {column!r}" if column else "")
        super().__init__(f"{where}: {message}")


def read_table(path: Path, required: dict[str, Callable[[str], object]]) -> Iterator[tuple[int, dict]]:
    """Yield (row number, record) with each required column converted; row numbers count the header
    as row 1, as a spreadsheet does."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise TableError(path, None, None, exc.strerror or str(exc)) from None
    with fh:
        reader = csv.DictReader(fh)
        try:
            yield from _rows(path, reader, required)
        except UnicodeDecodeError as exc:
            raise TableError(path, reader.line_num + 1, None, f"not UTF-8 text (byte {exc.start})") from None
        except csv.Error as exc:
            raise TableError(path, reader.line_num, None, f"unreadable CSV: {exc}") from None


def _rows(path: Path, reader: csv.DictReader, required: dict[str, Callable[[str], object]]
          ) -> Iterator[tuple[int, dict]]:
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise TableError(path, 1, missing[0], "missing column")
    for rowno, rec in enumerate(reader, start=2):
        if None in rec:
            raise TableError(path, rowno, None, "more fields than the header")
        out = dict(rec)
        for column, convert in required.items():
            try:
                out[column] = convert(rec[column] or "")
            except (TypeError, ValueError) as exc:
                raise TableError(path, rowno, column, f"bad value {rec[column]!r}: {exc}") from None
        yield rowno, out


def text(value: str) -> str:
    if not value.strip():
        raise ValueError("empty")
    return value.strip()


def optional_text(value: str) -> str:
    return value.strip()


def integer(value: str) -> int:
    return int(value)


def boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise ValueError("expected true or false")
    return lowered == "true"


def period(value: str) -> str:
    """'', 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', a real month and day."""
    value = value.strip()
    if value:
        parts = value.split("-")
        if not (1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts)):
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        dt.date(*(int(p) for p in parts), *(1,) * (3 - len(parts)))  # ValueError: "day is out of range"
    return value
