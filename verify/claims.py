"""Figures -> claims: the contract's kinds and the unit each figure counts ("300,000 lives")."""

from __future__ import annotations

import re

from verify.document import Document
from verify.numbers import TIME_UNITS, Number
from verify.report.model import Claim

_KIND = {"number": "count", "percent": "percent", "money": "money", "ordinal": "ordinal",
         "fraction": "ratio", "range": "range", "score": "ratio", "year": "year", "date": "date",
         "vague": "count"}
_HEDGES = {"exact", "about", "over", "under", "at_least", "at_most", "nearly"}
_TWO_WORDS = re.compile(r"[ \t]+([a-z]+(?:-[a-z]+)?)(?:[ \t]+([a-z]+))?")
_NOT_UNITS = frozenset("""
and or but the a an of to in on at by for with from that which who as than per its their his her
against favour favor abstained voted were was are is be been had has have will
this these those there here some any each every other others such also only just still yet
more less about around over under nearly times percent cent
""".split())
_IRREGULAR_PLURALS = frozenset("people children men women police staff personnel cattle sheep fish".split())
_ADJECTIVE_END = re.compile(r"(?:ed|al|ent|ant|ive|ian|ese|ish|ic|ous|ful|less|ary|ory|ing|ern|er)$")


def _noun_like(word: str | None) -> bool:
    """A plural noun, the usual thing a count counts ("300,000 lives", "11 votes")."""
    if not word or word in _NOT_UNITS:
        return False
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def unit_of(text: str, num: Number) -> str | None:
    """What a count counts: the plural noun after it, past one adjective ("125,000 people",
    "five permanent members" -> "members"); the adjective's noun ("five-year" -> "year"); the
    currency or "%"."""
    if num.unit:
        return num.unit
    if num.kind not in ("number", "vague", "range"):
        return None
    m = _TWO_WORDS.match(text, num.end)
    if m is None:
        return None
    first, second = m.group(1), m.group(2)
    if _noun_like(first):
        return first
    if first not in _NOT_UNITS and _ADJECTIVE_END.search(first) and _noun_like(second):
        return second
    return None


def make_claims(doc: Document, plain: str, numbers: list[Number]) -> list[Claim]:
    out = []
    for i, num in enumerate(numbers, start=1):
        kind = _KIND.get(num.kind, "count")
        unit = unit_of(plain, num)
        if num.adjective and unit and unit.split("-")[0] in TIME_UNITS:
            kind = "duration"
        line, column = doc.position(num.start)
        value = num.value
        out.append(Claim(f"c{i}", kind, doc.text[num.start:num.end], num.start, num.end, line, column,
                         value, unit, num.hedge if num.hedge in _HEDGES else "exact",
                         low=num.low, high=num.high, vague=num.kind == "vague"))
    return out

