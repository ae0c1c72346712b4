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


def _known(word: str, vocabulary: frozenset[str]) -> bool:
    lowered = word.lower()
    return lowered in vocabulary or lowered in CORE_WORDS or lowered in _dictionary()


def _suggest(token: str, vocabulary: frozenset[str]) -> str | None:
    """The word the typist meant: a look-alike letter first, then one edit to a known word."""
    for table in (_LOOKALIKE, _LOOKALIKE_ALT):
        guess = "".join(table.get(ch, ch) for ch in token)
        if _known(guess, vocabulary):
            return guess
    lowered = token.lower()
    best = None
    for word in sorted(vocabulary | CORE_WORDS):
        if abs(len(word) - len(lowered)) <= 1 and Levenshtein.distance(word, lowered, score_cutoff=1) <= 1:
            if best is None or (len(word) == len(lowered)) > (len(best) == len(lowered)):
                best = word
    if best is None:
        dropped = re.sub(r"\d", "", lowered)
        if _known(dropped, vocabulary):
            best = dropped
        else:
            corrected = _dictionary().correction(lowered)
            best = corrected if corrected and corrected != lowered else None
    if best and token[0].isupper():
        best = best[0].upper() + best[1:]
    return best


def find_digit_words(text: str) -> list[DigitWord]:
    """Suspect tokens in `text`. The article's own words are the likeliest source of the intended
    spelling, so they are searched first."""
    out = []
    vocabulary: frozenset[str] | None = None
    for m in _CANDIDATE.finditer(text):
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
