"""Names in copy -> canonical entities: the alias table first, rapidfuzz for misspellings.

"Britain", "the UK" and "United Kingdom" are one voter; "Moscow" names Russia where it votes;
"the Russian measure" is Russia's draft (a demonym, kept apart so it never counts as a voter).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from verify.reference.index import Entity, ReferenceIndex

_CANDIDATE = re.compile(
    r"[A-Z][\w'’.-]*(?:(?:\s+(?:of|and|the|de|da|del|du|of\sthe|and\sthe))*\s+(?:d['’])?[A-Z][\w'’.-]*)*")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_CONNECTORS = {"of", "and", "the", "de", "da", "del", "du"}
_MAX_TOKENS = 6
FUZZY_CUTOFF = 88
# capitalised words of vote copy that are never country names: no fuzzy search for them
_NOT_NAMES = frozenset("""
security council general assembly senate house commons parliament court supreme justice
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december ambassador minister president secretary united nations
resolution draft members member states there their these those which where while after before
""".split())


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    kind: str  # name | demonym | fuzzy


def _clean(token: str) -> str:
    """Drop a possessive and a sentence's full stop ("Russia's" -> "Russia"), keep "U.S."."""
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    if token.endswith(".") and not _INITIALS.fullmatch(token):
        token = token.rstrip(".")
    return token


def find_mentions(text: str, start: int, end: int, refs: ReferenceIndex, *,
                  fuzzy: bool = False) -> list[Mention]:
    """Entity mentions in text[start:end], longest alias first; with `fuzzy`, unknown capitalised
    names close to an alias ("Venezeula") resolve too."""
    out: list[Mention] = []
    for m in _CANDIDATE.finditer(text, start, end):
        base = m.start()
        for s, e, ent, kind in resolve_candidate(m.group(), refs, fuzzy):
            out.append(Mention(base + s, base + e, text[base + s:base + e], ent, kind))
    return _with_the(text, out)


@functools.lru_cache(maxsize=50_000)
def resolve_candidate(candidate: str, refs: ReferenceIndex, fuzzy: bool
                      ) -> tuple[tuple[int, int, Entity, str], ...]:
    """The entities in a run of capitalised words, as (start, end, entity, kind) relative to the
    run, longest alias first. Cached: the same names recur across sentences and articles."""
    tokens = [(t.start(), t.end(), t.group()) for t in re.finditer(r"\S+", candidate)]
    out = []
    i = 0
    while i < len(tokens):
        if tokens[i][2] in _CONNECTORS:
            i += 1
            continue
        found = None
        for j in range(min(len(tokens), i + _MAX_TOKENS), i, -1):
            if tokens[j - 1][2] in _CONNECTORS:
                continue
            phrase = " ".join(t[2] for t in tokens[i:j])
            key = _clean(phrase)
            ent, kind = refs.entity(key), "name"
            if ent is None:
                ent, kind = refs.demonym(key), "demonym"
            if ent is not None:
                found = (tokens[i][0], tokens[i][0] + len(key), ent, kind)
                i = j
                break
        if found is None:
            word = _clean(tokens[i][2])
            if fuzzy and len(word) >= 5:
                ent = fuzzy_entity(word, refs)
                if ent is not None:
                    out.append((tokens[i][0], tokens[i][0] + len(word), ent, "fuzzy"))
            i += 1
        else:
            out.append(found)
    return tuple(out)


def _with_the(text: str, mentions: list[Mention]) -> list[Mention]:
    """'the United States' reads as one name: widen the span over a preceding 'the'."""
    out = []
    for m in mentions:
        if m.kind == "name" and text[max(0, m.start - 4):m.start].lower() == "the ":
            m = Mention(m.start - 4, m.end, text[m.start - 4:m.end], m.entity, m.kind)
        out.append(m)
    return out


@functools.lru_cache(maxsize=4096)
def fuzzy_entity(word: str, refs: ReferenceIndex) -> Entity | None:
    """A misspelt country name ("Venezeula") -> its entity, if one alias is close enough.
    Cached: the same capitalised words come back in every article."""
    if word.lower() in _NOT_NAMES:
        return None
    hit = process.extractOne(word.lower(), refs.entities_by_alias.keys(), scorer=fuzz.ratio,
                             score_cutoff=FUZZY_CUTOFF)
    return refs.entities_by_alias[hit[0]] if hit else None
