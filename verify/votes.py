"""Vote events: tallies, named voters per side, outcome, body and draft, grouped into events.

Sentences that mention a vote are cut into clauses ("..., but ...", "...; ...", "..., while ...").
Each clause yields a `Fragment` (what it says about a vote); fragments are then grouped into events
by the draft they describe ("the rival draft presented by Moscow", "the Russian measure"), by the
body, and by sentence order. Extraction only reads: it never judges (that is the rules' job).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from verify.bodies import OTHER_BODY, BodyMentions
from verify.entities import Mention, find_mentions
from verify.numbers import NUMBER_WORDS, Number
from verify.reference.index import ReferenceIndex

SIDES = ("yes", "no", "abstain", "absent")

# a sentence is about a vote if it has a vote word, or a word that can describe one ("passed",
# "against", "backed") next to a figure or a draft; the leading letter classes let the scanner
# skip most positions at once (a plain case-insensitive alternation costs ~1 s on 2 MB)
VOTE_CUE = re.compile(
    r"\b(?=[vViIaAuUnNbB])(?i:vot(?:e|es|ed|ing)\b|in\s+favou?r\b|abstain|abstention|ayes\b|noes\b|"
    r"unanimous|veto|ballot)")
WEAK_CUE = re.compile(
    r"\b(?=[aApPrRdDfFsScCbBoO])(?i:against\b|adopt(?:s|ed)?\b|pass(?:es|ed)\b|reject(?:s|ed)?\b|"
    r"defeated\b|ruling\b|approv|fell\s+short\b|failed\b|split\b|dissent|confirmed\b|supported\b|"
    r"backed\b|opposed\b)")
_FIGURE_OR_DRAFT = re.compile(r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                              r"thirteen|fourteen|fifteen|none|draft|resolution|measure|motion|bill|amendment|"
                              r"text|proposal|nominee|nomination)\b)")


_STRONG_KEYS = (" vot", "favo", "abstain", "abstention", "ayes", "noes", "unanim", "veto", "ballot")
_WEAK_KEYS = ("against", "adopt", "pass", "reject", "defeat", "ruling", "approv", "fell short", "fail",
              "split", "dissent", "confirm", "support", "back", "oppos")


def is_vote_text(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] can report a vote (see VOTE_CUE and WEAK_CUE). Substring tests on
    the lower-cased text come first: most sentences fail them, and they cost far less than a
    case-insensitive pattern."""
    low = " " + text[start:end].lower()
    if _has(low, _STRONG_KEYS) and VOTE_CUE.search(text, start, end):
        return True
    return _has(low, _WEAK_KEYS) and bool(WEAK_CUE.search(text, start, end)) and bool(
        _FIGURE_OR_DRAFT.search(text, start, end))


_NOUN = (r"(?:council\s+members|member\s+states|members?|countries|states|nations|delegations|"
         r"senators|representatives|lawmakers|legislators|MPs|MEPs|justices|judges|shareholders|"
         r"councillors|councilors|others|of\s+them|delegates|directors|voters|workers|unions?|"
         r"governments|parties|peers|deputies|commissioners|jurors|board\s+members)")
_SIDE_WORDS = r"(?P<side>in\s+favou?r|for|against|no|yes|in\s+support|to\s+abstain)"
_LIST_OPEN = r"(?:\s*(?:--|—|–)\s*(?P<dash>[^—–\n]{1,300}?)\s*(?:--|—|–)\s*|\s*\((?P<paren>[^()\n]{1,300})\)\s*)"

# after a figure: "11 votes in favour", "nine against", "two abstentions", "88 abstaining"
_AFTER_DIRECT = re.compile(
    r"(?:\s+(?:other\s+)?" + _NOUN + r")?\s+(?:(?P<votes>(?:[\"“']?(?:yes|no|aye|nay)[\"”']?\s+)?(?:votes?|ballots?))\s+(?:were\s+)?(?:cast\s+)?)?"
    r"(?:(?P<side>in\s+favou?r|against|in\s+support|in\s+opposition)|(?P<for>for)(?=\s)|"
    r"(?P<abst>abstentions?|abstaining|abstained|abstainers))\b")
_AFTER_YESNO = re.compile(r"\s+[\"“']?(?P<yn>yes|no|aye|nay)[\"”']?\s+votes?\b")
# "two council members voted against", "Five countries -- A, B -- voted in favour", "three others abstained"
_AFTER_VERB = re.compile(
    r"(?:\s+(?:other|more|further|permanent|elected|non-permanent|council))?(?:\s+" + _NOUN + r")?"
    r"(?:\s+(?:of|on|in)\s+(?:the|its|their|all)(?:\s+[\w'’-]+){1,3}?)?" + _LIST_OPEN + r"?"
    r"(?:\s+(?:also|all|both|each|then|instead|had|have|narrowly))*"
    r"\s+(?:(?:voted|vote|votes|cast\s+(?:their\s+|its\s+)?votes?)\s+" + _SIDE_WORDS + r"|(?P<abst>abstained|abstaining)"
    r"|(?P<support>supported|backed|endorsed)\s+(?:it|the\s+\w+)|(?P<oppose>opposed|dissented)"
    r"|voted\s+to\s+(?P<toverb>reject|block|oppose|defeat|kill|scrap|\w+)"
    r"|were\s+(?P<were>in\s+favou?r|against|absent)|(?P<absent>did\s+not\s+vote|did\s+not\s+take\s+part|"
    r"were\s+absent|was\s+absent|did\s+not\s+participate|were\s+not\s+present))\b")
_BEFORE_LABEL = re.compile(r"(?i:\b(?:(?P<label>ayes|yeas|noes|nays)\s*[:,=-]?|(?P<colon>yes|no|abstentions|"
                           r"absent|in\s+favou?r|against)\s*[:=])\s*)$")
_REMAINING_BEFORE = re.compile(r"(?i:\b(?:the\s+)?(?:remaining|other|rest\s+of\s+the|last)\s+)$")
_PAIR_GAP = re.compile(r"\s+(?:votes?\s+)?to\s+$")
_PAIR_CONTEXT = re.compile(
    r"(?i:\b(?:by|voted|vote\s+of|votes?\s+of|passed|approved|adopted|rejected|defeated|carried|"
    r"margin\s+of|tally\s+of|split|ruled|decided|backed|endorsed|confirmed|won|lost|failed)"
    r"(?:\s+(?:a|an|the|by|of|vote|votes|margin|narrow|wide|lopsided|tally|count|\w+ly))*\s+)$")
_ABSTAIN_AFTER_PAIR = re.compile(r"\s*,?\s+with\s+(?P<n>\S+)\s+(?:abstentions?|abstaining)\b")

_SIDE_VERB = re.compile(
    r"\b(?:(?P<abst>abstained|abstaining)|(?P<absent>did\s+not\s+vote|did\s+not\s+take\s+part|"
    r"did\s+not\s+participate|was\s+absent|were\s+absent|stayed\s+away)"
    r"|(?:voted|voting|vote|votes|cast\s+(?:a|their|its)\s+(?:votes?|ballots?))\s+" + _SIDE_WORDS +
    r"|(?P<veto>vetoed|vetoes|blocked)"
    r"|(?:were|was)\s+among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:that|who|which)\s+voted\s+" + _SIDE_WORDS.replace("side", "aside") +
    r"|(?P<support>supported|backed)\s+(?:it|the\s+(?:[\w-]+\s+){0,2}(?:draft|resolution|measure|text|motion|bill|"
    r"proposal|amendment))|(?P<oppose>opposed)\s+(?:it|the\s+(?:[\w-]+\s+){0,2}(?:draft|resolution|measure|"
    r"text|motion|bill|proposal|amendment))"
    r"|joined\s+(?:by\s+)?(?P<joined>(?:[A-Z][\w'’.-]*\s?){1,4}(?:(?:,\s*|\s+and\s+)(?:the\s+)?(?:[A-Z][\w'’.-]*\s?){1,4})*)"
    r"\s*in\s+(?:voting\s+" + _SIDE_WORDS.replace("side", "jside") + r"|(?P<jabst>abstaining))"
    r"|(?:was|were)\s+the\s+only\s+(?:(?:\w+\s+){0,2}?)(?:to\s+)(?:vote\s+(?P<only>against|in\s+favou?r|for|no|yes)"
    r"|(?P<onlyabst>abstain)))\b")
MAX_SENTENCE = 3_000  # characters; longer "sentences" are not prose
MAX_VOTE_SENTENCES = 1_000  # far beyond any article; bounds the work on a hostile 2 MB input
_SUBJECT_REACH = 400  # how far back before a verb its subject list may start
_AS_DID = re.compile(r"\bas\s+did\s+")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+along\s+with\s+|"
                       r"\s+together\s+with\s+|\s*&\s+)")
_SUBJECT_GAP = re.compile(
    r"(?:\s*,\s*(?P<appos>(?:which|who|whose|both|two|three|four|five|six|seven|eight|nine|ten|all|the|a|an|"
    r"as|like|along|together|each|one|itself|permanent|its|their|long|traditionally|\d+)\b[^,;]{0,160}),)?"
    r"(?:\s*,\s*(?:which|who)\s+(?:was|were|had\s+been|has\s+been)\s*$)?"
    r"(?:\s+(?:also|all|both|each|then|had|have|has|instead|again|too|once\s+again|on\s+[A-Z]?\w+day|"
    r"last\s+\w+|this\s+\w+|subsequently|duly|promptly|swiftly|later|ultimately|eventually|alone|"
    r"themselves|itself|reportedly|meanwhile|however|predictably))*\s*$")

_OUTCOME = re.compile(
    r"(?i:\b(?:(?P<vetoed>vetoed|vetoes|vetoing|(?:went\s+down|fell)\s+to\s+(?:an?\s+)?(?:[A-Z]\w+\s+)?veto|"
    r"(?:its|their|a|the)\s+veto\s+(?:killed|sank|blocked|doomed|scuppered))"
    r"|(?P<failed>(?:was|were|is|are)\s+not\s+adopted|not\s+adopted|could\s+not\s+be\s+adopted|"
    r"failed\s+to\s+(?:pass|be\s+adopted|win|secure|get|garner|gain|obtain|muster|receive|achieve|reach|"
    r"clear|carry)|fell\s+short|(?:was\s+)?voted\s+down|went\s+down|failed|fails)(?!\s+to\b)"
    r"|(?P<rejected>rejected|defeated|rejects|defeats|rejecting|defeating)"
    r"|(?P<blocked>blocked|blocking)"
    r"|(?P<adopted>adopted|adopts|adopting)"
    r"|(?P<passed>passed|approved|approving|carried|passes|approves|confirmed|ratified|gave\s+(?:its\s+)?(?:final\s+)?"
    r"approval|voted\s+(?:[\w$.,-]+\s+){0,8}?to\s+(?:approve|pass|adopt|confirm|ratify|endorse))"
    r"(?!\s+(?:away|through|over|on|out|down)\b)"
    r"|(?P<backed>backed|endorsed|supported)))\b")
# "backed" is an outcome only when the body or its members did the backing ("MPs backed the bill")
_BODY_SUBJECT = re.compile(r"(?:House|Commons|Senate|Parliament|Assembly|Council|council|MPs|MEPs|lawmakers|"
                           r"legislators|senators|shareholders|members|delegates|voters|councillors)"
                           r"(?:\s+(?:on\s+\w+|narrowly|overwhelmingly|also|then|finally))*\s+$")
_PASSES = {"adopted": True, "passed": True, "rejected": False, "failed": False, "vetoed": False}
# adopted without a recorded vote: nothing to count
_NO_VOTE = re.compile(r"(?i:\bwithout\s+(?:a\s+)?(?:recorded\s+)?vote\b|\bby\s+(?:consensus|acclamation)\b)")
# the same pattern for lower-cased text, led by the letters its words start with
_OUTCOME_LOWER = re.compile(r"\b(?=[abcdefginprstvw])" + _OUTCOME.pattern.replace("(?i:", "(?:").replace("[A-Z]", "[a-z]"))
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_WEAK_OUTCOMES = {"backed", "endorsed", "supported"}
_OUTCOME_NORMAL = {"vetoed": "vetoed", "rejected": "rejected", "failed": "failed", "blocked": "failed",
                   "adopted": "adopted", "passed": "passed", "backed": "passed"}
_UNANIMOUS = re.compile(r"(?i:\bunanimous(?:ly)?\b|\bwithout\s+(?:a\s+single\s+)?(?:dissent|objection)\b)")
_ABSENCE = re.compile(r"(?i:\babsent\b|\bdid\s+not\s+(?:vote|take\s+part|participate)|\bnot\s+participating\b|"
                      r"\bnon-participation\b|\bboycott|\bvacan(?:t|cy|cies)\b|\bstayed\s+away\b|"
                      r"\bwas\s+not\s+present|\bwere\s+not\s+present|\babsence)")
_TIE_BREAK = re.compile(r"(?i:\btie[- ]?break|\bcasting\s+vote\b|\bbroke\s+(?:the|a)\s+(?:[\d-]+\s+)?tie\b|"
                        r"\bdeciding\s+vote\b|"
                        r"\bevenly\s+(?:split|divided)\b|\bequally\s+divided\b)")
_NEW_VOTE = re.compile(r"(?i:\b(?:second|another|separate|subsequent|later|earlier|procedural|final|third|"
                       r"fresh|new)\s+(?:vote|ballot|round)\b|\bin\s+a\s+(?:second|separate|later|subsequent)\b)")
# words that place a vote at another time or mark it as another one; with different figures they
# mean a new vote, not a misreported one
_LATER = re.compile(r"(?i:\b(?:earlier|later|then|afterwards|subsequently|before\s+that|after\s+that|"
                    r"further|another|previously|next\s+day|following\s+\w+|that\s+year|"
                    r"(?:a|one|two|three)\s+years?\s+(?:earlier|later|before|ago)|last\s+(?:year|month|week)|"
                    r"in\s+(?:1[89]|20)\d\d|the\s+previous\s+\w+|(?:second|third|fourth|fifth|final)\s+\w+)\b)")
_LATER_LOWER = re.compile(r"\b(?=[abefilnopst])" + _LATER.pattern.replace("(?i:", "(?:"))
_NOT_TALLY_BEFORE = re.compile(r"(?i:\b(?:majority|margin|short|shy|minimum|total|out\s+of|"
                               r"of\s+(?:the|its|their|all)(?:\s+[\w-]+['’]s)?)\s+(?:of\s+)?"
                               r"(?:only\s+|just\s+)?)$")
_WON_VOTES_BEFORE = re.compile(r"(?i:\b(?:won|winning|received|receiving|got|getting|garnered|garnering|"
                               r"secured|securing|drew|drawing|gained|gaining|obtained|attracted|mustered|"
                               r"gathered|gathering|had)\s+(?:only\s+|just\s+|the\s+support\s+of\s+)?)$")
_VOTES_AFTER = re.compile(r"\s+(?:votes?|ballots?)\b(?!\s+(?:against|to\b))")
_ZERO = re.compile(r"(?i:\b(?:none|nobody|no\s+one|no\s+(?:member|country|state|votes?))\s+(?:voted\s+|were\s+|was\s+)?"
                   r"(?P<side>against|in\s+favou?r|abstained|abstentions?)\b|\bno\s+(?P<abst>abstentions)\b"
                   r"|\bto\s+(?P<none>none|nil|zero)\b)")
_AMONG_VOTING = re.compile(r"(?i:\bamong\s+(?:those|the\s+\w+|them)\s+(?:voting|who\s+voted)\s+" + _SIDE_WORDS +
                           r"\s+(?:were|was|are)\s+)")
_SUPPORT_FROM = re.compile(r"(?i:\b(?:drew|drawing|won|winning|received|receiving|got|had|gained|attracted)\s+"
                           r"(?:the\s+)?(?:support|backing|votes?)\s+(?:only\s+|just\s+)?(?:from|of)\s+)")
# a capitalised group after a count ("101 Republicans", "20 Labour MPs"): a part of one side
_SUBGROUP_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?)?[A-Z][a-z]+(?:s\b|\s+(?:MPs|MEPs|members|senators|lawmakers|"
                             r"deputies|councillors|representatives)\b)")
_ANY_SIDE = re.compile(r"(?i:\s+\w+\s+voted\s+(?:yes|for|in\s+favou?r),?\s+(?:no|against)(?:,|\s+or)\b)")
_TIE_SCORE = re.compile(r"\s+(?:tie|split|deadlock)\b")
_PLURAL_SUBJECT = re.compile(r"(?i:\b(?:two|both|the)\s+(?:\w+\s+)?(?:texts|drafts|resolutions|measures|motions|bills)\b)")
_CLAUSE_SPLIT = re.compile(r"\s*(?:;\s*(?:but\s+|while\s+|whereas\s+)?|,\s*(?:but|while|whereas)\s+|"
                           r"\s+but\s+(?=[a-z]+\s|its\s|the\s))")
_DESCRIPTION = re.compile(
    r"\b(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+)?"
    r"(?P<mods>(?:(?:own|rival|competing|alternative|counter|original|first|second|third|new|revised|"
    r"amended|separate|[a-z]+ed|[A-Z][\w.]*(?:-[a-z]+)?|[a-z]+-(?:drafted|sponsored|backed|led|written|proposed|authored))"
    r"\s+){0,3})"
    r"(?P<noun>draft\s+resolutions?|draft\s+texts?|drafts?|resolutions?|measures?|texts?|proposals?|"
    r"motions?|bills?|amendments?|legislation|versions?|renewal|extension)\b"
    r"(?:\s+(?:(?:that\s+was\s+|which\s+was\s+)?(?:presented|proposed|drafted|put\s+forward|tabled|"
    r"sponsored|introduced|submitted|drawn\s+up|penned|circulated|authored|championed|prepared)\s+by\s+"
    r"(?P<by>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*)*)))?")
_DRAFT_WORD = re.compile(r"\b(?:draft|resolution|measure|text|proposal|motion|bill|amendment)\b")
_DEFINITE_BEFORE = re.compile(r"(?i:\b(?:the|this|that|its|it)\s)$")
# "the vote was 11-3", "the final tally": the same vote told again
_RESTATEMENT = re.compile(r"(?i:\bthe\s+(?:final\s+|official\s+|actual\s+)?(?:vote|tally|count|result|margin)\s+"
                          r"(?:was|stood|came|is|had\s+been)\b)")
_NOUN_CLASS = {"draft": "draft", "resolution": "draft", "measure": "draft", "text": "draft",
               "proposal": "draft", "version": "draft", "renewal": "draft", "extension": "draft", "motion": "motion", "bill": "bill", "legislation": "bill",
               "amendment": "amendment"}
_ORDINAL_MODS = {"first": 1, "second": 2, "third": 3}
_RIVAL_MODS = {"own", "rival", "competing", "alternative", "counter"}
_SIZE_ADJ = {"member", "seat", "nation", "strong", "country", "state", "justice", "judge", "person"}
_SIZE_PHRASE = re.compile(
    r"(?i:\b(?:all|its|the|their|of\s+the|council['’]s|assembly['’]s|chamber['’]s|court['’]s)\s+)$")
_SIZE_NOUN_AFTER = re.compile(r"\s+(?:members|member\s+states|seats|justices|senators|judges|nations|"
                              r"countries|representatives|MPs|MEPs)\b(?!\s+(?:who|that|which|voted|"
                              r"in\s+favou?r|against|abstain))")


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


# --- extraction ------------------------------------------------------------------------------------

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


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


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
        gap = _SUBJECT_GAP.match(text, candidates[-1].end, verb_start)
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
        sep = _LIST_SEP.fullmatch(text, m.end, names[0].start)
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
        if names and not _LIST_SEP.fullmatch(gap) or not names and gap.strip() not in ("", "the"):
            break
        names.append(m)
        pos = m.end
    return names


def _description(text: str, start: int, end: int, mentions: Mentions, refs: ReferenceIndex
                 ) -> Description | None:
    for m in _DESCRIPTION.finditer(text, start, end):
        if m.group("noun").endswith("s") and not m.group("noun").endswith("ss"):
            continue  # "earlier Syria texts": several drafts, not the one voted on
        noun = m.group("noun").split()[-1].lower().rstrip("s")
        noun = "draft" if m.group("noun").lower().startswith("draft") else noun
        cls = _NOUN_CLASS.get(noun, "draft")
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
        rival = any(w in _RIVAL_MODS for w in lowered)
        ordinal = next((_ORDINAL_MODS[w] for w in lowered if w in _ORDINAL_MODS), None)
        if not mods and not m.group("poss") and not m.group("by") and cls == "draft" \
                and noun in ("text",):
            continue  # a bare "text" is too often not a draft
        definite = bool(_DEFINITE_BEFORE.search(text, max(start, m.start() - 6), m.start())) and not m.group("poss")
        return Description(cls, sponsor, rival, ordinal, m.start(), m.end(), definite)
    return None


def _tallies(text: str, nums: Figures, cstart: int, cend: int, mentions: Mentions,
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
            if _TIE_SCORE.match(text, num.end):
                continue  # "broke a 50-50 tie": the split before the tie-break, not the result
            a, b = num.parts
            out.extend(_pair(text, a, b, num.start, num.end, cstart))
            used.add(num.start)
            continue
        count = _count(num)
        if count is None or _NOT_TALLY_BEFORE.search(text, max(cstart, num.start - 24), num.core_start) \
                or _SUBGROUP_AFTER.match(text, num.end) or _ANY_SIDE.match(text, num.end, cend):
            continue  # "101 Republicans voted yes" is a party's split; "voted yes, no or abstained" a turnout
        zero = re.compile(r"\s+(?:votes?\s+)?to\s+(?:none|nil|zero)\b").match(text, num.end, cend)
        if zero:
            out.append(Tally("yes", count, num.core_start, num.end, num.start, zero.end(), "pair"))
            out.append(Tally("no", 0, zero.end() - 4, zero.end(), num.start, zero.end(), "pair"))
            out.extend(_pair_abstentions(text, zero.end(), num.start))
            continue
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        if nxt is not None and _count(nxt) is not None and nxt.end <= cend and \
                _PAIR_GAP.fullmatch(text, num.end, nxt.start) and \
                _PAIR_CONTEXT.search(text, max(cstart, num.start - 60), num.start):
            out.extend(_pair(text, num, nxt, num.start, nxt.end, cstart))
            used.update((num.start, nxt.start))
            continue
        hedged = num.hedge != "exact"
        derived = "remaining" if _REMAINING_BEFORE.search(text, max(cstart, num.start - 24), num.start) else \
            "others" if re.compile(r"\s+others?\b").match(text, num.end) else None
        m = _AFTER_DIRECT.match(text, num.end, cend)
        if m and not (m.group("for") and not m.group("votes")):
            word = m.group("side") or m.group("abst") or m.group("for")
            yn = re.search(r"(yes|no|aye|nay)", m.group("votes") or "")
            side = _side(yn.group(1)) if yn and not m.group("side") and not m.group("abst") else _side(word)
            out.append(Tally(side, count, num.core_start, num.end, num.start, m.end(), derived, hedged))
            _paren_list(text, mentions, m.end(), cend, side, count, refs_named, lists)
            continue
        m = _AFTER_YESNO.match(text, num.end, cend)
        if m:
            out.append(Tally(_side(m.group("yn")), count, num.core_start, num.end, num.start, m.end(), derived, hedged))
            continue
        m = _AFTER_VERB.match(text, num.end, cend)
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
        label = _BEFORE_LABEL.search(text, max(cstart, num.start - 20), num.start)
        if label:
            out.append(Tally(_side(label.group("label") or label.group("colon")), count, num.core_start, num.end, label.start(),
                             num.end, derived, hedged))
            continue
        if _WON_VOTES_BEFORE.search(text, max(cstart, num.start - 40), num.start):
            votes = _VOTES_AFTER.match(text, num.end, cend)
            if votes:
                out.append(Tally("yes", count, num.core_start, num.end, num.start, votes.end(), derived, hedged))
    low = text[cstart:cend].translate(_ASCII_LOWER)
    zeros = _ZERO.finditer(text, cstart, cend) if _has(low, ("none", "nobody", "no ", "nil", "zero")) else ()
    for z in zeros:
        if z.group("none"):
            continue
        side = _side(z.group("side") or z.group("abst"))
        out.append(Tally(side, 0, z.start(), z.end(), z.start(), z.end()))
    return out


def _paren_list(text: str, mentions: Mentions, pos: int, end: int, side: str, count: int,
                named: list[NamedVoter], lists: list[ListClaim]) -> None:
    """'two against (Russia and Venezuela)': the names in brackets after a count."""
    m = _AFTER_LIST.match(text, pos, end)
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


_AFTER_LIST = re.compile(
    r"\s*(?:\((?P<p>[^()\n]{1,300})\)|(?:--|—|–)\s*(?P<d>[^—–\n]{1,300}?)\s*(?:--|—|–|$)"
    r"|(?:\s+(?:as\s+well|too|also))?\s*:\s*(?P<c>[^;.\n]{1,300})"
    r"|,?\s*(?P<partial>among\s+them|including|among\s+whom|notably)\s+)")


def _pair_abstentions(text: str, end: int, start: int) -> list[Tally]:
    """'..., with 88 abstentions' after a pair of figures."""
    m = _ABSTAIN_AFTER_PAIR.match(text, end)
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


def _named(text: str, mentions: Mentions, cstart: int, cend: int
           ) -> tuple[list[NamedVoter], list[ListClaim], list[Tally]]:
    named: list[NamedVoter] = []
    lists: list[ListClaim] = []
    tallies: list[Tally] = []
    last_side = None
    for v in _SIDE_VERB.finditer(text, cstart, cend):
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
        after = _AS_DID.search(text, v.end(), cend)
        if after and last_side:
            nxt = _SIDE_VERB.search(text, v.end(), cend)
            if nxt is None or nxt.start() > after.start():
                for n in _forward_list(text, mentions, after.end(), cend):
                    named.append(NamedVoter(n.entity.name, n.entity.iso3, last_side, n.start, n.end))
    low = text[cstart:cend].translate(_ASCII_LOWER)
    supports = _SUPPORT_FROM.finditer(text, cstart, cend) if _has(low, (" from ", " of ")) else ()
    for a in supports:  # "drew support only from China and Egypt"
        for n in _forward_list(text, mentions, a.end(), cend):
            named.append(NamedVoter(n.entity.name, n.entity.iso3, "yes", n.start, n.end))
    amongs = _AMONG_VOTING.finditer(text, cstart, cend) if "among" in low else ()
    for a in amongs:  # "Among those voting against were France and Japan"
        for n in _forward_list(text, mentions, a.end(), cend):
            named.append(NamedVoter(n.entity.name, n.entity.iso3, _side(a.group("side")), n.start, n.end))
    return named, lists, tallies


def size_statements(text: str, nums: list[Number], bodies: BodyMentions
                    ) -> list[tuple[str | None, int, int, int]]:
    """Sizes the article states: "the 15-member Security Council", "all 15 members" ->
    (body or None, seats, start, end)."""
    out = []
    for num in nums:
        if not isinstance(num.value, int) or num.kind != "number":
            continue
        if num.adjective and (num.unit or "").split("-")[0] in _SIZE_ADJ:
            body = bodies.first(num.end, num.end + 40)
            out.append((None if body == OTHER_BODY else body, num.value, num.start, num.end))
        elif _SIZE_PHRASE.search(text, max(0, num.start - 20), num.start):
            noun = _SIZE_NOUN_AFTER.match(text, num.end)
            if noun is None:
                continue
            of = re.compile(r"\s+of\s+(?:the\s+)?").match(text, noun.end())
            body = bodies.first(of.end(), of.end() + 2) if of else None
            if of and body in (None, OTHER_BODY):
                continue  # "all 50 members of the Democratic caucus" is not the chamber
            out.append((body, num.value, num.start, num.end))
    return out


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
    for sstart, send in sentences:
        context_body = last_body  # where the story stood before this sentence
        here = bodies.first(sstart, send)
        last_body = here if here not in (None, OTHER_BODY) else last_body
        if send - sstart > MAX_SENTENCE:
            continue  # not prose (a table or a run-on dump): no vote is read from it
        if not is_vote_text(text, sstart, send):
            if _DRAFT_WORD.search(text, sstart, send):
                found = _description(text, sstart, send, Mentions(find_mentions(text, sstart, send, refs)), refs)
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


def _second_tally(frag: Fragment) -> int | None:
    """Where a clause starts giving a second set of figures for a side it already counted."""
    seen: dict[str, int] = {}
    for tally in sorted(frag.tallies, key=lambda t: t.start):
        if tally.side in seen and seen[tally.side] != tally.count and tally.phrase_start > frag.start:
            return tally.phrase_start
        seen.setdefault(tally.side, tally.count)
    return None


def _fragment(text: str, cstart: int, cend: int, nums: Figures, mentions: Mentions,
              refs: ReferenceIndex, bodies: BodyMentions, sentence_body: str | None,
              part_of_vote_clause: bool = False) -> Fragment:
    """What one clause says about a vote. Rare features are looked for only when a keyword for
    them is in the clause: a substring test costs far less than a regex scan."""
    frag = Fragment(cstart, cend)
    low = " " + text[cstart:cend].translate(_ASCII_LOWER)  # same length: offsets carry over
    frag.absence = _has(low, _ABSENCE_KEYS) and bool(_ABSENCE.search(text, cstart, cend))
    frag.tie_break = _has(low, _TIE_KEYS) and bool(_TIE_BREAK.search(text, cstart, cend))
    if not part_of_vote_clause and not ((_has(low, _STRONG_KEYS) and VOTE_CUE.search(text, cstart, cend))
                                        or (_has(low, _WEAK_KEYS) and WEAK_CUE.search(text, cstart, cend))):
        return frag  # no vote word: at most an absence or a tie-break for the vote in progress
    named, lists, only = _named(text, mentions, cstart, cend)
    frag.named, frag.lists = named, lists
    frag.tallies = _tallies(text, nums, cstart, cend, mentions, frag.named, frag.lists) + only
    for out in _OUTCOME_LOWER.finditer(low, 1):  # on the lower-cased clause: twice as fast
        start, end = cstart + out.start() - 1, cstart + out.end() - 1
        if out.lastgroup == "backed" and not _BODY_SUBJECT.search(text, cstart, start):
            continue
        if _has(low, ("without", "consensus", "acclamation")) and _NO_VOTE.search(text, cstart, cend):
            break
        frag.outcome = (_OUTCOME_NORMAL[out.lastgroup], text[start:end], start, end)
        break
    frag.description = _description(text, cstart, cend, mentions, refs) if _has(low, _DRAFT_KEYS) else None
    frag.body = bodies.first(cstart, cend) or sentence_body
    frag.body_named = bodies.first(cstart, cend, proper_only=True) is not None
    frag.unanimous = _has(low, ("unanim", "without")) and bool(_UNANIMOUS.search(text, cstart, cend))
    frag.new_vote = _has(low, ("vote", "ballot", "round")) and bool(_NEW_VOTE.search(text, cstart, cend))
    frag.later = _has(low, _LATER_KEYS) and bool(_LATER_LOWER.search(low))
    frag.restatement = _has(low, _RESTATEMENT_KEYS) and bool(_RESTATEMENT.search(text, cstart, cend))
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


_LATER_KEYS = ("earlier", "later", "then", "afterwards", "subsequently", "before that", "after that", "further",
               "another", "previous", "next day", "following", "that year", "year", "last ", "in 1", "in 2",
               "second", "third", "fourth", "fifth", "final")
_DRAFT_KEYS = ("draft", "resolution", "measure", "text", "proposal", "motion", "bill", "amendment",
               "legislation", "version", "renewal", "extension")
_ABSENCE_KEYS = ("absent", "did not", "particip", "boycott", "vacan", "stayed away", "not present", "absence")
_TIE_KEYS = ("tie", "casting", "deciding", "evenly", "equally")
_RESTATEMENT_KEYS = ("vote was", "tally", "count", "result", "margin", "vote stood", "vote came", "vote is")


def _has(low: str, keys: tuple[str, ...]) -> bool:
    for key in keys:  # a plain loop: measured faster here than any() over a generator or a regex
        if key in low:
            return True
    return False


def _place(events: list[VoteEvent], frag: Fragment, current: VoteEvent | None,
           target_in_sentence: VoteEvent | None, text: str) -> tuple[VoteEvent | None, VoteEvent | None]:
    """Add a fragment to the event it continues, or start a new one; returns the new
    (current, target_in_sentence)."""
    if not frag.tallies and not frag.named and _PLURAL_SUBJECT.search(text, frag.start, frag.end):
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
