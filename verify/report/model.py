"""The report data model: what was read and what was found. Every renderer (text, JSON, and later
HTML, SARIF, ...) draws on these plain dataclasses; `Report.to_dict()` is the JSON contract v1."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure recognised in the text (contract: `claims[]`)."""

    id: str
    kind: str  # count | percent | money | ordinal | duration | date | year | range | ratio
    text: str
    start: int
    end: int
    line: int
    column: int
    value: float | int | str | None
    unit: str | None
    hedge: str
    low: float | int | None = None
    high: float | int | None = None
    vague: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
               "line": self.line, "column": self.column, "value": self.value, "unit": self.unit,
               "hedge": self.hedge}
        if self.low is not None or self.high is not None:
            out["low"], out["high"] = self.low, self.high
        if self.vague:
            out["vague"] = True
        return out


@dataclass(frozen=True, slots=True)
class Vote:
    """A vote event as reported (contract: `votes[]`)."""

    id: str
    body: str | None
    body_size: int | None
    date: str | None
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    named: dict[str, list[str]]
    outcome: str | None
    spans: list[tuple[int, int]]
    body_size_source: str = "none"
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "body": self.body, "body_size": self.body_size, "date": self.date,
                "yes": self.yes, "no": self.no, "abstain": self.abstain, "absent": self.absent,
                "named": {k: list(v) for k, v in self.named.items()}, "outcome": self.outcome,
                "spans": [list(s) for s in self.spans], "body_size_source": self.body_size_source,
                "description": self.description}


@dataclass(frozen=True, slots=True)
class Reference:
    table: str
    key: str
    source: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "key": self.key, "source": self.source, "url": self.url}


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one place in the text (contract: `findings[]`)."""

    rule: str
    name: str
    verdict: str  # verified | contradicted | suspect | unverified
    severity: str  # error | warning | info
    message: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    claims: tuple[str, ...] = ()
    votes: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)
    reference: Reference | None = None
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "name": self.name, "verdict": self.verdict, "severity": self.severity,
               "message": self.message, "start": self.start, "end": self.end, "line": self.line,
               "column": self.column, "claims": list(self.claims), "votes": list(self.votes),
               "evidence": self.evidence,
               "reference": self.reference.to_dict() if self.reference else None}
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    source: str
    published: str | None
    date_source: str
    length: int
    title: str | None = None
    inferred_date: dict[str, str] | None = None  # {"from", "to", "basis"} when date_source is "inferred"

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "source": self.source, "published": self.published,
               "date_source": self.date_source, "length": self.length, "title": self.title}
        if self.inferred_date is not None:
            out["inferred_date"] = dict(self.inferred_date)
        return out


@dataclass(frozen=True)
class Report:
    """Everything `verify check` knows about one document."""

    document: DocumentInfo
    claims: tuple[Claim, ...]
    votes: tuple[Vote, ...]
    findings: tuple[Finding, ...]
    tool_version: str
    notes: tuple[str, ...] = ()  # limits hit while checking, said plainly
    suppressed: int = 0  # warnings and errors silenced by inline suppressions (not in `findings`)
    baselined: int = 0  # warnings and errors left out because a baseline file records them

    @property
    def problems(self) -> tuple[Finding, ...]:
        """Warnings and errors, loudest first, then in text order."""
        return tuple(sorted((f for f in self.findings if f.severity != "info"),
                            key=lambda f: (-SEVERITY_RANK[f.severity], f.start)))

    def summary(self) -> dict[str, int]:
        verdicts = {v: 0 for v in ("verified", "contradicted", "suspect")}
        for f in self.findings:
            if f.verdict in verdicts:
                verdicts[f.verdict] += 1
        checked = {c for f in self.findings for c in f.claims}
        return {"claims": len(self.claims), "votes": len(self.votes), **verdicts,
                "unverified": sum(1 for c in self.claims if c.id not in checked),
                "errors": sum(1 for f in self.findings if f.severity == "error"),
                "warnings": sum(1 for f in self.findings if f.severity == "warning"),
                "suppressed": self.suppressed, "baselined": self.baselined}

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION,
                "tool": {"name": "verify", "version": self.tool_version},
                "document": self.document.to_dict(),
                "claims": [c.to_dict() for c in self.claims],
                "votes": [v.to_dict() for v in self.votes],
                "findings": [f.to_dict() for f in self.findings],
                "summary": self.summary(),
                "notes": list(self.notes)}
