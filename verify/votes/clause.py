"""Reading one clause into a `Fragment`: its tallies (figures and their sides), the voters it
names and the lists it presents as complete, its outcome, the draft it describes and its body.
`is_vote_text` is the cheap gate run first, since most sentences say nothing about a vote.
"""

from __future__ import annotations

import bisect
import re

from verify.bodies import BodyMentions
from verify.entities import Mention
from verify.numbers import NUMBER_WORDS, Number
from verify.reference.index import ReferenceIndex
from verify.scan import ascii_lower
from verify.votes.model import Description, Fragment, ListClaim, NamedVoter, Tally
from verify.votes.patterns import (
    ABSENCE, ABSENCE_KEYS, ABSTAIN_AFTER_PAIR, AFTER_DIRECT, AFTER_LIST, AFTER_VERB, AFTER_YESNO,
    AMONG_VOTING, ANY_SIDE, AS_DID, BEFORE_LABEL, BODY_SUBJECT, DEFINITE_BEFORE,
    DESCRIPTION, DRAFT_KEYS, FIGURE_OR_DRAFT, LATER_KEYS, LATER_LOWER, LIST_SEP, NEW_VOTE,
    NO_VOTE, NOT_TALLY_BEFORE, NOUN_CLASS, ORDINAL_MODS, OUTCOME_LOWER, OUTCOME_NORMAL,
    PAIR_CONTEXT, PAIR_GAP, REMAINING_BEFORE, RESTATEMENT, RESTATEMENT_KEYS, RIVAL_MODS,
    SIDE_VERB, STRONG_KEYS, SUBGROUP_AFTER, SUBJECT_GAP, SUPPORT_FROM, TIE_BREAK, TIE_KEYS,
    TIE_SCORE, UNANIMOUS, VOTES_AFTER, WEAK_KEYS, WON_VOTES_BEFORE, ZERO, VOTE_CUE, WEAK_CUE,
)

_SUBJECT_REACH = 400  # how far back before a verb its subject list may start


def is_vote_text(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] can report a vote (see VOTE_CUE and WEAK_CUE). Substring tests on
    the lower-cased text come first: most sentences fail them, and they cost far less than a
    case-insensitive pattern."""
    low = " " + text[start:end].lower()
    if _has(low, STRONG_KEYS) and VOTE_CUE.search(text, start, end):
        return True
    return _has(low, WEAK_KEYS) and bool(WEAK_CUE.search(text, start, end)) and bool(
        FIGURE_OR_DRAFT.search(text, start, end))


def _side(word: str) -> str:
    w = " ".join(word.lower().split())
    if w.startswith(("in favo", "for", "yes", "aye", "yea", "in support", "support", "backed", "endorsed")):
        return "yes"
    if w.startswith(("against", "no", "nay", "in opposition", "oppose", "dissent", "reject", "block",
                     "defeat", "kill", "scrap")):
        return "no"
    if w.startswith(("abst", "to abstain")):
        return "abstain"
    if w.startswith(("absent", "did not", "were absent", "was absent", "were not", "stayed")):
        return "absent"
    return "yes"  # "voted to renew"


def _count(num: Number) -> int | None:
    if num.kind == "number" and isinstance(num.value, int) and 0 <= num.value < 10**6 and not num.adjective:
        return num.value
    return None


def _between(items: list, starts: list[int], start: int, end: int) -> list:
    """The items (sorted by start, with their starts) that start in [start, end): a bisect, so long
    texts stay linear."""
    return items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


class Figures(list):
    """Figures in text order, with their start offsets for range look-ups."""

    def __init__(self, items: list[Number]) -> None:
        super().__init__(items)
        self.starts = [n.start for n in items]


class Mentions(list):
    """Entity mentions in text order, with their start offsets for range look-ups."""

    def __init__(self, items: list[Mention]) -> None:
        super().__init__(items)
        self.starts = [m.start for m in items]

    def within(self, start: int, end: int) -> list[Mention]:
        return _between(self, self.starts, start, end)


def _names_in(mentions: Mentions, start: int, end: int) -> list[Mention]:
    return [m for m in mentions.within(start, end) if m.end <= end and m.kind != "demonym"]


def _subject_list(text: str, mentions: Mentions, verb_start: int, clause_start: int
                  ) -> tuple[list[Mention], int | None]:
    """The names right before a verb ("X, Y and Z voted against"), and the count an appositive gives
    ("X and Y, two permanent members, voted no")."""
    window = max(clause_start, verb_start - _SUBJECT_REACH)
    candidates = [m for m in mentions.within(window, verb_start) if m.end <= verb_start and m.kind != "demonym"]
    gap = None
    while candidates:
        gap = SUBJECT_GAP.match(text, candidates[-1].end, verb_start)
        if gap is not None and gap.end() == verb_start:
            break
        candidates.pop()  # a name inside an aside ("China, which backed Russia, abstained")
    if not candidates or gap is None:
        return [], None
    last = candidates[-1]
    stated = None
    if gap.group("appos"):
        first = gap.group("appos").split()[0].lower()
        stated = NUMBER_WORDS.get(first) or (int(first) if first.isdigit() else None)
        if first in ("both",):
            stated = 2
    names = [last]
    for m in reversed(candidates[:-1]):
        sep = LIST_SEP.fullmatch(text, m.end, names[0].start)
        if sep is None:
            break
        names.insert(0, m)
    if len(names) > 1 and not _joined_by_and(text, names):
        names = names[-1:]  # "the invasion of Ukraine, Russia voted against": no list without "and"
    return names, stated


def _joined_by_and(text: str, names: list[Mention]) -> bool:
    """A real list ends "..., B and C" (or "as well as", "&")."""
    last_gap = text[names[-2].end:names[-1].start]
    return bool(re.search(r"\band\b|&|\bas\s+well\s+as\b|\balong\s+with\b|\btogether\s+with\b", last_gap))


def _forward_list(text: str, mentions: Mentions, start: int, end: int) -> list[Mention]:
    """The names from `start` on, joined by commas and "and" ("as did Angola and Uruguay")."""
    names: list[Mention] = []
    pos = start
    for m in mentions.within(start, end):
        if m.start < pos or m.kind == "demonym":
            continue
        if m.end > end:
            break
        gap = text[pos:m.start]
        if names and not LIST_SEP.fullmatch(gap) or not names and gap.strip() not in ("", "the"):
            break
        names.append(m)
        pos = m.end
    return names


def _description(text: str, start: int, end: int, refs: ReferenceIndex) -> Description | None:
    for m in DESCRIPTION.finditer(text, start, end):
        if m.group("noun").endswith("s") and not m.group("noun").endswith("ss"):
            continue  # "earlier Syria texts": several drafts, not the one voted on
        noun = m.group("noun").split()[-1].lower().rstrip("s")
        noun = "draft" if m.group("noun").lower().startswith("draft") else noun
        cls = NOUN_CLASS.get(noun, "draft")
        mods = m.group("mods").split()
        sponsor = None
        for word in [m.group("poss") or "", *mods, m.group("by") or ""]:
            if not word:
                continue
            key = re.sub(r"^the\s+|-[a-z]+$", "", word)
            ent = refs.entity(key) or refs.demonym(key)
            if ent:
                sponsor = ent.name
        lowered = [w.lower() for w in mods]
        rival = any(w in RIVAL_MODS for w in lowered)
        ordinal = next((ORDINAL_MODS[w] for w in lowered if w in ORDINAL_MODS), None)
        if not mods and not m.group("poss") and not m.group("by") and cls == "draft" \
                and noun in ("text",):
            continue  # a bare "text" is too often not a draft
        definite = bool(DEFINITE_BEFORE.search(text, max(start, m.start() - 6), m.start())) and not m.group("poss")
        return Description(cls, sponsor, rival, ordinal, m.start(), m.end(), definite)
    return None


_ALTERNATIVE_AFTER = re.compile(r"\s+or\s+\d+\s?[-–]\s?\d")
_ALTERNATIVE_BEFORE = re.compile(r"\d\s?[-–]\s?\d+\s+or\s+$")


def _tallies(text: str, low: str, nums: Figures, cstart: int, cend: int, mentions: Mentions,
             refs_named: list[NamedVoter], lists: list[ListClaim]) -> list[Tally]:
    out: list[Tally] = []
    used: set[int] = set()
    first = bisect.bisect_left(nums.starts, cstart)
    for k in range(first, bisect.bisect_left(nums.starts, cend)):
        num = nums[k]
        if num.end > cend or num.start in used:
            continue
        # pairs: "51-47", "221 to 209", "by 402 votes to 151"
        if num.kind in ("score", "range") and num.parts and _count(num.parts[0]) is not None \
                and _count(num.parts[1]) is not None and re.fullmatch(r"[\d,]+\s?[-–]\s?[\d,]+", num.text):
            if TIE_SCORE.match(text, num.end) or _ALTERNATIVE_AFTER.match(text, num.end) \
                    or _ALTERNATIVE_BEFORE.search(text, max(cstart, num.start - 16), num.start):
                continue  # "broke a 50-50 tie"; "on 10-2 or 11-1 votes": not a result
            a, b = num.parts
            out.extend(_pair(text, a, b, num.start, num.end, cstart))
            used.add(num.start)
            continue
        count = _count(num)
        if count is None or NOT_TALLY_BEFORE.search(text, max(cstart, num.start - 24), num.core_start) \
                or SUBGROUP_AFTER.match(text, num.end) or ANY_SIDE.match(text, num.end, cend):
            continue  # "101 Republicans voted yes" is a party's split; "voted yes, no or abstained" a turnout
        zero = re.compile(r"\s+(?:votes?\s+)?to\s+(?:none|nil|zero)\b").match(text, num.end, cend)
        if zero:
            out.append(Tally("yes", count, num.core_start, num.end, num.start, zero.end(), "pair"))
            out.append(Tally("no", 0, zero.end() - 4, zero.end(), num.start, zero.end(), "pair"))
            out.extend(_pair_abstentions(text, zero.end(), num.start))
            continue
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        if nxt is not None and _count(nxt) is not None and nxt.end <= cend and \
                PAIR_GAP.fullmatch(text, num.end, nxt.start) and \
                PAIR_CONTEXT.search(text, max(cstart, num.start - 60), num.start):
            out.extend(_pair(text, num, nxt, num.start, nxt.end, cstart))
            used.update((num.start, nxt.start))
            continue
        hedged = num.hedge != "exact"
        derived = "remaining" if REMAINING_BEFORE.search(text, max(cstart, num.start - 24), num.start) else \
            "others" if re.compile(r"\s+others?\b").match(text, num.end) else None
        m = AFTER_DIRECT.match(text, num.end, cend)
        if m and not (m.group("for") and not m.group("votes")):
            word = m.group("side") or m.group("abst") or m.group("for")
            yn = re.search(r"(yes|no|aye|nay)", m.group("votes") or "")
            side = _side(yn.group(1)) if yn and not m.group("side") and not m.group("abst") else _side(word)
            out.append(Tally(side, count, num.core_start, num.end, num.start, m.end(), derived, hedged))
            _paren_list(text, mentions, m.end(), cend, side, count, refs_named, lists)
            continue
        m = AFTER_YESNO.match(text, num.end, cend)
        if m:
            out.append(Tally(_side(m.group("yn")), count, num.core_start, num.end, num.start, m.end(), derived, hedged))
            continue
        m = AFTER_VERB.match(text, num.end, cend)
        if m:
            word = (m.group("side") or m.group("abst") or m.group("were") or m.group("absent")
                    or m.group("support") or m.group("oppose") or m.group("toverb"))
            side = _side(word) if not m.group("absent") else "absent"
            out.append(Tally(side, count, num.core_start, num.end, num.start, m.end(), derived, hedged))
            if not (m.group("dash") or m.group("paren")):
                _paren_list(text, mentions, m.end(), cend, side, count, refs_named, lists)
            inner = (m.start("dash"), m.end("dash")) if m.group("dash") else \
                (m.start("paren"), m.end("paren")) if m.group("paren") else None
            if inner:
                names = _names_in(mentions, *inner)
                for n in names:
                    refs_named.append(NamedVoter(n.entity.name, n.entity.iso3, side, n.start, n.end))
                if names:
                    lists.append(ListClaim(side, count, tuple(n.entity.name for n in names), num.start, m.end()))
            continue
        label = BEFORE_LABEL.search(text, max(cstart, num.start - 20), num.start)
        if label:
            out.append(Tally(_side(label.group("label") or label.group("colon")), count, num.core_start, num.end, label.start(),
                             num.end, derived, hedged))
            continue
        if WON_VOTES_BEFORE.search(text, max(cstart, num.start - 40), num.start):
            votes = VOTES_AFTER.match(text, num.end, cend)
            if votes:
                out.append(Tally("yes", count, num.core_start, num.end, num.start, votes.end(), derived, hedged))
    zeros = ZERO.finditer(text, cstart, cend) if _has(low, ("none", "nobody", "no ", "nil", "zero")) else ()
    for z in zeros:
        if z.group("none"):
            continue
        side = _side(z.group("side") or z.group("abst"))
        out.append(Tally(side, 0, z.start(), z.end(), z.start(), z.end()))
    return out


def _paren_list(text: str, mentions: Mentions, pos: int, end: int, side: str, count: int,
                named: list[NamedVoter], lists: list[ListClaim]) -> None:
    """'two against (Russia and Venezuela)': the names in brackets after a count."""
    m = AFTER_LIST.match(text, pos, end)
    if not m:
        return
    if m.group("partial"):
        for n in _forward_list(text, mentions, m.end(), end):
            named.append(NamedVoter(n.entity.name, n.entity.iso3, side, n.start, n.end))
        return
    group = "p" if m.group("p") else "d" if m.group("d") else "c"
    names = _names_in(mentions, m.start(group), m.end(group))
    if group == "c":  # "...abstained as well: Brazil, Germany and India." -- a bare list, nothing after it
        names = _forward_list(text, mentions, m.start("c"), end)
        if not names or text[names[-1].end:end].strip(" .;,") != "":
            return
    for n in names:
        named.append(NamedVoter(n.entity.name, n.entity.iso3, side, n.start, n.end))
    if names:
        lists.append(ListClaim(side, count, tuple(n.entity.name for n in names), pos, m.end()))


def _pair_abstentions(text: str, end: int, start: int) -> list[Tally]:
    """'..., with 88 abstentions' after a pair of figures."""
    m = ABSTAIN_AFTER_PAIR.match(text, end)
    if m:
        word = m.group("n")
        n = NUMBER_WORDS.get(word.lower()) if not word.isdigit() else int(word)
        if n is not None:
            return [Tally("abstain", n, m.start("n"), m.end("n"), m.start(), m.end(), "pair")]
    return []


def _pair(text: str, a: Number, b: Number, start: int, end: int, cstart: int) -> list[Tally]:
    """A pair of figures: first for, second against, unless the sentence says the motion lost."""
    x, y = int(a.value), int(b.value)  # type: ignore[arg-type]
    sentence_tail = text[end:end + 80]
    out = [Tally("yes", x, a.core_start, a.end, start, end, "pair"),
           Tally("no", y, b.core_start, b.end, start, end, "pair")]
    if x > y and re.search(r"(?i:\b(?:rejected|defeated|voted\s+down|failed)\b)", text[cstart:start]) \
            and not re.search(r"(?i:\bin\s+favou?r\b)", sentence_tail[:20]):
        out = [Tally("no", x, a.core_start, a.end, start, end, "pair"),
               Tally("yes", y, b.core_start, b.end, start, end, "pair")]
    return out + _pair_abstentions(text, end, start)


def _named(text: str, low: str, mentions: Mentions, cstart: int, cend: int
           ) -> tuple[list[NamedVoter], list[ListClaim], list[Tally]]:
    named: list[NamedVoter] = []
    lists: list[ListClaim] = []
    tallies: list[Tally] = []
    last_side = None
    for v in SIDE_VERB.finditer(text, cstart, cend):
        if v.group("abst") or v.group("onlyabst") or v.group("jabst"):
            side = "abstain"
        elif v.group("absent"):
            side = "absent"
        elif v.group("veto") or v.group("oppose"):
            side = "no"
        elif v.group("support"):
            side = "yes"
        else:
            side = _side(v.group("side") or v.group("only") or v.group("jside") or v.group("aside"))
        if v.group("veto"):
            by = re.compile(r"\s+by\s+").match(text, v.end(), cend)
            if by:  # "was vetoed by Russia and China"
                for n in _forward_list(text, mentions, by.end(), cend):
                    named.append(NamedVoter(n.entity.name, n.entity.iso3, "no", n.start, n.end))
                continue
        if v.group("joined"):  # "Bolivia joined Russia in voting against"
            for n in _names_in(mentions, v.start("joined"), v.end("joined")):
                named.append(NamedVoter(n.entity.name, n.entity.iso3, side, n.start, n.end))
        subject, stated = _subject_list(text, mentions, v.start(), cstart)
        if not subject and v.group("veto"):
            continue
        last_side = side
        for n in subject:
            named.append(NamedVoter(n.entity.name, n.entity.iso3, side, n.start, n.end))
        if subject and (stated or v.group("only") or v.group("onlyabst")):
            size = stated if stated else len(subject)
            lists.append(ListClaim(side, size, tuple(n.entity.name for n in subject), subject[0].start, v.end()))
            if v.group("only") or v.group("onlyabst"):
                tallies.append(Tally(side, len(subject), subject[0].start, v.end(), subject[0].start, v.end(), "only"))
        # "..., as did Angola"
        after = AS_DID.search(text, v.end(), cend)
        if after and last_side:
            nxt = SIDE_VERB.search(text, v.end(), cend)
            if nxt is None or nxt.start() > after.start():
                for n in _forward_list(text, mentions, after.end(), cend):
                    named.append(NamedVoter(n.entity.name, n.entity.iso3, last_side, n.start, n.end))
    supports = SUPPORT_FROM.finditer(text, cstart, cend) if _has(low, (" from ", " of ")) else ()
    for a in supports:  # "drew support only from China and Egypt"
        for n in _forward_list(text, mentions, a.end(), cend):
            named.append(NamedVoter(n.entity.name, n.entity.iso3, "yes", n.start, n.end))
    amongs = AMONG_VOTING.finditer(text, cstart, cend) if "among" in low else ()
    for a in amongs:  # "Among those voting against were France and Japan"
        for n in _forward_list(text, mentions, a.end(), cend):
            named.append(NamedVoter(n.entity.name, n.entity.iso3, _side(a.group("side")), n.start, n.end))
    return named, lists, tallies


def _fragment(text: str, cstart: int, cend: int, nums: Figures, mentions: Mentions,
              refs: ReferenceIndex, bodies: BodyMentions, sentence_body: str | None,
              part_of_vote_clause: bool = False) -> Fragment:
    """What one clause says about a vote. Rare features are looked for only when a keyword for
    them is in the clause: a substring test costs far less than a regex scan."""
    frag = Fragment(cstart, cend)
    low = " " + ascii_lower(text[cstart:cend])  # same length: offsets carry over
    frag.absence = _has(low, ABSENCE_KEYS) and bool(ABSENCE.search(text, cstart, cend))
    frag.tie_break = _has(low, TIE_KEYS) and bool(TIE_BREAK.search(text, cstart, cend))
    if not part_of_vote_clause and not ((_has(low, STRONG_KEYS) and VOTE_CUE.search(text, cstart, cend))
                                        or (_has(low, WEAK_KEYS) and WEAK_CUE.search(text, cstart, cend))):
        return frag  # no vote word: at most an absence or a tie-break for the vote in progress
    named, lists, only = _named(text, low, mentions, cstart, cend)
    frag.named, frag.lists = named, lists
    frag.tallies = _tallies(text, low, nums, cstart, cend, mentions, frag.named, frag.lists) + only
    for out in OUTCOME_LOWER.finditer(low, 1):  # on the lower-cased clause: twice as fast
        start, end = cstart + out.start() - 1, cstart + out.end() - 1
        if out.lastgroup == "backed" and not BODY_SUBJECT.search(text, cstart, start):
            continue
        if _has(low, ("without", "consensus", "acclamation")) and NO_VOTE.search(text, cstart, cend):
            break
        frag.outcome = (OUTCOME_NORMAL[out.lastgroup], text[start:end], start, end)
        break
    frag.description = _description(text, cstart, cend, refs) if _has(low, DRAFT_KEYS) else None
    frag.body = bodies.first(cstart, cend) or sentence_body
    frag.body_named = bodies.first(cstart, cend, proper_only=True) is not None
    frag.unanimous = _has(low, ("unanim", "without")) and bool(UNANIMOUS.search(text, cstart, cend))
    frag.new_vote = _has(low, ("vote", "ballot", "round")) and bool(NEW_VOTE.search(text, cstart, cend))
    frag.later = _has(low, LATER_KEYS) and bool(LATER_LOWER.search(low))
    frag.restatement = _has(low, RESTATEMENT_KEYS) and bool(RESTATEMENT.search(text, cstart, cend))
    frag.dates = {str(n.value) for n in nums[bisect.bisect_left(nums.starts, cstart):bisect.bisect_left(nums.starts, cend)]
                  if n.kind in ("year", "date")}
    frag.headline = cstart < 200 and "\n" in text[cend:cend + 2] and text[cend - 1:cend] not in ".!?\"'”"
    if frag.outcome and frag.outcome[1].lower().startswith("block"):
        blockers = [v for v in frag.named if v.side == "no"]
        if blockers or re.match(r"\s+by\s+[A-Z]", text[frag.outcome[3]:frag.outcome[3] + 12]):
            frag.outcome = ("vetoed", *frag.outcome[1:])
    if frag.outcome and frag.outcome[0] == "vetoed":  # "went down to a Russian veto"
        for m in mentions.within(frag.outcome[2], frag.outcome[3]):
            if m.kind == "demonym":
                frag.named.append(NamedVoter(m.entity.name, m.entity.iso3, "no", m.start, m.end))
    return frag


def _has(low: str, keys: tuple[str, ...]) -> bool:
    for key in keys:  # a plain loop: measured faster here than any() over a generator or a regex
        if key in low:
            return True
    return False
