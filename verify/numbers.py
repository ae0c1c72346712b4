"""The number grammar: every figure in a text with its exact span, value, kind and hedge.

Two passes keep it fast and free of backtracking traps. A single scanner regex finds *atoms* (digit
groups, number words, dates, and things that look numeric but are not quantities: URLs, document
symbols, identifiers, times, phone numbers). Then a small combiner walks the atoms once, joining word
runs ("one hundred and twenty-five thousand"), scales ("2.5 million", "4.5bn"), money, percentages,
ranges, hyphenated adjectives ("15-member") and hedges ("nearly"), each by anchored `match` calls at
known positions. No pattern has nested unbounded repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- vocabulary ------------------------------------------------------------------------------------

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
                 "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                 "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                 "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                 "eightieth": 80, "ninetieth": 90}
ORDINAL_SCALES = {"hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                "tenth": 10, "tenths": 10}
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 10**3, "millions": 10**6,
         "billions": 10**9, "tens": 10}
NUMBER_WORDS: dict[str, int] = {**UNITS, **TEENS, **TENS}

HEDGES: dict[str, str] = {
    "about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "c.": "about", "approx.": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "more than": "over", "over": "over", "upwards of": "over",
    "in excess of": "over", "just over": "over", "well over": "over", "above": "over",
    "fewer than": "under", "less than": "under", "under": "under", "below": "under",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "up to": "at_most", "at most": "at_most", "as many as": "at_most",
    "no more than": "at_most", "a maximum of": "at_most", "as much as": "at_most",
    "not more than": "at_most",
}
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "NZ$": "NZD", "HK$": "HKD",
                    "S$": "SGD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
                    "₽": "RUB", "₺": "TRY", "₩": "KRW", "CHF": "CHF", "USD": "USD", "EUR": "EUR",
                    "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "INR": "INR"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
                  "rubles": "RUB", "francs": "CHF", "franc": "CHF", "pesos": "MXN", "lira": "TRY"}
SCALE_SUFFIX = {"k": 10**3, "K": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "M": 10**6,
                "bn": 10**9, "b": 10**9, "B": 10**9, "tn": 10**12, "trn": 10**12}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
              "decade", "century", "term", "season", "session"}
MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
          "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
          "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
          "december": 12}


@dataclass(frozen=True, slots=True)
class Number:
    """A figure as written. `value` is None for vague quantities; ranges carry `low`/`high` and parts.

    kind: number | percent | money | ordinal | fraction | range | score | year | date | vague
    hedge: exact | about | over | under | at_least | at_most | nearly
    """

    start: int
    end: int
    text: str
    value: float | int | str | None
    kind: str
    hedge: str = "exact"
    unit: str | None = None
    low: float | int | None = None
    high: float | int | None = None
    spelled: bool = False
    adjective: bool = False
    malformed: bool = False
    parts: tuple["Number", ...] = ()
    value_start: int = -1  # where the figure itself starts (after a hedge), for joining phrases

    @property
    def core_start(self) -> int:
        return self.value_start if self.value_start >= 0 else self.start


# --- the scanner ------------------------------------------------------------------------------------

def _words(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NUMWORD = _words([*NUMBER_WORDS, "hundred", *SCALES, "dozen", *ORDINAL_UNITS, *ORDINAL_SCALES,
                   *DENOMINATORS, *VAGUE])
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_IDENT_WORDS = ("resolution", "resolutions", "article", "articles", "section", "sections", "chapter",
                "paragraph", "paragraphs", "clause", "rule", "route", "flight", "page", "pages",
                "no.", "nos.", "item", "proposition", "prop.", "room", "suite",
                "gate", "platform", "season", "episode", "version", "phase", "stage", "highway",
                "interstate", "ref.", "decision", "directive",
                "regulation", "protocol", "annex", "vol.", "volume", "precinct", "op.")

SCANNER = re.compile(
    r"(?P<skip>(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[A-Z]{1,5}(?:/[A-Z0-9][A-Za-z0-9.()-]*){1,6}"  # S/2016/846, A/RES/60/251
    r"|(?i:\b(?:" + _words(_IDENT_WORDS) + r"))\s?\d+\b(?![-–]\d|\sto\s\d)(?:[a-z]\b)?(?:(?:,\s?|\s(?:and|or|to)\s)\d+\b(?![.,:/]\d))*"
    r"|\b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\b\.?|GMT|UTC|BST|EST|EDT|CET|CEST|ET|PT|GMT[+-]\d+)"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}\s?[ap]\.m\.|\b\d{1,2}\s?[ap]m\b"
    r"|\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b"
    r"|\b9/11\b|\b24/7\b"
    r"|\b[A-Za-z]+\d[A-Za-z\d]*(?:-\d+[A-Za-z\d]*)?\b|\b[A-Z][A-Za-z]*-\d+[A-Za-z\d]*\b(?!-[a-z])"
    r"|\b\d+[A-Za-z]+\d[A-Za-z\d]*\b|\b\d+(?:\.\d+){2,}\b"
    r")"
    r"|(?P<date>\b" + _WEEKDAY + r"(?:" + _DAY + r"\s(?:of\s)?" + _MONTH + r"(?:,?\s\d{4}\b)?"
    r"|" + _MONTH + r"\s" + _DAY + r"\b(?:,?\s\d{4}\b)?"
    r"|" + _MONTH + r"\s\d{4}\b"
    r"|\d{4}-[01]\d-[0-3]\d\b|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b))"
    r"|(?P<digits>(?<![\w.,])[-\u2212]?(?:\d{1,3}(?:(?:,|[\u2009\u202f\u00a0 ])\d{3})+(?!\d)|\d+)"
    r"(?:\.\d+)?(?![\w])(?!,\d)(?!\.\.)(?!\.\d)(?!/\d)"
    r"|(?<![\w.,])\d+(?:,\d+)+(?:\.\d+)?(?![\w.])|(?<![\w.,])\d+\.\.+\d+(?![\w]))"
    r"|(?P<ord>\b\d+(?:st|nd|rd|th)\b)"
    r"|(?P<slash>(?<![\w/])\d{1,3}/\d{1,3}(?![\w/]))"
    r"|(?P<decade>\b(?:1[0-9]|20)\d0s\b|'\d0s\b)"
    r"|(?P<suffixed>(?<![\w.,])\d+(?:\.\d+)?(?:k|K|m|mn|mln|M|bn|b|B|tn|trn)\b)"
    r"|(?P<word>(?i:\b(?:" + _NUMWORD + r")(?:-(?:" + _NUMWORD + r"))*\b))",
)

_WS = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_SCALE_AFTER = re.compile(r"[ \u00a0\u2009\u202f]?(?:(?P<word>thousand|million|billion|trillion)\b"
                          r"|(?P<suf>mn|mln|bn|tn|trn|m|k|b)\b)")
_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pc\b)|\s(?P<pp>percentage[ -]points?\b|"
                            r"basis points\b|bps\b)")
_CURRENCY_BEFORE = re.compile(r"(US\$|A\$|C\$|NZ\$|HK\$|S\$|R\$|\$|£|€|¥|₹|₽|₺|₩|(?:USD|EUR|GBP|JPY|CNY|"
                              r"CHF|INR)\s?)[ ]?$")
_CURRENCY_AFTER = re.compile(r"\s(?:(?:US|U\.S\.|Hong Kong|Canadian|Australian|Singapore)\s)?"
                             r"(?P<w>dollars?|euros?|pounds?(?: sterling)?|sterling|yen|yuan|renminbi|"
                             r"rupees?|roubles?|rubles?|francs?|pesos|lira)\b|\s(?P<code>USD|EUR|GBP|"
                             r"JPY|CNY|CHF|INR)\b")
_ADJECTIVE_AFTER = re.compile(r"-(?P<unit>[a-z]{2,20})(?P<old>-old)?\b(?!-[0-9])")
_RANGE_GAP = re.compile(r"\s?(?:-|–|—)\s?$|^\s?(?:-|–|—)\s?")
_HEDGE_BEFORE = re.compile(r"(?i:\b(" + _words(HEDGES) + r"))\s$")
_HEDGE_AFTER = re.compile(r"(?:\s(?P<more>or more|or so|and more|plus|or fewer|or less)\b|"
                          r"-(?P<adj>plus|odd))")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween\s)$")
_ONE_NOT_BEFORE = re.compile(r"(?i:\b(?:no|any|every|each|some|the|this|that|which|every|anyone|"
                             r"someone|not a|not)\s)$")
_ONE_NOT_AFTER = re.compile(r"(?i:\s(?:of|another|who|that|which|or two|or other|or another|by one|"
                            r"and all|and the same|day,)\b|'s\b|\s?[.?!;:,)]|\s?$)")
_HALF_OK_AFTER = re.compile(r"(?i:\s(?:of|the|a|an|its|their|his|her|our|those|these|all)\b)")
_A_BEFORE = re.compile(r"(?i:\b(an?)\s)$")
_COUNT_NOUN_AFTER = re.compile(r"\s(?:people|persons|votes|voters|members|deaths|dead|cases|children|"
                               r"troops|soldiers|refugees|residents|civilians|workers|homes|jobs|seats)\b")


def _num_value(raw: str) -> float | int:
    cleaned = re.sub(r"[,\u2009\u202f\u00a0 ]", "", raw).replace("\u2212", "-")
    return float(cleaned) if "." in cleaned else int(cleaned)


def _tidy(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# --- word numbers -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str  # lower-case


def _split_words(start: int, text: str) -> list[_Word]:
    """Hyphenated atoms ("twenty-five", "two-thirds") into their words, with offsets."""
    out, pos = [], start
    for part in text.split("-"):
        out.append(_Word(pos, pos + len(part), part.lower()))
        pos += len(part) + 1
    return out


def parse_words(words: list[_Word]) -> list[tuple[int, int, float | int, str]]:
    """A run of number words -> [(start, end, value, kind)], splitting where the grammar breaks
    ("five six" is two numbers, "two thousand five hundred" one). Kinds: number, ordinal, fraction,
    vague."""
    out: list[tuple[int, int, float | int, str]] = []
    total = current = 0
    begin = -1
    last = ""  # class of the previous word: unit, teen, ten, hundred, scale, and
    scale_cap = 10**15
    end = 0

    def flush() -> None:
        nonlocal total, current, begin, last, scale_cap
        if begin >= 0 and last not in ("", "and"):
            out.append((begin, end, total + current, "number"))
        total = current = 0
        begin, last, scale_cap = -1, "", 10**15

    for w in words:
        t = w.text
        if t == "and":
            if last in ("hundred", "scale"):
                last = "and"
                continue
            flush()
            continue
        if t in UNITS or t in TEENS or t in TENS:
            v = NUMBER_WORDS[t]
            cls = "unit" if t in UNITS else "teen" if t in TEENS else "ten"
            ok = last in ("", "hundred", "scale", "and") or (last == "ten" and cls == "unit")
            if not ok:
                flush()
            if begin < 0:
                begin = w.start
            current += v
            last, end = cls, w.end
            continue
        if t == "hundred":
            if last in ("unit", "teen", "ten") and current % 100 == current and current > 0 \
                    or last in ("", "scale", "and"):
                if begin < 0:
                    begin = w.start
                current = (current or 1) * 100
                last, end = "hundred", w.end
                continue
            flush()
            begin, current, last, end = w.start, 100, "hundred", w.end
            continue
        if t in SCALES:
            s = SCALES[t]
            if last in ("", "unit", "teen", "ten", "hundred") and s < scale_cap:
                if begin < 0:
                    begin = w.start
                total += (current or 1) * s
                current, last, end, scale_cap = 0, "scale", w.end, s
                continue
            flush()
            begin, total, current, last, end, scale_cap = w.start, s, 0, "scale", w.end, s
            continue
        if t == "dozen":
            value = (current or 1) * 12 if last in ("unit", "teen", "ten", "") else 12
            start = begin if (begin >= 0 and last in ("unit", "teen", "ten")) else w.start
            total = current = 0
            begin, last = -1, ""
            out.append((start, w.end, value, "number"))
            continue
        if t in ORDINAL_UNITS or t in ORDINAL_SCALES or t in DENOMINATORS:
            is_plural_den = t in DENOMINATORS and t.endswith("s") and t not in ORDINAL_UNITS
            if (is_plural_den or t in ("half", "quarter")) or (
                    t in DENOMINATORS and last == "unit" and current <= 9 and total == 0
                    and current > 1):
                # "two-thirds", "three quarters": a numerator then a denominator
                if last == "unit" and total == 0:
                    out.append((begin, w.end, current / DENOMINATORS[t], "fraction"))
                    total = current = 0
                    begin, last = -1, ""
                else:
                    flush()
                    out.append((w.start, w.end, 1 / DENOMINATORS[t], "fraction"))
                continue
            if t in ORDINAL_SCALES:
                value = total + (current or 1) * ORDINAL_SCALES[t]
                start = begin if begin >= 0 else w.start
            else:
                ok = last in ("", "hundred", "scale", "and") or (last == "ten" and ORDINAL_UNITS[t] < 10)
                if not ok:
                    flush()
                value = total + current + ORDINAL_UNITS[t]
                start = begin if begin >= 0 else w.start
            total = current = 0
            begin, last = -1, ""
            out.append((start, w.end, value, "ordinal"))
            continue
        if t in VAGUE:
            flush()
            out.append((w.start, w.end, VAGUE[t], "vague"))
            continue
        flush()
    flush()
    return out


# --- the combiner -----------------------------------------------------------------------------------

def find_numbers(text: str) -> list[Number]:
    """Every figure in `text`, in order, with non-overlapping spans."""
    found: list[Number] = []
    atoms = list(SCANNER.finditer(text))
    i = 0
    n = len(atoms)
    while i < n:
        m = atoms[i]
        group = m.lastgroup
        if group == "skip" or (found and m.start() < found[-1].end):
            i += 1
            continue
        if group == "date":
            found.append(_date(m))
            i += 1
            continue
        if group == "word":
            # gather the run of word atoms separated by spaces, hyphens or "and"
            run = _split_words(m.start(), m.group())
            j = i + 1
            while j < n and atoms[j].lastgroup == "word":
                gap = text[atoms[j - 1].end():atoms[j].start()]
                if _WS.fullmatch(gap) or re.fullmatch(r"\s+and\s+", gap):
                    if "and" in gap:
                        a = gap.index("and") + atoms[j - 1].end()
                        run.append(_Word(a, a + 3, "and"))
                    run.extend(_split_words(atoms[j].start(), atoms[j].group()))
                    j += 1
                    continue
                break
            for start, end, value, kind in parse_words(run):
                num = _finish_word(text, start, end, value, kind)
                if num is not None:
                    found.append(num)
            i = j
            continue
        # digit-led atoms
        num = _digit_number(text, m, group)
        if num is None:
            i += 1
            continue
        # a range or score: "10-12", "10 to 12", "between 10 and 12", "51-47"
        if i + 1 < n and atoms[i + 1].lastgroup in ("digits", "suffixed"):
            nxt = atoms[i + 1]
            gap = text[num.end:nxt.start()]
            if re.fullmatch(r"\s?[-–—]\s?|\s(?:to|and)\s", gap) and num.kind in ("number", "year"):
                other = _digit_number(text, nxt, nxt.lastgroup)
                if other is not None and other.kind in ("number", "year", "money", "percent"):
                    joined = _join_range(text, num, other, gap)
                    if joined is not None:
                        found.append(joined)
                        i += 2
                        continue
        found.append(num)
        i += 1
    return _merge_word_ranges(text, found)


def _hedge(text: str, start: int) -> tuple[str, int]:
    """The hedge written right before `start`, and where it starts."""
    window_start = max(0, start - 24)
    m = _HEDGE_BEFORE.search(text, window_start, start)
    if m:
        return HEDGES[m.group(1).lower()], m.start()
    return "exact", start


def _trailing_hedge(text: str, end: int, hedge: str) -> tuple[str, int]:
    m = _HEDGE_AFTER.match(text, end)
    if m and hedge == "exact":
        word = (m.group("more") or m.group("adj")).lower()
        kind = {"or more": "at_least", "plus": "at_least", "and more": "at_least", "or so": "about",
                "odd": "about", "or fewer": "at_most", "or less": "at_most"}[word]
        return kind, m.end()
    return hedge, end


def _decorate(text: str, start: int, end: int, value, kind: str, *, spelled: bool,
              malformed: bool = False) -> Number:
    """Add scale, currency, percent, adjective and hedge around a bare figure at [start, end)."""
    unit = None
    adjective = False
    if kind == "number" and isinstance(value, (int, float)):
        sm = _SCALE_AFTER.match(text, end)
        if sm and (sm.group("word") or sm.group("suf") in ("bn", "mn", "mln", "tn", "trn")
                   or (sm.group("suf") and _CURRENCY_BEFORE.search(text, max(0, start - 5), start))):
            value = value * (SCALES[sm.group("word")] if sm.group("word") else SCALE_SUFFIX[sm.group("suf")])
            end = sm.end()
        cur = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        if cur:
            kind, unit = "money", CURRENCY_SYMBOLS[cur.group(1).strip()]
            start = cur.start()
        pm = _PERCENT_AFTER.match(text, end)
        if kind == "number" and pm:
            kind, unit, end = "percent", ("points" if pm.group("pp") else "%"), pm.end()
        if kind == "number":
            ca = _CURRENCY_AFTER.match(text, end)
            if ca:
                kind, end = "money", ca.end()
                unit = CURRENCY_SYMBOLS[ca.group("code")] if ca.group("code") else \
                    CURRENCY_WORDS[ca.group("w").split()[0].lower()]
        if kind == "number":
            am = _ADJECTIVE_AFTER.match(text, end)
            if am:
                adjective, unit, end = True, am.group("unit") + ("-old" if am.group("old") else ""), am.end()
    value_start = start
    hedge, hstart = _hedge(text, start)
    hedge, end = _trailing_hedge(text, end, hedge)
    return Number(hstart, end, text[hstart:end], _tidy(value) if isinstance(value, (int, float)) else value,
                  kind, hedge, unit, spelled=spelled, adjective=adjective, malformed=malformed,
                  value_start=value_start)


def _finish_word(text: str, start: int, end: int, value, kind: str) -> Number | None:
    word = text[start:end].lower()
    before = text[max(0, start - 12):start]
    if kind == "number" and word == "one":
        if _ONE_NOT_BEFORE.search(before) or _ONE_NOT_AFTER.match(text, end):
            return None
    if kind == "fraction" and word in ("half", "quarter", "third"):
        a = _A_BEFORE.search(before)
        if word == "half" and not (a or _HALF_OK_AFTER.match(text, end)):
            return None
        if word != "half" and not a:
            return None if word == "quarter" else Number(start, end, text[start:end], 3, "ordinal",
                                                         spelled=True)
        if a:
            start -= len(before) - a.start()
    if kind == "number" and word in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
        a = _A_BEFORE.search(before)
        if a:
            start -= len(before) - a.start()
    if kind == "vague":
        lo = value * 2
        m = re.compile(r"\s(?:of\s)?(thousands|millions|billions)\b").match(text, end) \
            if word in ("tens", "hundreds") else None
        if m:
            lo, end = lo * VAGUE[m.group(1)], m.end()
        elif word == "tens":
            return None
        return Number(start, end, text[start:end], None, "vague", "about", low=lo, spelled=True)
    if kind == "ordinal":
        return Number(start, end, text[start:end], value, "ordinal", spelled=True)
    if kind == "fraction":
        num = _decorate(text, start, end, value, "number", spelled=True)
        return Number(num.start, num.end, num.text, num.value, "fraction", num.hedge, num.unit,
                      spelled=True, value_start=num.value_start)
    return _decorate(text, start, end, value, "number", spelled=True)


def _digit_number(text: str, m: re.Match[str], group: str) -> Number | None:
    raw = m.group()
    start, end = m.start(), m.end()
    if group == "ord":
        digits = re.match(r"\d+", raw).group()
        suffix = raw[len(digits):]
        expected = "th" if 10 <= int(digits) % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(int(digits) % 10, "th")
        return Number(start, end, raw, int(digits), "ordinal", malformed=suffix != expected)
    if group == "slash":
        num, den = (int(x) for x in raw.split("/"))
        if not 0 < num < den:
            return None  # "24/7", "9/11", scores and dates are not fractions
        return Number(start, end, raw, num / den, "fraction")
    if group == "decade":
        year = int(raw[1:3]) + 1900 if raw.startswith("'") else int(raw[:4])
        return Number(start, end, raw, year, "year", unit="decade")
    if group == "suffixed":
        digits = re.match(r"\d+(?:\.\d+)?", raw).group()
        suffix = raw[len(digits):]
        base = _num_value(digits)
        cur = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        if suffix in ("m", "M", "b", "B", "K") and not cur and not _COUNT_NOUN_AFTER.match(text, end):
            return None  # "100m" is as likely metres, "4K" a screen: not counted without context
        num = _decorate(text, start + len(digits), end, 0, "number", spelled=False)
        scaled = base * SCALE_SUFFIX[suffix]
        if cur:
            return Number(cur.start() if num.hedge == "exact" else num.start, num.end,
                          text[(cur.start() if num.hedge == "exact" else num.start):num.end],
                          _tidy(scaled), "money", num.hedge, CURRENCY_SYMBOLS[cur.group(1).strip()],
                          value_start=cur.start())
        hedge, hstart = _hedge(text, start)
        return Number(hstart, end, text[hstart:end], _tidy(scaled), "number", hedge, value_start=start)
    # plain digits
    malformed = bool(re.search(r"\.\.|,(?!\d{3}(?:\D|$))|,\d{3}\d", raw)) or bool(
        re.search(r"\d,\d{1,2}(?!\d)|\d,\d{4,}", raw))
    if malformed:
        return Number(start, end, raw, None, "number", malformed=True)
    value = _num_value(raw)
    if isinstance(value, int) and 1000 <= value <= 2100 and re.fullmatch(r"\d{4}", raw):
        after_pct = _PERCENT_AFTER.match(text, end) or _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
        hedge, _ = _hedge(text, start)
        if not after_pct and hedge == "exact" and not _COUNT_NOUN_AFTER.match(text, end) \
                and not _SCALE_AFTER.match(text, end):
            return Number(start, end, raw, value, "year")
    return _decorate(text, start, end, value, "number", spelled=False)


def _date(m: re.Match[str]) -> Number:
    raw = m.group()
    iso = _iso_date(raw)
    return Number(m.start(), m.end(), raw, iso, "date")


def _iso_date(raw: str) -> str | None:
    """'September 22, 2016' -> '2016-09-22'; without a year -> '--09-22'; month only -> '2016-10'."""
    body = re.sub(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s", "", raw)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", body):
        return body
    if "/" in body:
        return None  # day/month order is ambiguous in international copy
    month = next((MONTHS[w.lower().rstrip(".")] for w in re.findall(r"[A-Za-z]+\.?", body)
                  if w.lower().rstrip(".") in MONTHS), None)
    nums = [int(x) for x in re.findall(r"\d+", body)]
    year = next((x for x in nums if x >= 1000), None)
    day = next((x for x in nums if x < 100), None)
    if month is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _join_range(text: str, a: Number, b: Number, gap: str) -> Number | None:
    """Two figures joined by a dash, "to" or "and": a range (low < high) or a score (51-47)."""
    if "and" in gap and not _BETWEEN_BEFORE.search(text, max(0, a.start - 9), a.start):
        return None
    if not isinstance(a.value, (int, float)) or not isinstance(b.value, (int, float)):
        return None
    between = _BETWEEN_BEFORE.search(text, max(0, a.start - 9), a.start)
    start = between.start() if between else a.start
    lo, hi = a.value, b.value
    if b.kind in ("percent", "money") and a.kind == "number":
        a = Number(a.start, a.end, a.text, a.value, b.kind, a.hedge, b.unit)
    if "to" in gap and lo >= hi:
        return None  # "voted 221 to 209" is a tally, not a range: leave two figures
    if "to" in gap and re.search(r"(?i:\bfrom\s)$", text[max(0, a.start - 5):a.start]):
        return None  # "from 40 to 90" is a change, read by the change rules
    kind = "range" if lo < hi else "score"
    if a.kind == "year" and b.kind == "year":
        kind = "range"
    unit = b.unit or a.unit
    if kind == "range" and a.kind == "year":
        unit = "year"
    return Number(start, b.end, text[start:b.end], None, kind, a.hedge, unit, low=lo, high=hi,
                  parts=(a, b), value_start=a.core_start)


def _merge_word_ranges(text: str, found: list[Number]) -> list[Number]:
    """Word figures joined like digit ones: "between ten and twelve", "nine to 12"."""
    out: list[Number] = []
    for num in found:
        if out and num.spelled or (out and out[-1].spelled):
            prev = out[-1] if out else None
            if prev is not None and prev.kind == "number" and num.kind == "number":
                gap = text[prev.end:num.start]
                if re.fullmatch(r"\s?[-–—]\s?|\s(?:to|and)\s", gap):
                    joined = _join_range(text, prev, num, gap)
                    if joined is not None and joined.kind == "range":
                        out[-1] = joined
                        continue
        out.append(num)
    return out
