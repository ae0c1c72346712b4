"""Where an article names deliberative bodies: found once per document, then looked up by range.

A proper name ("the Security Council", "the Senate") names a body wherever it stands; a generic
word ("the council", "justices") names it only in an article that also uses the proper name; a
parliament or board the reference tables do not hold ("Hungary's parliament", "the Knesset") is
recorded as OTHER_BODY, so that a vote there is never checked against another body's seats.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from verify.reference.index import ReferenceIndex

OTHER_BODY = "other"
_OTHER_BODY = re.compile(r"\b(?=[PpLlKDRSCBAJcbjsdr])(?:[Pp]arliament|[Ll]egislature|Knesset|Duma|Diet|Riksdag|Sejm|Storting|Cortes|"
                         r"Bundesrat|Assembl(?:y|ée)|[Cc]ongress|[Cc]ommittee|[Bb]oard|[Jj]ury|[Pp]anel|"
                         r"[Ss]hareholders|[Dd]eputies|[Cc]ouncillors|[Cc]ouncilors)\b")


@dataclass(frozen=True)
class BodyMentions:
    """Body mentions in text order: (start, body name or OTHER_BODY, named properly?)."""

    marks: tuple[tuple[int, str, bool], ...]
    explicit: frozenset[str]  # bodies named properly somewhere in the article

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
        object.__setattr__(self, "_starts", [m[0] for m in self.marks])


def find_body_mentions(text: str, refs: ReferenceIndex) -> BodyMentions:
    marks: list[tuple[int, str, bool]] = []
    for m in refs.body_pattern.finditer(text):
        body = refs.body(m.group())
        if body is not None:
            marks.append((m.start(), body.name, m.group("proper") is not None))
    marks.extend((m.start(), OTHER_BODY, True) for m in _OTHER_BODY.finditer(text))
    marks.sort()
    return BodyMentions(tuple(marks), frozenset(name for _, name, proper in marks
                                                if proper and name != OTHER_BODY))
