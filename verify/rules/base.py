"""The rule mechanism: a rule is a small class with a code, a name, a default severity, a one-line
summary and an explanation (its docstring), yielding findings from the checked document."""

from __future__ import annotations

import bisect
import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from verify.document import Document
from verify.link import LinkedVote
from verify.numbers import Number
from verify.reference.index import ReferenceIndex
from verify.report.model import Claim, Finding, Reference
from verify.typos import DigitWord

DEFAULT_SEVERITY = {"contradicted": None, "suspect": "warning", "verified": "info", "unverified": "info"}


@dataclass
class Context:
    """What the rules see: the document, what the extractors read and the reference index."""

    doc: Document
    plain: str
    numbers: list[Number]
    claims: list[Claim]
    votes: list[LinkedVote]
    digit_words: list[DigitWord]
    refs: ReferenceIndex

    def __post_init__(self) -> None:
        self._starts = [c.start for c in self.claims]  # claims are in text order

    def claims_in(self, start: int, end: int) -> tuple[str, ...]:
        """Ids of the claims inside [start, end) (a bisect: findings x claims would be quadratic)."""
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return tuple(c.id for c in self.claims[lo:hi] if c.end <= end)


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "error"
    summary: ClassVar[str]
    triggers: ClassVar[tuple[str, ...]] = ()  # example texts that raise the rule
    passes: ClassVar[tuple[str, ...]] = ()  # example texts that must stay silent

    @classmethod
    def explanation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, ctx: Context, verdict: str, message: str, start: int, end: int, *,
                severity: str | None = None, claims: tuple[str, ...] | None = None,
                votes: tuple[str, ...] = (), evidence: dict[str, Any] | None = None,
                reference: Reference | None = None, suggestion: str | None = None) -> Finding:
        severity = severity or DEFAULT_SEVERITY[verdict] or self.severity
        line, column = ctx.doc.position(start)
        return Finding(self.code, self.name, verdict, severity, message, start, end, line, column,
                       ctx.claims_in(start, end) if claims is None else claims, votes,
                       evidence or {}, reference, suggestion)


def run_rules(rules: Iterable[Rule], ctx: Context) -> Iterator[Finding]:
    for rule in rules:
        yield from rule.check(ctx)
