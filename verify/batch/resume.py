"""`--resume`: continue an audit in the same out dir without losing or repeating rows.

A document counts as done when its documents.csv row is complete and says ok: the worker writes the
row last, after its findings, claims and votes rows. So rows of a document that was in flight when the
run stopped (a row cut short, or rows without their documents.csv row) are dropped here, and failed
documents are dropped too so that they are tried again.

A document edited since it was checked (its id recorded, its content hash now another) is checked
again, so its earlier rows are dropped here, before the run: ids are unique within an audit (see
`inputs`), so they are that document's and no other's. Finding the edited ones reads the inputs once
more (hashing, not checking).

The tables are rewritten once, streaming, each to a temporary file renamed into place, documents.csv
first: a run killed between two renames leaves rows whose documents.csv row is gone, which the next
resume drops as it drops those of documents in flight. Old and new rows of a document are never on
disk together, whenever the run is killed.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from verify.batch.rows import DOCUMENTS, OK, TABLES, Table
from verify.batch.tables import read_rows


def prepare_resume(out_dir: Path, current: Callable[[], Iterable[tuple[str, str]]]) -> set[tuple[str, str]]:
    """Drop what an interrupted run left unfinished and the rows of documents edited since; return
    (doc_id, content_hash) of the documents done, which the run then skips. `current()` gives
    (doc_id, content_hash) of every document in the inputs now; it is called only when documents
    are recorded as done."""
    path = out_dir / DOCUMENTS.file
    if not path.exists():
        return set()
    status, doc_id, content_hash = (DOCUMENTS.columns.index(c) for c in ("status", "doc_id", "content_hash"))
    recorded = {row[doc_id]: row[content_hash] for row in read_rows(path, DOCUMENTS) if row[status] == OK}
    edited = {doc for doc, digest in current() if recorded.get(doc, digest) != digest} if recorded else set()
    done = {(doc, digest) for doc, digest in recorded.items() if doc not in edited}
    _rewrite(out_dir, DOCUMENTS, lambda row: row[status] == OK and (row[doc_id], row[content_hash]) in done)
    ids = {doc for doc, _ in done}
    for table in TABLES:
        if table is not DOCUMENTS:
            _rewrite(out_dir, table, lambda row: row[0] in ids)
    return done


def _rewrite(out_dir: Path, table: Table, keep: Callable[[list[str]], bool]) -> None:
    """Keep the complete rows for which `keep(row)` is true."""
    path = out_dir / table.file
    if not path.exists():
        return
    partial = path.with_name(f".{path.name}.tmp")
    with partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.columns)
        writer.writerows(row for row in read_rows(path, table) if keep(row))
    os.replace(partial, path)
