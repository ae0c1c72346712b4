"""The end of a batch audit: summary.json (totals, findings by rule, severity and verdict) and
index.html (the totals, charts of the findings, the documents with problems first), both read back
from documents.csv and findings.csv in one streaming pass each. Memory stays flat whatever the size
of the archive: counters per rule, and only the rows the page lists (the worst `max_rows`)."""

from __future__ import annotations

import csv
import heapq
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from verify import __version__
from verify.batch.tables import long_cells
from verify.output import write_atomic
from verify.report.charts import bar_chart
from verify.report.html import VERDICTS, held_back_line, render_page
from verify.report.model import SEVERITY_RANK
from verify.rules import get_rules

MAX_ROWS = 5000  # documents listed on the page; the rest are in documents.csv
MAX_CELL = 300  # characters of a title or an error message kept for the page
SEVERITIES = tuple(sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True))  # loudest first
COUNTS = ("claims", "votes", "errors", "warnings", "contradicted", "suspect", "verified")
COUNT_LABELS = {"claims": "Figures", **{c: c.capitalize() for c in COUNTS[1:]}}
DOCUMENT_COLUMNS = ("doc_id", "status", "error", "title", "html", "suppressed", *COUNTS)
FINDING_COLUMNS = ("rule", "name", "verdict", "severity")
STATUSES = ("ok", "error")


class SummaryError(Exception):
    """A table that cannot be summarised; the message is one line naming the file (and line)."""


@dataclass(frozen=True)
class DocumentRow:
    """A document as the page lists it (title and message cut to MAX_CELL characters)."""

    seq: int  # place in documents.csv: among equals, the first finished is listed first
    doc_id: str
    title: str
    status: str
    error: str
    link: str | None  # the per-document page, relative to index.html
    counts: dict[str, int]

    @property
    def failed(self) -> bool:
        return self.status != "ok"

    @property
    def rank(self) -> tuple[int, ...]:
        """Bigger for a document the reader should see first: failed, then the most problems."""
        c = self.counts
        return (self.failed, c["errors"], c["warnings"], c["contradicted"], c["suspect"], -self.seq)


@dataclass
class DocumentTally:
    total: int
    ok: int
    failed: int
    suppressed: int  # findings silenced by comments in the texts, over every document
    rows: list[DocumentRow]  # the worst, worst first


@dataclass
class FindingTally:
    by_rule: Counter[str]
    by_severity: Counter[str]
    by_verdict: Counter[str]
    names: dict[str, str]  # rule names as the table gives them (for codes no longer registered)
    # the loudest severity among a rule's findings colours its bar: a rule's findings range from its
    # declared severity down to info (verified), and a bar of verified votes should not look alarming
    loudest: dict[str, str]


def write_summary(out_dir: Path, *, started: datetime, finished: datetime, engine: str, jobs: int,
                  checked: int | None = None, max_rows: int = MAX_ROWS) -> None:
    """Write summary.json and index.html into `out_dir` from its documents.csv and findings.csv.
    `checked`: the documents this run checked, for articles/s after --resume (default: every row).
    Naive datetimes are taken as UTC. Raises SummaryError when a table is missing or malformed."""
    out_dir = Path(out_dir)
    documents = read_documents(out_dir / "documents.csv", max_rows)
    findings = read_findings(out_dir / "findings.csv")
    summary = summary_json(documents, findings, started=started, finished=finished, engine=engine, jobs=jobs,
                           checked=documents.total if checked is None else checked)
    write_atomic(out_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    write_atomic(out_dir / "index.html", render_summary(summary, documents, findings))


# -- reading the tables ------------------------------------------------------------------------------

def read_documents(path: Path, max_rows: int = MAX_ROWS) -> DocumentTally:
    """Totals over documents.csv, and its `max_rows` worst rows (a bounded heap while streaming)."""
    total = ok = suppressed = 0
    heap: list[tuple[tuple[int, ...], DocumentRow]] = []
    for line, cells in _rows(path, DOCUMENT_COLUMNS):
        suppressed += _count(path, line, "suppressed", cells["suppressed"])
        status = cells["status"]
        if status not in STATUSES:
            raise SummaryError(f"{path}, line {line}: status must be ok or error, not {status[:40]!r}")
        row = DocumentRow(total, _cut(cells["doc_id"]), _cut(cells["title"]), status, _cut(cells["error"]),
                          _page_link(cells["html"]),
                          {k: _count(path, line, k, cells[k]) for k in COUNTS})
        total += 1
        ok += not row.failed
        if len(heap) < max_rows:
            heapq.heappush(heap, (row.rank, row))
        elif max_rows:
            heapq.heappushpop(heap, (row.rank, row))
    rows = [row for _, row in sorted(heap, key=lambda item: item[0], reverse=True)]
    return DocumentTally(total, ok, total - ok, suppressed, rows)


def read_findings(path: Path) -> FindingTally:
    tally = FindingTally(Counter(), Counter({s: 0 for s in SEVERITIES}), Counter({v: 0 for v in VERDICTS}),
                         {}, {})
    for _, cells in _rows(path, FINDING_COLUMNS):
        rule, severity = cells["rule"], cells["severity"]
        tally.by_rule[rule] += 1
        tally.by_severity[severity] += 1
        tally.by_verdict[cells["verdict"]] += 1
        tally.names.setdefault(rule, cells["name"])
        if rule not in tally.loudest or SEVERITY_RANK.get(severity, -1) > SEVERITY_RANK.get(tally.loudest[rule], -1):
            tally.loudest[rule] = severity
    return tally


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, the named cells) for each row of a table, checking its header has `columns`."""
    try:
        with long_cells(), path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise SummaryError(f"{path}: empty file, expected a header row")
            missing = [c for c in columns if c not in header]
            if missing:
                raise SummaryError(f"{path}, line 1: no column {', '.join(missing)} in the header")
            where = [header.index(c) for c in columns]
            for cells in reader:
                if len(cells) != len(header):
                    raise SummaryError(f"{path}, line {reader.line_num}: {len(cells)} cells, "
                                       f"the header has {len(header)}")
                yield reader.line_num, {c: cells[i] for c, i in zip(columns, where)}
    except FileNotFoundError:
        raise SummaryError(f"{path}: no such file (the batch run writes it)") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise SummaryError(f"{path}: not a readable CSV table ({exc})") from None


def _count(path: Path, line: int, column: str, cell: str) -> int:
    if not cell:
        return 0  # a document that failed has no counts
    try:
        return int(cell)
    except ValueError:
        raise SummaryError(f"{path}, line {line}: column {column} is not a count: {cell[:40]!r}") from None


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "\u2026"


def _page_link(path: str) -> str | None:
    """A relative link to a per-document page: never an address elsewhere or a script."""
    path = path.strip()
    parts = urlsplit(path)
    if not path or parts.scheme or parts.netloc or path.startswith(("/", "\\")):
        return None
    return quote(path, safe="/")


# -- summary.json ------------------------------------------------------------------------------------

def summary_json(documents: DocumentTally, findings: FindingTally, *, started: datetime, finished: datetime,
                 engine: str, jobs: int, checked: int) -> dict[str, Any]:
    """The summary.json contract (batch_tables.md). Every registered rule is listed, silent ones with 0."""
    registered = {r.code: r for r in get_rules()}
    codes = sorted({*registered, *findings.by_rule})
    elapsed = max(0.0, (_utc(finished) - _utc(started)).total_seconds())
    return {
        "tool": {"name": "verify", "version": __version__},
        "started": _iso(started), "finished": _iso(finished),
        "documents": {"total": documents.total, "ok": documents.ok, "error": documents.failed},
        "findings": {"by_rule": {code: findings.by_rule[code] for code in codes},
                     "by_severity": dict(findings.by_severity), "by_verdict": dict(findings.by_verdict),
                     "suppressed": documents.suppressed},  # not in findings.csv: silenced in the text
        "rules": {code: {"name": registered[code].name if code in registered else findings.names[code],
                         "summary": registered[code].summary if code in registered else ""}
                  for code in codes},
        "elapsed_s": round(elapsed, 3),
        "articles_per_s": round(checked / elapsed, 2) if elapsed else 0.0,
        "engine": engine, "jobs": jobs,
    }


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _iso(moment: datetime) -> str:
    return _utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


# -- index.html --------------------------------------------------------------------------------------

def render_summary(summary: dict[str, Any], documents: DocumentTally, findings: FindingTally) -> str:
    """The index page of the out dir, from summary.json's numbers and the listed rows."""
    by_rule = sorted(((n, code) for code, n in summary["findings"]["by_rule"].items() if n),
                     key=lambda item: (-item[0], item[1]))
    rules_chart = bar_chart("Findings by rule", (
        (f"{code} {summary['rules'][code]['name']}", n, findings.loudest[code]) for n, code in by_rule))
    by_severity = summary["findings"]["by_severity"]
    severity_chart = bar_chart("Findings by severity", (
        (severity, n, severity) for severity, n in by_severity.items()))  # loudest first, as counted
    return render_page(
        "summary.html.j2", "index.js", styles=("summary.css",), version=summary["tool"]["version"],
        summary=summary, documents=documents, counts=COUNTS, labels=COUNT_LABELS,
        charts=(rules_chart, severity_chart), errors=by_severity.get("error", 0), warnings=by_severity.get("warning", 0),
        elapsed=_duration(summary["elapsed_s"]), hidden=documents.total - len(documents.rows),
        held_back=held_back_line(summary["findings"]["suppressed"], 0))


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


__all__ = ["MAX_ROWS", "SummaryError", "read_documents", "read_findings", "summary_json", "write_summary"]
