"""A Report as the rows of the batch tables (the contract in docs: documents, findings, claims,
votes), one function per table. Rows are plain tuples in column order: compact to ship between
processes and written as they are."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from verify.report.model import Report

Row = tuple[object, ...]


@dataclass(frozen=True)
class Table:
    """One output table: its name and (column, Arrow type) pairs; the CSV file is `<name>.csv`."""

    name: str
    schema: tuple[tuple[str, str], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.schema)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _schema(spec: str) -> tuple[tuple[str, str], ...]:
    """'doc_id, length:int64, ...' -> (("doc_id", "string"), ("length", "int64"), ...)."""
    pairs = (item.strip().partition(":") for item in spec.split(","))
    return tuple((name, kind or "string") for name, _, kind in pairs)


DOCUMENTS = Table("documents", _schema(
    "doc_id, source, content_hash, status, error, title, published, date_source, length:int64, "
    "claims:int64, votes:int64, verified:int64, contradicted:int64, suspect:int64, errors:int64, "
    "warnings:int64, suppressed:int64, elapsed_ms:float64, html"))
FINDINGS = Table("findings", _schema(
    "doc_id, rule, name, verdict, severity, line:int64, column:int64, start:int64, end:int64, text, "
    "message, reference"))
CLAIMS = Table("claims", _schema(
    "doc_id, claim_id, kind, text, value, unit, hedge, low:float64, high:float64, line:int64, "
    "column:int64, start:int64, end:int64"))
VOTES = Table("votes", _schema(
    "doc_id, vote_id, body, body_size:int64, date, yes:int64, no:int64, abstain:int64, absent:int64, "
    "outcome, description, named_yes, named_no, named_abstain, start:int64, end:int64"))
# in the order a document's rows are written: its documents.csv row last, so that a row there means
# every other row of that document is already on disk (what --resume relies on)
TABLES = (FINDINGS, CLAIMS, VOTES, DOCUMENTS)

OK, ERROR = "ok", "error"


def document_row(report: Report, *, content_hash: str, elapsed_ms: float, html: str) -> Row:
    doc, counts = report.document, report.summary()
    return (doc.id, doc.source, content_hash, OK, "", doc.title, doc.published, doc.date_source, doc.length,
            counts["claims"], counts["votes"], counts["verified"], counts["contradicted"], counts["suspect"],
            counts["errors"], counts["warnings"], counts["suppressed"], round(elapsed_ms, 2), html)


def error_row(doc_id: str, source: str, content_hash: str, message: str, elapsed_ms: float) -> Row:
    """A document that could not be read or checked: its counts are empty, not zero."""
    return (doc_id, source, content_hash, ERROR, message, None, None, None, None,
            None, None, None, None, None, None, None, None, round(elapsed_ms, 2), "")


def finding_rows(report: Report, text: str) -> list[Row]:
    doc_id = report.document.id
    return [(doc_id, f.rule, f.name, f.verdict, f.severity, f.line, f.column, f.start, f.end,
             text[f.start:f.end], f.message, f"{f.reference.table}:{f.reference.key}" if f.reference else "")
            for f in report.findings]


def claim_rows(report: Report) -> list[Row]:
    doc_id = report.document.id
    return [(doc_id, c.id, c.kind, c.text, c.value, c.unit, c.hedge, c.low, c.high, c.line, c.column,
             c.start, c.end) for c in report.claims]


def vote_rows(report: Report) -> list[Row]:
    doc_id = report.document.id
    return [(doc_id, v.id, v.body, v.body_size, v.date, v.yes, v.no, v.abstain, v.absent, v.outcome,
             v.description, *("; ".join(v.named.get(side, ())) for side in ("yes", "no", "abstain")),
             *(v.spans[0] if v.spans else (None, None))) for v in report.votes]


def page_path(doc_id: str, content_hash: str) -> str:
    """Where a document's HTML page goes in the out dir: named after its id and content, so that a
    resumed or repeated run gives it the same name."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id).strip(".-")[:80] or "document"
    return f"pages/{stem}-{content_hash[:8] or 'none'}.html"


def to_csv(rows: list[Row]) -> str:
    """Rows as CSV text, as the tables hold them."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
