"""Vote rules (V1xx): do the tallies add up, match the names, and support the outcome reported?"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from verify.link import LinkedVote
from verify.report.model import Finding, Reference
from verify.rules.base import Context, Rule
from verify.votes import SIDES, Tally, VoteEvent

SIDE_LABEL = {"yes": "in favour", "no": "against", "abstain": "abstaining", "absent": "absent"}
UNSC_MAJORITY = 9


def _count_phrase(ev: VoteEvent, side: str) -> str:
    tally = ev.counts.get(side)
    if tally is not None:
        return f"{tally.count} {SIDE_LABEL[side]}"
    return f"{len(ev.named[side])} named {SIDE_LABEL[side]}"


def _body_name(vote: LinkedVote) -> str:
    return vote.body.name if vote.body else "body"


def _size_reference(vote: LinkedVote) -> Reference | None:
    if vote.table_size is None or vote.body is None:
        return None
    return Reference("bodies", vote.body.name, vote.table_size.source)


def _seats(vote: LinkedVote, size: int) -> str:
    """'all 15 seats of the UN Security Council in 2016' or '..., as the article states'."""
    ev = vote.event
    where = f"all {size} seats of the {_body_name(vote)}"
    if ev.body_size_source == "text":
        return where + ", as the article states"
    return where + (f" in {ev.date[:4]}" if ev.date else "")


def _tally_span(ev: VoteEvent) -> tuple[int, int]:
    """The stretch of text holding the counts: the fragment with the most tallies."""
    best = max(ev.fragments, key=lambda f: (len(f.tallies), len(f.named)))
    return best.start, best.end


def _vote_ids(vote: LinkedVote) -> tuple[str, ...]:
    return (vote.event.id,)


class VoteRule(Rule):
    """Shared plumbing: vote rules look at one linked vote at a time."""

    def check(self, ctx: Context) -> Iterator[Finding]:
        for vote in ctx.votes:
            yield from self.check_vote(ctx, vote)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        raise NotImplementedError


class VoteSum(VoteRule):
    """The counts of a vote must fit the body that cast it.

    In favour + against + abstentions + absences can never exceed the body's seats (stated in the
    text, as in "the 15-member Security Council", or taken from the bodies table for the article's
    date). A body where every member normally votes (the Security Council) should account for all
    seats: a shortfall with no absence reported is a warning. In legislatures, assemblies and
    shareholder meetings members are often absent, so a shortfall there is not a finding.
    Where a side has no count but names ("Russia and Venezuela voted against"), the names count.
    """

    code, name, severity = "V101", "vote-sum-mismatch", "error"
    summary = "Vote counts add up to more than the body's seats (or, in a full-voting body, fewer)."
    triggers = ("The Security Council rejected the draft by nine votes against, four in favour and "
                "three abstentions.",)
    passes = ("The Security Council rejected the draft by nine votes against, four in favour and two "
              "abstentions.", "The Senate passed the bill 51-47.")

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev, size = vote.event, vote.event.body_size
        if size is None:
            return
        known = [s for s in SIDES if ev.effective(s) is not None]
        if not known or (ev.unanimous and len(known) < 2):
            return
        total = sum(ev.effective(s) or 0 for s in known)
        if ev.body_inferred and ev.body_size_source == "table" and total > 1.5 * size:
            return  # figures far beyond a body the text never named: the body was guessed wrong
        arithmetic = " + ".join(_count_phrase(ev, s) for s in known) + f" = {total}"
        start, end = _tally_span(ev)
        evidence = {"sum": total, "expected": size, "sides": {s: ev.effective(s) for s in known}}
        where = _seats(vote, size)
        if ev.tie_break and total == size + 1 and ev.effective("yes") == (ev.effective("no") or 0) + 1:
            size = total  # the Vice President's tie-breaking vote is cast from outside the seats
            where = f"{_seats(vote, size - 1)}, plus the tie-breaking vote"
        if total > size:
            yield self.finding(ctx, "contradicted", f"{arithmetic}, but the {_body_name(vote)} has "
                               f"{size} seats", start, end, votes=_vote_ids(vote), evidence=evidence,
                               reference=_size_reference(vote))
        elif total == size and len(known) >= 2:
            yield self.finding(ctx, "verified", f"{arithmetic}: {where}", start, end,
                               votes=_vote_ids(vote), evidence=evidence, reference=_size_reference(vote))
        elif total < size and vote.body is not None and vote.body.votes_in_full and not ev.absence \
                and all(s in ev.counts for s in ("yes", "no", "abstain")):
            yield self.finding(ctx, "contradicted", f"{arithmetic}, but all {size} members of the "
                               f"{_body_name(vote)} vote and no absence is reported", start, end,
                               severity="warning", votes=_vote_ids(vote), evidence=evidence,
                               reference=_size_reference(vote))


class NamedCount(VoteRule):
    """The voters named for a side must not outnumber its count.

    "Two members voted against: Russia, Venezuela and Bolivia" names three for a count of two.
    Fewer names than the count is a partial list and fine, unless the text presents the list as
    complete ("Five countries -- A, B, C, D -- voted in favour", "X and Y, the two permanent
    members, voted no", "X was the only member to vote against").
    """

    code, name, severity = "V102", "named-count-mismatch", "error"
    summary = "More voters are named for a side than its count, or a complete list has the wrong length."
    triggers = ("The draft won 13 votes; two members voted against (Russia, China and Bolivia).",)
    passes = ("Nine members voted against, among them France and Japan.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev = vote.event
        listed_sides = {c.side for c in ev.lists if side_count(ev, c.side) == c.stated}
        for side in SIDES:
            tally, names = ev.counts.get(side), ev.named[side]
            if tally is None or not names or tally.derived == "only" or side in listed_sides:
                continue
            listed = ", ".join(n.name for n in names)
            span = (min(tally.phrase_start, names[0].start), max(tally.phrase_end, names[-1].end))
            evidence = {"count": tally.count, "named": [n.name for n in names]}
            if len(names) > tally.count:
                yield self.finding(ctx, "contradicted", f"{len(names)} named {SIDE_LABEL[side]} "
                                   f"({listed}), but the count is {tally.count}", *span,
                                   votes=_vote_ids(vote), evidence=evidence)
            elif len(names) == tally.count:
                yield self.finding(ctx, "verified", f"{tally.count} {SIDE_LABEL[side]} = {listed}",
                                   *span, votes=_vote_ids(vote), evidence=evidence)
        for claim in ev.lists:
            if len(claim.names) == claim.stated and claim.side in listed_sides:
                yield self.finding(ctx, "verified", f"{claim.stated} {SIDE_LABEL[claim.side]} = "
                                   f"{', '.join(claim.names)}", claim.start, claim.end, votes=_vote_ids(vote),
                                   evidence={"count": claim.stated, "named": list(claim.names)})
            elif len(claim.names) != claim.stated:
                yield self.finding(ctx, "contradicted", f"the list of {claim.stated} "
                                   f"{SIDE_LABEL[claim.side]} names {len(claim.names)}: "
                                   f"{', '.join(claim.names)}", claim.start, claim.end,
                                   votes=_vote_ids(vote),
                                   evidence={"count": claim.stated, "named": list(claim.names)})


def side_count(ev: VoteEvent, side: str) -> int | None:
    tally = ev.counts.get(side)
    return tally.count if tally is not None else None


class BothSides(VoteRule):
    """A voter cannot be on two sides of one vote.

    "Russia voted against ... China and Russia abstained" in the same vote is a contradiction,
    usually a slip between two votes reported together.
    """

    code, name, severity = "V103", "voter-on-both-sides", "error"
    summary = "The same voter is named on two sides of one vote."
    triggers = ("Russia and Venezuela voted against the draft, while China and Russia abstained.",)
    passes = ("Russia and Venezuela voted against the draft, while China and Angola abstained.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev = vote.event
        seen: dict[str, tuple[str, int, int]] = {}
        for side in SIDES:
            for voter in ev.named[side]:
                first = seen.get(voter.iso3)
                if first is None:
                    seen[voter.iso3] = (side, voter.start, voter.end)
                elif first[0] != side:
                    yield self.finding(ctx, "contradicted", f"{voter.name} is named both "
                                       f"{SIDE_LABEL[first[0]]} and {SIDE_LABEL[side]}",
                                       min(first[1], voter.start), max(first[2], voter.end),
                                       votes=_vote_ids(vote),
                                       evidence={"voter": voter.name, "sides": [first[0], side]})


class ConflictingTallies(VoteRule):
    """One vote, two different figures.

    A headline saying "212-203" over a story saying "214 votes in favour" reports one vote two
    ways. Hedged figures ("more than 200") are not compared.
    """

    code, name, severity = "V104", "conflicting-tallies", "error"
    summary = "The same vote is reported twice with different figures."
    triggers = ("House passes bill 212-203\nThe bill passed with 214 votes in favour and 203 against.",)
    passes = ("House passes bill 212-203\nThe bill passed with 212 votes in favour and 203 against.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        for first, second in vote.event.conflicts:
            yield self.finding(ctx, "contradicted", f"{SIDE_LABEL[first.side]}: {second.count} here, "
                               f"but {first.count} earlier in the article", second.phrase_start,
                               second.phrase_end, votes=_vote_ids(vote),
                               evidence={"side": first.side, "values": [first.count, second.count],
                                         "first_at": first.start})


def _permanent(names: list[str]) -> str:
    """'Russia (a permanent member)', 'China and Russia (permanent members)'."""
    if len(names) == 1:
        return f"{names[0]} (a permanent member)"
    return f"{', '.join(names[:-1])} and {names[-1]} (permanent members)"


class OutcomeRule(VoteRule):
    """The outcome must follow from the counts under the body's decision rule.

    Security Council: a draft is adopted with at least nine votes in favour and no permanent member
    against; a permanent member's vote against is a veto. So "adopted" with seven in favour, or
    "vetoed" when no permanent member voted against, or "rejected" with nine or more in favour and
    no permanent member against, is wrong. Elsewhere, a measure cannot pass with fewer votes in
    favour than against, nor on a tie unless the text reports a tie-break (the US Vice President,
    the Speaker's casting vote). A measure that failed despite a simple majority is not flagged:
    many votes need a supermajority (cloture, two-thirds).
    """

    code, name, severity = "V105", "outcome-vs-rule", "error"
    summary = "The reported outcome contradicts the counts under the body's decision rule."
    triggers = ("The Security Council adopted the resolution with seven votes in favour, two against "
                "and six abstentions.",)
    passes = ("The Security Council adopted the resolution with 13 votes in favour and two abstentions.",
              "The Senate passed the bill 51-50, with the Vice President breaking the tie.")

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev = vote.event
        if ev.outcome is None or vote.body is None:
            return
        outcome, word, start, end = ev.outcome
        yes, no = ev.effective("yes"), ev.effective("no")
        if ev.unanimous and yes is None and not ev.counts:
            return
        if vote.body.decision_rule == "unsc":
            result = self._unsc(vote, outcome, word, yes)
        else:
            result = self._majority(vote, outcome, word, yes, no)
        if result is not None:
            verdict, message = result
            yield self.finding(ctx, verdict, message, start, end, votes=_vote_ids(vote),
                               evidence={"outcome": outcome, "yes": yes, "no": no,
                                         "rule": vote.body.decision_rule},
                               reference=Reference("body_rules", vote.body.name, vote.body.rule_source))

    def _unsc(self, vote: LinkedVote, outcome: str, word: str, yes: int | None
              ) -> tuple[str, str] | None:
        ev = vote.event
        holders = vote.body.veto_holders if vote.body else frozenset()
        vetoers = [v.name for v in ev.named["no"] if v.name in holders]
        no_tally = ev.counts.get("no")
        no_complete = no_tally is not None and (no_tally.count == 0 or no_tally.count == len(ev.named["no"]))
        others = [ev.effective(s) for s in ("yes", "abstain", "absent")]
        if no_tally is None and ev.body_size and all(o is not None for o in others[:2]):
            # the named voters against are all there are: the other sides fill the remaining seats
            no_complete = sum(o or 0 for o in others) + len(ev.named["no"]) == ev.body_size
        if outcome in ("adopted", "passed"):
            if vetoers:
                return "contradicted", f"'{word}', but {_permanent(vetoers)} voted against: a veto"
            if yes is not None and yes < UNSC_MAJORITY:
                return "contradicted", f"'{word}' with {yes} in favour, but adoption needs {UNSC_MAJORITY}"
            if yes is not None:
                return "verified", f"{yes} in favour >= {UNSC_MAJORITY} and no permanent member against: adopted"
        elif outcome == "vetoed":
            if vetoers:
                return "verified", f"{_permanent(vetoers)} voted against: a veto"
            if no_complete:
                return "contradicted", f"'{word}', but no permanent member voted against"
        elif outcome in ("rejected", "failed"):
            if vetoers:
                return "verified", f"{_permanent(vetoers)} voted against: not adopted"
            if yes is not None and yes < UNSC_MAJORITY:
                return "verified", f"{yes} in favour < {UNSC_MAJORITY} needed: not adopted"
            if yes is not None and no_complete:
                return "contradicted", (f"'{word}', but {yes} in favour >= {UNSC_MAJORITY} and no "
                                        "permanent member voted against")
        return None

    def _majority(self, vote: LinkedVote, outcome: str, word: str, yes: int | None, no: int | None
                  ) -> tuple[str, str] | None:
        if yes is None or no is None:
            return None
        ev = vote.event
        if outcome in ("adopted", "passed"):
            if yes > no:
                return "verified", f"{yes} in favour > {no} against: {outcome}"
            if yes == no and ev.tie_break:
                return "verified", f"{yes}-{no} tie broken by a casting vote: {outcome}"
            if yes == no:
                return "contradicted", f"'{word}' on a {yes}-{no} tie with no tie-break reported"
            return "contradicted", f"'{word}' with {yes} in favour and {no} against"
        if outcome in ("rejected", "failed") and yes <= no:
            return "verified", f"{yes} in favour <= {no} against: {outcome}"
        return None


class RemainingCount(VoteRule):
    """A count derived from the others must match them.

    "Eleven voted in favour, two against and the remaining two abstained" is checked against the
    body's seats: 15 - 11 - 2 = 2.
    """

    code, name, severity = "V106", "remaining-count-mismatch", "error"
    summary = "\"The remaining N\" does not equal the seats minus the other counts."
    triggers = ("In the 15-member council, 11 voted in favour, two against and the remaining three "
                "abstained.",)
    passes = ("In the 15-member council, 11 voted in favour, two against and the remaining two abstained.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev, size = vote.event, vote.event.body_size
        if size is None:
            return
        for side, tally in ev.counts.items():
            if tally.derived != "remaining":
                continue
            others = {s: ev.effective(s) for s in SIDES if s != side and ev.effective(s) is not None}
            if not others:
                continue
            expected = size - sum(others.values())
            arithmetic = f"{size} - " + " - ".join(str(v) for v in others.values()) + f" = {expected}"
            evidence = {"count": tally.count, "expected": expected}
            # a side known only by the names given may have more members than are named
            at_most = any(s not in ev.counts for s in others)
            if at_most and tally.count < expected:
                continue
            if expected != tally.count:
                yield self.finding(ctx, "contradicted", f"'the remaining {tally.count}': {arithmetic}",
                                   tally.phrase_start, tally.phrase_end, votes=_vote_ids(vote),
                                   evidence=evidence, reference=_size_reference(vote))
            else:
                yield self.finding(ctx, "verified", f"the remaining {tally.count}: {arithmetic}",
                                   tally.phrase_start, tally.phrase_end, votes=_vote_ids(vote),
                                   evidence=evidence, reference=_size_reference(vote))


RULES: tuple[type[Rule], ...] = (VoteSum, NamedCount, BothSides, ConflictingTallies, OutcomeRule,
                                 RemainingCount)
__all__ = ["RULES", "Tally"]
