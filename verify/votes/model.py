"""The records vote extraction produces: a `Tally` per side, `NamedVoter`s, the `Description` of
the draft voted on, `ListClaim`s, the `Fragment` one clause yields and the `VoteEvent` fragments
are grouped into. VoteEvent also decides what may merge into it (same draft and body, no other
figures unless the text says it is the same vote). Rules and linking read these records, so they
live apart from the code that finds them and depend on nothing else in the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SIDES = ("yes", "no", "abstain", "absent")

_PASSES = {"adopted": True, "passed": True, "rejected": False, "failed": False, "vetoed": False}
_WEAK_OUTCOMES = {"backed", "endorsed", "supported"}


@dataclass(frozen=True, slots=True)
class Tally:
    """A count for one side, with the figure's span and the phrase it came from."""

    side: str
    count: int
    start: int
    end: int
    phrase_start: int
    phrase_end: int
    derived: str | None = None  # remaining | only | unanimous | pair
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class NamedVoter:
    name: str
    iso3: str
    side: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Description:
    """How the text refers to the thing voted on: "the rival draft presented by Moscow"."""

    noun: str  # draft | motion | bill | amendment
    sponsor: str | None
    rival: bool
    ordinal: int | None
    start: int
    end: int
    definite: bool = False  # "the bill", "this resolution": pointing back at one already mentioned

    def compatible(self, other: "Description") -> bool:
        if self.noun != other.noun:
            return False
        if self.sponsor and other.sponsor:
            return self.sponsor == other.sponsor
        if self.ordinal and other.ordinal and self.ordinal != other.ordinal:
            return False
        return self.rival == other.rival


@dataclass(frozen=True, slots=True)
class ListClaim:
    """A named list presented as complete: "Five countries -- A, B, C, D, E --", "X and Y, two
    permanent members,", "X was the only member to ..."."""

    side: str
    stated: int
    names: tuple[str, ...]
    start: int
    end: int


@dataclass(slots=True)
class Fragment:
    start: int
    end: int
    tallies: list[Tally] = field(default_factory=list)
    named: list[NamedVoter] = field(default_factory=list)
    lists: list[ListClaim] = field(default_factory=list)
    outcome: tuple[str, str, int, int] | None = None  # (normalised, word, start, end)
    description: Description | None = None
    body: str | None = None
    unanimous: bool = False
    absence: bool = False
    tie_break: bool = False
    new_vote: bool = False
    later: bool = False
    restatement: bool = False
    body_named: bool = False  # the clause names its body properly
    headline: bool = False  # a line with no full stop at the top of the article
    dates: set[str] = field(default_factory=set)  # years and dates the clause mentions

    @property
    def has_vote(self) -> bool:
        return bool(self.tallies or self.named or self.outcome or self.unanimous)


@dataclass(slots=True)
class VoteEvent:
    """One vote as the article reports it, possibly across several sentences."""

    id: str
    fragments: list[Fragment] = field(default_factory=list)
    counts: dict[str, Tally] = field(default_factory=dict)
    conflicts: list[tuple[Tally, Tally]] = field(default_factory=list)
    named: dict[str, list[NamedVoter]] = field(default_factory=lambda: {s: [] for s in SIDES})
    lists: list[ListClaim] = field(default_factory=list)
    outcome: tuple[str, str, int, int] | None = None
    descriptions: list[Description] = field(default_factory=list)
    body: str | None = None
    body_size: int | None = None
    body_size_source: str = "none"  # text | table | none
    size_span: tuple[int, int] | None = None  # where the text states the body's size
    date: str | None = None
    unanimous: bool = False
    absence: bool = False
    tie_break: bool = False
    body_inferred: bool = False  # the text never names the body in this vote's sentences
    dates: set[str] = field(default_factory=set)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.fragments]

    def effective(self, side: str) -> int | None:
        """The count for a side: the stated figure, else the number of named voters (if any)."""
        tally = self.counts.get(side)
        if tally is not None:
            return tally.count
        return len(self.named[side]) or None

    def add(self, frag: Fragment) -> None:
        self.fragments.append(frag)
        for tally in frag.tallies:
            if tally.derived == "remaining" and tally.side in self.counts and self.counts[tally.side].count != tally.count:
                continue  # "14 against ... the other eight no votes came from": a part of the side
            if tally.derived == "others":  # "China and Russia abstained. Three others abstained as well"
                before = [v for v in self.named[tally.side] if v.start < frag.start]
                tally = Tally(tally.side, tally.count + len(before), tally.start, tally.end,
                              tally.phrase_start, tally.phrase_end, "others", tally.hedged)
            have = self.counts.get(tally.side)
            if have is None:
                self.counts[tally.side] = tally
            elif have.count != tally.count and not (have.hedged or tally.hedged):
                self.conflicts.append((have, tally))
        for voter in frag.named:
            if all(v.iso3 != voter.iso3 for v in self.named[voter.side]):
                self.named[voter.side].append(voter)
        self.lists.extend(frag.lists)
        if frag.outcome and (self.outcome is None or self.outcome[1].lower() in _WEAK_OUTCOMES):
            self.outcome = frag.outcome
        if frag.description:
            self.descriptions.append(frag.description)
        self.body = self.body or frag.body
        self.dates |= frag.dates
        self.unanimous |= frag.unanimous
        self.absence |= frag.absence
        self.tie_break |= frag.tie_break

    def conflicts_with(self, frag: Fragment) -> bool:
        """Other figures for a side, or an outcome of the other kind (adopted vs rejected)."""
        if frag.outcome and self.outcome and _PASSES[frag.outcome[0]] != _PASSES[self.outcome[0]] \
                and frag.outcome[1].lower() not in _WEAK_OUTCOMES and self.outcome[1].lower() not in _WEAK_OUTCOMES:
            return True
        return any(t.side in self.counts and self.counts[t.side].count != t.count for t in frag.tallies)

    def accepts(self, frag: Fragment) -> bool:
        """Whether a fragment continues this event: not if it names another body or draft,
        announces another vote, or gives other figures without evidence that it is the same vote."""
        if frag.body and self.body and frag.body != self.body:
            return False
        if frag.description and self.descriptions and not any(
                frag.description.compatible(d) for d in self.descriptions):
            return False
        if frag.new_vote and (frag.tallies or frag.outcome):
            return False
        return not self.conflicts_with(frag) or self.same_vote(frag)

    def same_vote(self, frag: Fragment) -> bool:
        """Evidence that different figures still report this vote (and so contradict it): the
        same draft pointed back at ("the bill", "this resolution"), a restatement ("the vote
        was"), or a headline over its story. Long articles report many votes; without such
        evidence other figures are another vote."""
        if frag.later or frag.new_vote or (frag.dates and self.dates and not frag.dates & self.dates):
            return False
        if frag.restatement:
            return True
        if frag.description is not None and frag.description.definite and any(
                frag.description.compatible(d) for d in self.descriptions):
            return True
        head = self.fragments[0]
        return head.headline and head.outcome is not None and len(self.fragments) == 1
