"""Grouping into vote events, the package's entry point: sentences are cut into clauses, each
clause is read into a fragment, and each fragment joins the event it continues (same draft, same
body, no other figures) or starts a new one. The limits here bound the work on hostile input.
"""

from __future__ import annotations

from verify.bodies import OTHER_BODY, BodyMentions
from verify.entities import find_mentions
from verify.numbers import Number
from verify.reference.index import ReferenceIndex
from verify.scan import any_in, ascii_lower, find_all, spans_holding
from verify.votes.clause import Figures, Mentions, _description, _fragment, is_vote_text
from verify.votes.model import Description, Fragment, VoteEvent
from verify.votes.patterns import (
    CLAUSE_SPLIT,
    CUE_KEYS,
    DRAFT_WORD,
    DRAFT_WORDS,
    PLURAL_SUBJECT,
)

MAX_SENTENCE = 3_000  # characters; longer "sentences" are not prose
MAX_VOTE_SENTENCES = 1_000  # far beyond any article; bounds the work on a hostile 2 MB input


def extract_votes(text: str, sentences: list[tuple[int, int]], nums: list[Number],
                  refs: ReferenceIndex, bodies: BodyMentions) -> tuple[list[VoteEvent], bool]:
    """All vote events in the text, in order of first mention, and whether every vote sentence was
    read (False past MAX_VOTE_SENTENCES, a guard against pathological input)."""
    nums = Figures(nums)
    events: list[VoteEvent] = []
    current: VoteEvent | None = None
    topic: Description | None = None  # a draft introduced by a sentence without a vote in it
    analysed = 0
    last_body: str | None = None  # the first body named in the latest sentence that names one
    # sieves: a sentence with none of these substrings cannot hold a vote cue or a draft word
    cues = find_all(ascii_lower(text), CUE_KEYS)
    drafts = find_all(text, DRAFT_WORDS)
    # a sentence with no cue, draft word or body name changes nothing below: most are skipped unseen
    for sstart, send in spans_holding(sentences, sorted([*cues, *drafts, *(mark[0] for mark in bodies.marks)])):
        context_body = last_body  # where the story stood before this sentence
        here = bodies.first(sstart, send)
        last_body = here if here not in (None, OTHER_BODY) else last_body
        if send - sstart > MAX_SENTENCE:
            continue  # not prose (a table or a run-on dump): no vote is read from it
        if not (any_in(cues, sstart, send) and is_vote_text(text, sstart, send)):
            if any_in(drafts, sstart, send) and DRAFT_WORD.search(text, sstart, send):
                found = _description(text, sstart, send, refs)
                if found is not None and (found.sponsor or found.rival):
                    topic = found
            continue
        analysed += 1
        if analysed > MAX_VOTE_SENTENCES:
            return events, False
        mentions = Mentions(find_mentions(text, sstart, send, refs, fuzzy=True))
        sentence_body = here
        target_in_sentence: VoteEvent | None = None
        for cstart, cend in _clauses(text, sstart, send):
            frag = _fragment(text, cstart, cend, nums, mentions, refs, bodies, sentence_body or context_body)
            cut = _second_tally(frag)
            frags = [frag]
            if cut is not None:  # "article one 230-197 and article two 229-198": two votes in a clause
                frags = [_fragment(text, cstart, cut, nums, mentions, refs, bodies, sentence_body or context_body, True),
                         _fragment(text, cut, cend, nums, mentions, refs, bodies, sentence_body or context_body, True)]
                frags[1].new_vote = True
                frags[1].outcome = frags[1].outcome or frags[0].outcome
            for frag in frags:
                if frag.description is None and topic is not None and frag.has_vote:
                    frag.description = topic  # "The council then turned to the rival draft. It was rejected ..."
                topic = None if frag.has_vote else topic
                current, target_in_sentence = _place(events, frag, current, target_in_sentence, text)
    return events, True


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in CLAUSE_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _second_tally(frag: Fragment) -> int | None:
    """Where a clause starts giving a second set of figures for a side it already counted."""
    seen: dict[str, int] = {}
    for tally in sorted(frag.tallies, key=lambda t: t.start):
        if tally.side in seen and seen[tally.side] != tally.count and tally.phrase_start > frag.start:
            return tally.phrase_start
        seen.setdefault(tally.side, tally.count)
    return None


def _place(events: list[VoteEvent], frag: Fragment, current: VoteEvent | None,
           target_in_sentence: VoteEvent | None, text: str) -> tuple[VoteEvent | None, VoteEvent | None]:
    """Add a fragment to the event it continues, or start a new one; returns the new
    (current, target_in_sentence)."""
    if not frag.tallies and not frag.named and PLURAL_SUBJECT.search(text, frag.start, frag.end):
        return current, target_in_sentence  # "the two drafts went down": a summary of several votes
    if not frag.has_vote:
        if current is not None and (frag.absence or frag.tie_break):
            current.absence |= frag.absence
            current.tie_break |= frag.tie_break
        return current, target_in_sentence
    target = _match(events, frag)
    if target is None:
        if frag.description is None and target_in_sentence is not None and not frag.new_vote \
                and not target_in_sentence.conflicts_with(frag):
            target = target_in_sentence
        elif frag.description is None and current is not None and current.accepts(frag):
            target = current
        else:
            target = VoteEvent(f"v{len(events) + 1}")
            events.append(target)
    target.add(frag)
    return target, target


def _match(events: list[VoteEvent], frag: Fragment) -> VoteEvent | None:
    """The event a described fragment is about: same sponsor first, then a compatible description,
    newest first."""
    desc = frag.description
    if desc is None:
        return None
    if desc.sponsor:
        for ev in reversed(events):
            if any(d.sponsor == desc.sponsor and d.noun == desc.noun for d in ev.descriptions) and \
                    (not ev.conflicts_with(frag) or ev.same_vote(frag)):
                return ev
    for ev in reversed(events):
        if ev.descriptions and any(desc.compatible(d) for d in ev.descriptions):
            if frag.body and ev.body and frag.body != ev.body:
                continue
            if ev.conflicts_with(frag) and not ev.same_vote(frag):
                continue
            if frag.new_vote and (frag.tallies or frag.outcome):
                return None
            return ev
    if events and not events[-1].descriptions and events[-1].accepts(frag):
        return events[-1]
    return None
