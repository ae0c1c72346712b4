"""Claims about the world that only a reference table can check, read from the text so that rules
never parse it: how many times a member has used its veto ("the fifth time that Russia used its
veto", "for the first time"), how long something has lasted ("the five-year war", "a 40-year-old
ban", "now in its 12th year"), and the subject words of a sentence, by which figures are matched to
facts ("the war in Syria, which has claimed 300,000 lives").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from verify.entities import Mention, find_mentions
from verify.numbers import Number
from verify.reference.index import ReferenceIndex
from verify.report.model import Claim
from verify.votes import MAX_SENTENCE

_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*|[A-Z]{2,}")  # words, and acronyms (UN, EU, NATO)
# words too common to tell one subject from another
_STOP = frozenset("""
the and for that with from this have has had was were are been its their his her which who whom
what when where while about into over after before since than then there these those they them
said says would could will also more most some such only other others being just very like
per cent percent time times year years people
""".split())


@dataclass(frozen=True, slots=True)
class VetoClaim:
    """'The fifth time that Russia used its veto [on Syria]': member, ordinal and the countries the
    sentence is about (the veto's subject, when the count is per subject)."""

    member: str  # ISO alpha-3
    member_name: str
    count: int
    start: int
    end: int
    topics: tuple[str, ...]  # canonical names of the other countries named in the sentence
    qualified: bool = False  # "for the first time since 1989", "the second time this year": not checked


@dataclass(frozen=True, slots=True)
class FigureSubject:
    """A count some fact may be about, with what its sentence is about: the subject words of the
    sentence, the words right around the figure ("300,000 people killed" vs "300,000 people fled")
    and the country named nearest to it ("about 100,000 died in the Bosnian war" is about Bosnia
    even in a sentence about Syria)."""

    claim: Claim
    number: Number
    words: frozenset[str]
    near: frozenset[str]
    nearest_country: str | None  # lower-cased canonical name


@dataclass(frozen=True, slots=True)
class Duration:
    """'The five-year war in Syria': `years` of the thing named by `nouns`, counted as `form` says,
    with the subject words to find what started when: the owner's when the phrase has one
    ("Lebanon's four-year crisis" is Lebanon's, whatever else the sentence names), else the
    sentence's."""

    years: int
    nouns: tuple[str, ...]
    form: str  # length ("five-year war"), age ("40-year-old ban"), ordinal ("in its 12th year")
    start: int
    end: int
    words: frozenset[str]


MAX_VETO_GAP = 60  # characters between an ordinal and the veto it counts
_TIME_AFTER = re.compile(r"\s+(?:that|straight|consecutive|successive|in\s+a\s+row|\s)*\s*time\b", re.I)
_VETO_WORD = re.compile(r"\bveto(?:ed|es|ing)?\b", re.I)
_FIRST_TIME = re.compile(r"\bfor\s+the\s+first\s+time\b", re.I)
_ITS_ORDINAL_VETO = re.compile(r"\b(?:its|their)\s+(?P<ord>\w+)\s+veto\b", re.I)
# a count within a period or a streak is another claim than the member's count to date
_QUALIFIED = re.compile(r"\b(?:since|this\s+(?:year|month|week|session)|in\s+(?:19|20)\d\d|in\s+(?:more\s+than\s+|"
                        r"over\s+|nearly\s+|almost\s+)?(?:a|an|\w+)\s+(?:years?|decades?|months?|weeks?|days?)\b|"
                        r"in\s+a\s+row|straight|consecutive|successive|under\s+(?:President|the)\b)", re.I)
# copy about a Security Council veto says so somewhere; a president's veto of a bill is another thing
_UN_CONTEXT = re.compile(r"Security Council|\bU\.?N\.?\b|United Nations|\bcouncil\b")
_DOMESTIC = re.compile(r"\b(?:[Pp]resident(?:ial)?|Congress|[Oo]verrid|[Gg]overnor|bill|[Ll]egislat|[Ss]enate)")
_CLAUSE_BREAKS = (";", ":", "(", ")", "—", "–", ", and ", ", but ", ", yet ", " while ", " whereas ",
                  " though ", " although ")
_BY_AGENT = re.compile(r"[^.;,]{0,30}?\bby\s+(?:the\s+)?")
MAX_SUBJECT_GAP = 25  # characters between the member and its veto ("Russia had used its veto")
_NOUNS_AFTER = re.compile(r"[ \t]+([a-z]{3,})\b(?:[ \t]+([a-z]{3,})\b)?")  # "war", "financial crisis"
_IN_ITS_YEAR = re.compile(r"(?:,\s*)?(?:now\s+|already\s+)?\bin\s+its\s+$", re.I)
_JOINT = re.compile(r"\s*(?:,|and|&)\s*(?:and\s+)?")
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z]+\s+)?")  # "Lebanon's ", "the Syrian ", "Syria's own "
_YEAR_AFTER = re.compile(r"\s+year\b", re.I)


def read_veto_claims(ctx) -> list[VetoClaim]:
    """The veto counts of a rule context's document (for `Context.extract`)."""
    if "veto" not in ctx.plain:
        return []
    return veto_claims(ctx.plain, ctx.sentences, ctx.numbers, ctx.refs, ctx.refs.veto_holders)


NEAR = 40  # characters either side of a figure that say what it counts


def read_figure_subjects(ctx) -> list[FigureSubject]:
    """Counts whose unit some fact is about (read only for those: most figures have none), with
    their sentence's subject (for `Context.extract`)."""
    units = ctx.records.fact_units
    out: list[FigureSubject] = []
    seen: dict[str, tuple[frozenset[str], list[Mention]] | None] = {}  # by sentence text: copy repeats
    for claim, num in zip(ctx.claims, ctx.numbers):
        if claim.unit not in units or claim.kind != "count":
            continue
        span = ctx.sentence_of(claim.start)
        if span is None:
            continue  # not in prose: no subject to speak of
        start, end = span
        sentence = ctx.plain[start:end]
        if sentence not in seen:
            plain_words = _words(sentence, 0, len(sentence))
            if plain_words.isdisjoint(ctx.records.fact_words):
                seen[sentence] = None  # no fact's keyword: no entity search for it
            else:
                mentions = find_mentions(sentence, 0, len(sentence), ctx.refs)
                seen[sentence] = (plain_words | {m.entity.name.lower() for m in mentions}, mentions)
        if seen[sentence] is None:
            continue
        words, mentions = seen[sentence]
        lo, hi = claim.start - start, claim.end - start
        nearest = min(mentions, key=lambda m: max(m.start - hi, lo - m.end, 0), default=None)
        near = _words(sentence, max(0, lo - NEAR), min(len(sentence), hi + NEAR))
        out.append(FigureSubject(claim, num, words, near, nearest.entity.name.lower() if nearest else None))
    return out


def read_durations(ctx) -> list[Duration]:
    """The durations of a rule context's document (for `Context.extract`)."""
    return durations(ctx.plain, ctx.sentences, ctx.numbers, ctx.refs)


def veto_claims(text: str, sentences: list[tuple[int, int]], numbers: list[Number],
                refs: ReferenceIndex, veto_holders: frozenset[str]) -> list[VetoClaim]:
    """Veto counts stated in the text, each with the member that used the veto: only in copy that
    speaks of the UN, and never in a sentence about a president's or a governor's veto."""
    out: list[VetoClaim] = []
    if not _UN_CONTEXT.search(text):
        return out
    ordinals = [n for n in numbers if n.kind == "ordinal" and isinstance(n.value, int)]
    starts = [n.start for n in ordinals]
    for start, end in sentences:
        if end - start > MAX_SENTENCE or "veto" not in text[start:end].lower():
            continue  # (a "sentence" longer than MAX_SENTENCE is not prose)
        if _DOMESTIC.search(text, start, end) and not _UN_CONTEXT.search(text, start, end):
            continue
        mentions = find_mentions(text, start, end, refs)
        for num in ordinals[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
            first = _FIRST_TIME.search(text, max(start, num.start - 12), min(end, num.end + 30))
            counted = _TIME_AFTER.match(text, num.end) or \
                _ITS_ORDINAL_VETO.search(text, max(start, num.start - 7), min(end, num.end + 7))
            if not counted and not (first and first.start() <= num.start < first.end()):
                continue
            veto = _nearest(_VETO_WORD.finditer(text, start, end), num.start)
            if veto is None or not _bound(text, num, veto):
                continue
            member = _member(text, mentions, veto, veto_holders)
            if member is None:
                continue
            topics = tuple(dict.fromkeys(m.entity.name for m in mentions
                                         if m.entity.iso3 != member.entity.iso3 and m.kind != "fuzzy"))
            reach = _clause_end(text, max(num.end, veto.end()), end)
            qualified = bool(_QUALIFIED.search(text, num.end, reach))
            out.append(VetoClaim(member.entity.iso3, member.entity.name, int(num.value), num.start, num.end,
                                 topics, qualified))
    return out


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause running at `pos` ends (a comma, a full stop or a break), within `end`."""
    stops = [i for i in (text.find(mark, pos, end) for mark in (",", ".", ";", ":")) if i >= 0]
    return min(stops, default=end)


def _bound(text: str, num: Number, veto: re.Match) -> bool:
    """Whether the ordinal counts the veto: close by, in the same clause ("the fifth time Russia used
    its veto", "vetoed for the fifth time"), not "met for the fifth time; Russia said it would veto"."""
    between = text[num.end:veto.start()] if veto.start() >= num.end else text[veto.end():num.start]
    return len(between) <= MAX_VETO_GAP and not any(mark in between for mark in _CLAUSE_BREAKS)


def _nearest(matches, pos: int) -> re.Match | None:
    return min(matches, key=lambda m: abs(m.start() - pos), default=None)


def _member(text: str, mentions: list[Mention], veto: re.Match, holders: frozenset[str]) -> Mention | None:
    """The veto holder that used the veto: named just before the veto word ("Russia used its veto",
    "Moscow's fifth veto", "Washington had vetoed") or after it as its agent ("vetoed by Russia");
    a holder named elsewhere in the sentence ("a U.S. department") is not the one."""
    eligible = [m for m in mentions if m.entity.name in holders]
    before = [m for m in eligible if m.end <= veto.start() and veto.start() - m.end <= MAX_SUBJECT_GAP
              and not any(mark in text[m.end:veto.start()] for mark in _CLAUSE_BREAKS)]
    if before:
        return before[-1]
    return next((m for m in eligible if m.start >= veto.end()
                 and _BY_AGENT.fullmatch(text, veto.end(), m.start)), None)


def durations(text: str, sentences: list[tuple[int, int]], numbers: list[Number],
              refs: ReferenceIndex) -> list[Duration]:
    """'n-year X', 'n-year-old X' and 'X, now in its nth year' phrases."""
    out: list[Duration] = []
    index = 0
    for start, end in sentences:
        while index < len(numbers) and numbers[index].start < start:
            index += 1
        if end - start > MAX_SENTENCE:
            continue
        words: frozenset[str] | None = None  # the sentence's subject words, read on first need
        j = index
        while j < len(numbers) and numbers[j].start < end:
            num = numbers[j]
            j += 1
            if not isinstance(num.value, int) or num.value <= 0:
                continue
            if num.kind == "number" and num.adjective and num.unit in ("year", "year-old"):
                after = _NOUNS_AFTER.match(text, num.end, end)
                if after is None:
                    continue
                nouns = tuple(n.lower() for n in after.groups() if n)
                form = "age" if num.unit == "year-old" else "length"
                owner = _owner(text, max(start, num.start - 40), num.start, refs)
                words = words or subject_words(text, start, end, refs)
                out.append(Duration(num.value, nouns, form, num.start, num.end, owner or words))
            elif num.kind == "ordinal" and _YEAR_AFTER.match(text, num.end) and \
                    (its := _IN_ITS_YEAR.search(text, max(start, num.start - 16), num.start)):
                phrase_start = max(start, text.rfind(",", start, its.start() - 1) + 1, text.rfind(";", start, its.start()) + 1)
                subject = _words(text, phrase_start, its.start())
                if not subject:
                    continue  # "Now in its 13th year, Syria's war ...": the subject comes later
                words = words or subject_words(text, start, end, refs)
                out.append(Duration(num.value, tuple(sorted(subject)), "ordinal", num.start, num.end, words))
    return out


def _owner(text: str, start: int, end: int, refs: ReferenceIndex) -> frozenset[str] | None:
    """The countries owning a phrase that starts at `end`: "Lebanon's four-year crisis", "the
    Syrian five-year war", "Iran and Iraq's eight-year war" -> their names, also as written; None
    without one."""
    mentions = find_mentions(text, start, end, refs)
    if not mentions or not _OWNER_GAP.fullmatch(text, mentions[-1].end, end):
        return None
    owners = [mentions[-1]]
    for m in reversed(mentions[:-1]):  # "Iran and Iraq's": a joint owner
        if not _JOINT.fullmatch(text, m.end, owners[-1].start):
            break
        owners.append(m)
    return frozenset(name for m in owners
                     for name in (m.entity.name.lower(), m.text.lower().removesuffix("'s").removesuffix("’s")))


def subject_words(text: str, start: int, end: int, refs: ReferenceIndex) -> frozenset[str]:
    """The lower-cased content words of text[start:end] and the countries it names or implies, the
    way facts are keyed: 'the Syrian war, which has claimed 300,000 lives' -> {syrian, war,
    claimed, lives, syria}."""
    return _words(text, start, end) | {m.entity.name.lower() for m in find_mentions(text, start, end, refs)}


def _words(text: str, start: int, end: int) -> frozenset[str]:
    """Lower-cased content words and acronyms ("UN" counts, "un" does not)."""
    out = set()
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if word.isupper() or (len(word) > 2 and word.lower() not in _STOP):
            out.add(word.lower())
    return frozenset(out)
