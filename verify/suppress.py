"""Inline suppressions: an editor silences a finding they have checked, with the reason on record.

    <!-- verify: ignore V101,R102 reason="checked with the UN record" -->  Markdown, HTML
    # verify: ignore V101 reason="checked with the UN record"             plain text, a line of its own
    <!-- verify: ignore-file T101 reason="the banner quoted is misspelt" -->  the whole document

Both forms are read in every format, and neither is ever read as article text: directives are
blanked out of the text the extractors read (HTML comments are blanked by the loaders already),
character for character, so offsets still point into the file. A directive written in code (a
Markdown code block or span, an HTML <pre> or <code>) is an example shown to the reader: it is
neither obeyed nor blanked.

`ignore` covers the block after the directive: from the first character of article text after it
up to the next blank line of the article text as read (markup blanked, so in HTML every paragraph,
heading or list item element ends a block), or the end of the document. `ignore-file` covers the
whole document. A finding is covered when its rule is named and its start lies in what is covered.
Only warnings and errors are silenced: verified checks (info) stay in the report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from verify.document import Document, blank_spans, code_spans
from verify.report.model import Finding

# Bounded, so that a flood of unclosed "<!-- verify:" stays linear.
_COMMENT = re.compile(r"<!--[ \t\r\n]*+verify:(?P<body>(?:[^-]|-(?!->)){0,500}+)-->", re.IGNORECASE)
_LINE = re.compile(r"^[ \t]*+#[ \t]*+verify:(?P<body>[^\r\n]*+)", re.IGNORECASE | re.MULTILINE)
_BODY = re.compile(r"\s*(?P<kind>ignore-file|ignore)\s+(?P<codes>[\w-]+(?:\s*,\s*[\w-]+)*)"
                   r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?\s*", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_TEXT = re.compile(r"\S")
FORM = 'verify: ignore CODE[,CODE...] reason="..." (or ignore-file)'


@dataclass(frozen=True)
class Suppression:
    """One directive: where it is written, the rule codes it names (upper-cased), its reason, and
    the [start, end) of the text it covers. `problem` says why a directive cannot be read."""

    start: int
    end: int
    codes: tuple[str, ...]
    reason: str | None
    whole_file: bool = False
    block: tuple[int, int] = (0, 0)
    problem: str | None = None


def read_suppressions(doc: Document) -> tuple[Document, tuple[Suppression, ...]]:
    """The document with its directives blanked out of `plain`, and the suppressions they make."""
    found = sorted((m.start(), m.end(), m.group("body")) for pattern in (_COMMENT, _LINE)
                   for m in pattern.finditer(doc.text))
    if found:
        found = _outside(code_spans(doc.text, doc.markup), found)
    if not found:
        return doc, ()
    plain = blank_spans(doc.plain, [(start, end) for start, end, _ in found])
    blank_lines = [m.start() for m in _BLANK_LINE.finditer(plain)]
    suppressions, text_after = [], len(plain)
    for index in range(len(found) - 1, -1, -1):  # backwards: a run of directives shares one block
        start, end, body = found[index]
        limit = found[index + 1][0] if index + 1 < len(found) else len(plain)
        first = _TEXT.search(plain, end, limit)
        text_after = first.start() if first else max(text_after, end)
        stop = bisect.bisect_left(blank_lines, text_after)
        block = (text_after, blank_lines[stop] if stop < len(blank_lines) else len(plain))
        suppressions.append(_parse(start, end, body, block))
    return replace(doc, plain=plain), tuple(reversed(suppressions))


def _outside(code: list[tuple[int, int]], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The directives (in text order) that start outside every code span (sorted by start)."""
    if not code:
        return found
    kept, i, reach = [], 0, 0  # reach: the furthest end of the code spans starting at or before here
    for directive in found:
        while i < len(code) and code[i][0] <= directive[0]:
            reach = max(reach, code[i][1])
            i += 1
        if directive[0] >= reach:
            kept.append(directive)
    return kept


def _parse(start: int, end: int, body: str, block: tuple[int, int]) -> Suppression:
    match = _BODY.fullmatch(body)
    if match is None:
        shown = " ".join(body.split())
        return Suppression(start, end, (), None, block=block,
                           problem=f"cannot read 'verify: {shown[:60]}': expected {FORM}")
    codes = tuple(dict.fromkeys(c.strip().upper() for c in match.group("codes").split(",")))
    reason = (match.group("dq") or match.group("sq") or "").strip() or None
    return Suppression(start, end, codes, reason, match.group("kind").lower() == "ignore-file", block)


def apply_suppressions(suppressions: Iterable[Suppression],
                       findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    """The findings no suppression covers, and how many were silenced (each finding once)."""
    index = _BlockIndex(suppressions)
    kept, silenced = [], 0
    for finding in findings:
        if finding.severity != "info" and index.covers(finding.rule, finding.start):
            silenced += 1
        else:
            kept.append(finding)
    return kept, silenced


def unused(suppressions: Iterable[Suppression], findings: Iterable[Finding]) -> Iterator[tuple[Suppression, str]]:
    """(suppression, code) for each code a suppression names that covers no warning or error."""
    starts: dict[str, list[int]] = {}
    for finding in findings:
        if finding.severity != "info":
            starts.setdefault(finding.rule, []).append(finding.start)
    for offsets in starts.values():
        offsets.sort()
    for suppression in suppressions:
        for code in suppression.codes:
            offsets = starts.get(code, [])
            if suppression.whole_file:
                used = bool(offsets)
            else:
                i = bisect.bisect_left(offsets, suppression.block[0])
                used = i < len(offsets) and offsets[i] < suppression.block[1]
            if not used:
                yield suppression, code


class _BlockIndex:
    """Suppressions by code, so that each finding is looked up in logarithmic time. Blocks are tails
    of paragraphs, so the covering block, if any, is the one starting last at or before an offset."""

    def __init__(self, suppressions: Iterable[Suppression]) -> None:
        self.whole_file: set[str] = set()
        blocks: dict[str, list[tuple[int, int]]] = {}
        for s in suppressions:
            for code in s.codes:
                if s.whole_file:
                    self.whole_file.add(code)
                else:
                    blocks.setdefault(code, []).append(s.block)
        self.blocks = {code: sorted(spans) for code, spans in blocks.items()}
        self.starts = {code: [start for start, _ in spans] for code, spans in self.blocks.items()}

    def covers(self, rule: str, offset: int) -> bool:
        if rule in self.whole_file:
            return True
        i = bisect.bisect_right(self.starts.get(rule, []), offset) - 1
        return i >= 0 and offset < self.blocks[rule][i][1]
