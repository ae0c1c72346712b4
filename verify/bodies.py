"""Where an article names deliberative bodies: found once per document, then looked up by range.

A proper name ("the Security Council", "the Senate") names a body wherever it stands; a generic
word ("the council", "justices") names it only in an article that also uses the proper name; a
parliament or board the reference tables do not hold ("Hungary's parliament", "the Knesset") is
recorded as OTHER_BODY, so that a vote there is never checked against another body's seats.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from verify.reference.index import ReferenceIndex
from verify.scan import alternation, ascii_lower, starts_word

OTHER_BODY = "other"
_OTHER_NAMES = [*(w for word in ("parliament", "legislature", "congress", "committee", "board", "jury", "panel",
                                  "shareholders", "deputies", "councillors", "councilors")
                   for w in (word, word.title())),
                 "Knesset", "Duma", "Diet", "Riksdag", "Sejm", "Storting", "Cortes", "Bundesrat", "Assembly", "Assemblée"]
_OTHER_BODY = re.compile(f"(?:{alternation(_OTHER_NAMES)})\\b")  # literal first: see verify.scan


_QUALIFIER = re.compile(r"(?:\b([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s|\b([A-Z][a-z]+|[Ss]tate|[Pp]rovincial))\s+$")
_OWN_PREFIX = re.compile(r"(?:US|U\.S\.|UK|U\.K\.|United States)\b")


def _qualifier_country(text: str, start: int, refs: ReferenceIndex) -> str | None:
    """The country named right before a body ("Canada's", "the Australian"), "" for a state or
    province, None when nothing qualifies it."""
    m = _QUALIFIER.search(text, max(0, start - 30), start)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    if word.lower() in ("state", "provincial"):
        return ""
    ent = refs.entity(word) or refs.demonym(word)
    return ent.iso3 if ent else None


@dataclass(frozen=True)
class BodyMentions:
    """Body mentions in text order: (start, body name or OTHER_BODY, named properly?)."""

    marks: tuple[tuple[int, str, bool], ...]
    explicit: frozenset[str]  # bodies named properly somewhere in the article
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def first(self, start: int, end: int, *, proper_only: bool = False) -> str | None:
        """The first body named in [start, end): a known body before OTHER_BODY."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        other = False
        for _, name, proper in self.marks[lo:hi]:
            if name == OTHER_BODY:
                other = True
            elif proper or (not proper_only and name in self.explicit):
                return name
        return OTHER_BODY if other and not proper_only else None

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [m[0] for m in self.marks])  # for bisect in first()


def _names(text: str, refs: ReferenceIndex) -> list[tuple[int, str, bool]]:
    """(start, name as written, proper?) of every body name, in text order; where a generic name
    overlaps a proper one ("the Council" inside a proper name), the proper one wins."""
    proper = [(m.start(), m.end(), m.group()) for m in refs.body_proper.finditer(text) if starts_word(text, m.start())]
    generic = [(m.start(), m.end(), text[m.start():m.end()]) for m in refs.body_generic.finditer(ascii_lower(text))
               if starts_word(text, m.start())]
    if not generic:
        return [(s, name, True) for s, _, name in proper]
    ends = [e for _, e, _ in proper]
    starts = [s for s, _, _ in proper]
    kept = [(s, name, False) for s, e, name in generic
            if not _overlaps(starts, ends, s, e)]
    return sorted([(s, name, True) for s, _, name in proper] + kept)


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(starts, end) - 1  # the last proper name starting before `end`
    return i >= 0 and ends[i] > start


def find_body_mentions(text: str, refs: ReferenceIndex) -> BodyMentions:
    """Every body mention. A national body's name qualified by another country ("Canada's House of
    Commons", "the Australian Senate") is another parliament; and in an article that speaks of one,
    a bare "the Senate" or "the House" is read as that country's too, unless the article says
    "the US Senate"."""
    marks: list[tuple[int, str, bool]] = []
    own: set[int] = set()  # mentions qualified by their own country ("America's Senate", "US Senate")
    foreign = False
    for start, name, proper in _names(text, refs):
        body = refs.body(name)
        if body is None:
            continue
        country = _qualifier_country(text, start, refs) if body.country else None
        if country is not None and country != body.country:
            foreign = True
            marks.append((start, OTHER_BODY, True))
            continue
        if country == body.country or _OWN_PREFIX.match(name):
            own.add(start)
        marks.append((start, body.name, proper))
    if foreign:  # bare national names follow the foreign parliament the article is about
        marks = [(pos, OTHER_BODY, True) if name != OTHER_BODY and refs.bodies[name].country and pos not in own
                 else (pos, name, proper) for pos, name, proper in marks]
    marks.extend((m.start(), OTHER_BODY, True) for m in _OTHER_BODY.finditer(text) if starts_word(text, m.start()))
    marks.sort()
    return BodyMentions(tuple(marks), frozenset(name for _, name, proper in marks
                                                if proper and name != OTHER_BODY))
