"""Link stage: attach to each vote event its body (from the text or the only body the article
names), the body's size on the article's date (stated in the text, else from the reference table)
and the date itself."""

from __future__ import annotations

from dataclasses import dataclass

from verify.document import Document
from verify.numbers import Number
from verify.reference.index import BodyInfo, BodySize, ReferenceIndex
from verify.votes import VoteEvent, explicit_bodies, size_statements


@dataclass(frozen=True, slots=True)
class LinkedVote:
    """A vote event with what the reference index knows of its body."""

    event: VoteEvent
    body: BodyInfo | None
    table_size: BodySize | None  # the reference row used when the text states no size


def link_votes(doc: Document, plain: str, numbers: list[Number], events: list[VoteEvent],
               refs: ReferenceIndex) -> list[LinkedVote]:
    named_bodies = explicit_bodies(plain, refs)
    sizes = size_statements(plain, numbers, refs, named_bodies)
    only_body = next(iter(named_bodies)) if len(named_bodies) == 1 else None
    out = []
    for ev in events:
        if ev.body is None:
            ev.body = only_body
        info = refs.body(ev.body) if ev.body else None
        ev.date = doc.published.isoformat() if doc.published else None
        stated = _stated_size(ev, sizes)
        table = info.size_on(doc.published) if info else None
        if stated is not None:
            ev.body_size, ev.body_size_source, ev.body_size_span = stated[1], "text", (stated[2], stated[3])
        elif table is not None:
            ev.body_size, ev.body_size_source = table.seats, "table"
        out.append(LinkedVote(ev, info, table if stated is None else None))
    return out


def _stated_size(ev: VoteEvent, sizes: list[tuple[str | None, int, int, int]]
                 ) -> tuple[str | None, int, int, int] | None:
    """A size the article states for this body: in the event's own sentences first, then anywhere."""
    inside = [s for s in sizes if any(a <= s[2] < b for a, b in ev.spans) and s[0] in (None, ev.body)]
    if inside:
        return inside[0]
    same = [s for s in sizes if s[0] is not None and s[0] == ev.body]
    return same[0] if same else None
