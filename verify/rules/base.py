"""The rule mechanism: a rule is a small class with a code, a name, a default severity, a one-line
summary and an explanation (its docstring), yielding findings from the checked document."""

from __future__ import annotations

import bisect
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from verify.dates import ArticleDate
from verify.document import Document
from verify.link import LinkedVote
from verify.numbers import Number
from verify.reference.index import ReferenceIndex
from verify.reference.records import Records
from verify.suppress import Suppression
from verify.report.model import Claim, Finding, Reference
from verify.typos import DigitWord
from verify.votes import MAX_SENTENCE

T = TypeVar("T")
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
    sentences: list[tuple[int, int]] = field(default_factory=list)
    date: ArticleDate | None = None  # the article's date, given or inferred
    suppressions: tuple[Suppression, ...] = ()  # the document's inline suppressions
    findings: tuple[Finding, ...] = ()  # the first round's findings, for rules that review them

    def __post_init__(self) -> None:
        self._starts = [c.start for c in self.claims]  # claims are in text order
        self._sentence_starts = [s for s, _ in self.sentences]
        self._extracted: dict[Callable[[Context], Any], Any] = {}

    def extract(self, extractor: Callable[[Context], T]) -> T:
        """What `extractor` (a function of an extraction module, taking this context) reads from the
        document, computed once however many rules ask: a family of rules brings its own
        extractor without the pipeline reading, for every document, what no rule wants."""
        if extractor not in self._extracted:
            self._extracted[extractor] = extractor(self)
        return self._extracted[extractor]

    def limit_notes(self) -> list[str]:
        """Notes from extractors that stopped early on hostile input (a result's `limit_note`)."""
        return [note for result in self._extracted.values() if (note := getattr(result, "limit_note", None))]

    def sentence_of(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding `offset`; None outside sentences and for a
        "sentence" over MAX_SENTENCE characters, which is no prose (a table or a run-on dump) and
        would make per-sentence reading quadratic on hostile input."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            start, end = self.sentences[i]
            return (start, end) if end - start <= MAX_SENTENCE else None
        return None

    @property
    def records(self) -> Records:
        return self.refs.records

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
    # example texts that raise the rule / must stay silent; "[YYYY-MM-DD] text" gives the article's
    # date, for rules that check against the world on a date
    triggers: ClassVar[tuple[str, ...]] = ()
    passes: ClassVar[tuple[str, ...]] = ()
    reviews_findings: ClassVar[bool] = False  # runs after the other rules, reading ctx.findings

    def __init__(self, severity: str | None = None) -> None:
        self.regrade = severity  # the configured severity of this rule's warnings and errors

    @classmethod
    def explanation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def help_text(cls) -> str:
        """The explanation, then example texts that raise the rule and texts that stay silent: what
        `verify explain` prints and SARIF's rule help carries."""
        parts = [cls.explanation()]
        for title, texts in (("Triggers", cls.triggers), ("Stays silent", cls.passes)):
            if texts:
                parts.append(f"{title}:\n" + "\n".join(map(_shown_example, texts)))
        return "\n\n".join(parts)

    def check(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, ctx: Context, verdict: str, message: str, start: int, end: int, *,
                severity: str | None = None, claims: tuple[str, ...] | None = None,
                votes: tuple[str, ...] = (), evidence: dict[str, Any] | None = None,
                reference: Reference | None = None, suggestion: str | None = None) -> Finding:
        severity = severity or DEFAULT_SEVERITY[verdict] or self.severity
        if self.regrade and severity != "info":
            severity = self.regrade
        line, column = ctx.doc.position(start)
        return Finding(self.code, self.name, verdict, severity, message, start, end, line, column,
                       ctx.claims_in(start, end) if claims is None else claims, votes,
                       evidence or {}, reference, suggestion)


def example(text: str) -> tuple[str, str | None]:
    """An example text and the date it gives ("[2016-10-08] ..."), or None."""
    m = _DATED.match(text)
    return (text[m.end():], m.group(1)) if m else (text, None)


_DATED = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]\s*")


def _shown_example(raw: str) -> str:
    text, date = example(raw)
    return f"  {text!r}" + (f"  (in an article dated {date})" if date else "")


def run_rules(rules: Iterable[Rule], ctx: Context) -> list[Finding]:
    """Two rounds: the rules that read the document, then those that review their findings (any
    object with `code` and `check` is a rule of the first round)."""
    rules = list(rules)
    later = [rule for rule in rules if getattr(rule, "reviews_findings", False)]
    ctx.findings = tuple(f for rule in rules if rule not in later for f in rule.check(ctx))
    return [*ctx.findings, *(f for rule in later for f in rule.check(ctx))]
