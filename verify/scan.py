"""Helpers for scanning text fast with Python's `re`. The engine skips ahead at C speed only when a
pattern starts with literal characters; a leading `\\b`, lookahead or IGNORECASE makes it try the
whole pattern at every position, several times slower on a 4 KB article. So word lists are compiled
as factored literal alternations and case-insensitive ones run on an ASCII-lower-cased copy of the
text (same length, so offsets carry over), with word boundaries checked on the few hits."""

from __future__ import annotations

import bisect
import re

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(text: str) -> str:
    """`text` lower-cased with every offset kept: `str.lower()` (many times faster than a
    translation table) unless it would change the length ("İ" lowers to two characters) or turn
    a non-ASCII letter into an ASCII one (the Kelvin sign into "k"); then only A-Z are lowered."""
    low = text.lower()
    if len(low) == len(text) and (text.isascii() or "\u212a" not in text):
        return low
    return text.translate(ASCII_LOWER)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation factored by first letter ("a(?:rticle|side)|..."), longer words tried
    before their prefixes: the engine's literal-prefix skip applies, and a flat list of dozens of
    names is several times slower."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for first, rests in by_first.items():
        if len(rests) == 1:
            alternatives.append(re.escape(first + rests[0]))
        else:
            tails = alternation(tuple(r for r in rests if r)) + ("|" if "" in rests else "")
            alternatives.append(f"{re.escape(first)}(?:{tails})")
    return "|".join(alternatives)


def starts_word(text: str, pos: int) -> bool:
    """Whether a `\\b` holds before text[pos] for a match that starts with a word character."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def find_all(text: str, words: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every occurrence of any of `words` (plain substrings): `str.find`
    runs at memchr speed, so a document is sieved for keywords faster than a regex visits it."""
    hits = []
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            hits.append(pos)
            pos = text.find(word, pos + 1)
    hits.sort()
    return hits


def any_in(hits: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of offsets holds one in [start, end)."""
    i = bisect.bisect_left(hits, start)
    return i < len(hits) and hits[i] < end


def spans_holding(spans: list[tuple[int, int]], hits: list[int]) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping) that hold at least one of the sorted offsets `hits`, in
    order: a loop over sentences that does nothing without a keyword visits only these."""
    starts = [start for start, _ in spans]
    out: list[tuple[int, int]] = []
    last = -1
    for hit in hits:
        k = bisect.bisect_right(starts, hit) - 1
        if k > last and hit < spans[k][1]:
            out.append(spans[k])
            last = k
    return out
