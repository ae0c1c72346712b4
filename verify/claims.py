"""Figures -> claims: the contract's kinds and the unit each figure counts ("300,000 lives")."""

from __future__ import annotations

import re

from verify.document import Document
from verify.numbers import Number
from verify.report.model import Claim

_KIND = {"number": "count", "percent": "percent", "money": "money", "ordinal": "ordinal",
         "fraction": "ratio", "range": "range", "score": "ratio", "year": "year", "date": "date",
         "vague": "count"}
_TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
               "decade", "century"}
_UNIT_AFTER = re.compile(r"\s+(?:(?:of|more|other|extra|additional|new|former|fewer)\s+)?"
                         r"(?:[a-z]+(?:-[a-z]+)?\s+)?([a-z]{3,}(?:s|ren|ple)?)\b")
_NOT_UNITS = frozenset("""
and or but the a an of to in on at by for with from that which who as than per its their his her
against favour favor abstained abstentions abstention voted votes vote were was are is be been
had has have will would could should may might must more less than about around over under nearly
this these those there here some any each every other others such also only just still yet
""".split())


def unit_of(text: str, num: Number) -> str | None:
    """What a count counts: the noun after it ("125,000 people" -> "people"), the adjective's noun
    ("five-year" -> "year"), the currency or "%"."""
    if num.unit:
        return num.unit
    if num.kind not in ("number", "vague", "range"):
        return None
    m = _UNIT_AFTER.match(text, num.end)
    if m is None:
        return None
    word = m.group(1)
    direct = re.match(r"\s+([a-z]{3,})\b", text[num.end:num.end + 30])
    if direct and direct.group(1) not in _NOT_UNITS:
        return direct.group(1)
    return None if word in _NOT_UNITS else word


def make_claims(doc: Document, plain: str, numbers: list[Number]) -> list[Claim]:
    out = []
    for i, num in enumerate(numbers, start=1):
        kind = _KIND.get(num.kind, "count")
        unit = unit_of(plain, num)
        if num.adjective and unit and unit.split("-")[0] in _TIME_UNITS:
            kind = "duration"
        line, column = doc.position(num.start)
        value = num.value
        out.append(Claim(f"c{i}", kind, doc.text[num.start:num.end], num.start, num.end, line, column,
                         value, unit, num.hedge if num.hedge in _HEDGES else "exact",
                         low=num.low, high=num.high, vague=num.kind == "vague"))
    return out


_HEDGES = {"exact", "about", "over", "under", "at_least", "at_most", "nearly"}
