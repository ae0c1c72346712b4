"""Vote events: tallies, named voters per side, outcome, body and draft, grouped into events.

Sentences that mention a vote are cut into clauses ("..., but ...", "...; ...", "..., while ...").
Each clause yields a `Fragment` (what it says about a vote); fragments are then grouped into events
by the draft they describe ("the rival draft presented by Moscow", "the Russian measure"), by the
body, and by sentence order. Extraction only reads: it never judges (that is the rules' job).

The modules: `model` (the records), `patterns` (the expressions and keywords that find them),
`clause` (one clause into a Fragment), `events` (sentences into events) and `sizes` (the body
sizes an article states). Other modules import the names below from here.
"""

from __future__ import annotations

from verify.votes.events import MAX_SENTENCE, MAX_VOTE_SENTENCES, extract_votes
from verify.votes.model import SIDES, Tally, VoteEvent
from verify.votes.sizes import size_statements

__all__ = ["MAX_SENTENCE", "MAX_VOTE_SENTENCES", "SIDES", "Tally", "VoteEvent", "extract_votes", "size_statements"]
