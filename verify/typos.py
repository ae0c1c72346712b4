"""Tokens that look like a word with a digit typed in it ("favo1r", "l0cal", "Russ1a"), with the
likely word. Extraction reads the repaired word, so a typo never hides the vote it sits in.

Not typos: identifiers and codes (COVID-19, G20, H1N1, MP3, A380, 4x4), decades (1990s), ordinals
(2nd), "mid-2016", units glued to figures (10km, 5G). A token is suspect only when its letters make
a word once the digit is read as the letter it resembles, or one edit away from a known word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# a lower-case word with a digit inside it or at its end ("favo1r", "agains7"), or a capitalised one
# with lower-case letters around the digit ("Russ1a")
_CANDIDATE = re.compile(r"(?<![\w/.-])(?:[A-Z]?[a-z]+\d[a-z]+|[a-z]{3,}\d|\d[a-z]{3,})(?![\w/-])")
_LOOKALIKE = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "b", "7": "t", "8": "b", "9": "g"}
_LOOKALIKE_ALT = {"1": "i", "0": "o", "5": "s", "6": "g", "9": "q"}
_UNIT_SUFFIX = re.compile(r"\d(?:st|nd|rd|th|s|am|pm|km|kg|mm|cm|mph|kph|mg|ml|gb|mb|kb|hz|khz|mhz|ghz|"
                          r"bn|mn|m|k|x|g|yo)$", re.I)
# newsroom words a typo most often hides: the vote vocabulary first
CORE_WORDS = frozenset("""
favour favor against abstain abstained abstention abstentions abstaining voted vote votes council
resolution draft members member adopted rejected vetoed veto passed failed approved unanimous
unanimously majority seats senate assembly parliament security general countries nations local
million billion thousand hundred percent people killed injured dead election ballot
""".split())


@dataclass(frozen=True, slots=True)
class DigitWord:
    start: int
    end: int
    text: str
    suggestion: str | None


@functools.cache
def _dictionary():
    """pyspellchecker's English word list, loaded on first need (about 0.3 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _suggest(token: str, vocabulary: frozenset[str]) -> str | None:
    """The word the typist meant, cheapest evidence first: a look-alike letter giving a word of the
    article or of the vote vocabulary, then one edit to such a word, and only then the English
    word list (loaded on first need)."""
    lowered = token.lower()
    local = vocabulary | CORE_WORDS
    guesses = ["".join(table.get(ch, ch) for ch in lowered) for table in (_LOOKALIKE, _LOOKALIKE_ALT)]
    best = next((g for g in guesses if g in local), None)
    if best is None:
        near = process.extract(lowered, local, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
        if near:  # prefer a substitution (same length), then the alphabetically first, for stable output
            best = min((w for w, _, _ in near), key=lambda w: (len(w) != len(lowered), w))
    if best is None:
        words = _dictionary()
        dropped = re.sub(r"\d", "", lowered)
        best = next((g for g in (*guesses, dropped) if g in words), None)
        if best is None:
            corrected = words.correction(lowered)
            best = corrected if corrected and corrected != lowered else None
    if best and token[0].isupper():
        best = best[0].upper() + best[1:]
    return best


def find_digit_words(text: str) -> list[DigitWord]:
    """Suspect tokens in `text`. The article's own words are the likeliest source of the intended
    spelling, so they are searched first."""
    out = []
    vocabulary: frozenset[str] | None = None
    for m in _candidates(text):
        token = m.group()
        if _UNIT_SUFFIX.search(token) and not re.search(r"[a-z]\d[a-z]", token):
            continue
        if vocabulary is None:
            vocabulary = article_vocabulary(text)
        suggestion = _suggest(token, vocabulary)
        if suggestion is None:
            continue
        out.append(DigitWord(m.start(), m.end(), token, suggestion))
    return out


_DIGIT_RUN = re.compile(r"\d+")
_TOKEN_CHARS = re.compile(r"[\w/.-]*")


def _candidates(text: str):
    """Candidate tokens, found from digit runs that touch a letter: a run of digits is found by the
    scanner's fast path, and few touch letters, so this beats trying a pattern at every position."""
    pos = 0
    last = len(text) - 1
    for d in _DIGIT_RUN.finditer(text):
        if d.start() < pos:
            continue
        if not ((d.start() > 0 and text[d.start() - 1].isalpha()) or (d.end() <= last and text[d.end()].isalpha())):
            continue
        start = d.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_/.-"):
            start -= 1
        end = _TOKEN_CHARS.match(text, d.start()).end()
        pos = end
        for m in _CANDIDATE.finditer(text, start, end):
            if m.start() >= start and m.end() <= end:
                yield m


def article_vocabulary(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\b[A-Za-z]{3,}\b", text))


def repair(text: str, words: list[DigitWord]) -> str:
    """The text with each same-length suggestion written in, so extractors read "favour"."""
    if not words:
        return text
    parts, pos = [], 0
    for w in words:
        if w.suggestion and len(w.suggestion) == len(w.text):
            parts.append(text[pos:w.start])
            parts.append(w.suggestion)
            pos = w.end
    parts.append(text[pos:])
    return "".join(parts)
