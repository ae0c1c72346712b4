"""The body sizes an article states ("the 15-member Security Council", "all 15 members"), which
linking checks against the reference tables. Apart from extraction: it reads figures, not votes.
"""

from __future__ import annotations

import re

from verify.bodies import OTHER_BODY, BodyMentions
from verify.numbers import Number
from verify.votes.patterns import SIZE_ADJ, SIZE_NOUN_AFTER, SIZE_PHRASE

_AMONG = re.compile(r"\b(?:among|one\s+of)\s+(?:the|its|their)\s+$", re.I)  # a subset, not the body


def size_statements(text: str, nums: list[Number], bodies: BodyMentions
                    ) -> list[tuple[str | None, int, int, int]]:
    """Sizes the article states: "the 15-member Security Council", "all 15 members" ->
    (body or None, seats, start, end)."""
    out = []
    for num in nums:
        if not isinstance(num.value, int) or num.kind != "number":
            continue
        if num.adjective and (num.unit or "").split("-")[0] in SIZE_ADJ:
            body = bodies.first(num.end, num.end + 40)
            out.append((None if body == OTHER_BODY else body, num.value, num.start, num.end))
        elif SIZE_PHRASE.search(text, max(0, num.start - 20), num.start) and \
                not _AMONG.search(text, max(0, num.start - 30), num.start):
            noun = SIZE_NOUN_AFTER.match(text, num.end)
            if noun is None:
                continue
            of = re.compile(r"\s+of\s+(?:the\s+)?").match(text, noun.end())
            body = bodies.first(of.end(), of.end() + 2) if of else None
            if of and body in (None, OTHER_BODY):
                continue  # "all 50 members of the Democratic caucus" is not the chamber
            out.append((body, num.value, num.start, num.end))
    return out
