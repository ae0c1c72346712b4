"""What a worker does with a chunk of items: load, check, and turn each report into table rows.

The same function runs in-process (`--jobs 1`), in a process pool and on Dask workers; it returns
one compact `ChunkRows` (CSV text per table) per chunk instead of one object per finding, since
shipping many small objects between processes costs more than the checks themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from dataclasses import dataclass
from pathlib import Path

from verify.batch import rows as R
from verify.batch.inputs import Item
from verify.check import check_document
from verify.config import fill_date
from verify.document import DEFAULT_MAX_BYTES, LoadError, load_bytes, load_record
from verify.reference.index import ReferenceIndex, default_index, load_index
from verify.report.html import render_html
from verify.report.model import Report
from verify.rules import Rule, get_rules


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, the same everywhere: a worker on another machine must see the
    same reference directories at the same paths. The rules and dates are `verify check`'s settings
    (config file and flags), so a document's rows are what `verify check` reports for it."""

    refs_dirs: tuple[str, ...] = ()
    html: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    select: tuple[str, ...] = ()  # rule code prefixes; empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule code, severity): a tuple, so the rules can be cached
    date: dt.date | None = None  # every document's publication date, over its own
    undated: dt.date | None = None  # the date of a document without one (date-from = "today": the run's day)


@dataclass(frozen=True)
class ChunkRows:
    """A chunk's rows as CSV text per table, its HTML pages (path, page) with --html, and the counts
    the progress bar shows. The worker encodes the rows: the writing process then only appends
    strings, and one string crosses between processes far cheaper than thousands of tuples (the
    writer had been a quarter of a core's work with two workers)."""

    csv: dict[str, str]
    pages: list[tuple[str, str]]
    documents: int
    failed: int
    problems: int  # warnings and errors

    @classmethod
    def encode(cls, tables: dict[str, list[R.Row]], pages: list[tuple[str, str]]) -> ChunkRows:
        status, severity = R.DOCUMENTS.columns.index("status"), R.FINDINGS.columns.index("severity")
        documents = tables[R.DOCUMENTS.name]
        return cls({name: R.to_csv(rows) for name, rows in tables.items()}, pages, len(documents),
                   sum(1 for row in documents if row[status] == R.ERROR),
                   sum(1 for row in tables[R.FINDINGS.name] if row[severity] != "info"))


@functools.cache
def worker_refs(refs_dirs: tuple[str, ...]) -> ReferenceIndex:
    """The reference index, loaded once per process with every table read now, not per article."""
    refs = load_index(*map(Path, refs_dirs)) if refs_dirs else default_index()
    refs.records.load_all()
    return refs


@functools.cache
def worker_rules(select: tuple[str, ...], ignore: tuple[str, ...],
                 severity: tuple[tuple[str, str], ...]) -> list[Rule]:
    """The selected rules with their severities, made once per process."""
    return get_rules(select, ignore, dict(severity))


def init_worker(settings: Settings) -> None:
    """Pool initializer: load the index before the first chunk arrives."""
    worker_refs(settings.refs_dirs)


def check_chunk(items: list[Item], settings: Settings) -> ChunkRows:
    out = _Chunk({t.name: [] for t in R.TABLES}, [])
    for item in items:
        _check_item(item, settings, out)
    return ChunkRows.encode(out.tables, out.pages)


@dataclass
class _Chunk:
    """The rows and pages of a chunk while it is being checked."""

    tables: dict[str, list[R.Row]]
    pages: list[tuple[str, str]]

    @property
    def documents(self) -> list[R.Row]:
        return self.tables[R.DOCUMENTS.name]


def _check_item(item: Item, settings: Settings, out: _Chunk) -> None:
    """Add one document's rows; a document that fails adds one error row and nothing else."""
    started = time.perf_counter()
    message = item.error
    if message is None:
        try:
            report, rows, page = _check(item, settings)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            message = str(exc) if isinstance(exc, LoadError) else \
                str(LoadError(item.source, f"check failed: {type(exc).__name__}: {exc}"))
        else:
            for name, table_rows in rows.items():
                out.tables[name].extend(table_rows)
            if page:
                out.pages.append(page)
            out.documents.append(R.document_row(report, content_hash=item.content_hash,
                                                elapsed_ms=_ms_since(started), html=page[0] if page else ""))
            return
    out.documents.append(R.error_row(item.doc_id, item.source, item.content_hash, message, _ms_since(started)))


def _check(item: Item, settings: Settings) -> tuple[Report, dict[str, list[R.Row]], tuple[str, str] | None]:
    """The report, its rows per table and, with --html, its page (path in the out dir, HTML)."""
    if item.record is not None:
        doc = load_record(item.record, source=item.source, doc_id=item.doc_id, max_bytes=settings.max_bytes,
                          published=settings.date)
    else:
        doc = load_bytes(item.data, source=item.source, doc_id=item.doc_id, max_bytes=settings.max_bytes,
                         published=settings.date)
    report = check_document(fill_date(doc, settings.undated), worker_refs(settings.refs_dirs),
                            worker_rules(settings.select, settings.ignore, settings.severity))
    rows = {R.FINDINGS.name: R.finding_rows(report, doc.text), R.CLAIMS.name: R.claim_rows(report),
            R.VOTES.name: R.vote_rows(report)}
    page = (R.page_path(item.doc_id, item.content_hash), render_html(report, doc.text)) if settings.html else None
    return report, rows, page


def _ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000
