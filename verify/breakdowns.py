"""Parts and totals, shares and percentage splits, read from the text for the arithmetic a
sub-editor does in their head (rules A101-A105): "12 people were killed, including 5 children and
9 women"; "14 of the 12 members"; "45% of 200, or 90"; "52% voted yes, 45% no and 6% abstained".

Everything is read from the figures already found (verify.numbers) and the short stretches of text
between neighbouring figures of one sentence. A stretch is cut into word tokens and compared with
small tables: cues ("including", "of whom", a colon), joints (",", "and", "as well as") and
category words ("children", "women", "against"). No pattern reads more than MAX_GAP characters and
none nests repetition, so nothing can backtrack. Hostile input is bounded: sentences longer than
MAX_SENTENCE are skipped, a run of more than MAX_PARTS figures is no breakdown, and reading stops
after MAX_STRUCTURES structures (`Breakdowns.complete` is then False). A one-search sieve on the
gaps spares the tokenizer the sentences that cannot hold a structure (most of an article).

Which parts may be added up is decided by their wording, never guessed: categories of one table
that share no member ("children" and "women", "soldiers" and "civilians", "for" and "against")
are disjoint; others ("children" and "girls", "women" and "soldiers", "5 in Paris" and "4 in
France") may overlap, and are only compared one at a time with their total.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from verify.claims import unit_of
from verify.numbers import Number
from verify.votes import MAX_SENTENCE

MAX_GAP = 100  # characters between two figures read as one structure ("... people were killed, including ")
MAX_PARTS = 12  # a longer run of figures is a table or a list of scores, not a breakdown
MAX_STRUCTURES = 1_000  # per document; far beyond any article, a bound on hostile input
MAX_PREFIX = 8  # words between a total and its cue ("12 people were killed in the attack, including")

_NUMERIC = (int, float)  # not bool, which is no figure
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\S")

# --- category tables: a word -> (table, members); two words of one table with no member in common
# name disjoint groups. Person words are read by age and sex (man/woman/boy/girl), by role, by
# what happened to them; votes by side.
_AGE_SEX = {"men": "M", "man": "M", "women": "F", "woman": "F", "boys": "b", "boy": "b", "girls": "g",
            "girl": "g", "children": "bg", "child": "bg", "kids": "bg", "minors": "bg", "babies": "bg",
            "infants": "bg", "toddlers": "bg", "juveniles": "bg", "adults": "MF", "males": "Mb",
            "male": "Mb", "females": "Fg", "female": "Fg"}
_ROLE = {"civilians": "c", "civilian": "c", "soldiers": "s", "soldier": "s", "troops": "s",
         "servicemen": "s", "marines": "s", "sailors": "s", "airmen": "s", "conscripts": "s",
         "police": "p", "policemen": "p", "policewomen": "p", "gendarmes": "p", "militants": "a",
         "fighters": "a", "insurgents": "a", "rebels": "a", "gunmen": "a", "attackers": "a",
         "jihadists": "a", "assailants": "a"}
_STATUS = {"dead": "d", "killed": "d", "deaths": "d", "fatalities": "d", "injured": "i",
           "wounded": "i", "injuries": "i", "missing": "m"}
_SIDE = {"favour": "y", "favor": "y", "yes": "y", "against": "n", "abstained": "a", "abstaining": "a",
         "abstentions": "a", "abstention": "a", "absent": "x"}
CATEGORIES: dict[str, tuple[str, frozenset[str]]] = {
    **{w: ("age-sex", frozenset(m)) for w, m in _AGE_SEX.items()},
    **{w: ("role", frozenset(m)) for w, m in _ROLE.items()},
    **{w: ("status", frozenset(m)) for w, m in _STATUS.items()},
    **{w: ("side", frozenset(m)) for w, m in _SIDE.items()},
}
_EVERYONE = frozenset("MFbg")  # the age-sex members of "people": men, women, boys, girls
_OTHERS = frozenset({"others", "other", "rest", "remainder"})  # "9 others", "the rest": none named before
# what a total of people is called; its parts may be any person category
PERSON_WORDS = frozenset("""
people persons victims dead casualties passengers residents villagers workers migrants refugees
prisoners detainees hostages patients students pupils staff employees members delegates crew
pilgrims protesters demonstrators mourners tourists voters citizens nationals individuals bodies
respondents participants applicants candidates players athletes councillors judges jurors survivors
""".split()) | frozenset(w for w, (table, _) in CATEGORIES.items() if table != "side")

# sums that are net of costs or losses: "a $12m profit, including a $15m gain on a sale" is right
NET_WORDS = frozenset("""
profit profits income earnings surplus deficit loss losses result results balance net change growth
increase decrease gain gains margin ebitda cashflow
""".split())
# members of an assembly are counted as these too: "two-thirds of the 193 members, or 129 countries"
_MEMBER_WORDS = frozenset("members countries states nations delegations governments parties".split())


def same_kind(a: str | None, b: str | None) -> bool:
    """Whether two count nouns may count the same things: equal, both people, or both members."""
    return a == b or a in PERSON_WORDS and b in PERSON_WORDS or a in _MEMBER_WORDS and b in _MEMBER_WORDS


# --- cues and joints, as token sequences -----------------------------------------------------------
_FORWARD_CUES: dict[tuple[str, ...], str] = {
    ("among", "them"): "among", ("among", "whom"): "among", ("among", "those"): "among",
    ("among", "which"): "among", ("of", "whom"): "of-whom", ("of", "which"): "of-whom",
    ("of", "them"): "of-whom", ("of", "those"): "of-whom", ("including",): "including",
    ("includes",): "including", ("included",): "including", ("include",): "including",
    (":",): "colon", ("(",): "bracket", ("—",): "dash", ("–",): "dash", ("-", "-"): "dash",
    ("-",): "dash", (",",): "apposition",
}
_CUE_ENDS = frozenset(cue[-1] for cue in _FORWARD_CUES)
_LIST_JOINTS = frozenset({(",", "and"), ("as", "well", "as"), ("and",), (",",), ("plus",)})
_CLOSING_JOINTS = frozenset({(",", "and"), ("as", "well", "as"), ("and",)})  # "..., 4 women and 2 children"
_ALL_JOINTS = _LIST_JOINTS | {(",", "while"), (",", "whereas"), (",", "with"), ("while",), ("whereas",),
                              (";", "and"), (";",)}
_REST_BEFORE = frozenset({("the", "remaining"), ("the", "other"), ("the", "last"), ("another",), ("a", "further")})
_REST_MARKERS = frozenset({("the", "remaining"), ("the", "other"), ("the", "last")})
_NOT_TOTALS = frozenset("ways times fold".split())  # "split three ways: nine for, ..." counts no members
_BE = frozenset({("were",), ("are",), ("was",), ("is",)})
_COMMA = frozenset({(",",)})
_NOT_BEFORE_TOTAL = frozenset("in on at across during after before from into within since per near "
                              "between among".split())
_PREFIX_BLOCKERS = frozenset("and or but while whereas not never excluding except besides plus than "
                             "; : ( ) [ ]".split())
_SCOPE_WORDS = frozenset("in on at across near around from during after before within outside inside".split())
_FINITE = frozenset("was were is are had has have will would could did died".split())
_DETERMINERS = frozenset("the its his her their our your my all these those this every".split())
_ORDER_WORDS = frozenset("last past first next top final remaining other original".split())
# a figure after one of these is a name, not a quantity: "Article 14 of 12", "page 3 of 2"
_IDENTIFIERS = frozenset("""
article articles section sections paragraph paragraphs chapter chapters clause clauses rule rules item
items law laws act acts resolution resolutions page pages no number game games round rounds stage step
part parts verse volume phase level grade class room flight route lot seat gate platform highway bus
line track episode season question point principle amendment schedule annex appendix figure table
chart exhibit case cases docket file precinct ward district division row column box
""".split())

# --- percentage splits ------------------------------------------------------------------------------
_SPLIT = {"yes": "yes", "favour": "yes", "favor": "yes", "support": "yes", "supported": "yes",
          "supports": "yes", "backed": "yes", "back": "yes", "backs": "yes", "approve": "yes",
          "approved": "yes", "approves": "yes", "agree": "yes", "agreed": "yes", "agrees": "yes",
          "against": "no", "oppose": "no", "opposed": "no", "opposes": "no", "disapprove": "no",
          "disapproved": "no", "disapproves": "no", "disagree": "no", "disagreed": "no",
          "disagrees": "no", "rejected": "no", "abstained": "abstain", "abstaining": "abstain",
          "abstain": "abstain", "abstention": "abstain", "abstentions": "abstain",
          "undecided": "undecided", "unsure": "undecided", "know": "undecided", "neither": "undecided",
          "uncertain": "undecided", "opinion": "undecided", "other": "other", "others": "other",
          "rest": "other", "remainder": "other", "remaining": "other", "spoilt": "spoilt",
          "spoiled": "spoilt", "blank": "spoilt", "invalid": "spoilt", "men": "men", "male": "men",
          "males": "men", "women": "women", "female": "women", "females": "women", "leave": "leave",
          "remain": "remain"}
_SPLIT_GROUPS = (frozenset("yes no abstain undecided other spoilt".split()),
                 frozenset("men women other".split()), frozenset("leave remain undecided other spoilt".split()))
# words that make percentages changes or rates, not shares of a whole
_SPLIT_CHANGES = frozenset("""
from to than since compared versus vs over under up down by per rose fell rise fall risen fallen
increase increased decrease decreased grew grown growth dropped jumped gained lost inflation interest
rate rates each respectively both more less higher lower points point
""".split())
# words that give one percentage a scope of its own ("52% in Lagos and 60% in Abuja"); before the
# first one they scope them all ("In the poll, 52% ...")
_SPLIT_SCOPES = frozenset("in among at on while whereas but before after during between".split())
# what "of the ..." after the first percentage must name for unlabelled others to share its whole:
# votes are exclusive, a poll's answers often are not ("62% named the economy, 55% health")
_WHOLE_WORDS = frozenset("vote votes ballots valid".split())
_SPLIT_JOINTS = frozenset({",", "and", ";", "with"})  # and ", and", ", with", ", while"


@dataclass(frozen=True, slots=True)
class Part:
    """One listed part: its figure (None for an unnumbered "the rest") and the category word read
    beside it ("children", "against"), if any."""

    figure: Number | None
    label: str | None
    rest: bool = False  # "the remaining 40", "the other five", "the rest"


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total and the parts listed for it.

    unit: the noun the total counts ("people"), if one is written.
    cue: how the parts are introduced: including | among | of-whom ("of whom", "of which", "5 of
    them") | of-the ("Of the 193 members, 141 ...") | colon | bracket | dash | apposition ("12
    people, 5 men and 7 women, ...").
    complete: the wording presents the parts as the whole (a colon, brackets or dashes round a
    list, "the remaining 40", "the rest", or categories that cover everyone: men, women, children).
    disjoint: no two parts can share a member, so their sum cannot exceed the total.
    """

    total: Number
    unit: str | None
    parts: tuple[Part, ...]
    cue: str
    complete: bool
    disjoint: bool
    start: int
    end: int

    @property
    def numbered(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.figure is not None)

    @property
    def unnumbered_rest(self) -> bool:
        return any(p.figure is None for p in self.parts)


@dataclass(frozen=True, slots=True)
class Share:
    """'14 of the 12 members', '9 out of 10': a part of a whole, both counts (or both sums of one
    currency)."""

    part: Number
    whole: Number
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Proportion:
    """A rate of a whole stated with the amount it comes to: '45% of 200, or 90', '90, or 45% of
    200', '141 of the 193 members, or 73%', 'a third of 300 (100)'. `rate` is a percent or a
    fraction."""

    rate: Number
    whole: Number
    amount: Number
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PercentSplit:
    """Percentages of one whole, each of its own category: '52% voted yes, 45% no and 6%
    abstained', 'Labour won 40% of the vote, the Conservatives 35% ...'."""

    parts: tuple[Number, ...]
    labels: tuple[str | None, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Breakdowns:
    """What the A1xx rules read from one document."""

    totals: tuple[Breakdown, ...] = ()
    shares: tuple[Share, ...] = ()
    proportions: tuple[Proportion, ...] = ()
    splits: tuple[PercentSplit, ...] = ()
    complete: bool = True  # False when reading stopped at MAX_STRUCTURES

    @property
    def limit_note(self) -> str | None:
        """What the report's notes say when reading stopped early."""
        return None if self.complete else f"totals and shares were read from the first {MAX_STRUCTURES:,} only"


def read_breakdowns(ctx) -> Breakdowns:
    """The breakdowns of a rule context's document (for `Context.extract`)."""
    return breakdowns(ctx.plain, ctx.sentences, ctx.numbers)


def breakdowns(text: str, sentences: list[tuple[int, int]], numbers: list[Number]) -> Breakdowns:
    """Totals with parts, shares, proportions and percentage splits, sentence by sentence."""
    totals: list[Breakdown] = []
    shares: list[Share] = []
    proportions: list[Proportion] = []
    splits: list[PercentSplit] = []
    starts = [n.start for n in numbers]
    sentence_starts = [start for start, _ in sentences]
    read_up_to = 0  # figures before this index are in sentences already read
    close = [k for k, (a, b) in enumerate(itertools.pairwise(numbers)) if b.start - a.end <= MAX_GAP]
    for i in close:  # only sentences with two figures close together can hold a structure
        if i < read_up_to:
            continue
        k = bisect.bisect_right(sentence_starts, numbers[i].start) - 1
        s_start, s_end = sentences[k] if k >= 0 else (0, 0)
        lo, hi = bisect.bisect_left(starts, s_start), bisect.bisect_left(starts, s_end)
        read_up_to = max(hi, i + 1)
        if s_end - s_start > MAX_SENTENCE:
            continue  # not prose: a table or a run-on dump
        figs = [n for n in numbers[lo:hi] if n.end <= s_end]
        if len(figs) >= 2 and _worth_reading(text, figs):
            sentence = _Sentence(text, s_start, s_end, figs)
            sentence.read_shares(shares, proportions)
            sentence.read_totals(totals)
            sentence.read_splits(splits)
            if len(totals) + len(shares) + len(proportions) + len(splits) >= MAX_STRUCTURES:
                return Breakdowns(tuple(totals), tuple(shares), tuple(proportions), tuple(splits), False)
    return Breakdowns(tuple(totals), tuple(shares), tuple(proportions), tuple(splits))


# every structure joins two neighbouring figures by one of these (",": lists; "of": shares and
# totals; "or", "(": restatements; ":", dashes: lists; "including", "among", "were": cues), or is
# a run of percentages: one search of each short gap spares most sentences the tokenizer
_GAP_SIEVE = re.compile(r"[,(:\-—–]|\b(?:of|or|and|were|are|includ|among)", re.IGNORECASE)


def _worth_reading(text: str, figs: list[Number]) -> bool:
    percents = 0
    for a, b in itertools.pairwise(figs):
        if b.start - a.end <= MAX_GAP and _GAP_SIEVE.search(text, a.end, b.start):
            return True
        percents += a.kind == "percent"
    return percents + (figs[-1].kind == "percent") >= 2


# --- helpers on figures and tokens ------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    """Words (letters, inner apostrophes) and single other characters, lower-cased."""
    return _TOKEN.findall(text.lower())


def family(num: Number) -> str | None:
    """What a figure measures, for deciding whether two figures can be compared: 'count', or
    'money:USD'; None for anything else (percentages, years, dates, ages, ordinals, vague)."""
    if num.malformed or num.adjective:
        return None
    kind = num.kind
    if kind == "number":
        return "count" if num.value.__class__ in _NUMERIC else None
    if kind == "range":
        return "count" if num.low is not None and num.high is not None else None
    if kind == "money" and num.unit and num.value.__class__ in _NUMERIC:
        return "money:" + num.unit
    return None


def is_percent(num: Number) -> bool:
    return num.kind == "percent" and num.unit == "%" and not num.adjective and num.value.__class__ in _NUMERIC


def is_rate(num: Number) -> bool:
    """A share of a whole: a percentage ('45%') or a fraction ('a third', 'two-thirds')."""
    return is_percent(num) or (num.kind == "fraction" and isinstance(num.value, float)
                               and 0 < num.value < 1 and not num.adjective)


def _strip_end(toks: list[str], options: frozenset[tuple[str, ...]] | dict) -> tuple[list[str], tuple[str, ...] | None]:
    """`toks` without the longest of `options` (token tuples, at most three long) that ends it,
    and that option: a few set look-ups, whatever the number of options."""
    for n in (3, 2, 1):
        if len(toks) >= n:
            tail = tuple(toks[-n:])
            if tail in options:
                return toks[:-n], tail
    return toks, None


def _words(toks: list[str]) -> bool:
    return all(t[0].isalpha() for t in toks)


def _of_whole(toks: list[str], out_of: bool = True) -> bool:
    """'of', 'out of', 'of the', 'of the last', 'of the council's': what joins a part to its whole."""
    i = 0
    if out_of and toks[:2] == ["out", "of"]:
        i = 2
    elif toks[:1] == ["of"]:
        i = 1
    else:
        return False
    if i < len(toks) and toks[i] in _DETERMINERS:
        i += 1
    if i < len(toks) and (toks[i] in _ORDER_WORDS or toks[i].endswith(("'s", "’s"))):
        i += 1
    return i == len(toks)


def category(word: str | None) -> tuple[str, frozenset[str]] | None:
    return CATEGORIES.get(word) if word else None


def disjoint(a: str | None, b: str | None) -> bool:
    """Whether two part labels name groups with no member in common ("children", "women")."""
    if a in _OTHERS or b in _OTHERS:
        return a is not None and b is not None and a != b
    ca, cb = category(a), category(b)
    return ca is not None and cb is not None and ca[0] == cb[0] and not (ca[1] & cb[1])


def _label(toks: list[str]) -> str | None:
    """The category word of a part's label words ("were children" -> "children"); "for" and "no"
    count as a side only at the end ("voted for", not "for schools")."""
    for i, t in enumerate(toks):
        if t in CATEGORIES or t in _OTHERS:
            return t
        if t in ("for", "no", "yes") and i == len(toks) - 1:
            return {"for": "favour", "no": "against"}.get(t, t)
    return None


class _Sentence:
    """One sentence's figures and the tokens between neighbours (None where they are too far apart)."""

    def __init__(self, text: str, start: int, end: int, figs: list[Number]) -> None:
        self.text, self.start, self.end, self.figs = text, start, end, figs
        self.links: list[list[str] | None] = []
        for a, b in itertools.pairwise(figs):
            self.links.append(tokens(text[a.end:b.start]) if b.start - a.end <= MAX_GAP else None)
        self._units: dict[int, str | None] = {}
        self._tails: dict[int, list[str]] = {}
        self.fams = [family(f) for f in figs]

    def unit(self, i: int) -> str | None:
        if i not in self._units:
            self._units[i] = unit_of(self.text, self.figs[i])
        return self._units[i]

    def before(self, i: int, chars: int = 40) -> list[str]:
        """Tokens just before figure i, back to the previous figure or the sentence start."""
        floor = self.figs[i - 1].end if i else self.start
        return tokens(self.text[max(floor, self.figs[i].start - chars):self.figs[i].start])

    def after(self, i: int, chars: int = 80) -> tuple[list[str], bool]:
        """Tokens just after figure i, up to the next figure or the sentence end, and whether
        they reach the sentence end."""
        ceiling = self.figs[i + 1].start if i + 1 < len(self.figs) else self.end
        stop = min(ceiling, self.figs[i].end + chars)
        return tokens(self.text[self.figs[i].end:stop]), stop == self.end

    # --- shares and proportions ------------------------------------------------------------------

    def read_shares(self, shares: list[Share], proportions: list[Proportion]) -> None:
        figs, links, fams = self.figs, self.links, self.fams
        share_at: dict[int, Share] = {}
        rate_at: dict[int, int] = {}  # index of a rate -> index of its whole
        for i, link in enumerate(links):
            if link is None:
                continue
            a, b = figs[i], figs[i + 1]
            fam = fams[i]
            if fam is not None and fam == fams[i + 1] and _of_whole(link) and not self._named(i) \
                    and not (fam != "count" and self._net(i + 1)):
                share_at[i] = Share(a, b, a.start, b.end)
            elif fam == "count" and b.adjective and b.unit and link[:1] == [b.unit + "s"] \
                    and _of_whole(link[1:], out_of=False) and b.value.__class__ in _NUMERIC:
                share_at[i] = Share(a, b, a.start, b.end)  # "14 members of the 12-member council"
            elif is_rate(a) and fams[i + 1] is not None and _of_whole(link, out_of=False):
                rate_at[i] = i + 1
        shares.extend(share_at.values())
        for i, w in rate_at.items():  # "45% of 200, or 90" / "90, or 45% of 200" / "a third of 300 (100)"
            amount = self._equivalent_after(w, fams[w])
            if amount is None and i > 0:
                amount = self._equivalent_before(i, fams[w])
            if amount is not None:
                z = figs[amount]
                proportions.append(Proportion(figs[i], figs[w], z, min(z.start, figs[i].start),
                                              max(z.end, figs[w].end)))
        for i, share in share_at.items():  # "141 of the 193 members, or 73%" / "73%, or 141 of 193"
            if share.whole.adjective:
                continue
            rate = self._equivalent_after(i + 1, None)
            if rate is None and i > 0:
                rate = self._equivalent_before(i, None)
            if rate is not None:
                p = figs[rate]
                proportions.append(Proportion(p, share.whole, share.part, min(p.start, share.start),
                                              max(p.end, share.end)))
        for i in range(len(links) - 1):  # "141 (73%) of the 193 members"
            if links[i] == ["("] and links[i + 1] is not None and links[i + 1][:1] == [")"] \
                    and is_percent(figs[i + 1]) and fams[i] is not None \
                    and fams[i] == fams[i + 2] and _of_whole(links[i + 1][1:]):
                proportions.append(Proportion(figs[i + 1], figs[i + 2], figs[i], figs[i].start, figs[i + 2].end))

    def _net(self, i: int) -> bool:
        """Whether sum i is a net figure ("the $12m profit"), which its parts may exceed."""
        toks, _ = self.after(i, 40)
        return any(t in NET_WORDS for t in toks[:3])

    def _named(self, i: int) -> bool:
        """Whether figure i is a name ("Article 14", "page 3") rather than a quantity."""
        before = self.before(i, 24)
        return bool(before) and (before[-1] in _IDENTIFIERS or before[-1] == "." and before[-2:-1] == ["no"])

    def _equivalent_after(self, i: int, fam: str | None) -> int | None:
        """The figure after figure i restating it: ', or Z' or ' (Z)', past at most one noun.
        With `fam` None the restatement is a percentage; else a figure of that family."""
        if i + 1 >= len(self.figs) or self.links[i] is None:
            return None
        link, nxt = self.links[i], self.figs[i + 1]
        if link[-1:] not in (["or"], ["("]):
            return None
        link = self._past_noun(i, link)  # "45% of the 200 registered voters, or 90"
        if link not in ([",", "or"], ["("], ["(", "or"]):
            return None
        if fam is None and not is_percent(nxt) or fam is not None and self.fams[i + 1] != fam:
            return None
        tail, _ = self.after(i + 1, 40)
        unit = self.unit(i + 1)
        if unit and tail[:1] == [unit] and (same_kind(unit, self.unit(i)) or unit in PERSON_WORDS):
            tail = tail[1:]  # "or 90 people"
        if link[0] == "(":
            return i + 1 if tail[:1] == [")"] else None
        if fam is None and tail[:1] == ["of"]:
            return i + 1  # "or 73% of the assembly"
        return i + 1 if not tail or not tail[0][0].isalpha() else None

    def _equivalent_before(self, i: int, fam: str | None) -> int | None:
        """The figure before figure i that figure i restates: 'Z, or 45% of 200', 'Z people, or ...'."""
        link, prev = self.links[i - 1], self.figs[i - 1]
        if link is None or link[-1:] != ["or"]:
            return None
        if fam is None and not is_percent(prev) or fam is not None and self.fams[i - 1] != fam:
            return None
        return i - 1 if self._past_noun(i - 1, link) == [",", "or"] else None

    def _past_noun(self, i: int, link: list[str]) -> list[str]:
        """`link` past the noun phrase of figure i, up to three words ending in its unit or a
        word for people ("200 registered voters, or" -> [",", "or"])."""
        for n in range(min(3, len(link)), 0, -1):
            if _words(link[:n]) and (same_kind(link[n - 1], self.unit(i)) or link[n - 1] in PERSON_WORDS):
                return link[n:]
        return link

    # --- totals and their parts ------------------------------------------------------------------

    def read_totals(self, out: list[Breakdown]) -> None:
        i = 0
        while i < len(self.links):
            link = self.links[i]
            found = None
            if link and self.fams[i] is not None:
                found = self._backward(i, link) or self._forward(i, link)
            if found is not None:
                out.append(found)
                i += len(found.numbered)  # a listed part is no total of its own
            i += 1

    def _forward(self, i: int, link: list[str]) -> Breakdown | None:
        """'T ..., including P1 and P2', 'T ...: P1, P2 and P3', 'T (P1, P2 and P3)', 'T, P1 and P2'."""
        if link[-1] not in _CUE_ENDS:
            return None
        prefix, cue = _strip_end(link, _FORWARD_CUES)
        if cue is None or len(prefix) > MAX_PREFIX + 1:
            return None
        kind = _FORWARD_CUES[cue]
        if prefix and prefix[-1] == "," and kind != "apposition":
            prefix = prefix[:-1]  # "12 people were killed, including"
        if not _words(prefix) or any(t in _PREFIX_BLOCKERS or t.endswith("n't") for t in prefix):
            return None
        if kind == "apposition":
            noun_only = len(prefix) == 1 and prefix[0] in PERSON_WORDS  # "12 people, 5 men and 7 women"
            of_them = 1 <= len(prefix) <= 5 and self.text.startswith((" of them", " of whom"), self.figs[i + 1].end)
            if not (noun_only or of_them):  # ... or "12 people were killed, 5 of them children"
                return None
        if self._not_a_total(i):
            return None
        return self._breakdown(i, kind, prefix)

    def _backward(self, i: int, link: list[str]) -> Breakdown | None:
        """'Of the 193 members, 141 voted for ...'; 'Among the 12 dead were 5 children ...'."""
        if link[-1] not in (",", "were", "are", "was", "is"):
            return None
        before = self.before(i, 40)
        if before and before[-1] in _DETERMINERS:
            before = before[:-1]
        if not before or before[-1] not in ("of", "among"):
            return None
        head = before[:-1]  # "Of the" opens its sentence or clause: "..., of the 12 victims, 5 were"
        if head and (head[-1] not in (",", ";", ":", "that", "and", "but") or head[-1] == "and" and len(head) > 1):
            return None
        if before[-1] == "among":
            prefix, cue = _strip_end(link, _BE)
        else:
            prefix, cue = _strip_end(link, _COMMA)
        if cue is None or len(prefix) > 4 or not _words(prefix):
            return None
        return self._breakdown(i, "of-the", prefix)

    def _not_a_total(self, i: int) -> bool:
        """A figure after a preposition is a modifier ("killed 12 people in 3 villages, including"),
        and one of a pair ("killed 12 and injured 30, including") leaves the cue's scope unclear."""
        before = self.before(i, 30)
        if before and before[-1] in _NOT_BEFORE_TOTAL:
            return True
        if i and self.links[i - 1] is not None and self.fams[i - 1] is not None:
            link = self.links[i - 1]  # "12 on Monday and 12 on Tuesday, including": which twelve?
            return len(link) <= 8 and any(t in ("and", "or", "&", "plus") for t in link) or link == [","]
        return False

    def _breakdown(self, i: int, cue: str, prefix: list[str]) -> Breakdown | None:
        """The parts listed for total i after its cue, up to the first figure that does not continue
        the list; None where what follows is no breakdown (siblings, a table, a bare bracket)."""
        figs, total = self.figs, self.figs[i]
        fam, unit = self.fams[i], self.unit(i)
        if unit in _NOT_TOTALS:
            return None
        if unit is None and prefix and prefix[0] in PERSON_WORDS:
            unit = prefix[0]  # "Of the 12 dead, ..." (unit_of reads plural nouns only)
        domain = category(unit)
        scoped = cue in ("including", "among") and any(t in _SCOPE_WORDS for t in prefix)
        parts: list[Part] = []
        joints: list[tuple[str, ...]] = []  # joints[k] joins parts k and k + 1
        first_label: list[str] = []
        rest = False  # "the remaining" stood before this part
        j = i + 1
        while j < len(figs) and len(parts) < MAX_PARTS:
            fig = figs[j]
            if self.fams[j] != fam:
                break
            punit = self.unit(j)
            if punit and punit != unit and unit is not None and cue not in ("colon", "dash", "bracket") \
                    and not same_kind(punit, unit):
                break  # "..., and 30 houses were destroyed" (a list after a colon names kinds: "23 players: 3 goalkeepers")
            parsed = _joint(self.links[j], cue, len(parts) + 1) \
                if j + 1 < len(figs) and self.links[j] is not None else None
            label_toks = parsed[0] if parsed is not None else self._tail(j)
            if parts and label_toks[:2] in (["of", "them"], ["of", "whom"], ["of", "which"]):
                break  # "including 5 children, 3 of them girls": a part of a part
            if cue in ("including", "among", "apposition") and any(t in _FINITE for t in label_toks) \
                    and not (not parts and label_toks[:2] == ["of", "them"]):
                break  # "..., including 5 children and 9 women were injured": a new clause
            label = _label(label_toks)
            if label is None and punit is None and scoped:
                break  # "12 people were killed in attacks on villages, including 15 in X": 15 villages?
            kind = category(label)
            if domain is not None and kind is not None and kind[0] == domain[0] and not kind[1] <= domain[1]:
                return None  # "12 men, 5 women and 9 children": a list of groups, not a total and its parts
            parts.append(Part(fig, label, rest))
            if not first_label:
                first_label = label_toks
            if parsed is None:
                break
            joints.append(parsed[1])
            rest = parsed[2]
            j += 1
        else:
            if len(parts) == MAX_PARTS:
                return None  # a longer run of figures is a table or a list of results
        if not parts:
            return None
        if cue == "apposition":
            if first_label[:2] in (["of", "them"], ["of", "whom"]):
                cue = "of-whom"  # "12 people were killed, 5 of them children"
            elif len(parts) < 2 or not self._appositive_end(i + len(parts)):
                return None  # only "12 people, 5 men and 7 women": not "38 rescued in X, 6 dead and 3 missing"
        own = category(_label(prefix))
        if own is not None and any(category(p.label) and category(p.label)[0] == own[0] for p in parts):
            return None  # "Ten voted in favour, five against": siblings, not a total and its parts
        last = i + len(parts)
        tail = self._tail(last)
        rest_word = _unnumbered_rest(tail)
        if rest_word is not None:
            parts.append(Part(None, rest_word, True))
        labels = [p.label for p in parts]
        by_table = [category(label) for label in labels]
        pairwise = len(parts) >= 2 and all(disjoint(a, b) for k, a in enumerate(labels) for b in labels[k + 1:])
        complete = any(p.rest for p in parts)
        numbered = [p for p in parts if p.figure is not None]
        if not complete and len(numbered) >= 2 and joints[len(numbered) - 2] in _CLOSING_JOINTS:
            complete = (cue in ("colon", "dash") or cue == "bracket" and self._closes(last)
                        or cue == "apposition" and pairwise
                        or cue in ("of-the", "of-whom") and pairwise and _covers(by_table, domain))
        if cue in ("apposition", "colon", "dash", "bracket") and not complete:
            return None  # a figure or list in brackets that does not read as the whole: no claim
        sums = pairwise or (complete and _no_overlap_claimed(labels))
        end = parts[-1].figure.end if parts[-1].figure is not None else numbered[-1].figure.end
        return Breakdown(total, unit, tuple(parts), cue, complete, sums, total.start, end)

    def _tail(self, j: int) -> list[str]:
        """The label words after the last figure of a list, up to punctuation (at most six)."""
        if j not in self._tails:
            toks, _ = self.after(j, 60)
            out = []
            for t in toks:
                if not t[0].isalpha() or len(out) == 6:
                    break
                out.append(t)
            self._tails[j] = out
        return self._tails[j]

    def _appositive_end(self, j: int) -> bool:
        """After '12 people, 5 men and 7 women' the apposition closes: a comma, a dash, the end."""
        toks, at_end = self.after(j, 40)
        words = 0
        for t in toks:
            if t[0].isalpha():
                words += 1
                if words > 2 or t in _FINITE:
                    return False
            else:
                return t in (",", "—", "–", "-", ".", ";", ")")
        return at_end

    def _closes(self, j: int) -> bool:
        """Whether the bracket opened before the list closes right after figure j's label."""
        toks, _ = self.after(j, 60)
        for t in toks:
            if not t[0].isalpha():
                return t == ")"
        return False

    # --- percentage splits -----------------------------------------------------------------------

    def read_splits(self, out: list[PercentSplit]) -> None:
        figs, links = self.figs, self.links
        i = 0
        while i < len(figs):
            if not is_percent(figs[i]):
                i += 1
                continue
            run, gaps = [i], []
            j = i
            while j + 1 < len(figs) and is_percent(figs[j + 1]) and links[j] is not None:
                cut = _split_gap(links[j])
                if cut is None:
                    break
                gaps.append(cut)
                run.append(j + 1)
                j += 1
            if 2 <= len(run) <= MAX_PARTS:  # a longer run is a table of rates, not one whole
                found = self._split(run, gaps)
                if found is not None:
                    out.append(found)
            i = j + 1

    def _split(self, run: list[int], gaps: list[tuple[list[str], list[str]]]) -> PercentSplit | None:
        """Percentages of one whole: each named by a category of one table (yes/no/abstained,
        men/women), or the whole named once after the first ('40% of the vote') and the others
        elliptical ('the Conservatives 35%')."""
        first_before = self.before(run[0], 40)
        cut = max((k for k, t in enumerate(first_before) if not t[0].isalpha()), default=-1)
        first_before = first_before[cut + 1:][-4:]
        last_after = self._tail(run[-1])
        windows = []
        for k in range(len(run)):
            before = first_before if k == 0 else gaps[k - 1][1]
            after = last_after if k == len(run) - 1 else gaps[k][0]
            windows.append((before, after))
        whole_once = False  # "40% of the vote, the Conservatives 35%": the whole named once
        for k, (before, after) in enumerate(windows):
            if after[:1] == ["of"]:
                if k:
                    return None  # "52% of men and 45% of women": two wholes
                n = 2 if after[1:2] in (["the"], ["all"], ["those"]) else 1
                whole_once = after[n:n + 1] != [] and after[n] in _WHOLE_WORDS
                n += 2 if after[n + 1:n + 2] in (["cast"], ["polled"], ["surveyed"], ["asked"]) else 1
                after = after[n:]  # "52% of respondents were men": "were men" still names it
            for ws, scoped in ((before, k > 0), (after, True)):
                for n, t in enumerate(ws):
                    if t in _SPLIT_CHANGES or scoped and t in _SPLIT_SCOPES:
                        return None
                    if t == "for" and not (ws is after and n == len(ws) - 1):
                        return None  # "52% for men": a scope, not the side "52% for"
            windows[k] = (before, after)
        labels: list[str | None] = []
        for before, after in windows:
            found = {_split_word(ws, n) for ws in (before, after) for n in range(len(ws))} - {None}
            if len(found) > 1:
                return None  # "neither agreed nor disagreed": no one category
            labels.append(found.pop() if found else None)
        named = [label for label in labels if label is not None]
        each_named = len(named) == len(labels) == len(set(named)) \
            and any(set(named) <= group for group in _SPLIT_GROUPS)
        elliptical = whole_once and not named and all(len(b) + len(a) <= 4 for b, a in windows[1:])
        if not (each_named or elliptical):
            return None
        figs = [self.figs[k] for k in run]
        return PercentSplit(tuple(figs), tuple(labels), figs[0].start, figs[-1].end)


def _joint(link: list[str], cue: str, count: int) -> tuple[list[str], tuple[str, ...], bool] | None:
    """Cut the tokens between two parts into the first part's label words, the joint and whether
    'the remaining' (or 'the other') introduces the next: ' against and the remaining ' ->
    (['against'], ('and',), True)."""
    body, marker = _strip_end(link, _REST_BEFORE)
    joints = _LIST_JOINTS if cue in ("including", "among", "apposition") else _ALL_JOINTS
    body, joint = _strip_end(body, joints)
    if joint is None or not _words(body) or len(body) > 6:
        return None
    if joint == (",", "and") and count < 2 and cue in ("including", "among"):
        return None  # "including 5 children, and 9 women were hurt": a new clause, not a third item
    return body, joint, marker in _REST_MARKERS


def _unnumbered_rest(tail: list[str]) -> str | None:
    """'... and the rest women', 'the others adults': a last part without a figure."""
    for k in range(len(tail) - 1):
        if tail[k] == "the" and tail[k + 1] in ("rest", "remainder", "others"):
            return tail[k + 1]
    return None


def _covers(by_table: list, domain) -> bool:
    """Whether age-sex categories cover everyone the total counts (men, women and children)."""
    cells = [c for c in by_table if c is not None]
    if len(cells) != len(by_table) or any(c[0] != "age-sex" for c in cells):
        return False
    want = domain[1] if domain is not None and domain[0] == "age-sex" else _EVERYONE
    return frozenset().union(*(c[1] for c in cells)) >= want


def _no_overlap_claimed(labels: list[str | None]) -> bool:
    """A list presented as the whole is a partition unless two labels are known to overlap."""
    return not any(category(a) and category(b) and category(a)[0] == category(b)[0]
                   and category(a)[1] & category(b)[1]
                   for k, a in enumerate(labels) for b in labels[k + 1:])


def _split_gap(link: list[str]) -> tuple[list[str], list[str]] | None:
    """Cut the tokens between two percentages at their joint: the first one's label words after
    it, the next one's before it ('voted yes, ' -> (['voted', 'yes'], []))."""
    if len(link) > 10:
        return None
    for k, t in enumerate(link):
        if t in _SPLIT_JOINTS:
            n = 2 if t == "," and link[k + 1:k + 2] in (["and"], ["with"], ["while"]) else 1
            after, before = link[:k], link[k + n:]
            return (after, before) if _words(after) and _words(before) else None
    return None


def _split_word(words: list[str], n: int) -> str | None:
    """The category of words[n] in a percentage split; 'for' only at the end of its window ("52%
    for", not "52% for men"), 'no' at the end or before "side"/"camp" (not "no opinion")."""
    word, nxt = words[n], words[n + 1] if n + 1 < len(words) else None
    if word == "for":
        return "yes" if nxt is None else None
    if word == "no":
        return "no" if nxt is None or nxt in ("side", "camp", "campaign", "vote", "votes") else None
    return _SPLIT.get(word)
