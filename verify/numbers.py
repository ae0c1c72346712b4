"""The number grammar: every figure in a text with its exact span, value, kind and hedge.

`find_numbers(text)` returns the figures in order with non-overlapping spans. Two passes keep it fast
and free of backtracking traps:

1. One scanner regex finds *atoms*: runs of number words ("twenty-five", "two-thirds") and digit
   tokens ("300,000", "4.5bn", "21st", "1/3", "10:30", "2016-09-22"). It starts with a character
   class (a non-word character or a digit), so the regex engine skips over letters in C and only tries
   the word list at word starts; the word list is a case-insensitive trie, not an alternation.
2. A combiner walks the atoms once. Context is read with anchored matches at known offsets: the
   words just before an atom (hedges, "a", "between", months, "resolution 2254"), the characters just
   before it (currency symbols, signs, identifiers such as "COVID-19", "G20", "S/2016/846", URLs), and
   one look-ahead regex for what follows (scales, percent, currency, "-member" adjectives, "or more").
   Neighbouring figures are then joined into ranges and scores ("10-12", "between 10 and 12",
   "51-47"), mixed fractions ("2 1/2") and year ranges ("2014-15").

No pattern nests unbounded repetition; every look-behind reads a bounded window.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- vocabulary ------------------------------------------------------------------------------------

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
          "quadrillion": 10**15, "quintillion": 10**18, "lakh": 10**5, "crore": 10**7}
ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11,
                 "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                 "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                 "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                 "eightieth": 80, "ninetieth": 90}
ORDINAL_SCALES = {"hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9,
                  "trillionth": 10**12}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100, "thousandth": 1000,
                "thousandths": 1000, "millionth": 10**6, "millionths": 10**6, "billionth": 10**9,
                "billionths": 10**9, "trillionth": 10**12, "trillionths": 10**12}
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 10**3, "millions": 10**6,
         "billions": 10**9, "trillions": 10**12, "tens": 10, "lakhs": 10**5, "crores": 10**7}
NUMBER_WORDS: dict[str, int] = {**UNITS, **TEENS, **TENS}
ZERO_WORDS = {"nought": 0, "naught": 0}

HEDGES: dict[str, str] = {
    "about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "c.": "about", "approx.": "about",
    "approx": "about", "an approximate": "about", "or so": "about", "give or take": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "just below": "nearly", "not quite": "nearly",
    "more than": "over", "over": "over", "upwards of": "over", "in excess of": "over",
    "just over": "over", "well over": "over", "above": "over", "greater than": "over",
    "higher than": "over", "larger than": "over", "bigger than": "over", "exceeding": "over",
    "exceeds": "over", "exceed": "over", "surpassing": "over", "just above": "over",
    "well above": "over", "a little over": "over", "a little more than": "over",
    "slightly more than": "over", "far more than": "over", "many more than": "over",
    "fewer than": "under", "less than": "under", "under": "under", "below": "under",
    "lower than": "under", "smaller than": "under", "well under": "under", "well below": "under",
    "slightly less than": "under", "a little under": "under", "a little less than": "under",
    "far fewer than": "under", "far less than": "under",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "not fewer than": "at_least", "a minimum of": "at_least",
    "up to": "at_most", "at most": "at_most", "as many as": "at_most", "no more than": "at_most",
    "a maximum of": "at_most", "as much as": "at_most", "not more than": "at_most",
    "as high as": "at_most", "not exceeding": "at_most",
}
TRAILING_HEDGES = {"or more": "at_least", "and more": "at_least", "or greater": "at_least",
                   "or higher": "at_least", "or above": "at_least", "or over": "at_least",
                   "and above": "at_least", "and over": "at_least", "and up": "at_least",
                   "plus": "at_least", "+": "at_least", "or so": "about", "odd": "about",
                   "or fewer": "at_most", "or less": "at_most", "or below": "at_most",
                   "or under": "at_most", "and under": "at_most", "and below": "at_most"}
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
                    "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "Mex$": "MXN",
                    "NT$": "TWD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB",
                    "₺": "TRY", "₩": "KRW", "₿": "BTC", "₦": "NGN", "₱": "PHP", "₪": "ILS",
                    "₴": "UAH", "฿": "THB", "₫": "VND", "₡": "CRC", "₾": "GEL", "₭": "LAK",
                    "元": "CNY", "Rs": "INR", "Rs.": "INR", "CHF": "CHF", "USD": "USD", "EUR": "EUR",
                    "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "INR": "INR", "RMB": "CNY",
                    "AUD": "AUD", "CAD": "CAD", "HKD": "HKD", "SGD": "SGD", "NZD": "NZD",
                    "ZAR": "ZAR", "BRL": "BRL", "MXN": "MXN", "RUB": "RUB", "TRY": "TRY",
                    "KRW": "KRW", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN",
                    "BTC": "BTC"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "rmb": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB",
                  "ruble": "RUB", "rubles": "RUB", "francs": "CHF", "franc": "CHF", "peso": "MXN",
                  "pesos": "MXN", "lira": "TRY", "liras": "TRY", "lire": "ITL", "rand": "ZAR",
                  "reais": "BRL", "shekel": "ILS", "shekels": "ILS", "naira": "NGN", "ringgit": "MYR",
                  "baht": "THB", "dinar": "DIN", "dinars": "DIN", "dirham": "AED", "dirhams": "AED",
                  "riyal": "SAR", "riyals": "SAR", "rial": "IRR", "rials": "IRR", "krona": "SEK",
                  "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "zloty": "PLN", "zlotys": "PLN",
                  "forint": "HUF", "markka": "FIM", "peseta": "ESP", "pesetas": "ESP",
                  "guilder": "NLG", "guilders": "NLG", "bitcoin": "BTC", "bitcoins": "BTC",
                  "satoshi": "BTC", "satoshis": "BTC", "cent": "cents", "cents": "cents",
                  "pence": "pence", "penny": "pence", "pennies": "pence", "p": "pence"}
SCALE_SUFFIX = {"k": 10**3, "K": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "M": 10**6,
                "bn": 10**9, "bln": 10**9, "b": 10**9, "B": 10**9, "tn": 10**12, "trn": 10**12,
                "tln": 10**12}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
              "decade", "century", "term", "season", "session"}
MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
          "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
          "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
          "december": 12}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True, slots=True)
class Number:
    """A figure as written. `value` is None for vague quantities; ranges carry `low`/`high` and parts.

    kind: number | percent | money | ordinal | fraction | range | score | year | date | vague
    hedge: exact | about | over | under | at_least | at_most | nearly
    `value_start` is where the figure itself starts (after a hedge); `core_start` falls back to `start`.
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

def _trie(words) -> str:
    """A case-insensitive regex for `words` as a trie: one character class per letter, so the engine
    checks a branch by its first character instead of trying every word in turn."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(f"[{ch}{ch.upper()}]" if ch.isalpha() else re.escape(ch)) + build(node[ch])
                for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(root)


_SCAN_WORDS = sorted({*NUMBER_WORDS, "hundred", *SCALES, "dozen", *ORDINAL_UNITS, *ORDINAL_SCALES,
                      *DENOMINATORS, *VAGUE, *ZERO_WORDS})
_WORD_TRIE = _trie(_SCAN_WORDS)
_SP = "[ \u00a0\u2009\u202f]"  # a space inside a figure: plain, no-break, thin, narrow no-break
_VULGAR = "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_CUR_CHARS = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Sc") + "元"
_TZ = r"(?:GMT|UTC|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|IST|JST|AEST|AEDT|ET|PT)\b"
_AMPM = r"(?:[AaPp]\.[Mm]\.|[AaPp][Mm]\b)"

# A digit token, written as "what follows its first digit": the scanner consumes one character from
# its leading class, and sre only skips ahead in C when the pattern starts with a class.
_DIGIT_REST = (
    r"(?P<iso>[0-9]{3}-[01][0-9]-[0-3][0-9](?![0-9-]))"
    r"|(?P<sdate>[0-9]?/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})(?![0-9/]))"
    r"|(?P<time>[0-9]?(?::[0-9]{2}(?::[0-9]{2})?(?![0-9])(?:\s?(?:" + _AMPM + "|" + _TZ + r"))?"
    r"|\.[0-9]{2}\s?(?:" + _AMPM + "|" + _TZ + r")|\s?" + _AMPM + r"))"
    r"|(?P<phone>[0-9]{2}(?:-[0-9]{3}-|\.[0-9]{3}\.)[0-9]{4}(?![0-9]))"
    r"|(?P<dotted>[0-9]*(?:\.[0-9]+){2,}(?![0-9]))"
    r"|(?P<frac>[0-9]{0,2}/[0-9]{1,3}(?![0-9/]))"
    r"|(?P<num>(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]?(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"
    r"|[0-9]{0,2}(?:" + _SP + r"[0-9]{3}(?![0-9]))+(?![.,][0-9])|[0-9]*)(?:\.[0-9]+)?)"
    r"(?P<bad>(?:[,.]+[0-9]+)+)?(?P<exp>[eE][+-]?[0-9]{1,3}(?![\w]))?(?P<tail>[A-Za-z][A-Za-z0-9]*)?"
)
SCANNER = re.compile(
    "[\\W0-9" + _VULGAR + "](?:(?<=[0-9])(?:" + _DIGIT_REST + ")"
    "|(?P<vf>(?<=[" + _VULGAR + "]))"
    "|(?P<w>" + _WORD_TRIE + "(?:-" + _WORD_TRIE + r")*)(?!\w))"
)
_WORD_AT = re.compile("(?P<w>" + _WORD_TRIE + "(?:-" + _WORD_TRIE + r")*)(?!\w)")

# --- context readers --------------------------------------------------------------------------------

_REV_WORDS = re.compile(r"[ \t\u00a0\u2009\u202f]+(\S+)(?:[ \t\u00a0\u2009\u202f]+(\S+))?"
                        r"(?:[ \t\u00a0\u2009\u202f]+(\S+))?")
_STRIP = "\"'()[]‘’“”,;:"
_GAP = re.compile(r"(?:[ \t\u00a0\u2009\u202f]*(?P<dash>-)[ \t\u00a0\u2009\u202f]*"
                  r"|(?P<comma>,)?[ \t\u00a0\u2009\u202f]+(?:(?P<and>and|&)[ \t\u00a0\u2009\u202f]+)?"
                  r"(?:(?P<a>an?)[ \t\u00a0\u2009\u202f]+)?"
                  r"|[ \t\u00a0\u2009\u202f]+(?P<point>point)[ \t\u00a0\u2009\u202f]+)", re.I)
_CUR_WORDS_RE = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS if w != "p"), key=len, reverse=True))
_CUR_CODES = "USD|EUR|GBP|JPY|CNY|CHF|INR|RMB|AUD|CAD|HKD|SGD|NZD|ZAR|BRL|MXN|RUB|TRY|KRW|SEK|NOK|DKK|PLN|BTC"
_CUR_ADJ = (r"(?:US|U\.S\.|us|Hong Kong|Canadian|Australian|New Zealand|Singapore|Swiss|Turkish|Chinese|"
            r"Mexican|Indian|Japanese|Finnish|Dutch|Brazilian|South African|Taiwan|Taiwanese|Namibian|"
            r"Jamaican|Zimbabwean|Egyptian|Russian|Israeli|Nigerian|Saudi|Argentine|Philippine|"
            r"Indonesian|Thai|Malaysian|Pakistani|Sri Lankan|Kenyan|Ghanaian|Iranian|Iraqi|Jordanian|"
            r"Kuwaiti|Moroccan|Tunisian|Algerian|Libyan|Qatari|Emirati|Danish|Swedish|Norwegian|"
            r"Icelandic|Czech|Polish|Hungarian|Romanian|Bulgarian|Serbian|Croatian|Ukrainian|"
            r"australian|canadian|hong kong|swiss|turkish|chinese|mexican|dutch|finnish|"
            r"new zealand|singapore|japanese|indian)")
# what may follow a figure, in order: scale, then percent | currency | adjective, then a trailing hedge
_AFTER = re.compile(
    r"(?P<scale>" + _SP + r"?(?P<sw>(?i:hundred|thousand|million|billion|trillion|lakh|crore|dozen)s?)\b"
    r"|" + _SP + r"?(?P<ss>bn|mn|mln|bln|tn|trn)\b)?"
    r"(?:(?P<pct>" + _SP + r"?%|" + _SP + r"(?i:per[ \u00a0]?cent|percent|pct)\b|pc\b|" + _SP + r"pc\b)"
    r"|(?P<pp>" + _SP + r"(?i:percentage[ -]points?|basis[ \u00a0]points?|bps|points?[ \u00a0]of[ \u00a0]percentage)\b)"
    r"|" + _SP + r"?(?P<code>" + _CUR_CODES + r")\b"
    r"|" + _SP + r"(?:(?P<cadj>" + _CUR_ADJ + r")" + _SP + r")?(?P<cw>(?i:" + _CUR_WORDS_RE + r"))\b"
    r"|" + _SP + r"?(?P<csym>[" + _CUR_CHARS + r"])(?![0-9])"
    r"|(?P<adj>-(?P<unit>[a-z]{2,20}(?:-long)?)(?P<old>-old)?\b(?!-[0-9])))?"
    r"(?P<trail>[ \u00a0](?:or more|and more|or greater|or higher|or above|or over|and above|and over|"
    r"and up|or so|or fewer|or less|or below|or under|and under|and below)\b"
    r"|[ \u00a0]plus(?=[.,;:!?)]|$)|-plus\b|-odd\b|\+(?![\w+]))?"
)
_CUR_BEFORE = re.compile(
    r"(?:(?P<pre>US|A|AU|C|CA|NZ|HK|S|R|Mex|NT|us|hk|c|u\.s|usd|aud|cad|nzd|mxn|mex)" + _SP + r"?)?"
    r"(?P<sym>[" + _CUR_CHARS + r"])" + _SP + r"?-?$"
    r"|(?<![A-Za-z])(?P<code>" + _CUR_CODES + r"|Rs\.?)" + _SP + r"?-?$")
_COUNT_NOUNS = frozenset(
    "people persons votes voters members deaths dead cases children troops soldiers refugees residents "
    "civilians workers homes jobs seats families women men students patients employees households "
    "migrants protesters officers police homes houses tonnes tons barrels units vehicles cars words "
    "pages books shares signatures delegates countries nations states casualties victims fighters "
    "rebels prisoners detainees doctors nurses teachers pupils companies firms acres hectares miles "
    "kilometres kilometers metres meters feet visitors tourists passengers flights beds doses tests "
    "infections hospitalisations hospitalizations arrests applications submissions respondents "
    "participants users customers subscribers copies followers lives".split())
_IDENT_ANY = frozenset(
    "resolution resolutions article articles section sections chapter chapters paragraph paragraphs "
    "para. clause clauses no. nos. no amendment amendments proposition prop. annex vol. volume "
    "directive regulation protocol rule item items page pages pp. p. op. version episode route "
    "interstate highway platform gate #".split())
_IDENT_CAPITAL = frozenset(
    "bill act law line unit code model issue block lot district ward precinct flight room suite season "
    "phase stage level channel box case file number decision step title grade class group category type "
    "pier terminal building floor zone sector exit junction bus train track lane war apollo boeing airbus "
    "windows iphone galaxy formula ligue league division tier camp gen generation series".split())
_YEAR_PREFIXES = frozenset("mid pre post early late circa since through until end start fy".split())
_ONE_PRONOUN_BEFORE = frozenset(
    "no any every each some the this that which another such last next previous current other little "
    "big right wrong same only new old latest first second third fourth fifth sixth seventh eighth "
    "ninth tenth favourite favorite main best worst".split())
_ONE_PRONOUN_AFTER = re.compile(
    r"(?i:[ \u00a0](?:of|another|who|that|which|or two|or other|or another|by one|and all|and the same|"
    r"day,|moment|cannot|can't|can|could|must|should|would|will|may|might|shall|has|had|is|was|does|did|"
    r"thing|way|time or another)\b|'s\b|’s\b|[ \u00a0]?[.?!;:,)\"”]|[ \u00a0]?$)")
_ONE_IDIOMS = re.compile(r"(?i:-(?:off|time|sided|way|stop|liner|on-one|of-a-kind|size|armed|eyed|horse|"
                         r"upmanship|man|woman|party)\b)")
_HALF_OK_AFTER = re.compile(r"(?i:[ \u00a0](?:of|the|a|an|its|their|his|her|our|my|your|those|these|all|"
                            r"them|that|this|what|million|billion|trillion|dozen|thousand|hundred)\b)")
_HALF_NOT_BEFORE = frozenset("first second third fourth latter former other back front opening closing "
                             "the this that each either".split())
_VAGUE_BEFORE = frozenset("several few many numerous some couple".split())
_MONTH_AFTER = re.compile(r"(?:[ \u00a0]of)?[ \u00a0](?P<m>January|February|March|April|May|June|July|"
                          r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
                          r"Sept?|Oct|Nov|Dec)\b\.?")
_YEAR_AFTER = re.compile(r",?[ \u00a0](?P<y>[12][0-9]{3})\b(?![.,][0-9])")
_VAGUE_OF = re.compile(r"[ \u00a0](?:of[ \u00a0])?(thousands|millions|billions)\b")
_PHONE_PLUS = re.compile(r"\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,4}\)?)(?:[ .-]?[0-9]{2,4}){2,4}(?![0-9])")
_PHONE_PAREN = re.compile(r"\([0-9]{3}\)[ \u00a0]?[0-9]{3}[-.][0-9]{4}(?![0-9])")
_SYMBOL_BEFORE = re.compile(r"(?<![\w/])[A-Z]{1,5}(?:/[A-Za-z0-9.()-]+)*/$")
_RANGE_GAP = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?|[ \u00a0](?:to|and|-|–|—)[ \u00a0]")
_NON_SPACE = re.compile(r"\S*")


def _before(text: str, pos: int) -> list[tuple[int, str]]:
    """Up to three whitespace-separated words right before `pos` (nearest first): (start, lower)."""
    lo = pos - 60 if pos > 60 else 0
    m = _REV_WORDS.match(text[lo:pos][::-1])
    if not m:
        return []
    out = []
    for g in (1, 2, 3):
        w = m.group(g)
        if w is None:
            break
        out.append((pos - m.end(g), w[::-1].lower()))
    return out


def _word(w: tuple[int, str] | None) -> str:
    return w[1].strip(_STRIP) if w else ""


def _hedge_before(text: str, start: int, prev: list[tuple[int, str]] | None = None) -> tuple[str, int]:
    """The hedge written right before `start` ("more than", "an estimated"), and where it starts."""
    if prev is None:
        prev = _before(text, start)
    if not prev:
        return "exact", start
    words = [w for _, w in prev]
    if any(c in words[0] for c in ",;:") or words[0].endswith((")", '"', "”")):
        return "exact", start
    for k in (3, 2, 1):
        if len(words) >= k:
            if k > 1 and any(w.endswith((",", ";", ":", ")", '"', "”")) for w in words[1:k]):
                continue
            phrase = " ".join(reversed(words[:k])).lstrip("\"'(‘“[")
            hedge = HEDGES.get(phrase)
            if hedge:
                s = prev[k - 1][0]
                lead = len(prev[k - 1][1]) - len(prev[k - 1][1].lstrip("\"'(‘“["))
                return hedge, s + lead
    return "exact", start


def _number_value(raw: str) -> float | int:
    cleaned = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u2009", "") \
        .replace("\u202f", "")
    return float(cleaned) if "." in cleaned else int(cleaned)


_num_value = _number_value  # the draft's name, kept for callers


def _tidy(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# --- internal figures ---------------------------------------------------------------------------------

class _Fig:
    """A mutable figure while the combiner works; frozen into a `Number` at the end."""

    __slots__ = ("start", "end", "value", "kind", "hedge", "unit", "low", "high", "spelled",
                 "adjective", "malformed", "parts", "value_start", "scale", "plain")

    def __init__(self, start, end, value, kind, hedge="exact", unit=None, spelled=False,
                 malformed=False, value_start=-1):
        self.start, self.end, self.value, self.kind, self.hedge = start, end, value, kind, hedge
        self.unit, self.low, self.high, self.spelled, self.adjective = unit, None, None, spelled, False
        self.malformed, self.parts, self.value_start, self.scale = malformed, (), value_start, 1
        self.plain = False  # a bare figure: no currency, percent, scale, adjective or hedge yet

    def freeze(self, text: str) -> Number:
        value = self.value
        if isinstance(value, float):
            value = _tidy(value)
        low, high = _tidy(self.low) if isinstance(self.low, float) else self.low, \
            _tidy(self.high) if isinstance(self.high, float) else self.high
        return Number(self.start, self.end, text[self.start:self.end], value, self.kind, self.hedge,
                      self.unit, low, high, self.spelled, self.adjective, self.malformed,
                      tuple(p.freeze(text) for p in self.parts), self.value_start)


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


_UNIT_CLASS = {**{w: "unit" for w in UNITS}, **{w: "teen" for w in TEENS}, **{w: "ten" for w in TENS},
               **{w: "unit" for w in ZERO_WORDS}}
_SMALL_VALUE = {**NUMBER_WORDS, **ZERO_WORDS}
_PLURAL_DEN = {w for w in DENOMINATORS if w.endswith("s") and w not in ORDINAL_UNITS}
_SINGULAR_DEN = {w for w in DENOMINATORS if w not in _PLURAL_DEN}


def parse_words(words: list[_Word]) -> list[tuple[int, int, float | int, str]]:
    """A run of number words -> [(start, end, value, kind)], splitting where the grammar breaks
    ("five six" is two numbers, "two thousand five hundred" one). Kinds: number, ordinal, fraction,
    vague. The run may contain "and", "a"/"an" and "point" between number words."""
    out: list[tuple[int, int, float | int, str]] = []
    st = _Parse()
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        t = w.text
        cls = _UNIT_CLASS.get(t)
        if cls is not None:
            v = _SMALL_VALUE[t]
            if st.last == "point":
                st.decimals(words, i, out)
                i = st.next_index
                continue
            ok = st.last in ("", "hundred", "scale", "and", "a") or (
                st.last == "ten" and cls == "unit" and st.small % 10 == 0 and v > 0)
            if st.last == "a" or (st.last == "and" and st.pending_and is not None and _next_is_fraction(words, i)):
                ok = ok and st.last != "a"
            if not ok:
                st.flush(out)
            if st.last == "and" and st.pending_and is not None:
                # "twenty and three fifths": a fraction follows; anything else starts a new number
                if _next_is_fraction(words, i):
                    st.begin_fraction_after_and(w)
                else:
                    st.flush(out)
            if st.begin < 0:
                st.begin = w.start
            st.current += v
            st.small += v
            st.last, st.end = cls, w.end
            i += 1
            continue
        if t == "and" or t == "&":
            if st.last in ("hundred", "scale") and i + 1 < n and words[i + 1].text not in ("and", "&"):
                st.last = "and"
                st.pending_and = None
            elif st.last in ("unit", "teen", "ten") and i + 1 < n:
                st.pending_and = (st.total + st.current, st.end)
                st.last = "and"
            else:
                st.flush(out)
            i += 1
            continue
        if t in ("a", "an"):
            if st.last == "and" or st.last == "":
                st.last = "a" if st.last == "" else "and_a"
                if st.begin < 0:
                    st.begin = w.start
                    st.a_start = True
            elif st.last == "den":  # "half a million"
                st.last = "den_a"
            else:
                st.flush(out)
            i += 1
            continue
        if t == "point":
            if st.last in ("unit", "teen", "ten", "hundred", "scale") and i + 1 < n \
                    and words[i + 1].text in _UNIT_CLASS:
                st.last = "point"
            else:
                st.flush(out)
            i += 1
            continue
        if t == "hundred":
            if st.last in ("unit", "teen", "ten") and 0 < st.small < 100 and st.current == st.small:
                st.current = st.small * 100
                st.small = 0
            elif st.last in ("", "scale", "and", "a") and st.current == 0:
                if st.begin < 0:
                    st.begin = w.start
                st.current = 100
                st.small = 0
            else:
                st.flush(out)
                st.begin, st.current, st.small = w.start, 100, 0
            st.last, st.end = "hundred", w.end
            i += 1
            continue
        if t in SCALES or (t in VAGUE and t[:-1] in SCALES and st.last in ("unit", "teen", "ten", "hundred")):
            s = SCALES[t] if t in SCALES else SCALES[t[:-1]]
            if st.last == "den" and st.frac_value is not None:  # "two and a half million"
                st.frac_scale(s, w)
                i += 1
                continue
            if st.last in ("", "unit", "teen", "ten", "hundred", "a") and s < st.cap and not (
                    st.last == "" and st.total):
                if st.begin < 0:
                    st.begin = w.start
                st.total += (st.current or 1) * s
                st.current = st.small = 0
                st.cap, st.last, st.end, st.last_scale = s, "scale", w.end, s
                i += 1
                continue
            st.flush(out)
            st.begin, st.total, st.cap, st.last, st.end, st.last_scale = w.start, s, s, "scale", w.end, s
            i += 1
            continue
        if t == "dozen" or (t == "dozens" and st.last in ("unit", "teen", "ten")):
            if st.last in ("unit", "teen", "ten", "a"):
                value = st.total + st.current - st.small + (st.small or 1) * 12
                start = st.begin
            elif st.last == "den_a" and st.frac_value is not None:  # "half a dozen"
                value, start = st.frac_value * 12, st.frac_start
                st.frac_value = None
            else:
                st.flush(out)
                value, start = 12, w.start
            st.reset()
            out.append((start, w.end, value, "number"))
            i += 1
            continue
        if t in _PLURAL_DEN or t in _SINGULAR_DEN or t in ORDINAL_UNITS or t in ORDINAL_SCALES:
            if st.fraction_or_ordinal(w, t, out):
                i += 1
                continue
            i += 1
            continue
        if t in VAGUE:
            st.flush(out)
            out.append((w.start, w.end, VAGUE[t], "vague"))
            i += 1
            continue
        st.flush(out)
        i += 1
    st.flush(out)
    return out


def _next_is_fraction(words: list[_Word], i: int) -> bool:
    """Whether the words from `i` on read as a fraction: "three fifths", "a half", "one quarter"."""
    if i < len(words) and words[i].text in ("a", "an"):
        return i + 1 < len(words) and words[i + 1].text in _SINGULAR_DEN
    if i + 1 < len(words) and words[i].text in _UNIT_CLASS:
        nxt = words[i + 1].text
        return nxt in _PLURAL_DEN or (words[i].text == "one" and nxt in _SINGULAR_DEN)
    return False


class _Parse:
    """State of `parse_words` between words."""

    __slots__ = ("total", "current", "small", "begin", "end", "last", "cap", "pending_and",
                 "frac_value", "frac_start", "last_scale", "next_index", "a_start", "int_part")

    def __init__(self) -> None:
        self.reset()
        self.next_index = 0

    def reset(self) -> None:
        self.total = self.current = self.small = 0
        self.begin, self.end, self.last, self.cap = -1, 0, "", 10**21
        self.pending_and = None
        self.frac_value = None
        self.frac_start = -1
        self.last_scale = 0
        self.a_start = False
        self.int_part = None

    def flush(self, out: list) -> None:
        if self.last == "den" and self.frac_value is not None:
            out.append((self.frac_start, self.end, self.frac_value, "fraction"))
        elif self.pending_and is not None and self.last == "and":
            value, end = self.pending_and
            out.append((self.begin, end, value, "number"))
        elif self.begin >= 0 and self.last not in ("", "and", "a", "and_a", "point", "den_a"):
            out.append((self.begin, self.end, self.total + self.current, "number"))
        elif self.last == "den_a" and self.frac_value is not None:
            out.append((self.frac_start, self.frac_end_before_a, self.frac_value, "fraction")) \
                if False else out.append((self.frac_start, self.end, self.frac_value, "fraction"))
        self.reset()

    def begin_fraction_after_and(self, w: _Word) -> None:
        value, _ = self.pending_and
        self.int_part = value
        self.total = self.current = self.small = 0
        self.last = "and_frac"

    def decimals(self, words: list[_Word], i: int, out: list) -> None:
        """After "point": digit words ("two three six") or small numbers ("ninety-nine")."""
        digits = []
        end = self.end
        j = i
        while j < len(words) and words[j].text in _UNIT_CLASS:
            t = words[j].text
            if _UNIT_CLASS[t] == "unit":
                digits.append(str(_SMALL_VALUE[t]))
                end = words[j].end
                j += 1
                continue
            if _UNIT_CLASS[t] == "teen":
                digits.append(str(TEENS[t]))
                end = words[j].end
                j += 1
                continue
            v = TENS[t]  # "ninety-nine", "seventy-one"
            if j + 1 < len(words) and _UNIT_CLASS.get(words[j + 1].text) == "unit" \
                    and words[j + 1].start - words[j].end <= 1 and words[j + 1].text not in ZERO_WORDS \
                    and words[j + 1].text != "zero":
                v += UNITS[words[j + 1].text]
                end = words[j + 1].end
                j += 2
            else:
                end = words[j].end
                j += 1
            digits.append(str(v))
        whole = self.total + self.current
        value = float(f"{whole}.{''.join(digits)}") if digits else whole
        out.append((self.begin, end, value, "number"))
        self.reset()
        self.next_index = j

    def frac_scale(self, s: int, w: _Word) -> None:
        self.frac_value *= s
        self.end = w.end
        self.last = "den"
        self.cap = s

    def fraction_or_ordinal(self, w: _Word, t: str, out: list) -> bool:
        last = self.last
        is_plural = t in _PLURAL_DEN
        den = DENOMINATORS.get(t)
        # "a half", "one third", "and a quarter", "three fifths", "two-thirds"
        if den is not None and (is_plural or t in ("half", "quarter") or last in ("a", "and_a")
                                or (last == "unit" and self.current == 1 and self.total == 0
                                    and self.int_part is None and not self.a_start)
                                or (last == "unit" and self.int_part is not None)):
            if last in ("unit", "teen", "ten") and (is_plural or self.current == 1):
                numerator = self.small if self.int_part is None else self.current
                whole = (self.total + self.current - self.small) if self.int_part is None else self.int_part
                if self.int_part is None and whole and numerator:
                    # "one hundred thirty-two fifths": the whole run is the numerator
                    numerator, whole = self.total + self.current, 0
                start = self.begin
                self.frac_value = whole + numerator / den
                self.frac_start = start
            elif last in ("a", "and_a"):
                if last == "and_a":
                    if self.int_part is not None:
                        base = self.int_part
                    elif self.pending_and is not None:
                        base = self.pending_and[0]
                    else:
                        base = self.total + self.current
                    scale = self.last_scale if (self.pending_and is None and self.current == 0
                                                and self.last_scale) else 1
                    self.frac_value = base + scale / den
                else:
                    self.frac_value = 1 / den
                self.frac_start = self.begin
            elif last == "and" and self.pending_and is None and self.last_scale:
                self.flush(out)
                self.frac_value, self.frac_start = 1 / den, w.start
            elif last in ("", "scale", "hundred", "and") and t in ("half", "quarter", "halves", "quarters") \
                    or (is_plural and last in ("", "and")):
                if last not in ("",):
                    self.flush(out)
                self.frac_value, self.frac_start = 1 / den if not is_plural else 1 / den, w.start
            else:
                if last != "":
                    self.flush(out)
                if t in ORDINAL_UNITS:
                    out.append((w.start, w.end, ORDINAL_UNITS[t], "ordinal"))
                    return True
                self.frac_value, self.frac_start = 1 / den, w.start
            self.pending_and = None
            self.int_part = None
            self.total = self.current = self.small = 0
            self.begin = self.frac_start
            self.end, self.last = w.end, "den"
            return True
        if t in ORDINAL_SCALES:
            if last in ("", "unit", "teen", "ten", "hundred", "scale", "and"):
                value = self.total + (self.current or 1) * ORDINAL_SCALES[t]
                start = self.begin if self.begin >= 0 else w.start
                self.reset()
                out.append((start, w.end, value, "ordinal"))
                return True
            self.flush(out)
            out.append((w.start, w.end, ORDINAL_SCALES[t], "ordinal"))
            return True
        v = ORDINAL_UNITS[t]
        ok = last in ("", "hundred", "scale", "and") or (last == "ten" and v < 10 and self.small % 10 == 0)
        if not ok:
            self.flush(out)
        value = self.total + self.current + v
        start = self.begin if self.begin >= 0 else w.start
        self.reset()
        out.append((start, w.end, value, "ordinal"))
        return True


# --- the combiner -----------------------------------------------------------------------------------

def find_numbers(text: str) -> list[Number]:
    """Every figure in `text`, in order, with non-overlapping spans."""
    atoms: list[tuple[int, int, str, re.Match | None]] = []
    m0 = _WORD_AT.match(text)
    if m0:
        atoms.append((0, m0.end(), "w", m0))
    for m in SCANNER.finditer(text):
        g = m.lastgroup
        if g == "w":
            atoms.append((m.start("w"), m.end(), "w", m))
        elif g == "vf":
            atoms.append((m.start(), m.end(), "vf", m))
        else:
            atoms.append((m.start(), m.end(), g or "num", m))
    figs: list[_Fig] = []
    skip_to = -1
    i, n = 0, len(atoms)
    while i < n:
        s, e, g, m = atoms[i]
        if s < skip_to:
            i += 1
            continue
        if g == "w":
            j = i + 1
            run = _split_words(s, text[s:e])
            while j < n and atoms[j][2] == "w":
                gm = _GAP.fullmatch(text, atoms[j - 1][1], atoms[j][0])
                if gm is None or (gm.group("comma") and not _ends_with_scale(run)):
                    break
                if gm.group("and"):
                    a = gm.start("and")
                    run.append(_Word(a, gm.end("and"), "and"))
                if gm.group("a"):
                    run.append(_Word(gm.start("a"), gm.end("a"), gm.group("a").lower()))
                if gm.group("point"):
                    run.append(_Word(gm.start("point"), gm.end("point"), "point"))
                run.extend(_split_words(atoms[j][0], text[atoms[j][0]:atoms[j][1]]))
                j += 1
            if s > 0 and text[s - 1] in "-/" and s > 1 and text[s - 2].isalnum():
                i = j  # "year-one", "24/seven": part of a larger word
                continue
            for ws, we, value, kind in parse_words(run):
                fig = _word_fig(text, ws, we, value, kind)
                if fig is not None and (not figs or fig.start >= figs[-1].end):
                    figs.append(fig)
                    skip_to = max(skip_to, fig.end)
            i = j
            continue
        out = _digit_fig(text, s, e, g, m)
        if isinstance(out, int):
            skip_to = max(skip_to, out)
            # "resolutions 2254 and 2268": the list goes on
            while i + 1 < n and atoms[i + 1][2] == "num" and re.fullmatch(
                    r",[ \u00a0]?|[ \u00a0](?:and|or|to|&)[ \u00a0]|[ \u00a0]?[-–][ \u00a0]?",
                    text[max(skip_to, atoms[i][1]):atoms[i + 1][0]]) and out > 0 and atoms[i + 1][0] >= skip_to:
                i += 1
                skip_to = max(skip_to, _token_end(text, atoms[i][0]) if out else atoms[i][1])
            i += 1
            continue
        if out is None:
            i += 1
            continue
        for fig in out if isinstance(out, list) else (out,):
            if figs and fig.start < figs[-1].end:
                if fig.value_start >= figs[-1].end:
                    fig.start, fig.hedge = fig.value_start, "exact"
                else:
                    continue
            figs.append(fig)
            skip_to = max(skip_to, fig.end)
        i += 1
    figs = _join(text, figs)
    return [f.freeze(text) for f in figs]


def _ends_with_scale(run: list[_Word]) -> bool:
    return bool(run) and run[-1].text in SCALES


def _token_end(text: str, pos: int) -> int:
    return _NON_SPACE.match(text, pos).end()


def _word_fig(text: str, start: int, end: int, value, kind: str) -> _Fig | None:
    word = text[start:end].lower()
    prev = _before(text, start)
    w1 = _word(prev[0]) if prev else ""
    if kind == "number" and word == "one":
        if w1 in _ONE_PRONOUN_BEFORE or prev and prev[0][1] in ("not a", "anyone") \
                or _ONE_PRONOUN_AFTER.match(text, end) or _ONE_IDIOMS.match(text, end):
            return None
        if prev and prev[0][1].endswith((",", ";")) is False and w1 in ORDINAL_UNITS:
            return None
    if kind == "ordinal" and word == "second":
        if w1 in ("one", "a", "per", "split", "every", "each", "nano", "milli", "micro") and w1 != "a" \
                or w1.isdigit():
            return None
        if w1 == "a" and re.match(r"[ \u00a0](?:ago|later|earlier|or two|to)\b", text[end:end + 12]):
            return None
    if kind == "fraction" and word in ("half", "quarter", "halves", "quarters"):
        if w1 in _HALF_NOT_BEFORE or w1 in ("last", "next"):
            return None
        if text[end:end + 1] == "-" and not text[end + 1:end + 8].lower().startswith(("million", "billion")):
            return None  # "half-time", "quarter-final", "half-hour"
        a = w1 in ("a", "an")
        hedged = _hedge_before(text, start, prev)[0] != "exact"
        if not (a or hedged or _HALF_OK_AFTER.match(text, end) or word.endswith("s")):
            return None
        if word == "quarter" and not a and not _HALF_OK_AFTER.match(text, end):
            return None
        if a:
            start = prev[0][0]
            prev = _before(text, start)
    elif kind == "fraction" and word in _SINGULAR_DEN:
        if w1 not in ("a", "an"):
            if word in ORDINAL_UNITS:
                return _Fig(start, end, ORDINAL_UNITS[word], "ordinal", spelled=True, value_start=start)
            if word in ORDINAL_SCALES:
                return _Fig(start, end, ORDINAL_SCALES[word], "ordinal", spelled=True, value_start=start)
            return None
        start = prev[0][0]
        prev = _before(text, start)
    if kind == "number" and word in ("nought", "naught") and not re.match(r"[ \u00a0](?:point|is|per)\b", text[end:end + 7]):
        return None
    if kind == "number" and (word in SCALES or word in ("hundred", "dozen")) and w1 in ("a", "an"):
        start = prev[0][0]
        prev = _before(text, start)
    elif kind == "number" and w1 in _VAGUE_BEFORE and (word.split()[-1] in SCALES or word.endswith("hundred")) \
            and " " not in word:
        s2 = prev[0][0]
        if w1 == "couple" and len(prev) > 1 and _word(prev[1]) == "a":
            s2 = prev[1][0]
        return _Fig(s2, end, None, "vague", "about", spelled=True, value_start=s2)
    if kind == "vague":
        if word == "scores" and not text[end:end + 4].lower() == " of ":
            return None
        lo = value * 2
        m = _VAGUE_OF.match(text, end) if word in ("tens", "hundreds") else None
        if m:
            lo, end = lo * VAGUE[m.group(1)], m.end()
        elif word == "tens":
            return None
        fig = _Fig(start, end, None, "vague", "about", spelled=True, value_start=start)
        fig.low = lo
        return fig
    if kind == "ordinal":
        fig = _Fig(start, end, value, "ordinal", spelled=True, value_start=start)
        return fig
    sign = _sign_word(prev)
    if sign:
        value = -value
        start = prev[0][0]
        prev = _before(text, start)
    fig = _Fig(start, end, value, kind, spelled=True, value_start=start)
    if kind == "fraction" or kind == "number":
        _decorate(text, fig, prev, words=True)
    return fig


def _sign_word(prev: list[tuple[int, str]]) -> bool:
    return bool(prev) and prev[0][1] in ("minus", "negative")


def _digit_fig(text: str, s: int, e: int, g: str, m: re.Match):
    """A digit atom -> a figure, a list of figures, None (not a figure), or an int: skip to there."""
    c = text[s - 1] if s > 0 else " "
    raw = text[s:e]
    # --- context that makes the digits part of something else -----------------------------------
    if c.isalpha() or c == "_":
        cur = re.search(r"(?<![A-Za-z])(?:" + _CUR_CODES + r")$", text[max(0, s - 3):s])
        if cur and g == "num" and not m.group("tail") and not m.group("bad"):
            fig = _plain(text, s, e, m)
            if fig is None or isinstance(fig, int):
                return fig
            fig.kind, fig.unit, fig.start, fig.value_start = "money", CURRENCY_SYMBOLS[cur.group()], s - 3, s - 3
            fig.start, fig.hedge = _hedge_after_start(text, fig.start, fig.hedge)
            return fig
        return _token_end(text, s)  # G20, MH17, A320
    if c in "-‐" and s > 1 and text[s - 2].isalpha():
        prev_word = re.search(r"[A-Za-z]+$", text[max(0, s - 12):s - 1])
        if not prev_word or prev_word.group().lower() not in _YEAR_PREFIXES:
            return _token_end(text, s)  # COVID-19, F-16, SCP-173
    if c in "/=?&%#@:\\~^" or (c == "." and s > 1 and text[s - 2].isalpha()):
        if c == "/" or c == "#" or c == "." or c == "%" or c == "=" or c == "@" or c == "&" or c == "?":
            tok_start = s
            while tok_start > 0 and s - tok_start < 200 and not text[tok_start - 1].isspace():
                tok_start -= 1
            token = text[tok_start:_token_end(text, s)]
            if "://" in token or "www." in token or "@" in token or c in "=?&%#" \
                    or _SYMBOL_BEFORE.search(text, max(0, s - 40), s) or c == ".":
                return _token_end(text, s)
            if c == "/":
                return _token_end(text, s)
        else:
            return _token_end(text, s)
    if c == "+":
        if _PHONE_PLUS.match(text, s - 1):
            return _PHONE_PLUS.match(text, s - 1).end()
    if c == "(" and _PHONE_PAREN.match(text, s - 1):
        return _PHONE_PAREN.match(text, s - 1).end()
    prev = _before(text, s)
    w1 = _word(prev[0]) if prev else ""
    if prev and (w1 in _IDENT_ANY or (prev[0][1][:1] != prev[0][1][:1].lower() and prev[0][1].isalpha()
                                      and False) or (w1 in _IDENT_CAPITAL and _capital(text, prev[0][0]))):
        if prev[0][1].rstrip(_STRIP) == prev[0][1] or w1 in ("no.", "nos.", "pp.", "p.", "op.", "vol.", "para.", "prop."):
            if not (w1 in ("no",) and not _capital(text, prev[0][0])):
                return _token_end(text, s) if g != "num" else max(e, s + 1)
    # --- by token shape -------------------------------------------------------------------------
    if g == "time" or g == "phone" or g == "dotted":
        return e
    if g == "iso":
        return _Fig(s, e, raw, "date", value_start=s)
    if g == "sdate":
        return _Fig(s, e, None, "date", value_start=s)
    if g == "frac":
        num, den = raw.split("/")
        num_i, den_i = int(num), int(den)
        if not 0 < num_i < den_i or num.startswith("0") or den.startswith("0"):
            return e  # "24/7", "9/11", "1/0": not fractions
        fig = _Fig(s, e, num_i / den_i, "fraction", value_start=s)
        if c in "-−" and (s < 2 or not text[s - 2].isalnum()):
            fig.value, fig.start, fig.value_start = -fig.value, s - 1, s - 1
        fig.plain = True
        _decorate(text, fig, _before(text, fig.start), words=False)
        return fig
    if g == "vf":
        fig = _Fig(s, e, unicodedata.numeric(raw), "fraction", value_start=s)
        fig.plain = True
        _decorate(text, fig, prev, words=False)
        return fig
    return _plain(text, s, e, m, prev)


def _capital(text: str, pos: int) -> bool:
    ch = text[pos:pos + 1]
    return ch.isupper()


def _hedge_after_start(text: str, start: int, hedge: str) -> tuple[int, str]:
    h, hs = _hedge_before(text, start)
    return (hs, h) if h != "exact" else (start, hedge)


def _plain(text: str, s: int, e: int, m: re.Match, prev=None):
    """A number token: "300,000", "1.5", "4.5bn", "21st", "1990s", "75,00"."""
    core_end = m.end("num")
    core = text[s:core_end]
    bad, tail, exp = m.group("bad"), m.group("tail"), m.group("exp")
    c = text[s - 1] if s > 0 else " "
    if prev is None:
        prev = _before(text, s)
    if bad:
        groups = (core + bad).split(",")
        if "." not in core + bad and len(groups) >= 3 and all(1 <= len(x) <= 2 for x in groups[1:]) \
                and not tail:
            # "22,24,26,31": a list written without spaces
            figs, pos = [], s
            for x in groups:
                f = _Fig(pos, pos + len(x), int(x), "number", value_start=pos)
                figs.append(f)
                pos += len(x) + 1
            return figs
        return _Fig(s, core_end + len(bad), None, "number", malformed=True, value_start=s)
    if len(core) > 1 and core[0] == "0" and core[1] in "0123456789":
        if not (c == "." and (s < 2 or not text[s - 2].isalnum())):
            return _token_end(text, s)  # "007", "020 7946": codes, not quantities
    if tail:
        return _tailed(text, s, e, core, tail, m, prev)
    if exp:
        value = _number_value(core) * 10 ** int(exp[1:])
        fig = _Fig(s, e, value, "number", value_start=s)
        return _signed(text, fig)
    value = _number_value(core)
    start = s
    if c == "." and (s < 2 or not text[s - 2].isalnum()) and "." not in core and "," not in core:
        value, start = float("0." + core), s - 1
    fig = _Fig(start, core_end, value, "number", value_start=start)
    fig.plain = True
    fig = _signed(text, fig)
    # dates: "September 22", "22 Sept 2016", "October 2016"
    if "," not in core and "." not in core and fig.value_start == start and fig.value > 0:
        date = _date_around(text, start, core_end, value, prev)
        if date is not None:
            return date
    if isinstance(value, int) and 1000 <= value <= 2100 and len(core) == 4 and fig.value_start == start:
        if c in "'’":
            pass
        after = _AFTER.match(text, core_end)
        hedge, _ = _hedge_before(text, start, prev)
        cur = _CUR_BEFORE.search(text, max(0, start - 6), start)
        nxt = re.match(r"[ \u00a0]([a-z]+)", text[core_end:core_end + 24])
        if not (after.group("scale") or after.group("pct") or after.group("pp") or after.group("code")
                or after.group("cw") or after.group("csym") or after.group("adj")) and hedge == "exact" \
                and not cur and not (nxt and nxt.group(1) in _COUNT_NOUNS) and not _sign_word(prev):
            y = _Fig(start, core_end, value, "year", value_start=start)
            return y
    _decorate(text, fig, prev, words=False)
    return fig


def _signed(text: str, fig: _Fig) -> _Fig:
    s = fig.start
    c = text[s - 1] if s > 0 else ""
    if c in "-−" and (s < 2 or not (text[s - 2].isalnum() or text[s - 2] in ".,")):
        fig.value, fig.start, fig.value_start = -fig.value, s - 1, s - 1
    return fig


def _tailed(text: str, s: int, e: int, core: str, tail: str, m: re.Match, prev):
    """Digits with letters glued on: ordinals, decades, scale suffixes, glued units and codes."""
    low = tail.lower()
    c = text[s - 1] if s > 0 else " "
    if low in ("st", "nd", "rd", "th") and "," not in core and "." not in core:
        v = int(core)
        expected = "th" if 10 <= v % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")
        date = _date_around(text, s, e, v, prev) if 1 <= v <= 31 else None
        if date is not None:
            return date
        return _Fig(s, e, v, "ordinal", malformed=low != expected, value_start=s)
    if low == "s" and "," not in core and "." not in core:
        if len(core) == 4 and core.endswith("0") and 1000 <= int(core) <= 2090:
            return _Fig(s, e, int(core), "year", unit="decade", value_start=s)
        if len(core) == 2 and core.endswith("0") and c in "'’":
            return _Fig(s - 1, e, 1900 + int(core), "year", unit="decade", value_start=s - 1)
        return e
    if tail in SCALE_SUFFIX or low in ("bn", "mn", "mln", "bln", "tn", "trn", "tln"):
        mult = SCALE_SUFFIX.get(tail) or SCALE_SUFFIX[low]
        cur = _CUR_BEFORE.search(text, max(0, s - 6), s)
        if tail in ("m", "M", "b", "B", "K") and not cur:
            after = re.match(r"[ \u00a0]([a-z]+)", text[e:e + 24])
            if not (after and (after.group(1) in _COUNT_NOUNS or after.group(1) in CURRENCY_WORDS)):
                return e  # "100m" is as likely metres, "3M" a company: not counted without context
        value = _number_value(core) * mult
        fig = _Fig(s, e, value, "number", value_start=s)
        fig.scale = mult
        fig = _signed(text, fig)
        _decorate(text, fig, prev, words=False)
        return fig
    if low == "pc":
        fig = _Fig(s, s + len(core), _number_value(core), "number", value_start=s)
        fig.plain = True
        fig = _signed(text, fig)
        _decorate(text, fig, prev, words=False)
        return fig
    if tail in _CUR_CODES.split("|") or low == "p":
        fig = _Fig(s, s + len(core), _number_value(core), "number", value_start=s)
        fig = _signed(text, fig)
        fig.kind, fig.unit, fig.end = "money", CURRENCY_SYMBOLS.get(tail, "pence"), e
        fig.start, fig.hedge = _hedge_after_start(text, fig.start, fig.hedge)
        return fig
    return _token_end(text, s)  # glued units and codes: "180ml", "29km", "777F", "3D"


def _date_around(text: str, s: int, e: int, value: int, prev) -> _Fig | None:
    """A day or year next to a month name: "September 22", "22 Sept 2016", "October 2016"."""
    start = end = -1
    if prev:
        mw = prev[0][1].rstrip(".,").lower()
        if mw in MONTHS and _capital(text, prev[0][0]) and (1 <= value <= 31 or 1000 <= value <= 2100) \
                and not prev[0][1].endswith(","):
            start, end = prev[0][0], e
            if len(prev) > 1 and prev[1][1].rstrip(",").lower() in WEEKDAYS:
                start = prev[1][0]
            if 1 <= value <= 31:
                y = _YEAR_AFTER.match(text, e)
                if y:
                    end = y.end()
    if start < 0 and 1 <= value <= 31:
        mm = _MONTH_AFTER.match(text, e)
        if mm:
            start, end = s, mm.end()
            if prev and prev[0][1].rstrip(",").lower() in WEEKDAYS:
                start = prev[0][0]
            elif prev and prev[0][1] == "the" and len(prev) > 1 and prev[1][1].rstrip(",").lower() in WEEKDAYS:
                start = prev[1][0]
            y = _YEAR_AFTER.match(text, end)
            if y:
                end = y.end()
    if start < 0:
        return None
    raw = text[start:end]
    return _Fig(start, end, _iso_date(raw), "date", value_start=start)


def _decorate(text: str, fig: _Fig, prev, *, words: bool) -> None:
    """Add scale, currency, percent, adjective and hedges around a bare figure, in place."""
    after = _AFTER.match(text, fig.end)
    end = fig.end
    if after.group("scale") and not words and fig.scale == 1 and fig.kind in ("number", "fraction") \
            and isinstance(fig.value, (int, float)):
        sw = after.group("sw")
        if sw:
            key = sw.lower().rstrip("s") if sw.lower() not in ("hundreds", "thousands") else sw.lower()[:-1]
            mult = 100 if key == "hundred" else 12 if key == "dozen" else SCALES[key]
        else:
            mult = SCALE_SUFFIX[after.group("ss")]
        fig.value = fig.value * mult
        fig.scale = mult
        end = after.end("scale")
        if fig.kind == "fraction":
            fig.kind = "number"
    cur = _CUR_BEFORE.search(text, max(0, fig.start - 8), fig.start)
    if cur and not (cur.group("pre") and cur.group("pre")[0].islower() and cur.start("pre") > 0
                    and text[cur.start("pre") - 1].isalpha()):
        sym = (cur.group("pre") or "") + (cur.group("sym") or "") if cur.group("sym") else cur.group("code")
        fig.kind, fig.unit = "money", _currency_code(sym)
        fig.start = fig.value_start = cur.start()
        if text[cur.end() - 1:cur.end()] == "-" and isinstance(fig.value, (int, float)):
            fig.value = -fig.value
    if fig.kind in ("number", "fraction") or fig.kind == "money" and not cur:
        if after.group("pct"):
            fig.kind, fig.unit, end = "percent", "%", after.end("pct")
        elif after.group("pp"):
            fig.kind, fig.unit, end = "percent", "points", after.end("pp")
        elif after.group("code") or after.group("cw") or after.group("csym"):
            cw = after.group("cw")
            if not (cw and cw.lower() in ("pound", "pounds") and re.match(r"[ \u00a0]of\b", text[after.end():after.end() + 4])):
                fig.kind = "money"
                if after.group("code"):
                    fig.unit, end = CURRENCY_SYMBOLS[after.group("code")], after.end("code")
                elif cw:
                    fig.unit, end = _currency_word(cw, after.group("cadj")), after.end("cw")
                else:
                    fig.unit, end = _currency_code(after.group("csym")), after.end("csym")
        elif after.group("adj") and fig.kind in ("number", "fraction"):
            unit = after.group("unit")
            if unit not in ("to", "and", "or") and unit not in NUMBER_WORDS:
                fig.adjective, fig.unit = True, unit + ("-old" if after.group("old") else "")
                end = after.end("adj")
    elif fig.kind == "money" and (after.group("cw") or after.group("code")) and cur:
        # "$5 million dollars", "US$ 10 USD": the unit written twice
        end = max(end, after.end("cw") if after.group("cw") else after.end("code"))
    fig.end = end
    if fig.hedge == "exact":
        hedge, hstart = _hedge_before(text, fig.start, prev if fig.start == fig.value_start and prev is not None
                                      and (not prev or fig.start >= prev[0][0] + len(prev[0][1])) else None)
        if hedge != "exact":
            fig.hedge, fig.start = hedge, hstart
        trail = after.group("trail")
        if trail and fig.hedge == "exact" and after.start("trail") == end:
            key = trail.strip(" \u00a0-")
            fig.hedge = TRAILING_HEDGES.get(key, "at_least")
            fig.end = after.end("trail")


def _currency_code(sym: str) -> str:
    sym = sym.strip()
    if sym in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[sym]
    key = sym.rstrip("$").upper()
    return {"US": "USD", "U.S": "USD", "USD": "USD", "HK": "HKD", "C": "CAD", "CAD": "CAD", "AUD": "AUD",
            "NZD": "NZD", "MXN": "MXN", "MEX": "MXN", "A": "AUD", "AU": "AUD"}.get(key, CURRENCY_SYMBOLS.get(sym[-1:], sym))


def _currency_word(word: str, adj: str | None) -> str:
    code = CURRENCY_WORDS.get(word.lower(), word.upper())
    if adj and code == "USD":
        code = {"hong kong": "HKD", "canadian": "CAD", "australian": "AUD", "new zealand": "NZD",
                "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "namibian": "NAD",
                "jamaican": "JMD", "zimbabwean": "ZWL"}.get(adj.lower(), code)
    elif adj and code == "CHF" and adj.lower() != "swiss":
        code = {"french": "FRF", "belgian": "BEF"}.get(adj.lower(), "CHF")
    return code


def _iso_date(raw: str) -> str | None:
    """'September 22, 2016' -> '2016-09-22'; without a year -> '--09-22'; month only -> '2016-10'."""
    body = re.sub(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s(?:the\s)?", "", raw)
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


# --- joining neighbours -----------------------------------------------------------------------------

def _join(text: str, figs: list[_Fig]) -> list[_Fig]:
    """Ranges, scores, mixed fractions and year ranges from neighbouring figures."""
    out: list[_Fig] = []
    for f in figs:
        if out:
            prev = out[-1]
            gap = text[prev.end:f.start]
            joined = None
            if f.kind == "fraction" and not f.spelled and prev.kind == "number" and prev.plain \
                    and prev.hedge == "exact" and isinstance(prev.value, int) and gap in (" ", "\u00a0") \
                    and f.value_start == f.start:
                joined = prev  # "2 1/2"
                prev.value = prev.value + f.value if prev.value >= 0 else prev.value - f.value
                prev.kind, prev.end = "fraction", f.end
                _decorate(text, prev, None, words=False)
                continue
            if f.kind == "fraction" and not f.spelled and prev.kind == "number" and prev.end == f.start \
                    and isinstance(prev.value, int) and f.value_start == f.start and prev.hedge == "exact":
                prev.value, prev.kind, prev.end = prev.value + f.value, "fraction", f.end  # "2½"
                continue
            if _RANGE_GAP.fullmatch(gap):
                joined = _join_range(text, prev, f, gap)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(f)
    return out


def _join_range(text: str, a: _Fig, b: _Fig, gap: str) -> _Fig | None:
    """Two figures joined by a dash, "to" or "and": a range (low < high) or a score (51-47)."""
    if a.kind not in ("number", "year", "money", "percent", "fraction") or \
            b.kind not in ("number", "year", "money", "percent", "fraction"):
        return None
    if not isinstance(a.value, (int, float)) or not isinstance(b.value, (int, float)) or a.malformed or b.malformed:
        return None
    if b.hedge != "exact" or a.adjective or (a.unit and b.unit and a.unit != b.unit):
        return None
    dash = gap.strip(" \u00a0") in ("-", "–", "—")
    word_gap = gap.strip(" \u00a0")
    prev = _before(text, a.core_start if a.hedge == "exact" else a.start)
    w1 = _word(prev[0]) if prev else ""
    between = w1 == "between" and a.hedge == "exact"
    if word_gap == "and" and not between:
        return None
    if a.spelled != b.spelled and dash:
        return None
    if word_gap == "to" and w1 == "from":
        return None  # "from 40 to 90" is a change, read by the change rules
    if a.kind == "year" and (b.kind in ("year", "number")) and dash and b.plain:
        # "2014-15", "2014-2015", "1990-95"
        hi = b.value
        if hi < 100 and len(text[b.start:b.end]) == 2:
            hi = a.value // 100 * 100 + hi
            if hi <= a.value:
                hi += 100
        if not a.value < hi <= a.value + 100:
            return None
        return _range(text, a, b, a.value, hi, "range", "year", a.start)
    if a.kind == "year":
        a_val = a.value
        a = _Fig(a.start, a.end, a_val, "number", value_start=a.start)
        a.plain = True
    if b.kind == "year":
        b = _Fig(b.start, b.end, b.value, "number", value_start=b.value_start)
        b.plain = True
    lo, hi = a.value, b.value
    # "$10-12 million", "two to three million": the second figure's scale and unit apply to both
    if b.scale > 1 and a.scale == 1 and lo * b.scale <= hi:
        lo = lo * b.scale
        a.value = lo
        a.scale = b.scale
    kind_a = a.kind
    if a.kind in ("number", "fraction") and b.kind in ("percent", "money"):
        a.kind, a.unit = b.kind, b.unit
    elif a.kind == "money" and b.kind in ("number", "fraction") and not b.unit:
        b.kind, b.unit = "money", a.unit
    elif a.kind == "percent" and b.kind in ("number", "fraction"):
        b.kind, b.unit = "percent", a.unit
    if word_gap == "to" and lo >= hi:
        a.kind = kind_a
        return None  # "voted 221 to 209" is a tally, not a range: leave two figures
    kind = "range" if lo < hi else "score"
    if kind == "score" and not dash:
        return None
    if kind == "score" and (a.kind != "number" or b.kind != "number"):
        return None
    start = prev[0][0] if between else a.start
    return _range(text, a, b, lo, hi, kind, b.unit or a.unit, start)


def _range(text: str, a: _Fig, b: _Fig, lo, hi, kind: str, unit, start: int) -> _Fig:
    r = _Fig(start, b.end, None, kind, a.hedge, unit, spelled=a.spelled and b.spelled,
             value_start=a.core_start)
    r.low, r.high, r.parts = lo, hi, (a, b)
    r.plain = False
    r.scale = b.scale
    if kind == "range" and r.hedge == "exact":
        after = _AFTER.match(text, b.end)
        trail = after.group("trail")
        if trail and after.start("trail") == b.end:
            pass
    return r
