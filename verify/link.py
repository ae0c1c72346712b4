"""Link stage: attach to each vote event its body (from the text or the only body the article
names), the body's size on the article's date (stated in the text, else from the reference table)
and the date itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.bodies import OTHER_BODY, BodyMentions
from verify.dates import ArticleDate
from verify.reference.index import BodyInfo, BodySize, ReferenceIndex
from verify.votes import SIDES, Tally, VoteEvent


@dataclass(frozen=True, slots=True)
class LinkedVote:
    """A vote event with what the reference index knows of its body."""

    event: VoteEvent
    body: BodyInfo | None
    table_size: BodySize | None  # the reference row used when the text states no size


def link_votes(plain: str, events: list[VoteEvent], refs: ReferenceIndex, bodies: BodyMentions,
               sizes: list[tuple[str | None, int, int, int]], date: ArticleDate | None = None) -> list[LinkedVote]:
    """Link every event: its body (once), then its size and date (see `size_votes`). `sizes` are
    the article's `size_statements`."""
    named_bodies = bodies.explicit
    only_body = next(iter(named_bodies)) if len(named_bodies) == 1 else None
    council = bool(_COUNCIL.search(plain))
    previous: str | None = None
    for ev in events:
        if ev.body == OTHER_BODY:  # a parliament or board we hold no table for: nothing to check against
            ev.body = None
            previous = None
        elif ev.body is None:  # the body named or implied nearby, else the one the previous vote was in
            guess = only_body or _infer_body(ev, plain, council) or previous
            ev.body = guess if guess and _fits(ev, refs.body(guess)) else None
            ev.body_inferred = ev.body is not None
            previous = ev.body or previous
        else:
            ev.body_inferred = not any(f.body_named for f in ev.fragments)
            previous = ev.body
    return size_votes(events, refs, sizes, date)


def size_votes(events: list[VoteEvent], refs: ReferenceIndex, sizes: list[tuple[str | None, int, int, int]],
               date: ArticleDate | None) -> list[LinkedVote]:
    """Each linked event's date and its body's size on that date (stated in the text, else from the
    table); run again when the date is inferred after linking, with the same `sizes`."""
    out = []
    for ev in events:
        info = refs.body(ev.body) if ev.body else None
        ev.date = date.earliest.isoformat() if date and date.exact else None
        stated = _stated_size(ev, sizes)
        table = info.size_on(date.latest if date else None) if info else None
        if stated is not None:
            ev.body_size, ev.body_size_source, ev.size_span = stated[1], "text", (stated[2], stated[3])
        elif table is not None:
            ev.body_size, ev.body_size_source = table.seats, "table"
        if ev.unanimous and not ev.counts and ev.body_size:
            _unanimous_counts(ev)
        out.append(LinkedVote(ev, info, table if stated is None else None))
    return out


_COUNCIL = re.compile(r"\b(?:council|Council|veto|vetoed|permanent\s+members?)\b")
UNSC = "UN Security Council"


def _fits(ev: VoteEvent, info: BodyInfo | None) -> bool:
    """Whether a guessed body can have cast the vote: its counts fit its seats ("15 votes to 2" is
    no Security Council vote, whatever else the article says of the council)."""
    size = info.size_on(None) if info else None
    return size is None or sum(t.count for t in ev.counts.values()) <= size.seats


def _infer_body(ev: VoteEvent, plain: str, council: bool) -> str | None:
    """An unnamed body whose voters are countries: the Security Council when the article speaks of
    a council or a veto, or when every count fits within its fifteen seats."""
    voters = [v for side in ev.named.values() for v in side]
    if not voters and not (ev.outcome and ev.outcome[0] == "vetoed"):
        return None
    if ev.outcome and ev.outcome[0] == "vetoed" or council:
        return UNSC
    counts = [t.count for t in ev.counts.values()]
    if counts and sum(counts) + sum(len(ev.named[s]) for s in SIDES if s not in ev.counts) <= 15:
        return UNSC
    return None


def _unanimous_counts(ev: VoteEvent) -> None:
    """"Unanimously adopted" by a body of N: N in favour, none against, no abstentions."""
    frag = ev.fragments[0]
    for side, count in (("yes", ev.body_size), ("no", 0), ("abstain", 0)):
        ev.counts[side] = Tally(side, count or 0, frag.start, frag.start, frag.start, frag.end, "unanimous")


def _stated_size(ev: VoteEvent, sizes: list[tuple[str | None, int, int, int]]
                 ) -> tuple[str | None, int, int, int] | None:
    """A size the article states for this body: in the event's own sentences first, then anywhere.
    A "size" smaller than one of the vote's own counts is a subset ("among the nine countries
    voting against"), not the body."""
    largest = max((t.count for t in ev.counts.values()), default=0)
    fitting = [s for s in sizes if s[1] >= largest]
    inside = [s for s in fitting if any(a <= s[2] < b for a, b in ev.spans) and s[0] in (None, ev.body)]
    if inside:
        return inside[0]
    same = [s for s in fitting if s[0] is not None and s[0] == ev.body]
    return same[0] if same else None
