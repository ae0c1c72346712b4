"""`--resume`: continue an audit in the same out dir without losing or repeating rows.

A document counts as done when its documents.csv row is complete and says ok: the worker writes the
row last, after its findings, claims and votes rows. So rows of a document that was in flight when the
run stopped (a row cut short, or rows without their documents.csv row) are dropped here, and failed
documents are dropped too so that they are tried again. The tables are rewritten once, streaming, each
to a temporary file renamed into place.

A document whose content changed since (same id, another hash) is checked again and its earlier rows
stay: they cannot be told from a second document with the same id, whose rows must not be lost.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from verify.batch.rows import DOCUMENTS, OK, TABLES, Table
from verify.batch.tables import read_rows


def prepare_resume(out_dir: Path) -> set[tuple[str, str]]:
    """Drop what an interrupted run left unfinished; return (doc_id, content_hash) of the documents
    done, which the run then skips."""
    if not (out_dir / DOCUMENTS.file).exists():
        return set()
    status, doc_id, content_hash = (DOCUMENTS.columns.index(c) for c in ("status", "doc_id", "content_hash"))
    done: set[tuple[str, str]] = set()

    def finished(row: list[str]) -> bool:
        if row[status] != OK:
            return False
        done.add((row[doc_id], row[content_hash]))
        return True

    _rewrite(out_dir, DOCUMENTS, finished)
    ids = {doc for doc, _ in done}
    for table in TABLES:
        if table is not DOCUMENTS:
            _rewrite(out_dir, table, lambda row: row[0] in ids)
    return done


def _rewrite(out_dir: Path, table: Table, keep) -> None:
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
