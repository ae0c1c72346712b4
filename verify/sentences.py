"""A small, fast sentence splitter for news copy (one regex pass; off-the-shelf splitters cost
about a millisecond a paragraph, more than all our checks together).

Boundaries: a full stop, question or exclamation mark (with closing quotes or brackets) followed by
space and a capital, digit or opening quote, unless the word before is a known abbreviation
("Mr.", "U.S.", "Sept."); a blank line; a line break after terminal punctuation; a short line with
no terminal punctuation standing alone (a headline or crosshead).
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st sen rep gov gen lt col capt cmdr adm sgt maj pres amb rev fr sr jr messrs mme
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vol vols art arts para paras ch p pp fig figs ed eds est approx dept univ assn bros inc ltd
co corp plc llc vs v etc al e.g i.e cf ca c mt ft ave blvd rd hon rt u.s u.k u.n e.u u.s.a d.c a.m p.m
""".split())

# The pattern starts by consuming one character of a class, the only start sre skips to at C speed
# (a leading lookahead makes it try the whole pattern at every position); each branch then asks,
# looking behind, which character that was:
_BOUNDARY = re.compile(
    r"[.!?…\r\n]"
    # stops (the first consumed, the rest in `run`), closing quotes or brackets, space, a capital
    r"(?:(?<=[.!?…])(?P<run>[.!?…]*)[\"'”’)\]]*(?P<space>[ \t\u00a0]+)(?=[\"'“‘(\[]?[A-Z0-9])"
    # a blank line: two or more line breaks
    r"|(?:(?<=\r)\n|(?<=\n))[ \t]*(?:\r?\n[ \t]*)+"
    # a line break after terminal punctuation (and perhaps one space)
    r"|(?<=[.!?:\"'”’)\]]\n)|(?<=[.!?:\"'”’)\]][ \t]\n)"
    r"|(?:(?<=[.!?:\"'”’)\]]\r)|(?<=[.!?:\"'”’)\]][ \t]\r))\n)")
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
# a line ending like this continues on the next one (hard-wrapped copy), so it is no headline
_HEADLINE_END = re.compile(r"(?:[,;:\-–—]|\b(?:and|or|but|the|a|an|of|to|in|on|at|by|for|with|from|that|"
                           r"which|who|as|than|its|their|his|her)\b)[ \t]*$")
_CAPITAL_NEXT = re.compile(r"[ \t]*[\"'“‘(]?[A-Z0-9]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`, whitespace trimmed, in order."""
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        if m.group("space") is not None:  # after a stop
            if text[m.start()] == "." and not m.group("run"):
                word = _word_before(text, m.start())
                if word and (word.lower().rstrip(".") in ABBREVIATIONS or _initial(word)):
                    continue
            cuts.append(m.start("space"))
        else:
            cuts.append(m.start())
    spans = []
    prev = 0
    for cut in [*cuts, len(text)]:
        if text.find("\n", prev, cut) >= 0:
            spans.extend(_headlines(text, prev, cut))
        else:  # most sentences hold no line break, so no headline to split off
            start, end = _trim(text, prev, cut)
            if start < end:
                spans.append((start, end))
        prev = cut
    return spans


def _word_before(text: str, pos: int) -> str:
    """The letters and dots that end text[pos - 12:pos] (a final line break passed over), from the
    first letter: the "U.S" of "U.S." or "Sept" of "Sept.". String methods, not a pattern: this runs
    at every full stop."""
    window = text[max(0, pos - 12):pos]
    if window.endswith("\n"):
        window = window[:-1]
    return window[len(window.rstrip(_WORD_CHARS)):].lstrip(".")


def _initial(word: str) -> bool:
    """A single capital ("J. Smith"): no sentence ends there. A comparison, not a pattern: this runs
    at every full stop."""
    return len(word) == 1 and "A" <= word <= "Z"


def _headlines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split off a first short line that has no terminal punctuation (a headline over its story)."""
    out = []
    while True:
        s, e = _trim(text, start, end)
        if s >= e:
            return out
        nl = text.find("\n", s, e)  # most sentences hold no line break: no pattern needed
        line_end = nl - 1 if nl > s and text[nl - 1] == "\r" else nl
        if nl >= 0 and line_end - s < 90 and _HEADLINE_END.search(text, s, line_end) is None \
                and _CAPITAL_NEXT.match(text, nl + 1):
            out.append(_trim(text, s, line_end))
            start = nl + 1
            continue
        out.append((s, e))
        return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())
