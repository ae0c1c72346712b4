"""Changes, rankings and repeated counts, read from the text so that the A2xx rules never parse it.

- `read_changes`: a figure said to move from one value to another ("rose from 4.2% to 5.1%",
  "fell by 12 per cent to $4.5bn from $5.1bn", "6.5%, up from 5.2%") with what the text says about
  the move: its direction, a stated difference ("an increase of 1.1 points", "up 20%") or a factor
  ("doubled", "more than tripled", "halved").
- `read_superlatives`: a figure called the highest or lowest of a list, with the figures of the same
  unit listed beside it ("Ohio had the highest turnout, 72%, ahead of Iowa (75%)").
- `read_tolls`: how many people are dead, missing or injured ("5 missing", "a death toll of 4,210",
  "nearly 3,000 died in Hatay and 900 others in Adana"), with what tells one subject from another.
- `change_intervals`: the intervals of a change's two figures, read at one precision
  (`verify.intervals.copy_interval` for one figure).

Every reader starts from the figures (at most verify.numbers.MAX_ATOMS of them), skips a document
without its keywords ("from", "highest", "missing", ...) at once, and looks at a few words around a
figure, within one sentence of at most MAX_SENTENCE characters, for at most MAX_CANDIDATES phrases:
the work is linear in the length of the text, and no pattern here can backtrack (each token pattern
repeats a group that must start with a separator).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from verify.claims import unit_of
from verify.intervals import Interval, copy_interval, literal, scale
from verify.numbers import MONTHS, TIME_UNITS, WEEKDAYS, Number
from verify.scan import alternation, ascii_lower, starts_word

if TYPE_CHECKING:
    from verify.rules.base import Context

_T = TypeVar("_T")

# --- what the text says -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """A figure said to move from `before` to `after`, and what the text says about the move.

    direction: "up" or "down" from the word that says so (`cue`: "rose", "fell", "an increase",
    "down from"), None when no word does. `stated` is a stated difference, written (`stated_as`)
    as percentage points ("points"), as a percent change ("percent") or in the figures' own units
    ("amount"). `factor` is 2 for "doubled", 3 for "tripled", 0.5 for "halved", with its hedge
    (`factor_hedge`: exact, over for "more than doubled", nearly, about, under).
    """

    start: int
    end: int
    before: Number
    after: Number
    direction: str | None = None
    cue: str | None = None
    stated: Number | None = None
    stated_as: str | None = None
    factor: float | None = None
    factor_word: str | None = None
    factor_hedge: str = "exact"


@dataclass(frozen=True, slots=True)
class Superlative:
    """A figure called the highest (`top`) or lowest of a list, and the `others` listed with it in
    the same sentence and unit (names, the unit and "ahead of", "compared with" between them)."""

    start: int
    end: int
    word: str  # "highest", "lowest", ... as written
    top: bool
    figure: Number
    others: tuple[Number, ...]


@dataclass(frozen=True, slots=True)
class Toll:
    """How many people are in a state ("5 missing", "a death toll of 4,210"), and what tells one
    subject from another: who (`noun`), where (`places`, capitalised names after "in", "at",
    "near"), when (`when`: weekdays, months and years in the sentence).

    A breakdown completed by "others" ("nearly 3,000 died in Hatay and 900 others in Adana") gives
    one toll whose `figures` are its parts, to be summed; its parts are `part` tolls, as are
    "another 3", "two other people" and any of several counts of one state in a sentence.
    `revised` marks a sentence that speaks of a change over time or another event ("rose to",
    "earlier", "had been", "initially", "a separate attack"): two such figures may both be right.
    """

    start: int
    end: int
    status: str  # dead | missing | injured
    noun: str  # "people" when none is written ("5 missing")
    figures: tuple[Number, ...]
    places: frozenset[frozenset[str]]  # one set of capitalised words per place named
    when: frozenset[str]
    sentence: tuple[int, int]
    part: bool = False
    revised: bool = False


# --- intervals ----------------------------------------------------------------------------------

# Phrases each reader looks at closely per document. News copy has a handful per article; a 2 MB
# text made of nothing else is read up to here and no further, which bounds the worst case.
MAX_CANDIDATES = 1_000


def change_intervals(change: Change) -> tuple[Interval, Interval] | None:
    """The intervals of a change's two figures, read at one precision: "from 1,000 to 1,450" is
    written to tens, so its "1,000" is not 500 to 1,500 but 995 to 1,005; "5%" beside "5.25%" is
    4.995 to 5.005."""
    a, b = copy_interval(change.before), copy_interval(change.after)
    if a is None or b is None:
        return None
    if change.before.hedge != "exact" or change.after.hedge != "exact" or "range" in (
            change.before.kind, change.after.kind):
        return a, b
    return _capped(change.before, a, b), _capped(change.after, b, a)


def _capped(num: Number, mine: Interval, theirs: Interval) -> Interval:
    """`mine`, no wider than the rounding of its partner's interval `theirs`."""
    own, other = (mine.high - mine.low) / 2, (theirs.high - theirs.low) / 2
    if own <= other or "." in literal(num):
        return mine
    if other == 0 and num.kind == "percent":
        return mine  # "from 4% to 5%": both whole, neither says more
    value = float(num.value)
    return Interval(value - other, value + other)


_DIGITS = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


# --- shared reading -----------------------------------------------------------------------------

def lowered(ctx: Context) -> str:
    """The text lower-cased with every offset kept, shared by the readers."""
    return ascii_lower(ctx.plain)


def _in_prose(ctx: Context, candidates: Iterable[tuple[int, _T]]) -> Iterator[tuple[int, _T, tuple[int, int]]]:
    """(offset, item, sentence) for each candidate whose offset lies in a prose sentence, at most
    MAX_CANDIDATES of them: the bound on hostile input, counting only what is read closely."""
    budget = MAX_CANDIDATES
    for offset, item in candidates:
        span = ctx.sentence_of(offset)
        if span is None:
            continue
        budget -= 1
        if budget < 0:
            return
        yield offset, item, span


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures the readers see: the document's, with a range that follows a change word split
    in two ("rose 5% to 1,200" is a change of 5% to 1,200, not a range), and the unit each counts."""

    nums: tuple[Number, ...]
    units: tuple[str | None, ...]
    starts: tuple[int, ...]
    plain: str
    low: str  # `plain` lower-cased, same offsets


def figures(ctx: Context) -> Figures:
    """The document's figures as the readers see them (computed once per document)."""
    low = ctx.extract(lowered)
    nums: list[Number] = []
    units: list[str | None] = []
    for num, claim in zip(ctx.numbers, ctx.claims):
        if num.kind == "range" and len(num.parts) == 2 and " to " in num.text and (
                (_word_before(low, num.start) in _SPLIT_AFTER and not num.text.lower().startswith("between"))
                or _year_then_count(num)):
            year_first = _year_then_count(num)
            for part in num.parts:
                if year_first and part is num.parts[0]:
                    part = replace(part, kind="year", unit=None, value=int(part.text))
                elif _PLAIN.fullmatch(part.text):  # the range lent it the other part's unit
                    part = replace(part, kind="number", unit=None)
                nums.append(part)
                units.append(unit_of(ctx.plain, part))
            continue
        nums.append(num)
        units.append(claim.unit)
    return Figures(tuple(nums), tuple(units), tuple(n.start for n in nums), ctx.plain, low)


def _year_then_count(num: Number) -> bool:
    """ "from 560,000 in 2019 to 440,000": a year, then the next figure of a change, not a range."""
    a, b = num.parts
    return bool(_YEAR.fullmatch(a.text)) and "," in b.text


_YEAR = re.compile(r"1[89][0-9]{2}|20[0-9]{2}")
_PLAIN = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")
_TOKEN = re.compile(r"[a-z]+(?:['’.-][a-z]+)*|[0-9]+|[,;:()\[\]–—%$£€]")  # on the lower-cased text


class _Item(NamedTuple):
    """A word, a mark or a figure, in text order (a tuple: windows are read by the thousand)."""

    text: str  # the word lower-cased, the mark, or "" for a figure
    start: int
    end: int
    fig: int = -1  # index into Figures.nums
    capital: bool = False

    @property
    def is_fig(self) -> bool:
        return self.fig >= 0


def _items(figs: Figures, start: int, end: int) -> list[_Item]:
    """Words, marks and figures of the text in [start, end) (a window of a sentence, a few words)."""
    out: list[_Item] = []
    plain, low, starts = figs.plain, figs.low, figs.starts
    i = bisect.bisect_left(starts, start)
    pos = start
    while pos < end:
        nxt = starts[i] if i < len(starts) else end
        for m in _TOKEN.finditer(low, pos, min(nxt, end)):
            a = m.start()
            out.append(_Item(m.group(), a, m.end(), -1, plain[a].isupper()))
        if nxt >= end:
            break
        num = figs.nums[i]
        if num.end > end:
            break
        out.append(_Item("", num.start, num.end, i))
        pos = num.end
        i += 1
    return out


def _word_before(low: str, pos: int) -> str:
    """The word just before `pos` (spaces skipped), lower-cased; '' if none within 30 characters."""
    j = pos
    floor = max(0, pos - 30)
    while j > floor and low[j - 1] in " \u00a0\t":
        j -= 1
    k = j
    while k > floor and low[k - 1].isalpha():
        k -= 1
    return low[k:j]


# --- changes ------------------------------------------------------------------------------------

UP = frozenset("""
rose risen rise rises rising increased increase increases increasing grew grown grow grows growing
climbed climb climbs climbing jumped jump jumps jumping soared soar soars soaring surged surge surges
surging gained gain gains gaining up swelled swell expanded expand rebounded advanced leapt leaped
spiked raised raise raises raising boosted lifted hiked hike widened extended accelerated quickened
""".split())
DOWN = frozenset("""
fell fallen fall falls falling dropped drop drops dropping declined decline declines declining
decreased decrease decreases decreasing shrank shrunk shrink shrinks shrinking slid slide slides
sliding slumped slump slumps plunged plunge plummeted tumbled sank sunk dipped dip eased down cut
cuts cutting reduced reduce reduces reducing reduction slashed contracted lowered trimmed narrowed
slowed slowing slows cooled moderated softened retreated
""".split())
FACTORS = {"doubled": 2.0, "doubling": 2.0, "doubles": 2.0, "double": 2.0, "tripled": 3.0,
           "tripling": 3.0, "triples": 3.0, "triple": 3.0, "trebled": 3.0, "trebling": 3.0,
           "quadrupled": 4.0, "quadrupling": 4.0, "halved": 0.5, "halving": 0.5, "halves": 0.5}
CHANGE_NOUNS = {"increase": "up", "rise": "up", "jump": "up", "gain": "up", "growth": "up", "climb": "up",
                "surge": "up", "hike": "up", "drop": "down", "fall": "down", "decline": "down",
                "decrease": "down", "reduction": "down", "cut": "down", "loss": "down", "slide": "down",
                "dip": "down", "slump": "down", "plunge": "down", "change": None, "difference": None,
                "swing": None}
CHANGE_KINDS = frozenset({"number", "percent", "money", "fraction"})
_SPLIT_AFTER = (UP | DOWN | {"by"}) - {"up", "down"}  # "rose 5% to 1,200": a change, not a range
# "anywhere from 10 to 20", "on a scale from 1 to 10": ranges, not changes
_RANGE_WORDS = frozenset("""anywhere ranging range ranges ranged varying vary varies varied scale aged
ages between spanning span""".split())
_NEGATIONS = frozenset("not never no didn't don't doesn't won't wouldn't failed fail hardly".split())
# words that end the search for a change's verb: another clause or another figure's business
_STOPS = frozenset("""and but while which that who whereas though although as when after before than
or whose where if because since""".split()) | _NEGATIONS
_FILLER = frozenset("""sharply slightly steadily again back further still yet a the its their in on at
over during last this that year years month months week weeks quarter quarters day days
by only just about some modestly significantly markedly gradually rapidly nearly almost""".split())
_FILLER = _FILLER | frozenset(MONTHS) - {"may"}
# a figure's rank, not its size: "fell from 5 to 12 in the rankings"
_RANK_WORDS = frozenset("place places position positions rank ranks ranking rankings spot seed table league chart charts".split())
_FACTOR_HEDGES = {("more", "than"): "over", ("at", "least"): "over", ("well", "over"): "over",
                  ("less", "than"): "under", ("just", "under"): "nearly", ("close", "to"): "nearly"}
_FACTOR_HEDGE_WORDS = {"nearly": "nearly", "almost": "nearly", "roughly": "about", "about": "about",
                       "around": "about", "approximately": "about", "some": "about", "over": "over",
                       "effectively": "exact", "more": "over"}
# words that introduce a duration, not a stated change: "doubled in ten years", "over five months"
_DURATION_WORDS = frozenset("in over for after within during across".split())
_DURATION_FILLER = frozenset("the past last next first previous following".split())
_BACK = 60  # characters read before a change for its verb and stated difference
_AHEAD = 70  # characters read after it for "an increase of ..."


def read_changes(ctx: Context) -> tuple[Change, ...]:
    """Every change in the text (computed once per document, for the rules that ask). Read from
    each figure just after "from": the figures are bounded (verify.numbers.MAX_ATOMS), the word is
    not, and at most MAX_CANDIDATES are looked at closely."""
    low = ctx.extract(lowered)
    if "from" not in low:  # most articles: no need to look at their figures
        return ()
    figs = ctx.extract(figures)
    out: list[Change] = []
    seen: set[tuple[int, int]] = set()
    candidates = ((num.start, i) for i, num in enumerate(figs.nums) if num.kind in CHANGE_KINDS
                  and low.endswith(_FROM, 0, num.start) and starts_word(low, num.start - 5))
    for start, i, span in _in_prose(ctx, candidates):
        change = _change_at(ctx, figs, low, start - 5, i, span)
        if change is not None and (change.before.start, change.after.start) not in seen:
            seen.add((change.before.start, change.after.start))
            out.append(change)
    return tuple(out)


_FROM = ("from ", "from\u00a0")


def _change_at(ctx: Context, figs: Figures, low: str, pos: int, i: int,
               span: tuple[int, int]) -> Change | None:
    """The change around "from" at `pos`, whose figure is figs.nums[i], if the words make one."""
    if _word_before(low, pos) in _RANGE_WORDS:
        return None
    a = figs.nums[i]
    back = _items(figs, max(span[0], pos - _BACK), pos)
    b_index, phrase_start, phrase_end, direction, cue, stated = -1, pos, a.end, None, None, None
    # "from A to B"
    ahead = _items(figs, a.end, min(span[1], a.end + 60))
    for k, item in enumerate(ahead[:8]):
        if item.is_fig:
            if figs.nums[item.fig].kind in ("year", "date"):
                continue
            if k and ahead[k - 1].text == "to" and item.fig != i:
                b_index, phrase_end = item.fig, item.end
            break
        if item.text in (";", ":", "(", ")", "and", "but", "while", "or", "from", "by") or item.text.isdigit():
            break
    if b_index < 0 and back:
        b_index, phrase_start, direction, cue, stated = _before_from(figs, back, i)
        phrase_end = a.end
    if b_index < 0:
        return None
    b = figs.nums[b_index]
    if b.kind not in CHANGE_KINDS:
        return None
    pair = _pair(ctx, figs, a, i, b, b_index)
    if pair is None:
        return None
    a, b = pair
    before = back if phrase_start == pos else _items(figs, max(span[0], phrase_start - _BACK), phrase_start)
    own_unit = figs.units[i] or figs.units[b_index]  # "from 30 to 44 days"
    verb = _verb_before(figs, before, _is_time(own_unit))
    if verb is None:
        return None  # negated: "did not fall from 5% to 4%"
    v_dir, v_cue, v_start, v_stated, factor, factor_word, factor_hedge = verb
    after_items = _items(figs, phrase_end, min(span[1], phrase_end + _AHEAD))
    if any(it.text in _RANK_WORDS for it in after_items[:4]):
        return None
    noun = _stated_after(figs, after_items)
    n_dir, n_cue, n_stated, n_factor, n_factor_word, n_hedge, n_end = noun
    if cue is None:
        direction, cue = v_dir, v_cue
    if direction is None:
        direction, cue = n_dir, n_cue
    elif n_dir is not None and n_dir != direction:
        n_stated = None  # "fell from 9 to 12, an increase of 3": the verb is checked, not the sum
    stated = next((x for x in (stated, v_stated, n_stated) if x is not None), None)
    if factor is None and n_factor is not None:
        factor, factor_word, factor_hedge = n_factor, n_factor_word, n_hedge
    if factor is not None and direction is None:
        direction = "up" if factor > 1 else "down"
    stated_num, stated_as = _stated_reading(ctx, figs, stated, a, own_unit) if stated is not None \
        else (None, None)
    start = min(phrase_start, v_start if v_start >= 0 else phrase_start)
    end = max(phrase_end, n_end)
    return Change(start, end, a, b, direction, cue, stated_num, stated_as, factor, factor_word, factor_hedge)


def _before_from(figs: Figures, back: list[_Item], ia: int):
    """B for "to B from A", "B, up from A" and "B, up D from A", read backwards from "from":
    (index of B, where the phrase starts, direction, cue, index of D). B of "up from A" is the
    figure the sentence is about: in "42.3% of the 243,500 voters, up from 38.9%" it is 42.3%, of
    A's kind, not the count the share is taken of."""
    none = (-1, 0, None, None, None)
    k = len(back) - 1
    direction = cue = stated = None
    if back[k].is_fig and k >= 1 and back[k - 1].text in ("up", "down"):  # "up 20% from": D
        stated = back[k].fig
        k -= 1
    elif back[k].text in ("point", "points") and k >= 2 and back[k - 1].is_fig \
            and back[k - 2].text in ("up", "down"):
        stated = back[k - 1].fig  # "up 0.9 points from"
        k -= 2
    if back[k].text in ("up", "down"):
        direction, cue = back[k].text, back[k].text + " from"
        k -= 1
        if k >= 0 and back[k].text == ",":
            k -= 1
    elif stated is not None:
        return none
    skipped = 0
    while k >= 0 and skipped <= 4:
        item = back[k]
        if item.is_fig:
            if figs.nums[item.fig].kind in ("year", "date"):
                k -= 1
                skipped += 1
                continue
            if direction is None and not (k >= 1 and back[k - 1].text == "to"):
                return none
            if direction is not None:
                k = _share_of(figs, back, k, ia)
                return back[k].fig, back[k].start, direction, cue, stated
            return item.fig, back[k - 1].start, direction, cue, stated
        if item.text in _STOPS or item.text in (";", ":", "(", ")") or item.text.isdigit():
            return none
        k -= 1
        skipped += 1
    return none


def _share_of(figs: Figures, back: list[_Item], k: int, ia: int) -> int:
    """The item of the share in "42.3% of the 243,500 voters" when back[k] is the count and A
    (figs.nums[ia]) is of the share's kind and unit; k itself otherwise."""
    a, count = figs.nums[ia], figs.nums[back[k].fig]
    if count.kind == a.kind and count.unit == a.unit:
        return k
    j = k - 1
    if j >= 0 and back[j].text in ("the", "its", "their", "all", "a", "an"):
        j -= 1
    if j >= 1 and back[j].text == "of" and back[j - 1].is_fig:
        share = figs.nums[back[j - 1].fig]
        if share.kind == a.kind and share.unit == a.unit:
            return j - 1
    return k


def _pair(ctx: Context, figs: Figures, a: Number, ia: int, b: Number, ib: int
          ) -> tuple[Number, Number] | None:
    """A and B as one kind of figure ("from 5 to 7 per cent": both percentages; "from 1.2 to 2.5
    million": both millions), or None when they count different things."""
    if a.kind != b.kind:
        if a.kind == "number" and b.kind in ("percent", "money") and _PLAIN.fullmatch(a.text) \
                and not figs.units[ia]:
            a = replace(a, kind=b.kind, unit=b.unit)
        elif b.kind == "number" and a.kind in ("percent", "money") and _PLAIN.fullmatch(b.text) \
                and not figs.units[ib]:
            b = replace(b, kind=a.kind, unit=a.unit)
        elif {a.kind, b.kind} != {"number", "fraction"}:
            return None
    elif a.kind in ("percent", "money") and a.unit != b.unit:
        return None
    ua, ub = figs.units[ia], figs.units[ib]
    if a.kind == "number" and ua and ub and ua != ub:
        return None
    sa, sb = scale(a), scale(b)
    if sb > 1 and sa == 1 and not a.spelled and isinstance(a.value, (int, float)) \
            and a.value * sb <= abs(b.value) * 20:
        a = replace(a, value=a.value * sb)  # "from 1.2 to 2.5 million": 1.2 million
    elif sa > 1 and sb == 1 and not b.spelled and isinstance(b.value, (int, float)) \
            and b.value * sa <= abs(a.value) * 20:
        b = replace(b, value=b.value * sa)
    if not all(isinstance(n.value, (int, float)) and not isinstance(n.value, bool) for n in (a, b)):
        return None
    return a, b


def _verb_before(figs: Figures, back: list[_Item], timed: bool = False):
    """What the words before a change say, read backwards: (direction, cue, cue start, index of a
    stated difference, factor, factor word, factor hedge); None when a negation voids the change.
    A duration ("doubled in ten years", "rose 3% over the past five months") is passed over, never
    a stated difference; `timed` says the change's own figures count time ("from 30 to 44 days")."""
    direction = cue = stated = factor = factor_word = None
    hedge, start = "exact", -1
    k = len(back) - 1
    steps = 0
    unknown = 2  # words that are none of these: "raised interest rates by 0.25 per cent"
    while k >= 0 and steps < 8:
        item = back[k]
        word = item.text
        if item.is_fig:
            kind = figs.nums[item.fig].kind
            if kind in ("year", "date"):
                k, steps = k - 1, steps + 1
                continue
            duration = _duration_start(figs, back, k, timed)
            if duration is not None:
                steps += k - duration + 1
                k = duration - 1
                continue
            if stated is not None or kind not in CHANGE_KINDS | {"range"}:
                break
            stated = item.fig
        elif word in FACTORS:
            factor, factor_word, start = FACTORS[word], word, item.start
            direction, cue = ("up" if factor > 1 else "down"), word
            hedge, start = _factor_hedge(back, k, start)
            break
        elif word in UP or word in DOWN:
            direction, cue, start = ("up" if word in UP else "down"), word, item.start
            break
        elif word in ("point", "points", "percentage", "basis") or word in _FILLER or item.capital:
            pass
        elif word == "," and steps == 0:
            pass
        elif unknown and word.isalpha() and word not in _STOPS and word not in _RANGE_WORDS \
                and not word.endswith("ed"):  # a verb we do not know ("stabilised") governs the figures
            unknown -= 1
        else:
            break
        k, steps = k - 1, steps + 1
    if direction is None:
        stated = None  # a figure before "from" with no verb is not a stated difference
    elif any(it.text in _NEGATIONS or it.text.endswith("n't") for it in back[max(0, k - 3):k]):
        return None
    return direction, cue, start, stated, factor, factor_word, hedge


def _duration_start(figs: Figures, back: list[_Item], k: int, timed: bool) -> int | None:
    """Where the duration whose figure is back[k] starts ("in ten years", "over the past 5
    months", "six months"), or None when the figure may be a stated difference."""
    j = k - 1
    while j >= 0 and back[j].text in _DURATION_FILLER:
        j -= 1
    if j >= 0 and back[j].text in _DURATION_WORDS:
        return j
    if _is_time(figs.units[back[k].fig]) and not timed and not (j >= 0 and back[j].text in ("by", "up", "down")):
        return k
    return None


def _factor_hedge(back: list[_Item], k: int, start: int) -> tuple[str, int]:
    """The hedge before a factor word: "more than doubled", "nearly tripled"."""
    if k >= 2 and not back[k - 1].is_fig and not back[k - 2].is_fig:
        pair = (back[k - 2].text, back[k - 1].text)
        if pair in _FACTOR_HEDGES:
            return _FACTOR_HEDGES[pair], back[k - 2].start
    if k >= 1 and back[k - 1].text in _FACTOR_HEDGE_WORDS:
        return _FACTOR_HEDGE_WORDS[back[k - 1].text], back[k - 1].start
    return "exact", start


def _stated_after(figs: Figures, ahead: list[_Item]):
    """A stated difference or factor after a change: ", an increase of 1.1 points", ", up 20%",
    ", or 21%", "- a 50% rise", ", more than doubling". Returns (direction, cue, index of D,
    factor, factor word, factor hedge, end)."""
    none = (None, None, None, None, None, "exact", -1)
    k = 0
    # the rest of the phrase: a unit, "in 2023", "a year earlier"
    while k < len(ahead) and k < 5 and not ahead[k].is_fig and ahead[k].text not in (",", "–", "—", "(", "-") \
            and (ahead[k].text in _FILLER or ahead[k].capital or ahead[k].text in ("earlier", "ago", "later")
                 or k == 0):
        k += 1
    while k < len(ahead) and ahead[k].is_fig and figs.nums[ahead[k].fig].kind in ("year", "date"):
        k += 1
    if k >= len(ahead) or ahead[k].text not in (",", "–", "—", "(", "-"):
        return none
    rest = ahead[k + 1:k + 8]
    if not rest:
        return none
    words = [it.text for it in rest]
    j = 0
    if words[0] in ("or", "up", "down"):  # ", or 21%", ", up 20%"
        if len(rest) > 1 and rest[1].is_fig:
            direction = None if words[0] == "or" else words[0]
            return direction, words[0] if direction else None, rest[1].fig, None, None, "exact", \
                _stated_end(rest, 1)
        return none
    hedge = "exact"
    if len(words) > 1 and (words[0], words[1]) in _FACTOR_HEDGES:
        hedge, j = _FACTOR_HEDGES[(words[0], words[1])], 2
    elif words[0] in _FACTOR_HEDGE_WORDS:
        hedge, j = _FACTOR_HEDGE_WORDS[words[0]], 1
    if j < len(words) and words[j] in FACTORS and words[j].endswith("ing"):
        factor = FACTORS[words[j]]
        return ("up" if factor > 1 else "down"), words[j], None, factor, words[j], hedge, rest[j].end
    j = 1 if words[0] in ("a", "an") else 0
    if j < len(rest) and rest[j].is_fig:  # "a 50% increase", "a 1.1-point rise", "a 0.9 percentage point rise"
        n = j + 1
        while n < len(words) and n <= j + 3 and words[n] in ("point", "points", "percentage", "percentage-point",
                                                             "per", "cent", "basis"):
            n += 1
        noun = words[n] if n < len(words) else ""
        if noun in CHANGE_NOUNS:
            return CHANGE_NOUNS[noun], noun, rest[j].fig, None, None, "exact", rest[n].end
        return none
    if j < len(words) and words[j] in CHANGE_NOUNS and j + 2 < len(rest) and words[j + 1] == "of" \
            and rest[j + 2].is_fig:  # "an increase of 1.1 points"
        return CHANGE_NOUNS[words[j]], words[j], rest[j + 2].fig, None, None, "exact", _stated_end(rest, j + 2)
    return none


def _stated_end(rest: list[_Item], k: int) -> int:
    end = rest[k].end
    if k + 1 < len(rest) and rest[k + 1].text in ("point", "points"):
        end = rest[k + 1].end
    return end


def _stated_reading(ctx: Context, figs: Figures, index: int, a: Number, unit: str | None = None
                    ) -> tuple[Number | None, str | None]:
    """The stated difference and how it is written: "points" (percentage points, or index points
    for other figures), "percent" (a percent change) or "amount" (in the figures' units). Basis
    points become points (25 basis points = 0.25 points). A count of time ("ten years") is a
    difference only of figures that count time (`unit`, the unit of A)."""
    d = figs.nums[index]
    if not isinstance(d.value, (int, float)) or d.kind not in CHANGE_KINDS or d.hedge == "at_most":
        return None, None
    if _is_time(figs.units[index]) and not _is_time(unit):
        return None, None
    after = ctx.plain[d.end:d.end + 24].lower()
    word = after.lstrip(" -\u00a0")
    text = d.text.lower()
    if "basis" in text or "bps" in text or word.startswith(("basis point", "bps")):
        return replace(d, value=d.value / 100, kind="percent", unit="points"), "points"
    if d.kind == "percent":
        if d.unit == "points" or "point" in text:
            return d, "points"
        return d, "percent"
    if d.unit in ("point", "points") or word.startswith(("point", "percentage point", "percentage-point")):
        return replace(d, kind="percent" if a.kind == "percent" else d.kind, unit="points"), "points"
    if d.kind == "fraction":  # "fell by a quarter": a percent change, loosely ("a fifth" for 19%)
        if not 0 < d.value < 1:
            return None, None
        hedge = "about" if d.hedge == "exact" else d.hedge
        return replace(d, value=d.value * 100, kind="percent", unit="%", hedge=hedge), "percent"
    if d.kind == "money" and a.kind == "money" and d.unit in _SUBUNITS and a.unit in _SUBUNITS[d.unit]:
        return replace(d, value=d.value / 100, unit=a.unit), "amount"  # "from £3.50 to £4, up 50p"
    if d.kind == "money" and (a.kind != "money" or d.unit != a.unit):
        return None, None
    return d, "amount"


_SUBUNITS = {"pence": {"GBP"}, "cents": {"USD", "EUR", "AUD", "CAD", "NZD", "HKD", "SGD"}}


# --- superlatives -------------------------------------------------------------------------------

SUPERLATIVES = {"highest": True, "largest": True, "biggest": True, "greatest": True, "lowest": False,
                "smallest": False, "fewest": False}
# "the highest since 2008", "the lowest in a decade", "the largest on record": a figure against
# its own past, not against a list
_TIME_WORDS = frozenset("""since ever record records history year years decade decades month months
week weeks century time times than""".split())
# what may stand between the figures of one list: names, the unit, "ahead of", "compared with"
_LIST_WORDS = frozenset("""and or while whereas followed by compared with against ahead of behind then
next at in for on versus vs came had has have recorded reported posted took won got saw was were is
are the its their a an second third fourth place respectively each just only to from""".split())
_ATTACH_BEFORE = frozenset({",", "was", "is", "were", "are", "which", "—", "–", "("})
MAX_LIST = 40  # figures read on each side of a superlative's figure


def read_superlatives(ctx: Context) -> tuple[Superlative, ...]:
    """Every figure called the highest or lowest of a list in one sentence. Read from each figure:
    a superlative within a few words before it ("the highest turnout, 72%") or just after it
    ("72%, the highest")."""
    low = ctx.extract(lowered)
    if not any(word in low for word in SUPERLATIVES):
        return ()
    figs = ctx.extract(figures)
    out = []
    for pos, end, span in _in_prose(ctx, _superlative_words(low, figs)):
        found = _superlative_at(ctx, figs, low, pos, end, span)
        if found is not None:
            out.append(found)
    return tuple(out)


def _superlative_words(low: str, figs: Figures) -> Iterator[tuple[int, int]]:
    """(start, end) of each superlative near a figure, once each, said of "the" one ("the highest",
    not "one of the highest")."""
    seen: set[int] = set()
    for num in figs.nums:
        if num.kind not in ("number", "percent", "money", "fraction"):
            continue
        for pos, end in _superlatives_near(low, num):
            if pos in seen:
                continue
            seen.add(pos)
            if low[max(0, pos - 4):pos] == "the " and not low[max(0, pos - 14):pos - 4].rstrip().endswith(
                    ("one of", "among", "of all")):
                yield pos, end


def _superlatives_near(low: str, num: Number) -> list[tuple[int, int]]:
    """(start, end) of superlative words up to 60 characters before `num` or 25 after it."""
    found = []
    for lo, hi in ((max(0, num.start - 60), num.start), (num.end, min(len(low), num.end + 25))):
        j = low.find("est", lo, hi)
        while j >= 0:
            end = j + 3
            k = j
            while k > lo and k > j - 6 and low[k - 1].isalpha():
                k -= 1
            if low[k:end] in SUPERLATIVES and starts_word(low, k) and not (
                    end < len(low) and (low[end].isalnum() or low[end] == "-")):
                found.append((k, end))
            j = low.find("est", end, hi)
    return found


def _superlative_at(ctx: Context, figs: Figures, low: str, pos: int, end: int,
                    span: tuple[int, int]) -> Superlative | None:
    """The superlative at `pos` with its figure and list, unless it compares a figure with its own
    past ("the highest since 2008") or names no list."""
    plain = ctx.plain
    ahead = _items(figs, end, min(span[1], end + 60))
    if any(it.text in _TIME_WORDS for it in ahead[:6]) or any(
            it.is_fig and figs.nums[it.fig].kind in ("year", "date") for it in ahead[:6]):
        return None
    measure: set[str] = set()
    fig = -1
    back = _items(figs, max(span[0], pos - 20), pos - 4)
    if back and back[-1].is_fig or (len(back) > 1 and back[-2].is_fig and back[-1].text in _ATTACH_BEFORE):
        fig = back[-1].fig if back[-1].is_fig else back[-2].fig  # "72%, the highest", "72% was the highest"
        measure.update(it.text for it in ahead[:3] if not it.is_fig and it.text.isalpha())
    else:
        for item in ahead[:7]:
            if item.is_fig:
                fig = item.fig
                break
            if item.capital or item.text in (";", ":", ")") or item.text in _STOPS:
                return None
            measure.add(item.text)
    if fig < 0:
        return None
    num = figs.nums[fig]
    if num.kind not in ("number", "percent", "money", "fraction") or _is_time(figs.units[fig]):
        return None
    measure.discard(",")
    others = _list_mates(figs, fig, span, measure)
    if not others:
        return None
    word = plain[pos:end]
    return Superlative(pos, end, word, SUPERLATIVES[low[pos:end]], num, tuple(figs.nums[o] for o in others))


def _is_time(unit: str | None) -> bool:
    return bool(unit) and unit.removesuffix("s") in TIME_UNITS


def _list_mates(figs: Figures, fig: int, span: tuple[int, int], measure: set[str]) -> list[int]:
    """The figures listed with figs.nums[fig]: same kind and unit, in the same sentence, with only
    names, units and list words ("ahead of", "compared with", "and") between them."""
    num, unit = figs.nums[fig], figs.units[fig]
    allowed = _LIST_WORDS | measure | ({unit} if unit else set())
    mates: list[int] = []
    for step in (1, -1):
        k = fig
        while len(mates) < MAX_LIST:
            n = k + step
            if n < 0 or n >= len(figs.nums):
                break
            other = figs.nums[n]
            if other.start < span[0] or other.end > span[1] or not _same_measure(num, unit, other, figs.units[n]):
                break
            lo, hi = (figs.nums[k].end, other.start) if step == 1 else (other.end, figs.nums[k].start)
            gap = _items(figs, lo, hi)
            if len(gap) > 10 or not all(_listy(it, allowed) for it in gap):
                break
            if not _entry_ends(figs, n, span, allowed | ({figs.units[n]} if figs.units[n] else set())):
                break
            mates.append(n)
            k = n
    return mates


def _same_measure(num: Number, unit: str | None, other: Number, other_unit: str | None) -> bool:
    if other.kind != num.kind or other.hedge in ("at_most", "at_least", "over", "under"):
        return False
    if num.kind in ("percent", "money"):
        return other.unit == num.unit
    return unit == other_unit or other_unit is None


def _listy(item: _Item, allowed: frozenset[str] | set[str]) -> bool:
    if item.is_fig:
        return False
    return item.text in allowed or item.capital or item.text in (",", "(", ")", "–", "—")


def _entry_ends(figs: Figures, n: int, span: tuple[int, int], allowed) -> bool:
    """Whether the list entry of figs.nums[n] ends in names and list words ("75% in Iowa,"), not in
    a different subject ("326 seats needed for a majority")."""
    end = figs.nums[n + 1].start if n + 1 < len(figs.nums) and figs.nums[n + 1].start < span[1] else span[1]
    for item in _items(figs, figs.nums[n].end, min(end, figs.nums[n].end + 60)):
        if item.text in (",", ";", ")", "and", "while", "whereas", "—", "–"):
            return True
        if not _listy(item, allowed):
            return False
    return True


# --- tolls --------------------------------------------------------------------------------------

STATUS = {"missing": "missing", "unaccounted": "missing", "dead": "dead", "died": "dead", "killed": "dead",
          "kills": "dead", "killing": "dead", "deaths": "dead", "fatalities": "dead", "toll": "dead",
          "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured",
          "hurt": "injured"}
_ACTIVE = frozenset({"killed", "kills", "killing", "injured", "injuring", "wounded", "wounding"})  # "killed 5 people"
_PEOPLE = frozenset({None, "people", "persons", "others", "individuals", "residents", "victims"})
_AUX = frozenset("""are were is was have has been be remain remains remained still now confirmed reported
feared believed presumed listed as being left who later people persons officially""".split())
_TOLL_GAP = frozenset("of at stands stood is was has had reached rose risen climbed to now hit officially".split())
_ADDITIVE = frozenset({"another", "further", "more", "other", "additional", "extra"})
# a sentence that speaks of a change over time or of another event: its count may differ and be right
REVISION_WORDS = frozenset("""rose risen rising climbed increased jumped reached revised updated
earlier initially originally previously first later had now still remain remained remaining leaving
since ago previous separate another similar further former until""".split())
# when a count holds: a weekday or "yesterday" may be left out of a headline; a month, a year or
# "last week" may not (two such figures are about different times unless the words agree)
LOOSE_WHEN = frozenset({*WEEKDAYS, "yesterday", "today", "tonight", "overnight"})
_STRICT_WHEN = frozenset({"last", "ago"})
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "outside", "across", "around", "from", "on", "of"})
_NOT_PLACES = frozenset(w.capitalize() for w in (*WEEKDAYS, *MONTHS)) | {"The", "A", "An"}
_STATUS_RE = re.compile(alternation(tuple(STATUS)))
_STATUS_STEMS = ("missing", "unaccounted", "dead", "died", "kill", "death", "fatalit", "toll", "injur", "wound",
                 "hurt")


def _status_words(low: str, hits: set[int]) -> Iterator[tuple[int, tuple[int, str]]]:
    """(start, (end, word)) of each status word ("dead", "missing") found at `hits`, in text order."""
    for pos in sorted(hits):
        word_end = pos
        while word_end < len(low) and low[word_end].isalpha():
            word_end += 1
        word = low[pos:word_end]
        if word in STATUS and starts_word(low, pos):
            yield pos, (word_end, word)


def read_tolls(ctx: Context) -> tuple[Toll, ...]:
    """Every count of dead, missing or injured people, in text order. Read from each figure: a
    status word within a few words after it ("5 missing") or before it ("a death toll of 4,210")."""
    low = ctx.extract(lowered)
    if not any(stem in low for stem in _STATUS_STEMS):
        return ()
    figs = ctx.extract(figures)
    hits: set[int] = set()
    for num in figs.nums:
        if num.kind in ("number", "range"):
            for m in _STATUS_RE.finditer(low, max(0, num.start - 40), min(len(low), num.end + 50)):
                hits.add(m.start())
    by_sentence: dict[tuple[int, int], list[tuple[int, int, int, str, str]]] = {}
    claimed: set[int] = set()
    for pos, (word_end, word), span in _in_prose(ctx, _status_words(low, hits)):
        found = _toll_figure(ctx, figs, low, pos, word_end, word, span)
        if found is None or found in claimed:
            continue
        claimed.add(found)
        by_sentence.setdefault(span, []).append((found, pos, word_end, STATUS[word], word))
    out: list[Toll] = []
    for span, found in by_sentence.items():
        out.extend(_sentence_tolls(ctx, figs, span, sorted(found), claimed))
    out.sort(key=lambda t: t.start)
    return tuple(out)


def _toll_figure(ctx: Context, figs: Figures, low: str, pos: int, end: int, word: str,
                 span: tuple[int, int]) -> int | None:
    """The figure a status word counts: "5 missing", "3 people were killed", "a death toll of 4,210",
    "the number of missing stands at 5", "killed at least 12 people"."""
    if word != "toll":
        before = _items(figs, max(span[0], pos - 50), pos)
        k = len(before) - 1
        gap: list[str] = []
        while k >= 0 and not before[k].is_fig and len(gap) < 5:
            gap.append(before[k].text)
            k -= 1
        if k >= 0 and before[k].is_fig and _countable(figs, before[k].fig):
            unit = figs.units[before[k].fig]
            gap.reverse()  # in text order: "5 British climbers are missing"
            skip = 1 if unit and gap[:1] == [unit] else 2 if unit and gap[1:2] == [unit] else 0
            if not (skip == 2 and gap[0] in _ADDITIVE) and all(w in _AUX for w in gap[skip:]):
                return before[k].fig
    if word == "toll" or word in _ACTIVE or _word_before(low, pos) == "of" and \
            low[max(0, pos - 10):pos].endswith("number of "):
        after = _items(figs, end, min(span[1], end + 40))
        for k, item in enumerate(after[:6]):
            if item.is_fig:
                if _countable(figs, item.fig) and (word in _ACTIVE and k == 0 or word not in _ACTIVE):
                    return item.fig
                return None
            if word in _ACTIVE or item.text not in _TOLL_GAP:
                return None
    return None


def _countable(figs: Figures, i: int) -> bool:
    num = figs.nums[i]
    return num.kind in ("number", "range") and not num.adjective and not _is_time(figs.units[i]) \
        and isinstance(num.value if num.kind == "number" else num.low, (int, float))


def _sentence_tolls(ctx: Context, figs: Figures, span: tuple[int, int],
                    found: list[tuple[int, int, int, str, str]], claimed: set[int]) -> list[Toll]:
    """The tolls of one sentence: each found figure, its breakdown ("and 900 others in Adana"), and
    what the sentence says about time and place."""
    plain = ctx.plain
    words = [it for it in _items(figs, span[0], span[1])]
    lower = {it.text for it in words if not it.is_fig}
    text = ctx.extract(lowered)[span[0]:span[1]]
    revised = bool(lower & REVISION_WORDS) or "up from" in text or "so far" in text
    subset = "alone" in lower  # "In Turkey alone, 44,218 died": a part of the whole
    when = frozenset({it.text for it in words if not it.is_fig and (
        it.text in LOOSE_WHEN or it.text in _STRICT_WHEN or (it.text in MONTHS and it.capital and it.text != "may"))}
        | {str(figs.nums[it.fig].value) for it in words if it.is_fig and figs.nums[it.fig].kind in ("year", "date")})
    first_fig = next((it.fig for it in words if it.is_fig), -1)
    groups: dict[str, list[tuple[int, int, int]]] = {}
    for fig, pos, end, status, _ in found:
        groups.setdefault(status, []).append((fig, pos, end))
    out = []
    for status, members in groups.items():
        members.sort()
        entries = [(fig, min(figs.nums[fig].start, pos), max(figs.nums[fig].end, end), False)
                   for fig, pos, end in members]
        # "and 900 others in Adana", "and two in Devon": the rest of a breakdown, without a status word
        last = entries[-1]
        nxt = last[0] + 1
        complete = False
        while nxt < len(figs.nums) and figs.nums[nxt].end <= span[1] and nxt not in claimed \
                and _countable(figs, nxt) and len(entries) < 12:
            gap = _items(figs, entries[-1][2], figs.nums[nxt].start)
            texts = [it.text for it in gap]
            plain_words = [t for it, t in zip(gap, texts) if not (
                it.capital or t in _PLACE_PREPS or t in (",", "and", "the"))]
            if not texts or texts[-1] not in ("and", ",") or len(plain_words) > 4 or len(gap) > 12 \
                    or any(not t.isalpha() or t in _STOPS - {"and"} for t in plain_words):
                break
            tail = _items(figs, figs.nums[nxt].end, min(span[1], figs.nums[nxt].end + 30))
            others = bool(tail) and tail[0].text in ("others", "other")  # the rest: the breakdown is whole
            if not others and not (tail and (tail[0].text in _PLACE_PREPS or tail[0].text == "more")):
                break
            complete = complete or others
            entries.append((nxt, figs.nums[nxt].start, tail[0].end if others else figs.nums[nxt].end, others))
            nxt += 1
        several = len(entries) > 1
        for fig, start, end, _ in entries:
            num = figs.nums[fig]
            additive = _word_before(ctx.extract(lowered), num.start) in _ADDITIVE or \
                _word_before(ctx.extract(lowered), num.start) == "the"
            places = _places(plain, figs, fig, span, fig == first_fig)
            out.append(Toll(start, end, status, _noun(figs.units[fig]), (num,), places, when, span,
                            part=several or additive or subset, revised=revised))
        if several and complete:
            parts = tuple(figs.nums[e[0]] for e in entries)
            out.append(Toll(entries[0][1], entries[-1][2], status, _noun(figs.units[entries[0][0]]), parts,
                            frozenset(), when, span, revised=revised))
    return out


def _noun(unit: str | None) -> str:
    return "people" if unit in _PEOPLE else unit


def _places(plain: str, figs: Figures, fig: int, span: tuple[int, int], first: bool
            ) -> frozenset[frozenset[str]]:
    """The places named from the figure to the next figure (and before it, for the sentence's
    first figure: "Floods in Cumbria: five missing"): runs of capitalised words after "in", "at",
    "near", ..., one run per place ("in the French Alps" is one, "in Turkey and Syria" two)."""
    nxt = figs.nums[fig + 1].start if fig + 1 < len(figs.nums) and figs.nums[fig + 1].start < span[1] else span[1]
    lo = span[0] if first else figs.nums[fig].end
    places: set[frozenset[str]] = set()
    items = _items(figs, lo, min(nxt, lo + 300))
    k = 0
    while k < len(items):
        if items[k].text not in _PLACE_PREPS:
            k += 1
            continue
        k += 1
        while k < len(items):
            if items[k].text == "the":
                k += 1
            run = set()
            while k < len(items) and items[k].capital:
                name = plain[items[k].start:items[k].end].removesuffix("'s").removesuffix("’s")
                if name not in _NOT_PLACES:
                    run.add(name)
                k += 1
            if run:
                places.add(frozenset(run))
            # "in Turkey and Syria", "in Hatay, Adana and Gaziantep": more places
            if run and k + 1 < len(items) and items[k].text in ("and", ",") and items[k + 1].capital:
                k += 1
                continue
            break
    return frozenset(places)
