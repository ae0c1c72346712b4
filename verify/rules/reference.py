"""Reference rules (R1xx): figures that agree with themselves can still be wrong about the world.
These compare claims with the reference tables on the article's date: who sat on a body, how a
recorded vote went, how often a member has used its veto, how long a war has lasted, what an
official figure is and how many seats a body has.

Votes are checked on the day the text gives for them, if it gives one, else on the article's date.
An inferred date (see verify.dates) spans whole years: a check that holds for every day of the span
is verified, one that fails for every day is contradicted but only as a warning, and one that
depends on the day is left alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator

from verify.dates import ArticleDate, vote_date
from verify.intervals import Interval, interval
from verify.link import LinkedVote
from verify.reference.records import VoteRecord, seat
from verify.report.model import Finding, Reference
from verify.rules.base import Context, Rule
from verify.rules.votes import SIDE_LABEL, VoteRule, _tally_span, _vote_ids
from verify.votes import SIDES
from verify.world import (
    FigureSubject,
    read_durations,
    read_figure_subjects,
    read_veto_claims,
)

RECORD_WINDOW_DAYS = 3  # a story is often dated a day or two after the vote it reports
UNGA_SLACK = 2  # votes either way between the roll-call data and the UN's announced counts
STALE_DAYS = 180  # a range of estimates older than this is only a floor for a later article


def _severity(date: ArticleDate) -> str | None:
    """Contradictions that rest on an inferred date are warnings, not errors."""
    return "warning" if date.inferred else None


def _on(date: ArticleDate) -> str:
    return f"on {date.label()}" if date.exact else f"in {date.label()} (inferred from the text)"


def _days(date: ArticleDate) -> tuple[dt.date, dt.date]:
    return date.earliest, date.latest


class Membership(VoteRule):
    """Every voter named in a vote must have sat on the body on the article's date.

    "Germany abstained" in a 2016 Security Council vote is wrong however the counts add up: Germany
    was not a member that year. Memberships come from the memberships table (UN Security Council
    1946-2027 with permanent and elected seats, the EU and NATO). With an inferred date, a voter who
    sat on the body in none of the inferred years is a warning.
    """

    code, name, severity = "R101", "not-a-member", "error"
    summary = "A named voter did not sit on the body on the article's date."
    triggers = ("On 8 October 2016 the Security Council rejected the draft; Germany and Russia voted "
                "against.",)
    passes = ("On 8 October 2016 the Security Council rejected the draft; Venezuela and Russia voted "
              "against.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        date, body = vote_date(vote.event, ctx.date), vote.event.body
        if date is None or body is None or not ctx.records.has_memberships(body):
            return
        first, last = _days(date)
        voters = [v for side in SIDES for v in vote.event.named[side]]
        if not voters:
            return
        seated = {v.iso3: (ctx.records.sat_on(body, v.iso3, first), ctx.records.sat_on(body, v.iso3, last))
                  for v in voters}  # on the first and the last day: asked again below
        absent = []
        for voter in voters:
            at_start, at_end = seated[voter.iso3]
            if at_start or at_end or (not date.exact and ctx.records.sat_between(body, voter.iso3, first, last)):
                continue
            absent.append(voter)
        reference = Reference("memberships", body, ctx.records.membership_source(body))
        for voter in absent:
            yield self.finding(ctx, "contradicted", f"{voter.name} did not sit on the {body} {_on(date)}",
                               voter.start, voter.end, votes=_vote_ids(vote), severity=_severity(date),
                               evidence={"member": voter.iso3, "date": date.label()}, reference=reference)
        if not absent and (date.exact or all(at_start and at_end for at_start, at_end in seated.values())):
            names = sorted({v.name for v in voters})
            yield self.finding(ctx, "verified", f"{_count(names, 'named voter')} sat on the {body} "
                               f"{_on(date)}: {', '.join(names)}", *_tally_span(vote.event),
                               votes=_vote_ids(vote), evidence={"members": names}, reference=reference)


def _count(items: list, noun: str) -> str:
    return f"{'All ' if len(items) > 1 else ''}{len(items)} {noun}{'s' if len(items) != 1 else ''}"


class VoteRecordMatch(VoteRule):
    """A vote that matches a recorded one is compared with the record, side by side.

    A reported vote is matched to a recorded one of the same body within a few days of the article's
    date (within the inferred years, for an inferred date) by its counts and named voters; when two
    records fit equally well, nothing is claimed. Then every count and every named voter's side is
    compared: "Egypt voted in favour of S/2016/847, not against". Records: UN Security Council drafts
    1994-2025 and UN General Assembly roll calls 1946-2019 (whose counts may be off by two from
    the UN's announced ones: votes recorded late are missing, so smaller gaps are not reported).
    """

    code, name, severity = "R102", "vote-record-mismatch", "error"
    summary = "A reported vote differs from the recorded vote it matches (counts or a member's side)."
    triggers = ("On 8 October 2016 the Security Council rejected the rival draft by nine votes against, "
                "four in favour and two abstentions. Egypt and Uruguay abstained.",)
    passes = ("On 8 October 2016 the Security Council rejected the rival draft by nine votes against, "
              "four in favour and two abstentions. Angola and Uruguay abstained.",)

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        date, ev = vote_date(vote.event, ctx.date), vote.event
        if date is None or ev.body is None:
            return
        first, last = _days(date)
        window = dt.timedelta(days=RECORD_WINDOW_DAYS)
        candidates = ctx.records.votes_between(ev.body, first - window, last + window)
        record = _best_record(vote, candidates)
        if record is None:
            return
        symbol = record.symbol or "the recorded vote"
        of = f"{symbol} of {record.date.isoformat()}"
        differences = []  # (start, end, what the record says instead)
        for side in ("yes", "no", "abstain"):
            tally, recorded = ev.counts.get(side), record.count(side)
            if tally is not None and recorded is not None and abs(tally.count - recorded) > _slack(record):
                differences.append((tally.start, tally.end, f"{of} had {recorded} {SIDE_LABEL[side]}, "
                                                             f"not {tally.count} ({record.tally()})"))
        for side in SIDES:
            for voter in ev.named[side]:
                actual = record.side(voter.iso3)
                if actual is not None and actual != side:
                    differences.append((voter.start, voter.end, f"{voter.name} {_RECORDED[actual]} {of}, "
                                                                 f"not {SIDE_LABEL[side]}"))
        reference = Reference(record.table, record.symbol, record.source, record.url or None)
        evidence = {"record": record.symbol, "date": record.date.isoformat(),
                    "recorded": {s: record.count(s) for s in ("yes", "no", "abstain")}}
        for start, end, what in differences:
            yield self.finding(ctx, "contradicted", what, start, end, votes=_vote_ids(vote),
                               severity=_severity(date), evidence=evidence, reference=reference)
        if not differences:
            yield self.finding(ctx, "verified", f"matches {of}: {record.tally()}", *_tally_span(ev),
                               votes=_vote_ids(vote), evidence=evidence, reference=reference)


_RECORDED = {"yes": "voted in favour of", "no": "voted against", "abstain": "abstained on",
             "absent": "was absent from"}


def _slack(record: VoteRecord) -> int:
    """How far a count may be from the record: the General Assembly roll-call data miss votes
    recorded late (A/RES/ES-10/19: 128 in favour by the UN's own count, 127 in the data)."""
    return UNGA_SLACK if record.table == "unga_votes" else 0


def _best_record(vote: LinkedVote, candidates: list[VoteRecord]) -> VoteRecord | None:
    """The record this vote reports: most agreeing counts and voters, at least two points of
    agreement, and no other record as good (two drafts on one day must be told apart).

    An inferred year holds a few hundred records: they are ranked by their counts alone first, and
    the named voters (one point each) are scored only while a record could still reach the best."""
    ev = vote.event
    counts = [(side, tally.count) for side in ("yes", "no", "abstain") if (tally := ev.counts.get(side))]
    voters = [(seat(voter.iso3), side) for side in SIDES for voter in ev.named[side]]
    by_tally: dict[tuple, list[VoteRecord]] = {}  # most records share a handful of tallies (15-0-0)
    for record in candidates:
        by_tally.setdefault((record.body, record.yes, record.no, record.abstain), []).append(record)
    ranked = sorted(((_count_score(records[0], counts), records) for records in by_tally.values()),
                    key=lambda item: -item[0])
    best: VoteRecord | None = None
    best_score, ties = -1_000, 0
    for count_score, records in ranked:
        if count_score + len(voters) < best_score:
            break  # no record from here on can reach the best (nor tie with it)
        for record in records:
            score = count_score + _voter_score(record, voters)
            if score > best_score:
                best, best_score, ties = record, score, 0
            elif score == best_score:
                ties += 1
    return best if best_score >= 3 and not ties else None


def _voter_score(record: VoteRecord, voters: list[tuple[frozenset[str], str]]) -> int:
    """One point for each named voter the record has on the same side, minus one for each it has
    on another; voters it does not record count nothing."""
    sides = (("yes", record.yes_by), ("no", record.no_by), ("abstain", record.abstain_by))
    score = 0
    for codes, side in voters:
        for name, members in sides:
            if not codes.isdisjoint(members):
                score += 1 if name == side else -1
                break
    return score


def _count_score(record: VoteRecord, counts: list[tuple[str, int]]) -> int:
    """Two points for each reported count the record agrees with, minus one for each it does not."""
    score, slack = 0, _slack(record)
    for side, count in counts:
        recorded = getattr(record, side)
        if recorded is not None:
            score += 2 if abs(count - recorded) <= slack else -1
    return score


class VetoCount(Rule):
    """"The fifth time Russia used its veto" must agree with the veto table up to the article's date.

    When the sentence names a subject (Syria), the count of vetoes on that subject is compared
    first, then the member's count on every subject: either may be what the writer meant, so only a
    figure that matches neither is wrong. "For the first time" is the same claim with 1; a count
    within a period or a streak ("for the first time since 1989", "the second time this year", "in
    more than six years") is another claim and is not checked. Only copy that speaks of the UN is
    read, and the member must be the one that vetoed ("Russia used its veto", "vetoed by Russia"),
    not a country named elsewhere in the sentence; a president's veto of a bill is not counted.
    """

    code, name, severity = "R103", "veto-count-mismatch", "error"
    summary = "A stated veto count (\"the fifth time Russia used its veto\") disagrees with the veto table."
    triggers = ("[2016-10-08] Diplomats noted it was the sixth time Moscow had cast a veto on a Syria text "
                "in the council.",)
    passes = ("[2016-10-08] Diplomats noted it was the fifth time Moscow had cast a veto on a Syria text "
              "in the council.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        date = ctx.date
        if date is None:
            return
        for claim in ctx.extract(read_veto_claims):
            if claim.qualified:
                continue
            counts = []  # (label, count at the start of the span, at its end, topic)
            for topic in (*claim.topics, None):
                early = len(ctx.records.vetoes(claim.member, until=date.earliest, topic=topic))
                late = len(ctx.records.vetoes(claim.member, until=date.latest, topic=topic))
                if topic is None or late:
                    counts.append((topic, early, late))
            if not counts:
                continue
            matched = [c for c in counts if c[1] <= claim.count <= c[2]]
            reference = Reference("unsc_vetoes", claim.member_name, ctx.records.veto_source())
            topic, early, late = matched[0] if matched else counts[0]
            on = f" on {topic}" if topic else ""
            vetoes = ctx.records.vetoes(claim.member, until=date.latest, topic=topic)
            evidence = {"member": claim.member, "topic": topic, "count": late,
                        "vetoes": [f"{v.date.isoformat()} {v.draft}".strip() for v in vetoes]}
            if matched and early == late:
                last = vetoes[-1] if vetoes else None
                yield self.finding(ctx, "verified", f"{claim.member_name}'s veto{on} {_on(date)} is its "
                                   f"{_ordinal(late)}" + (f" (the last: {last.draft} of {last.date.isoformat()})"
                                                           if last else ""),
                                   claim.start, claim.end, evidence=evidence, reference=reference)
            elif not matched:
                counted = " and ".join(f"{_times(late)} on {t}" if t else f"{_times(late)} in all"
                                       for t, _, late in counts)
                yield self.finding(ctx, "contradicted", f"by {date.label()} {claim.member_name} had used its "
                                   f"veto {counted}, not {claim.count}", claim.start, claim.end,
                                   severity=_severity(date), evidence=evidence, reference=reference)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _ordinal(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
             8: "eighth", 9: "ninth", 10: "tenth"}
    if n in words:
        return words[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class DurationCheck(Rule):
    """"The five-year war", "a 40-year-old ban", "in its 12th year" against a start date.

    The start comes from the facts table (matched by the noun and the subject words: "war" and
    "Syria"; the owner's alone in "Lebanon's four-year crisis") and is compared with the article's
    date, or with the end on record for a war that is over ("America's 20-year war in
    Afghanistan"). "A five-year war" is right from the
    fifth anniversary until the day before the seventh (copy rounds the running year either way);
    "in its sixth year" is right from the fifth anniversary to the sixth.
    """

    code, name, severity = "R104", "duration-mismatch", "error"
    summary = "A stated duration or age disagrees with the start date on record and the article's date."
    triggers = ("[2016-10-08] Diplomats spoke of the two-year war in Syria.",)
    passes = ("[2016-10-08] Diplomats spoke of the five-year war in Syria.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        date = ctx.date
        if date is None:
            return
        for claim in ctx.extract(read_durations):
            fact = next((f for noun in claim.nouns
                         if (f := ctx.records.start_fact(claim.words | {noun}, noun)) is not None), None)
            if fact is None or fact.date is None or fact.date > date.earliest:
                continue
            ended = ctx.records.end_of(fact)
            until = (ended.date, ended.date) if ended and ended.date and ended.date <= date.earliest \
                else (date.earliest, date.latest)
            low, high = _years(fact.date, until[0]), _years(fact.date, until[1])
            if claim.form == "ordinal":
                ok_low, ok_high = low + 1, high + 1  # in its nth year: n - 1 full years have passed
                allowed = range(ok_low, ok_high + 1)
            else:
                allowed = range(low, high + 2)
            reference = Reference("facts", fact.key, fact.source, fact.url or None)
            evidence = {"start": fact.date.isoformat(), "date": date.label(), "full_years": low}
            since = f"{fact.subject} began on {fact.date.isoformat()}" + (
                f" and ended on {ended.date.isoformat()}" if until[0] != date.earliest else "")
            full = f"{low} full years" if low == high else f"{low} to {high} full years"
            if claim.years in allowed:
                if date.exact or claim.years in range(high, low + 2):
                    yield self.finding(ctx, "verified", f"{since}: {full} by {date.label()}",
                                       claim.start, claim.end, evidence=evidence, reference=reference)
            else:
                yield self.finding(ctx, "contradicted", f"{since}: {full} by {date.label()}, not "
                                   f"{claim.years}", claim.start, claim.end, severity=_severity(date),
                                   evidence=evidence, reference=reference)


def _years(start: dt.date, end: dt.date) -> int:
    """Full years from `start` to `end`."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class ReferenceFigure(Rule):
    """A figure matched to an official one in the facts table must fall within it.

    A claim is matched to a facts row by its unit ("lives", "people") and the row's keywords in the
    same sentence ("Syria", "war"); only rows dated on or before the article are used, the latest
    first. A plain "people" counts the dead only with a word of dying next to it ("300,000 people
    killed", not "300,000 people fled"), and a figure is left alone when the country named nearest
    to it is another one ("more than the Bosnian war, in which about 100,000 died"; "Turkey hosts
    3.6 million refugees from Syria"). Both sides are intervals: the claim's from its rounding and
    hedge ("300,000" is 250,000 to 350,000, "more than 300,000" has no upper end), the fact's from
    its range; a running toll or refugee count older than the article is only a floor (a range of
    estimates keeps its upper end for six months). No overlap is a warning citing the source and its as-of date; overlap is verified.
    """

    code, name, severity = "R105", "reference-figure-mismatch", "warning"
    summary = "A figure falls outside the official figure on record for the same thing."
    triggers = ("[2016-10-08] Officials said the war in Syria had claimed 30,000 lives.",)
    passes = ("[2016-10-08] Officials said the war in Syria had claimed 300,000 lives.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        latest = ctx.date.latest if ctx.date else None
        judged: dict[tuple, tuple | None] = {}  # long copy repeats sentences and figures: judge each once
        for fig in ctx.extract(read_figure_subjects):
            claim = fig.claim
            key = (fig.words, fig.near, fig.nearest_country, claim.unit, claim.text, fig.number.hedge)
            if key not in judged:
                judged[key] = self._judge(ctx, fig, latest)
            if judged[key] is not None:
                verdict, message, evidence, reference = judged[key]
                yield self.finding(ctx, verdict, message, claim.start, claim.end, evidence=evidence,
                                   reference=reference)

    @staticmethod
    def _judge(ctx: Context, fig: FigureSubject, latest: dt.date | None
               ) -> tuple[str, str, dict, Reference] | None:
        """(verdict, message, evidence, reference) for a figure, None when no fact is about it."""
        claim = fig.claim
        fact = ctx.records.figure_fact(fig.words, claim.unit, latest, near=fig.near)
        span = interval(fig.number)
        if fact is None or span is None:
            return None
        if fig.nearest_country and not fact.about(fig.nearest_country):
            return None  # the country named nearest the figure is another one ("... in Bosnia")
        low, high = fact.low, fact.high
        if latest is not None and fact.cumulative and latest > fact.as_of and \
                (low == high or (latest - fact.as_of).days > STALE_DAYS):
            high = math.inf  # a running toll only grows: an older count (or an old range) is a floor
        stated = Interval(low, high)
        as_of = fact.as_of.isoformat() if fact.as_of else None
        what = f"{fact.subject}: {stated} {claim.unit} as of {as_of or 'n.d.'}"
        evidence = {"claim": [span.low, span.high], "reference": [low, high], "as_of": as_of}
        reference = Reference("facts", fact.key, fact.source, fact.url or None)
        if span.overlaps(stated):
            return "verified", f"{claim.text} ({span}) agrees with {what}", evidence, reference
        return "contradicted", f"{claim.text} ({span}) is outside {what}", evidence, reference


class BodySizeCheck(VoteRule):
    """A body's size stated in the text must match the bodies table on the article's date.

    "The 15-member Security Council" is right from 1966 on; "the 11-member Security Council" in 2016
    is not. Sizes that changed within an inferred span are not checked.
    """

    code, name, severity = "R106", "body-size-mismatch", "error"

    summary = "A stated body size (\"the 15-member Security Council\") disagrees with the bodies table."
    triggers = ("On 8 October 2016 the 11-member Security Council rejected the draft by nine votes to four.",)
    passes = ("On 8 October 2016 the 15-member Security Council rejected the draft by nine votes to four.",)

    def check(self, ctx: Context) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()  # two votes in one article often share one stated size
        for finding in super().check(ctx):
            if (finding.start, finding.end) not in seen:
                seen.add((finding.start, finding.end))
                yield finding

    def check_vote(self, ctx: Context, vote: LinkedVote) -> Iterable[Finding]:
        ev, date = vote.event, vote_date(vote.event, ctx.date)
        if ev.body_size_source != "text" or vote.body is None or date is None or ev.body_size is None:
            return
        sizes = {vote.body.size_on(date.earliest), vote.body.size_on(date.latest)}
        if len(sizes) != 1 or None in sizes:
            return
        size = sizes.pop()
        span = ev.size_span or _tally_span(ev)
        reference = Reference("bodies", vote.body.name, size.source)
        evidence = {"stated": ev.body_size, "expected": size.seats}
        if size.seats == ev.body_size:
            yield self.finding(ctx, "verified", f"the {vote.body.name} had {size.seats} seats {_on(date)}",
                               *span, votes=_vote_ids(vote), evidence=evidence, reference=reference)
        else:
            yield self.finding(ctx, "contradicted", f"the {vote.body.name} had {size.seats} seats {_on(date)}, "
                               f"not {ev.body_size}", *span, votes=_vote_ids(vote), severity=_severity(date),
                               evidence=evidence, reference=reference)


RULES: tuple[type[Rule], ...] = (Membership, VoteRecordMatch, VetoCount, DurationCheck, ReferenceFigure,
                                 BodySizeCheck)
