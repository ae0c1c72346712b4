"""The batch tables on disk: CSV files appended chunk by chunk and flushed, read back tolerating the
half-written last row a killed run leaves, and copied to Parquet at the end with --parquet.

These are the append-only tables the house rule on atomic writes makes room for: a row on disk is
complete or it is the last one, and `read_rows` drops a last one that is not complete.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from verify.batch.rows import TABLES, Table, to_csv
from verify.batch.worker import ChunkRows

MAX_FIELD = 2**31 - 1  # characters in one cell: as long as a document may be


class TableError(Exception):
    """An out dir whose tables verify cannot continue; the message is one line naming the file."""


def existing_tables(out_dir: Path) -> list[Path]:
    return [out_dir / t.file for t in TABLES if (out_dir / t.file).exists()]


class TableFiles:
    """The four CSV tables of an out dir, opened for appending (a header written to a new one)."""

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._files = {t.name: (out_dir / t.file).open("a", encoding="utf-8", newline="") for t in TABLES}
        for table in TABLES:
            if self._files[table.name].tell() == 0:
                self._append(table, to_csv([table.columns]))

    def append(self, chunk: ChunkRows) -> None:
        """A chunk's rows, table by table in TABLES order, each flushed before the next, so that a
        document's documents.csv row reaches the disk only after the rest of its rows."""
        for table in TABLES:
            self._append(table, chunk.csv[table.name])

    def _append(self, table: Table, text: str) -> None:
        if text:  # one write per chunk: an interruption cuts at most the last row
            fh = self._files[table.name]
            fh.write(text)
            fh.flush()

    def close(self) -> None:
        for fh in self._files.values():
            fh.close()

    def __enter__(self) -> TableFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_rows(path: Path, table: Table) -> Iterator[list[str]]:
    """The complete rows of a table we wrote (header excluded). A run killed while writing leaves
    its last row cut short: unterminated, or inside a quoted field. That row is left out."""
    # errors="replace": a kill may cut a character in two, at the end of a row that is then dropped
    with long_cells(), path.open(encoding="utf-8", errors="replace", newline="") as fh:
        fh.seek(0, io.SEEK_END)
        terminated = fh.tell() == 0 or _ends_with_newline(path)
        fh.seek(0)
        reader = csv.reader(fh, strict=True)
        header = next(reader, None)
        if header is not None and header != list(table.columns):
            raise TableError(f"{path}: not a {table.name} table of this verify (its header differs); "
                             "use another --out-dir")
        last, cut_in_quotes = None, False
        try:
            for row in reader:
                if last is not None:
                    yield last
                last = row
        except csv.Error:  # the cut row ends inside a quoted field; `last` is the complete one before it
            cut_in_quotes = True
        if last is not None and (cut_in_quotes or terminated and len(last) == len(table.columns)):
            yield last


@contextlib.contextmanager
def long_cells() -> Iterator[None]:
    """Lift the csv module's 128 KiB cell limit while reading our tables: a cell holds up to a whole
    title or error message (--max-bytes has no ceiling), and the limit would end a table at it."""
    old_limit = csv.field_size_limit(MAX_FIELD)
    try:
        yield
    finally:
        csv.field_size_limit(old_limit)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, io.SEEK_END)
        return fh.read(1) == b"\n"


def write_parquet(out_dir: Path) -> None:
    """Each CSV table as Parquet beside it, streamed in blocks, with the column types of the contract."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    for table in TABLES:
        source = out_dir / table.file
        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in table.schema])
        reader = pacsv.open_csv(source, parse_options=pacsv.ParseOptions(newlines_in_values=True),
                                convert_options=pacsv.ConvertOptions(column_types=schema))
        target = out_dir / f"{table.name}.parquet"
        partial = target.with_name(f".{target.name}.tmp")
        with pq.ParquetWriter(partial, schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        partial.replace(target)
