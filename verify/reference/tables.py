"""The table files in the reference directories, for `verify refs list`, `show` and `validate`:
the bundled directory first, then the user's, in the order given (later rows extend or override)."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from verify.reference.loader import BUNDLED, TableError
from verify.reference.schemas import SCHEMAS, Schema


def table_files(directories: Iterable[Path]) -> Iterator[tuple[Schema, Path, int]]:
    """(schema, file, rows) for every table file present, each validated row by row (TableError
    names the file, row and column of the first bad value)."""
    dirs = (BUNDLED, *directories)
    for schema in SCHEMAS.values():
        for d in dirs:
            path = d / schema.filename
            if path.exists():
                yield schema, path, schema.validate(path)


def show_table(schema: Schema, directories: Iterable[Path], limit: int) -> Iterator[str]:
    """The header and up to `limit` rows (0: all) of each file of one table, as CSV lines, each
    file introduced by a comment line naming it."""
    for d in (BUNDLED, *directories):
        path = d / schema.filename
        if not path.exists():
            continue
        yield f"# {path}"
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
                for i, row in enumerate(csv.reader(fh)):
                    if limit and i > limit:
                        yield "..."
                        break
                    out = io.StringIO()
                    csv.writer(out, lineterminator="").writerow(row)
                    yield out.getvalue()
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise TableError(path, None, None, f"unreadable: {exc}") from None
