"""The number grammar: every figure in a text with its exact span, value, kind and hedge.

`find_numbers(text)` returns the figures in order, with non-overlapping spans. Two passes keep it
fast and free of backtracking traps:

1. Two scanner regexes find *atoms*: digit tokens ("300,000", "4.5bn", "21st", "1/3", "10:30",
   "2016-09-22", "½") and runs of number words ("twenty-five", "two-thirds"). They read a copy of
   the text, offset for offset, that is lower-cased and has a "0" for every digit and a space for
   every character a number word may follow, so the engine skips ahead with a fast search for one
   literal character and tries the grammar only there; the number words form a trie, not a list of
   alternatives tried one by one.
2. A combiner walks the atoms once. Context is read with anchored matches at known offsets: the
   words just before an atom (hedges, "a", "between", month names, "resolution 2254"), the characters
   just before it (currency symbols, signs, identifiers such as "COVID-19", "G20", "S/2016/846",
   URLs), and one look-ahead regex for what follows (scale, percent, currency, "-member" adjectives,
   "or more"). Neighbouring figures are then joined into ranges and scores ("10-12", "between 10 and
   12", "51-47"), mixed fractions ("2 1/2") and year ranges ("2014-15").

No pattern nests unbounded repetition and every look-behind reads a bounded window, so the cost is
linear in the length of the text; at most MAX_ATOMS tokens are read from one text, which bounds the
worst case (a 2 MB "1 1 1 ...") at well under a second.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

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
    "approx": "about", "an approximate": "about", "give or take": "about", "an average of": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "just below": "nearly", "not quite": "nearly",
    "more than": "over", "over": "over", "upwards of": "over", "in excess of": "over",
    "just over": "over", "well over": "over", "above": "over", "greater than": "over",
    "higher than": "over", "larger than": "over", "bigger than": "over", "exceeding": "over",
    "exceeds": "over", "exceed": "over", "exceeded": "over", "surpassing": "over", "surpass": "over",
    "just above": "over", "well above": "over", "a little over": "over",
    "slightly more than": "over", "far more than": "over",
    "fewer than": "under", "less than": "under", "under": "under", "below": "under",
    "lower than": "under", "smaller than": "under", "well under": "under", "well below": "under",
    "slightly less than": "under", "a little under": "under",
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
                  "pence": "pence", "penny": "pence", "pennies": "pence", "dime": "dimes", "dimes": "dimes",
                  "nickel": "nickels", "nickels": "nickels", "usd": "USD", "eur": "EUR",
                  "gbp": "GBP"}
SCALE_SUFFIX = {"k": 10**3, "K": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "M": 10**6,
                "bn": 10**9, "bln": 10**9, "b": 10**9, "B": 10**9, "tn": 10**12, "trn": 10**12,
                "tln": 10**12, "T": 10**12}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year",
              "decade", "century", "term", "season", "session"}
MONTHS = {"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
          "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
          "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
          "december": 12}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True, slots=True)
class Number:
    """A figure as written. `value` is None for vague quantities and malformed figures; ranges and
    scores carry `low`/`high` and their two `parts`; dates carry an ISO string (or None).

    kind: number | percent | money | ordinal | fraction | range | score | year | date | vague
    hedge: exact | about | over | under | at_least | at_most | nearly
    unit: the currency code for money ("USD", "cents"), "%" or "points" for percent, the noun of a
    hyphenated adjective ("member" in "15-member"), "decade" for "1990s", "year" for year ranges.
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
    parts: tuple[Number, ...] = ()
    value_start: int = -1  # where the figure itself starts (after a hedge), for joining phrases

    @property
    def core_start(self) -> int:
        return self.value_start if self.value_start >= 0 else self.start


# --- the scanner ------------------------------------------------------------------------------------

def _trie(words, caseless: bool = True) -> str:
    """A regex for `words` shaped as a trie, so the engine rejects a branch on its first character
    instead of trying every word in turn. `caseless` spells each letter as a class ("[tT]"); without
    it the letters are literals, which sre tests faster, for text that is lower-cased already."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(f"[{ch}{ch.upper()}]" if caseless and ch.isalpha() else re.escape(ch)) + build(node[ch])
                for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_SCAN_WORDS = sorted({*NUMBER_WORDS, "hundred", *SCALES, "dozen", *ORDINAL_UNITS, *ORDINAL_SCALES,
                      *DENOMINATORS, *VAGUE, *ZERO_WORDS})
_WORD_TRIE = _trie(_SCAN_WORDS, caseless=False)  # matched on `_scan_text(text)`, lower-cased
_SP = "[ \u00a0\u2009\u202f]"  # a space inside a figure: plain, no-break, thin, narrow no-break
_HS = "[ \t\u00a0\u2009\u202f]"  # horizontal space between words
_VULGAR = "½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_CUR_CHARS = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Sc") + "元"
_TZ = r"(?:GMT|UTC|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|IST|JST|AEST|AEDT|ET|PT)\b"
_AMPM = r"(?:[AaPp]\.[Mm]\.|[AaPp][Mm]\b)"

# A digit token, written as what follows its first digit. The look-aheads only skip what cannot match
# (every shape but a plain number needs a separator or "am"/"pm" after the digits; grouped digits need
# a comma or a space and a digit; the glued parts a comma, a dot or a letter): sre tries each
# alternative and each optional group at a cost, and most tokens are plain "25" or "1,500".
_DIGIT_REST = (
    r"(?=[0-9]*+(?:[-–:/.]|" + _SP + r"?[AaPp]))(?:"
    r"(?P<iso>[0-9]{3}-[01][0-9]-[0-3][0-9](?![0-9-]))"
    r"|(?P<sdate>[0-9]?/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})(?![0-9/]))"
    r"|(?P<time>[0-9]?(?::[0-9]{2}(?::[0-9]{2})?(?![0-9])(?:" + _SP + "?(?:" + _AMPM + "|" + _TZ + r"))?"
    r"|\.[0-9]{2}" + _SP + "?(?:" + _AMPM + "|" + _TZ + ")|" + _SP + "?" + _AMPM + r"))"
    r"|(?P<phone>[0-9]{2}(?:-[0-9]{3}-|\.[0-9]{3}\.)[0-9]{4}(?![0-9]))"
    r"|(?P<chain>[0-9]*[-–:/][0-9]+[-–:/][0-9](?:[-–:/0-9]*[0-9])?)"  # "1-2-3", "4:5:6": codes
    r"|(?P<dotted>[0-9]*\.[0-9]+\.[0-9](?:[0-9.]*[0-9])?)"
    r"|(?P<frac>[0-9]{0,2}/[0-9]{1,3}(?![0-9/])))"
    r"|(?P<num>(?P<core>(?:(?=[0-9]{0,2}(?:,|" + _SP + r"[0-9]))(?:[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])"
    r"|[0-9]?(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"
    r"|(?<![\w.,/:-][0-9])[0-9]{0,2}(?:" + _SP + r"[0-9]{3}(?![0-9]))+)"
    r"|[0-9]*)(?:\.[0-9]+)?)"
    r"(?:(?=[,.A-Za-z])(?P<bad>[,.][0-9,.]*[0-9])?(?P<exp>[eE][+-]?[0-9]{1,3}(?!\w))?"
    r"(?P<tail>[A-Za-z][A-Za-z0-9]*)?)?)"
)
_WORD_ATOM = _WORD_TRIE + "(?:-" + _WORD_TRIE + r")*(?!\w)"
DIGIT_SCANNER = re.compile("[0-9" + _VULGAR + "](?:(?<=[" + _VULGAR + "])(?P<vf>)|" + _DIGIT_REST + ")")
# A number word starts after whitespace (any of `\s`) or an opening mark. sre finds a literal character
# with a fast search but tests a class character by character, several times slower, so the scanners
# read a copy of the text (`_scan_text`) where each of these is a space and each digit a "0".
_WORD_OPENERS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b)))
                 + "\u2028\u2029\u202f\u205f\u3000" + "([\"'‘“–—")
WORD_SCANNER = re.compile(" " + _WORD_ATOM)  # on `_scan_text(text)`
_WORD_AT = re.compile(_WORD_ATOM)  # a number word at the very start of the text
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SCAN_MARKS = [(c, " ") for c in _WORD_OPENERS] + [(c, "0") for c in "123456789" + _VULGAR]
_SCAN_BYTES = bytes(ord(" ") if chr(b) in _WORD_OPENERS else ord("0") if chr(b) in "123456789"
                    else ord(chr(b).lower()) if b < 128 else b for b in range(256))  # for ASCII text
# Figure-like tokens read per text. News copy has about five per KB, so a 2 MB article (the loader's
# limit) has some 10,000; adversarial text (a million "1 1 1 ...") is read up to here and no further,
# which keeps the worst case well under a second.
MAX_ATOMS = 20_000

# --- context readers --------------------------------------------------------------------------------

_REV_WORDS = re.compile(_HS + r"+(\S+)(?:" + _HS + r"+(\S+))?(?:" + _HS + r"+(\S+))?")
_QUOTES = "\"'(‘“["
_STRIP = "\"'()[]‘’“”,;:"
_GAP = re.compile(_HS + r"*(?P<dash>-)" + _HS + r"*"
                  r"|(?P<comma>,)?" + _HS + r"+(?:(?P<and>and|&)" + _HS + r"+)?(?:(?P<a>an?)" + _HS + r"+)?"
                  r"|" + _HS + r"+(?P<point>point)" + _HS + "+", re.IGNORECASE)
_CUR_CODES = "USD|EUR|GBP|JPY|CNY|CHF|INR|RMB|AUD|CAD|HKD|SGD|NZD|ZAR|BRL|MXN|RUB|TRY|KRW|SEK|NOK|DKK|PLN|BTC"
_CUR_CODE_SET = frozenset(_CUR_CODES.split("|"))
_CUR_ADJ_NAMES = ["US", "U.S.", "Hong Kong", "Canadian", "Australian", "New Zealand", "Singapore", "Swiss",
                  "Turkish", "Chinese", "Mexican", "Indian", "Japanese", "Finnish", "Dutch", "Brazilian",
                  "South African", "Taiwan", "Taiwanese", "Namibian", "Jamaican", "Zimbabwean", "Egyptian",
                  "Russian", "Israeli", "Nigerian", "Saudi", "Argentine", "Philippine", "Indonesian",
                  "Malaysian", "Pakistani", "Sri Lankan", "Kenyan", "Ghanaian", "Iranian", "Iraqi",
                  "Jordanian", "Kuwaiti", "Moroccan", "Tunisian", "Algerian", "Libyan", "Qatari", "Danish",
                  "Swedish", "Norwegian", "Icelandic", "Czech", "Polish", "Hungarian", "Ukrainian", "French",
                  "Belgian", "us", "u.s.", "hong kong", "canadian", "australian", "new zealand", "singapore",
                  "swiss", "turkish", "chinese", "mexican", "dutch", "finnish", "japanese", "indian"]
_CUR_ADJ = "(?:" + "|".join(name.replace(".", r"\.") for name in _CUR_ADJ_NAMES) + ")"
# What may follow a figure, in this order: scale, then percent | currency | adjective, then a
# trailing hedge. Every part is optional, so one anchored match reads all of it; word lists are tries.
_AFTER = re.compile(
    r"(?P<scale>(?:" + _SP + r"?|-)(?P<sw>" + _trie(["hundred", "thousand", "million", "billion", "trillion",
                                                     "lakh", "crore", "dozen", "hundreds", "thousands",
                                                     "millions", "billions", "trillions", "lakhs", "crores",
                                                     "dozens"]) + r")\b"
    r"|" + _SP + r"?(?P<ss>bn|mn|mln|bln|tn|trn|tln)\b)?"
    r"(?:(?P<pct>" + _SP + r"?%|" + _SP + "(?:" + _trie(["per cent", "per\u00a0cent", "percent", "percents",
                                                         "pct"])
    + r")\b|" + _SP + r"?pc\b)"
    r"|(?P<pp>" + _SP + "(?:" + _trie(["percentage points", "percentage point", "percentage-points",
                                       "basis points", "basis point", "bps"]) + r")\b)"
    r"|" + _SP + r"?(?P<mcode>M)?(?P<code>" + _CUR_CODES + r")\b"
    r"|" + _SP + r"(?:(?P<cadj>" + _CUR_ADJ + r")" + _SP + r")?(?P<cw>" + _trie(CURRENCY_WORDS) + r")\b"
    r"|" + _SP + r"?(?P<csym>[" + _CUR_CHARS + r"])(?![0-9])"
    r"|(?P<adj>-(?!(?:odd|plus)\b)(?P<unit>[a-z]{2,20})(?P<old>-old)?\b(?!-[0-9])))?"
    r"(?P<trail>[ \u00a0](?:or more|and more|or greater|or higher|or above|or over|and above|and over|"
    r"and up|or so|or fewer|or less|or below|or under|and under|and below)\b"
    r"|[ \u00a0]plus(?=[.,;:!?)]|$)|-plus\b|-odd\b|\+(?![\w+]))?"
)
_CUR_BEFORE = re.compile(
    r"(?:(?<![A-Za-z.])(?P<pre>US|A|AU|C|CA|NZ|HK|S|R|Mex|NT|us|hk|c|u\.s|usd|aud|cad|nzd|mxn|mex)"
    + _SP + r"?)?(?P<sym>[" + _CUR_CHARS + r"])" + _SP + r"?-?$"
    r"|(?<![A-Za-z])(?P<code>" + _CUR_CODES + r"|Rs\.?)" + _SP + r"?-?$")
_CODE_GLUED = re.compile(r"(?<![A-Za-z])(?:" + _CUR_CODES + r")$")
_COUNT_NOUNS = frozenset(
    ["people", "persons", "votes", "voters", "members", "deaths", "dead", "cases", "children", "troops",
     "soldiers", "refugees", "residents", "civilians", "workers", "homes", "jobs", "seats", "families",
     "women", "men", "students", "patients", "employees", "households", "migrants", "protesters",
     "officers", "police", "houses", "tonnes", "tons", "barrels", "units", "vehicles", "cars", "words",
     "pages", "books", "shares", "signatures", "delegates", "countries", "nations", "states", "casualties",
     "victims", "fighters", "rebels", "prisoners", "detainees", "doctors", "nurses", "teachers", "pupils",
     "companies", "firms", "acres", "hectares", "miles", "kilometres", "kilometers", "metres", "meters",
     "feet", "visitors", "tourists", "passengers", "flights", "beds", "doses", "tests", "infections",
     "arrests", "applications", "respondents", "participants", "users", "customers", "subscribers",
     "copies", "followers", "lives", "dollars", "euros", "pounds"])
_IDENT_ANY = frozenset(
    ["resolution", "resolutions", "article", "articles", "section", "sections", "chapter", "chapters",
     "paragraph", "paragraphs", "para.", "clause", "clauses", "no.", "nos.", "proposition", "prop.",
     "annex", "vol.", "volume", "directive", "regulation", "protocol", "rule", "item", "items", "page",
     "pages", "pp.", "p.", "op.", "version", "episode", "route", "interstate", "highway", "platform",
     "iphone", "ipad"])
_IDENT_CAPITAL = frozenset(
    ["no", "amendment", "bill", "act", "law", "line", "unit", "code", "model", "issue", "block", "lot",
     "district", "ward", "precinct", "flight", "room", "suite", "season", "phase", "stage", "level",
     "channel", "box", "case", "file", "number", "decision", "step", "title", "grade", "class", "group",
     "category", "type", "pier", "terminal", "building", "floor", "zone", "sector", "exit", "junction",
     "bus", "train", "track", "lane", "war", "apollo", "boeing", "airbus", "windows", "galaxy", "formula",
     "ligue", "league", "division", "tier", "camp", "gen", "generation", "series"])
_YEAR_PREFIXES = frozenset(["mid", "pre", "post", "early", "late", "circa", "since", "through", "until",
                            "end", "start", "fy"])
_YEARISH_ADJ = frozenset(["era", "style", "vintage", "model", "season", "election", "campaign", "edition",
                          "present"])
_ONE_PRONOUN_BEFORE = frozenset(
    ["no", "any", "every", "each", "some", "the", "this", "that", "which", "another", "such", "last",
     "next", "previous", "current", "other", "little", "big", "right", "wrong", "same", "new", "old",
     "latest", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "favourite", "favorite", "main", "best", "worst"])
_ONE_PRONOUN_AFTER = re.compile(
    r"(?i:" + _HS + r"(?:of|another|who|that|which|or two|or other|or another|by one|and all|"
    r"and the same|day,|moment|cannot|can't|can|could|must|should|would|may|might|shall|thing|"
    r"way or another|time or another)\b|'s\b|’s\b)")
_ONE_IDIOMS = re.compile(r"(?i:-(?:off|time|sided|way|stop|liner|on-one|of-a-kind|size|armed|eyed|"
                         r"upmanship|man|woman|party|horse|night)\b)")
_HALF_OK_AFTER = re.compile(r"(?i:" + _HS + r"(?:of|the|a|an|its|their|his|her|our|my|your|those|"
                            r"these|all|them|that|this|what|million|billion|trillion|dozen|thousand|"
                            r"hundred)\b)")
_HALF_NOT_BEFORE = frozenset(["first", "second", "third", "fourth", "latter", "former", "other", "back",
                              "front", "opening", "closing", "the", "this", "that", "each", "either",
                              "last", "next"])
_VAGUE_BEFORE = frozenset(["several", "few", "many", "numerous", "couple"])
_FRACTION_CONTEXT = re.compile(r"(?i:" + _HS + r"(?:of|million|billion|trillion|thousand)\b|[.,;:!?)]|$)")
_MONTH_AFTER = re.compile(r"(?:" + _SP + r"of)?" + _SP + r"(?P<month>January|February|March|April|May|June|"
                          r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
                          r"Sept?|Oct|Nov|Dec)\b\.?")
_YEAR_AFTER = re.compile(r",?" + _SP + r"[12][0-9]{3}\b(?![.,][0-9])")
_VAGUE_OF = re.compile(_HS + r"(?:of" + _HS + r")?(thousands|millions|billions)\b")
_PHONE_PLUS = re.compile(r"\+[0-9]{1,3}(?:[ .-]?\(?[0-9]{1,4}\)?)(?:[ .-]?[0-9]{2,4}){2,4}(?![0-9])")
_PHONE_PAREN = re.compile(r"\([0-9]{3}\)[ \u00a0]?[0-9]{3}[-.][0-9]{4}(?![0-9])")
_RANGE_GAP = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?|[ \u00a0](?:to|and|through)[ \u00a0]")
_LIST_GAP = re.compile(r",[ \u00a0]?|[ \u00a0](?:and|or|to|&)[ \u00a0]|[ \u00a0]?[-–][ \u00a0]?")
_NON_SPACE = re.compile(r"\S*")
_TALLY = re.compile(r"[0-9]{1,3}[-–][0-9]{1,3}[-–][0-9]{1,3}")
_TALLY_AFTER = re.compile(r"[ \u00a0]?[-–][ \u00a0]?[0-9]|[ \u00a0]to[ \u00a0][0-9]")
_WORD_BEFORE_HYPHEN = re.compile(r"(?:(?<![\w.])([0-9]+(?:\.[0-9]+)?(?:k|K|m|bn|mn|tn))|([A-Za-z]+))$")
_NEXT_WORD = re.compile(_SP + r"([a-z]+)")
_ZERO_COUNTS = re.compile(r"[ \u00a0](?:point|is|per)\b")  # "nought point five", not "all for naught"
_A_SECOND_LATER = re.compile(_HS + r"(?:ago|later|earlier|or two|to spare)\b")


_WS = frozenset(" \t\n\r\u00a0\u2009\u202f\u2028\u2029\x0b\x0c")
_NEXT_WORD_ANY = re.compile(r"[A-Za-z]+")
# The first word of every reading of `_AFTER` that starts with a space, lower-cased ("u" for "U.S."):
# `_AFTER` matches nothing after a figure whose next word is not one of these.
_AFTER_STARTS = frozenset(
    ["hundred", "thousand", "million", "billion", "trillion", "lakh", "crore", "dozen", "hundreds",
     "thousands", "millions", "billions", "trillions", "lakhs", "crores", "dozens", "bn", "mn", "mln",
     "bln", "tn", "trn", "tln", "per", "percent", "percents", "pct", "pc", "percentage", "basis", "bps",
     "or", "and", "plus", *(w.lower() for w in _CUR_CODE_SET), *("m" + w.lower() for w in _CUR_CODE_SET),
     *CURRENCY_WORDS, *(re.match(r"[A-Za-z]+", name).group().lower() for name in _CUR_ADJ_NAMES)])
_COMPARATORS = {">": "over", "<": "under", "≥": "at_least", "≤": "at_most", ">=": "at_least",
                "<=": "at_most"}
_COMPARATOR_BEFORE = re.compile(r"(?<![<>=])(>=|<=|[<>≥≤]) ?$")
# A figure after a word and a space, where the word ends in a character that cannot end a currency
# symbol or code ("$", "USD", "Rs", "US$") or a comparator ("<", ">="): nothing to read before it.
_AFTER_A_WORD = frozenset(c + " " for c in "abcdefghijklmnopqrtuvwxyz0123456789,;:!?)]\"'’”")
_NOTHING_AFTER = frozenset([*",.;:!?)]\"'”’\n\r\t/", ""])


def _before(text: str, pos: int) -> list[tuple[int, str]]:
    """The word right before `pos` (separated by horizontal space) as [(start, lower-case)], or [].
    `_before_words` reads up to three, for the few checks that need a phrase."""
    c = text[pos - 1:pos]
    if c != " ":
        return _before_words(text, pos) if c in _WS else []
    lo = pos - 40 if pos > 40 else 0
    k = text.rfind(" ", lo, pos - 1)
    if k >= lo:
        w = text[k + 1:pos - 1]
        if w and w.isprintable():  # one space before `pos`; no line break, tab or other space in `w`
            return [(k + 1, w.lower())]
    return _before_words(text, pos)[:1]


def _before_words(text: str, pos: int) -> list[tuple[int, str]]:
    """Up to three whitespace-separated words right before `pos`, nearest first: (start, lower-case)."""
    lo = pos - 60 if pos > 60 else 0
    m = _REV_WORDS.match(text[lo:pos][::-1])
    if not m:
        return []
    return [(pos - b, text[pos - b:pos - a].lower()) for a, b in m.regs[1:] if a >= 0]


def _word(prev: list[tuple[int, str]], k: int = 0) -> str:
    return prev[k][1].strip(_STRIP) if len(prev) > k else ""


def _hedge_before(text: str, start: int, prev: list[tuple[int, str]] | None = None) -> tuple[str, int]:
    """The hedge written right before `start` ("more than", "an estimated"), and where it starts."""
    if prev is None:
        prev = _before(text, start)
    if not prev:
        return "exact", start
    w_start, w = prev[0]
    key = w.lstrip(_QUOTES)
    table = _HEDGES_BY_LAST.get(key)  # the words before the last one -> hedge
    if table is None:
        return "exact", start
    found = None
    seconds = _HEDGE_SECONDS[key]
    lo = w_start - _SECOND_BACK if w_start > _SECOND_BACK else 0
    # a cheap look at the characters first: "city of 5" and "rose to 5" end in no hedge
    if key == w and seconds and text[lo:w_start - 1].lower().endswith(seconds):
        second = _word_ending(text, w_start - 1)  # "more" in "more than"
        if second is not None:
            third = _word_ending(text, second[0] - 1)  # "no" in "no more than"
            if third is not None:
                head = third[1].lower().lstrip(_QUOTES) + " " + second[1].lower()
                if head in table:
                    found = table[head], third[0] + len(third[1]) - len(third[1].lstrip(_QUOTES))
            head = second[1].lower().lstrip(_QUOTES)
            if found is None and head in table:
                found = table[head], second[0] + len(second[1]) - len(head)
    if found is None and "" in table:  # "over", "about"
        found = table[""], w_start + len(w) - len(key)
    return found if found is not None else ("exact", start)


def _word_ending(text: str, space: int) -> tuple[int, str] | None:
    """The word that ends right before `text[space]`, a single space: (start, word), or None."""
    if space < 1 or text[space] != " " or text[space - 1] in _WS:
        return None
    lo = space - 30 if space > 30 else 0
    k = max(text.rfind(" ", lo, space), text.rfind("\n", lo, space))
    if k < 0 and lo > 0:
        return None
    return k + 1, text[k + 1:space]


_HEDGES_BY_LAST: dict[str, dict[str, str]] = {}
for _phrase, _hedge in HEDGES.items():
    _head, _, _last = _phrase.rpartition(" ")
    _HEDGES_BY_LAST.setdefault(_last, {})[_head] = _hedge
# the words that may come second to last in a hedge ending in a given word: "more", "less" for "than"
# (a tuple, for `str.endswith`)
_HEDGE_SECONDS = {last: tuple({head.rpartition(" ")[2] for head in heads if head})
                  for last, heads in _HEDGES_BY_LAST.items()}
_SECOND_BACK = 1 + max(len(w) for words in _HEDGE_SECONDS.values() for w in words)  # the word and a space


def _number_value(raw: str) -> float | int:
    if raw.isdigit():
        return int(raw)
    cleaned = raw.replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    for space in (" ", "\u00a0", "\u2009", "\u202f"):
        cleaned = cleaned.replace(space, "")
    return float(cleaned) if "." in cleaned else int(cleaned)


def _tidy(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _currency_before(text: str, pos: int) -> re.Match | None:
    """A currency symbol or code right before `pos` ("$", "US$ ", "EUR "), or None."""
    c = text[pos - 1:pos]
    if c in (" ", "\u00a0", "\u2009", "\u202f", "-"):
        c = text[pos - 2:pos - 1]
    if not c or not (c in _CUR_CHARS or c.isupper() or c == "." or (c == "s" and text[pos - 3:pos - 2] == "R")):
        return None  # symbols, upper-case codes ("USD 5", "US$5") and "Rs 500"
    return _CUR_BEFORE.search(text, max(0, pos - 8), pos)


def _read_after(text: str, end: int) -> re.Match | None:
    """What follows a figure (`_AFTER`), or None when nothing does."""
    c = text[end:end + 1]
    if c in _NOTHING_AFTER:
        return None
    if c == " ":  # most figures are followed by an ordinary word: rule those out cheaply
        w = _NEXT_WORD_ANY.match(text, end + 1)  # its letters, whatever follows: `_AFTER` ends at "\b"
        if w and w.group().lower() not in _AFTER_STARTS:
            return None
    after = _AFTER.match(text, end)
    return None if after.end() == end else after


def _token_end(text: str, pos: int) -> int:
    return _NON_SPACE.match(text, pos).end()


def _capital(text: str, pos: int) -> bool:
    return text[pos:pos + 1].isupper()


# --- internal figures -------------------------------------------------------------------------------

class _Fig:
    """A mutable figure while the combiner works; frozen into a `Number` at the end."""

    __slots__ = (
        "adjective",
        "end",
        "hedge",
        "high",
        "joinable",
        "kind",
        "low",
        "malformed",
        "parts",
        "plain",
        "scale",
        "spelled",
        "start",
        "unit",
        "value",
        "value_start",
    )

    def freeze(self, text: str) -> Number:
        n = _NumberSlots()
        n.start = start = self.start
        n.end = end = self.end
        n.text = text[start:end]
        value = self.value
        n.value = _tidy(value) if value.__class__ is float else value
        n.kind = self.kind
        n.hedge = self.hedge
        n.unit = self.unit
        if self.parts:
            n.low = _tidy(self.low)
            n.high = _tidy(self.high)
            n.parts = (self.parts[0].freeze(text), self.parts[1].freeze(text))
        else:
            n.low = self.low
            n.high = self.high
            n.parts = ()
        n.spelled = self.spelled
        n.adjective = self.adjective
        n.malformed = self.malformed
        n.value_start = self.value_start
        n.__class__ = Number
        return n


class _NumberSlots:
    """`Number`'s layout without its frozen `__setattr__`. `_Fig.freeze` fills one and re-types it as
    a `Number` (the layouts match, so Python allows it): a third of the cost of the dataclass's
    `__init__`, which sets every field through `object.__setattr__`."""

    __slots__ = Number.__slots__


def _new_fig(start, end, value, kind, *, unit=None, spelled=False, malformed=False) -> _Fig:
    """A new `_Fig`. A function rather than `_Fig.__init__` because figures are made on the hot path:
    Python 3.11 runs a function call in place, but a class call goes through `type.__call__` and a
    separate frame for `__init__`. One statement per field, as a tuple assignment packs a tuple."""
    fig = _new_object(_Fig)
    fig.start = start
    fig.end = end
    fig.value = value
    fig.kind = kind
    fig.hedge = "exact"
    fig.unit = unit
    fig.low = None
    fig.high = None
    fig.spelled = spelled
    fig.adjective = False
    fig.malformed = malformed
    fig.parts = ()
    fig.value_start = start
    fig.scale = 1
    fig.plain = False  # a bare figure: nothing around it was read into it
    fig.joinable = True  # may become part of a range or score with its neighbour
    return fig


_new_object = object.__new__


class _Skip:
    """Digits that are not a figure (an identifier, a time, a URL); skip the text up to `end`."""

    __slots__ = ("end", "listy")

    def __init__(self, end: int, listy: bool = False) -> None:
        self.end, self.listy = end, listy


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


_SMALL_CLASS = {**{w: "unit" for w in UNITS}, **{w: "teen" for w in TEENS}, **{w: "ten" for w in TENS},
                **{w: "zero" for w in ZERO_WORDS}, "zero": "zero"}
_SMALL_VALUE = {**NUMBER_WORDS, **ZERO_WORDS}
_PLURAL_DEN = frozenset(w for w in DENOMINATORS if w.endswith("s") and w not in ORDINAL_UNITS)
_SINGULAR_DEN = frozenset(w for w in DENOMINATORS if w not in _PLURAL_DEN)


class _Parse:
    """The state of `parse_words` between words: the figure being built and what came last.

    An integer is `total` (finished scale groups) + `current` (the group being read); `small` is the
    part of `current` after its "hundred". A fraction is `frac_base + frac_unit * frac_mult`: "two and
    a half" is 0 + 2.5 * 1, "six million and two thirds" 6e6 + 2/3 * 1e6, "half a million" 0 + 0.5 * 1e6.
    """

    __slots__ = (
        "and_mark",
        "begin",
        "cap",
        "current",
        "end",
        "frac_base",
        "frac_mult",
        "frac_unit",
        "group_begin",
        "int_part",
        "last",
        "last_scale",
        "out",
        "pend",
        "scale_end",
        "small",
        "total",
    )

    def __init__(self) -> None:
        self.out: list[tuple[int, int, float | int, str]] = []
        self.reset()

    def reset(self) -> None:
        self.total = self.current = self.small = 0
        self.begin, self.end, self.last, self.cap = -1, 0, "", 10**21
        self.scale_end = self.group_begin = -1
        self.pend = None  # (value, end) of a number followed by "and": "twenty and three fifths"
        self.and_mark = None  # (value, multiplier) at an "and" after a scale: "a million and a half"
        self.int_part = None  # the whole part before a fraction read after `pend`
        self.last_scale = 0
        self.frac_unit = None
        self.frac_base, self.frac_mult = 0, 1

    def emit(self, start: int, end: int, value, kind: str) -> None:
        self.out.append((start, end, value, kind))

    def set_fraction(self, base, unit, mult, w: _Word) -> None:
        self.frac_base, self.frac_unit, self.frac_mult = base, unit, mult
        self.total = self.current = self.small = 0
        self.pend = self.and_mark = self.int_part = None
        self.end, self.last = w.end, "den"

    def flush(self) -> None:
        if self.frac_unit is not None:
            value = self.frac_base + self.frac_unit * self.frac_mult
            self.emit(self.begin, self.end, value, "number" if self.frac_mult > 1 else "fraction")
        elif self.pend is not None:
            self.emit(self.begin, self.pend[1], self.pend[0], "number")
        elif self.begin >= 0 and self.last in ("unit", "teen", "ten", "hundred", "scale", "zero"):
            self.emit(self.begin, self.end, self.total + self.current, "number")
        self.reset()


def parse_words(words: list[_Word]) -> list[tuple[int, int, float | int, str]]:
    """A run of number words -> [(start, end, value, kind)], splitting where the grammar breaks
    ("five six" is two numbers, "two thousand five hundred" one). Kinds: number, ordinal, fraction,
    vague. Besides number words the run may hold "and", "a"/"an" and "point"."""
    st = _Parse()
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        t = w.text
        cls = _SMALL_CLASS.get(t)
        if cls is not None:
            if st.last == "point":
                i = _decimals(st, words, i)
                continue
            if cls == "zero":  # "zero" stands alone (or before "point")
                st.flush()
                st.begin, st.end, st.last = w.start, w.end, "zero"
                i += 1
                continue
            if st.last == "and" and st.pend is not None:
                if _fraction_follows(words, i):  # "twenty and three fifths"
                    st.int_part, st.pend = st.pend[0], None
                    st.total = st.current = st.small = 0
                    st.last = "frac_and"
                else:  # "thirty and eleven": two numbers
                    st.flush()
            ok = st.last in ("", "hundred", "scale", "and", "frac_and") or (
                st.last == "ten" and cls == "unit" and st.small % 10 == 0)
            if not ok:
                st.flush()
            if st.begin < 0:
                st.begin = w.start
            if st.group_begin < 0:  # the first word after the last scale word
                st.group_begin = w.start
            v = _SMALL_VALUE[t]
            st.current += v
            st.small += v
            st.last, st.end = cls, w.end
            i += 1
            continue
        if t in ("and", "&"):
            if st.last in ("hundred", "scale"):
                st.and_mark = (st.total + st.current, st.last_scale if st.last == "scale" else 1)
                st.last = "and"
            elif st.last in ("unit", "teen", "ten") and st.int_part is None:
                st.pend = (st.total + st.current, st.end)
                st.and_mark = None
                st.last = "and"
            else:
                st.flush()
            i += 1
            continue
        if t in ("a", "an"):
            if st.last == "and":
                st.last = "and_a"
            elif st.last == "den":  # "half a million", "half a dozen"
                st.last = "den_a"
            else:
                st.flush()
            i += 1
            continue
        if t == "point":
            if st.last in ("unit", "teen", "ten", "hundred", "scale", "zero") and i + 1 < n \
                    and words[i + 1].text in _SMALL_CLASS:
                st.last = "point"
            else:
                st.flush()
            i += 1
            continue
        if t == "hundred":
            if st.last in ("unit", "teen", "ten") and 0 < st.small < 100 and st.current == st.small \
                    and st.int_part is None:
                st.current = st.small * 100  # "two hundred", "nineteen hundred", "forty five hundred"
            elif st.last in ("", "scale", "and") and st.current == 0:
                if st.begin < 0:  # "hundred fifteen", "a hundred"
                    st.begin = w.start
                if st.group_begin < 0:
                    st.group_begin = w.start
                st.current = 100
            else:
                st.flush()
                st.begin = st.group_begin = w.start
                st.current = 100
            st.small = 0
            st.last, st.end = "hundred", w.end
            i += 1
            continue
        plural_scale = t in VAGUE and t[:-1] in SCALES and st.last in ("unit", "teen", "ten", "hundred")
        if t in SCALES or plural_scale:
            s = SCALES[t[:-1] if plural_scale else t]
            if st.last in ("den", "den_a") and st.frac_unit is not None and s < st.cap:
                st.frac_mult = s  # "two and a half million", "one billion and a half million"
                st.end, st.last, st.cap = w.end, "den", s
                i += 1
                continue
            if st.last in ("", "unit", "teen", "ten", "hundred") and s < st.cap and st.int_part is None:
                if st.begin < 0:
                    st.begin = w.start
                st.total += (st.current or 1) * s
                st.current = st.small = 0
                st.cap, st.last, st.end, st.last_scale, st.scale_end = s, "scale", w.end, s, w.end
                st.group_begin = -1
                i += 1
                continue
            if st.last in ("unit", "teen", "ten", "hundred") and st.total and st.scale_end > 0 \
                    and st.int_part is None:
                # "two thousand, two million": the words after the last scale start a new number
                carry, carry_begin = st.current, st.group_begin
                st.emit(st.begin, st.scale_end, st.total, "number")
                st.reset()
                st.begin, st.total = carry_begin, carry * s
            else:
                st.flush()
                st.begin, st.total = w.start, s
            st.cap, st.last, st.end, st.last_scale, st.scale_end = s, "scale", w.end, s, w.end
            st.group_begin = -1
            i += 1
            continue
        if t == "dozen" or (t == "dozens" and st.last in ("unit", "teen", "ten")):
            if st.last in ("unit", "teen", "ten") and st.int_part is None:
                value = st.total + st.current - st.small + st.small * 12  # "three hundred and two dozen"
                start = st.begin
            elif st.last == "den_a" and st.frac_unit is not None and st.frac_base == 0:
                value, start = st.frac_unit * 12, st.begin  # "half a dozen"
            else:
                st.flush()
                value, start = 12, w.start
            st.reset()
            st.emit(start, w.end, value, "number")
            i += 1
            continue
        if t in DENOMINATORS or t in ORDINAL_UNITS or t in ORDINAL_SCALES:
            _fraction_or_ordinal(st, w, t)
            i += 1
            continue
        if t in VAGUE:
            st.flush()
            st.emit(w.start, w.end, VAGUE[t], "vague")
            i += 1
            continue
        st.flush()
        i += 1
    st.flush()
    return st.out


def _fraction_follows(words: list[_Word], i: int) -> bool:
    """Whether the words from `i` on read as a fraction: "three fifths", "one quarter"."""
    if i + 1 < len(words) and words[i].text in UNITS:
        nxt = words[i + 1].text
        return nxt in _PLURAL_DEN or (words[i].text == "one" and nxt in _SINGULAR_DEN)
    return False


def _decimals(st: _Parse, words: list[_Word], i: int) -> int:
    """After "point": digit words ("two three six") or small numbers ("ninety-nine"), read as digits."""
    digits: list[str] = []
    end = st.end
    n = len(words)
    while i < n and words[i].text in _SMALL_CLASS:
        t = words[i].text
        cls = _SMALL_CLASS[t]
        v = _SMALL_VALUE[t]
        end = words[i].end
        i += 1
        if cls == "ten" and i < n and _SMALL_CLASS.get(words[i].text) == "unit" \
                and words[i].start - end <= 1:  # "ninety-nine"
            v += UNITS[words[i].text]
            end = words[i].end
            i += 1
        digits.append(str(v))
    st.emit(st.begin, end, float(f"{st.total + st.current}.{''.join(digits)}"), "number")
    st.reset()
    return i


def _fraction_or_ordinal(st: _Parse, w: _Word, t: str) -> None:
    last = st.last
    den = DENOMINATORS.get(t)
    plural = t in _PLURAL_DEN
    if den is not None:
        fraction = None  # (base, unit, mult)
        if last in ("unit", "teen", "ten"):
            if st.int_part is not None:  # "twenty and three fifths": pend folded into the unit
                numerator, base, mult, whole = st.current, 0, 1, st.int_part
            elif st.and_mark is not None:  # "six million and two thirds", "one hundred and a half"
                numerator = st.total + st.current - st.and_mark[0]
                base, mult, whole = st.and_mark[0], st.and_mark[1], 0
            elif plural and st.total + st.current != st.small:  # "one hundred thirty-two fifths"
                numerator, base, mult, whole = st.total + st.current, 0, 1, 0
            else:
                numerator, base, mult, whole = st.small, st.total + st.current - st.small, 1, 0
            if plural or numerator == 1:
                fraction = (base, whole + numerator / den, mult)
        elif last == "and_a" and not plural:  # "two and a half", "a million and a half"
            if st.pend is not None:
                fraction = (0, st.pend[0] + 1 / den, 1)
            elif st.and_mark is not None:
                fraction = (st.and_mark[0], 1 / den, st.and_mark[1])
        elif last == "" and t in ("half", "quarter", "halves", "quarters"):
            st.begin = w.start
            fraction = (0, 1 / den, 1) if not plural else None
        if fraction is not None:
            st.set_fraction(*fraction, w)
            return
        if plural and t not in ORDINAL_UNITS:  # "thirds" with nothing to count
            st.flush()
            return
    if t in ORDINAL_SCALES:
        if last in ("", "unit", "teen", "ten", "hundred", "scale", "and") and st.frac_unit is None \
                and st.pend is None and st.int_part is None:
            value = st.total + (st.current or 1) * ORDINAL_SCALES[t]
            start = st.begin if st.begin >= 0 else w.start
            st.reset()
            st.emit(start, w.end, value, "ordinal")
            return
        st.flush()
        st.emit(w.start, w.end, ORDINAL_SCALES[t], "ordinal")
        return
    if t not in ORDINAL_UNITS:
        st.flush()
        return
    v = ORDINAL_UNITS[t]
    ok = st.frac_unit is None and st.pend is None and st.int_part is None and (
        last in ("", "hundred", "scale", "and") or (last == "ten" and v < 10 and st.small % 10 == 0))
    if not ok:
        st.flush()
    value = st.total + st.current + v
    start = st.begin if st.begin >= 0 else w.start
    st.reset()
    st.emit(start, w.end, value, "ordinal")


# --- the combiner -----------------------------------------------------------------------------------

def find_numbers(text: str) -> list[Number]:
    """Every figure in `text`, in order, with non-overlapping spans."""
    return read_numbers(text)[0]


def read_numbers(text: str) -> tuple[list[Number], bool]:
    """The figures in `text`, and whether the whole text was read (False when it holds more than
    MAX_ATOMS figure-like tokens, a guard against hostile input)."""
    atoms = _scan(text)
    complete = len(atoms) < MAX_ATOMS
    figs: list[_Fig] = []
    skip_to = -1
    i, n = 0, len(atoms)
    while i < n:
        s, e, g, m = atoms[i]
        if s < skip_to:
            i += 1
            continue
        if g == "w":
            i = _word_run(text, atoms, i, figs)
            if figs and figs[-1].end > skip_to:
                skip_to = figs[-1].end
            continue
        out = _digit_fig(text, s, e, g, m)
        i += 1
        if out.__class__ is _Fig:
            if _append(figs, out) and out.end > skip_to:
                skip_to = out.end
        elif out.__class__ is _Skip:
            skip_to = max(skip_to, out.end)
            while out.listy and i < n and atoms[i][2] == "num" and atoms[i][0] >= skip_to \
                    and _LIST_GAP.fullmatch(text, atoms[i - 1][1], atoms[i][0]):
                skip_to = max(skip_to, atoms[i][1])  # "resolutions 2254 and 2268": the list goes on
                i += 1
        elif out is not None:
            for fig in out:
                if _append(figs, fig) and fig.end > skip_to:
                    skip_to = fig.end
    return [f.freeze(text) for f in _join(text, figs)], complete


def _scan(text: str) -> list[tuple[int, int, str, re.Match]]:
    """The atoms of both scanners in text order: (start, end, group, match), at most MAX_ATOMS."""
    marked = _scan_text(text)
    atoms: list[tuple[int, int, str, re.Match]] = []
    find, match, pos = marked.find, DIGIT_SCANNER.match, 0
    for _ in range(MAX_ATOMS):
        at = find("0", pos)  # the next digit (or vulgar fraction) after the last token starts one
        if at < 0:
            break
        m = match(text, at)
        pos = m.end()
        atoms.append((at, pos, m.lastgroup, m))
    cut = atoms[-1][0] + 1 if len(atoms) >= MAX_ATOMS else len(text)  # a capped scan ends early
    m0 = _WORD_AT.match(marked)
    words = [(m.start() + 1, m.end(), "w", m)  # after the space
             for m in islice(WORD_SCANNER.finditer(marked, m0.end() if m0 else 0, cut), MAX_ATOMS)]
    if m0:
        words.insert(0, (0, m0.end(), "w", m0))
    if not words:
        return atoms
    if len(words) >= MAX_ATOMS:
        cut = min(cut, words[-1][0] + 1)
    atoms = sorted(atoms + words)  # starts differ, so the tuples sort by start
    if cut < len(text):
        atoms = [a for a in atoms[:MAX_ATOMS] if a[0] < cut]
    return atoms


def _scan_text(text: str) -> str:
    """`text` for the scanners, offset for offset: lower-cased, with a space for each character a number
    word may follow and a "0" for each digit and vulgar fraction."""
    if text.isascii():  # all of it in one pass over bytes
        return text.encode("ascii").translate(_SCAN_BYTES).decode("ascii")
    marked = text.lower()
    if len(marked) != len(text) or "\u212a" in text:  # "İ" lowers to two characters, the Kelvin sign to "k"
        marked = text.translate(_ASCII_LOWER)
    for c, mark in _SCAN_MARKS:
        marked = marked.replace(c, mark)
    return marked


def _append(figs: list[_Fig], fig: _Fig) -> bool:
    """Add `fig` unless it overlaps the previous figure (a hedge that overlaps is dropped)."""
    if figs and fig.start < figs[-1].end:
        if fig.value_start < figs[-1].end or fig.end <= figs[-1].end:
            return False
        fig.start, fig.hedge = fig.value_start, "exact"
    figs.append(fig)
    return True


def _word_run(text: str, atoms: list, i: int, figs: list[_Fig]) -> int:
    """Gather the word atoms from `i` that read as one run, parse them, append the figures."""
    s, e = atoms[i][0], atoms[i][1]
    j, n = i + 1, len(atoms)
    gm = None
    if j < n and atoms[j][2] == "w" and atoms[j][0] - e <= 12:
        gm = _GAP.fullmatch(text, e, atoms[j][0])
    if gm is None or gm.group("comma"):  # the next word does not join this one ("one of the five")
        word = text[s:e].lower()
        if word in NUMBER_WORDS or word in ORDINAL_UNITS:  # a lone word: the common case
            if s > 1 and text[s - 1] in "-/" and text[s - 2].isalnum():
                return j
            fig = _word_fig(text, s, e, NUMBER_WORDS[word], "number") if word in NUMBER_WORDS \
                else _word_fig(text, s, e, ORDINAL_UNITS[word], "ordinal")
            if fig is not None:
                _append(figs, fig)
            return j
    if e - s > 80 and text.count("-", s, e) > 8:
        return j  # "one-one-one-...": a hyphenated chain, not a number
    run = _split_words(s, text[s:e])
    while j < n and atoms[j][2] == "w":
        gm = _GAP.fullmatch(text, atoms[j - 1][1], atoms[j][0])
        if gm is None or gm.group("comma"):  # "a thousand, two thousand": a comma ends a number
            break
        for name in ("and", "a", "point"):
            if gm.group(name):
                run.append(_Word(gm.start(name), gm.end(name), gm.group(name).lower()))
        run.extend(_split_words(atoms[j][0], text[atoms[j][0]:atoms[j][1]]))
        j += 1
    if s > 1 and text[s - 1] in "-/" and text[s - 2].isalnum():
        return j  # "year-one", "24/seven": part of a larger word
    for ws, we, value, kind in parse_words(run):
        if ws >= we:
            continue
        fig = _word_fig(text, ws, we, value, kind)
        if fig is not None:
            _append(figs, fig)
    return j


def _word_fig(text: str, start: int, end: int, value, kind: str) -> _Fig | None:
    """A parsed word number in context: drop pronoun "one"s and ordinal "half"s, add "a", hedges."""
    span = text[start:end].lower()
    first = last = span
    if not span.isalpha():  # "twenty-five", "two hundred"
        first = span.split(None, 1)[0].split("-", 1)[0]
        last = span.rsplit(None, 1)[-1].rsplit("-", 1)[-1]
    prev = _before(text, start)
    w1 = _word(prev)
    article = w1 in ("a", "an")  # "a hundred", "a third of", "a half": the article counts one
    if kind == "number" and span == "one":
        if w1 in _ONE_PRONOUN_BEFORE or _ONE_PRONOUN_AFTER.match(text, end) or _ONE_IDIOMS.match(text, end):
            return None
    elif kind == "ordinal":
        if span == "second" and (w1 in ("one", "per", "split", "every", "each") or w1[:1].isdigit()
                                 or (article and _A_SECOND_LATER.match(text, end))):
            return None  # "one second", "30 second": a unit of time
        if not (span in _SINGULAR_DEN and article and _FRACTION_CONTEXT.match(text, end)):
            return _new_fig(start, end, value, "ordinal", spelled=True)
        kind, value = "fraction", 1 / DENOMINATORS[span]  # "a third of"
    elif kind == "fraction" and span.startswith("one ") and span[4:] in ORDINAL_SCALES \
            and text[end:end + 3] != " of":
        return _new_fig(start, end, ORDINAL_SCALES[span[4:]], "ordinal", spelled=True)  # "one hundredth"
    elif kind == "fraction" and span in ("half", "quarter", "halves", "quarters"):
        if w1 in _HALF_NOT_BEFORE or text[end:end + 1] == "-":
            return None  # "the first half", "third quarter", "half-time", "quarter-final"
        if not (article or span.endswith("s") or _HALF_OK_AFTER.match(text, end)
                or (span == "half" and _hedge_before(text, start, prev)[0] != "exact")):
            return None
        if span == "quarter" and not article and not _HALF_OK_AFTER.match(text, end):
            return None
    elif kind == "number" and span in ZERO_WORDS and not _ZERO_COUNTS.match(text[end:end + 7]):
        return None  # "all for naught"
    elif kind == "vague":
        if span == "scores" and text[end:end + 4].lower() != " of ":
            return None  # "test scores"
        low = value * 2
        m = _VAGUE_OF.match(text, end) if span in ("tens", "hundreds") else None
        if m:
            low, end = low * VAGUE[m.group(1)], m.end()
        elif span == "tens":
            return None
        fig = _new_fig(start, end, None, "vague", spelled=True)
        fig.hedge, fig.low = "about", low
        return fig
    if kind == "number" and w1 in _VAGUE_BEFORE and " " not in span and (first in SCALES or first == "hundred"):
        s2 = prev[0][0]  # "several hundred", "a few thousand"
        phrase = _before_words(text, start)
        if len(phrase) > 1 and _word(phrase, 1) == "a":
            s2 = phrase[1][0]
        fig = _new_fig(s2, end, None, "vague", spelled=True)
        fig.hedge, fig.low = "about", (SCALES.get(first) or 100) * 2
        return fig
    if article and (first in SCALES or first in ("hundred", "dozen") or first in _SINGULAR_DEN):
        start = prev[0][0]
        prev = _before(text, start)
    if prev and prev[0][1] in ("minus", "negative"):
        value = -value
        start = prev[0][0]
        prev = _before(text, start)
    fig = _new_fig(start, end, value, kind, spelled=True)
    if last in SCALES:
        fig.scale = SCALES[last]
    _decorate(text, fig, prev)
    return fig


def _digit_fig(text: str, s: int, e: int, g: str, m: re.Match):
    """A digit atom -> a figure, a list of figures, None, or a `_Skip` (not a quantity)."""
    if e - s > 200:
        return _Skip(e)  # a 200-character run of digits and separators is noise, not a figure
    c = text[s - 1] if s > 0 else " "
    # --- the characters just before: identifiers, URLs, symbols, phone numbers --------------------
    if c == " ":
        pass
    elif c.isalpha() or c == "_":
        if g == "num" and not m.group("tail") and not m.group("bad") \
                and _CODE_GLUED.search(text, max(0, s - 3), s):
            fig = _plain(text, s, e, m)  # "USD115"
            if isinstance(fig, _Fig) and fig.kind == "number":
                code = text[s - 3:s]
                fig.kind, fig.unit, fig.start, fig.value_start = "money", CURRENCY_SYMBOLS[code], s - 3, s - 3
                fig.hedge, fig.start = _hedge_before(text, fig.start)
            return fig
        return _Skip(_token_end(text, s))  # G20, MH17, A320
    elif c in "-‐" and s > 1 and text[s - 2].isalpha():
        word = _WORD_BEFORE_HYPHEN.search(text, max(0, s - 14), s - 1)
        if not word or (word.group(2) or "").lower() not in _YEAR_PREFIXES and not word.group(1):
            return _Skip(_token_end(text, s))  # COVID-19, F-16, SCP-173 (but "mid-2016", "5k-20k")
    elif c in "/=?&%#@:\\^|" or (c == "." and s > 1 and text[s - 2].isalpha()):
        return _Skip(_token_end(text, s))  # S/2016/846, URLs, "No.5", "#1"
    elif c == "+":
        ph = _PHONE_PLUS.match(text, s - 1)
        if ph:
            return _Skip(ph.end())
    elif c == "(":
        ph = _PHONE_PAREN.match(text, s - 1)
        if ph:
            return _Skip(ph.end())
    prev = _before(text, s)
    if prev:
        w_start, w = prev[0]
        key = w.lstrip(_QUOTES)
        if (key in _IDENT_ANY or (key in _IDENT_CAPITAL and _capital(text, w_start + len(w) - len(key)))) \
                and w[-1] not in _STRIP and not _TALLY_AFTER.match(text, e):
            return _Skip(_token_end(text, s), listy=True)  # "resolution 2254", but "the motion 14-1"
    # --- the token's own shape ----------------------------------------------------------------------
    if g == "num":  # the common case first
        return _plain(text, s, e, m, prev)
    if g == "chain" and _TALLY.fullmatch(text, s, e):
        figs, pos = [], s  # "adopted 14-0-1": a tally of three
        for part in re.split("[-–]", text[s:e]):
            fig = _new_fig(pos, pos + len(part), int(part), "number")
            fig.joinable = False
            figs.append(fig)
            pos += len(part) + 1
        return figs
    if g in ("time", "phone", "dotted", "chain"):
        return _Skip(e)
    if g == "iso":
        return _new_fig(s, e, text[s:e], "date")
    if g == "sdate":
        return _new_fig(s, e, None, "date")
    if g == "frac":
        num, den = text[s:e].split("/")
        if not 0 < int(num) < int(den) or num[0] == "0" or den[0] == "0" or (num, den) == ("9", "11"):
            return _Skip(e)  # "24/7", "9/11", "1/0": not fractions
        fig = _new_fig(s, e, int(num) / int(den), "fraction")
        _signed(text, fig)
        fig.plain = fig.start == s
        _decorate(text, fig, None)
        return fig
    fig = _new_fig(s, e, unicodedata.numeric(text[s]), "fraction")  # g == "vf": "½"
    _decorate(text, fig, prev)
    fig.plain = fig.start == s and fig.end == e
    return fig


def _plain(text: str, s: int, e: int, m: re.Match, prev=None):
    """A number token: "300,000", "1.5", "4.5bn", "21st", "1990s", "75,00"."""
    core_end = m.end("core")
    if core_end - s > 40:
        return _Skip(_token_end(text, s))  # a 40-digit "number" is a code or noise, not a figure
    core = text[s:core_end]
    if core_end < e:
        bad, tail, exp = m.group("bad", "tail", "exp")
    else:
        bad = tail = exp = None
    c = text[s - 1] if s > 0 else " "
    if prev is None:
        prev = _before(text, s)
    if bad:
        groups = (core + bad).split(",")
        if "." not in core + bad and 3 <= len(groups) <= 12 and all(1 <= len(x) <= 2 for x in groups[1:]) \
                and len(groups[0]) <= 2 and not tail:
            figs, pos = [], s  # "22,24,26,31": a list written without spaces
            for x in groups:
                fig = _new_fig(pos, pos + len(x), int(x), "number")
                fig.joinable = False
                figs.append(fig)
                pos += len(x) + 1
            return figs
        return _new_fig(s, core_end + len(bad), None, "number", malformed=True)  # "75,00", "3..5"
    digits = core.isdigit()
    leading_dot = c == "." and (s < 2 or not text[s - 2].isalnum()) and digits
    if core[0] == "0" and len(core) > 1 and core[1].isdigit() and not leading_dot:
        return _Skip(_token_end(text, s))  # "007", "020 7946": codes, not quantities
    if tail:
        return _tailed(text, s, e, core, tail, prev)
    if exp:
        fig = _new_fig(s, e, _number_value(core) * 10 ** int(exp[1:]), "number")
        _signed(text, fig)
        _decorate(text, fig, None)
        return fig
    value = int(core) if digits else _number_value(core)
    start = s
    if leading_dot:
        value, start = float("0." + core), s - 1  # ".25"
    fig = _new_fig(start, core_end, value, "number")
    if c != " ":  # after a space there is no sign to read
        _signed(text, fig)
    if fig.start == start and prev and prev[0][1] in ("minus", "negative"):
        fig.value, fig.start, fig.value_start = -value, prev[0][0], prev[0][0]  # "minus 5"
        prev = None
    if fig.start == start and digits and value > 0:
        date = _date_around(text, start, core_end, value, prev)
        if date is not None:
            return date
        if 1000 <= value <= 2100 and len(core) == 4 and _is_year(text, start, core_end, prev):
            return _new_fig(start, core_end, value, "year")
    if fig.start != start:
        prev = None
    _decorate(text, fig, prev)
    fig.plain = fig.kind == "number" and fig.end == core_end and fig.hedge == "exact" and fig.start == start
    return fig


def _is_year(text: str, start: int, end: int, prev) -> bool:
    """A bare four-digit figure from 1000 to 2100 is a year unless something makes it a count."""
    after = _read_after(text, end)
    if after is None:
        pass
    elif after.group("scale") or after.group("pct") or after.group("pp") or after.group("code") \
            or after.group("cw") or after.group("csym") \
            or (after.group("adj") and after.group("unit") not in _YEARISH_ADJ):
        return False
    if _hedge_before(text, start, prev)[0] != "exact" or _currency_before(text, start):
        return False
    nxt = _NEXT_WORD.match(text, end)
    return not (nxt and nxt.group(1) in _COUNT_NOUNS) and not (prev and prev[0][1] in ("minus", "negative"))


def _signed(text: str, fig: _Fig) -> None:
    """A minus sign right before the figure ("-5", "−5"), not a hyphen ("F-16", "10-12")."""
    s = fig.start
    if s > 0 and text[s - 1] in "-−" and (s < 2 or not (text[s - 2].isalnum() or text[s - 2] in ".,-−")):
        fig.value, fig.start, fig.value_start = -fig.value, s - 1, s - 1


def _tailed(text: str, s: int, e: int, core: str, tail: str, prev):
    """Digits with letters glued on: ordinals, decades, scale suffixes, glued units and codes."""
    low = tail.lower()
    c = text[s - 1] if s > 0 else " "
    if low in ("st", "nd", "rd", "th") and core.isdigit():
        v = int(core)
        expected = "th" if 10 <= v % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")
        if 1 <= v <= 31:
            date = _date_around(text, s, e, v, prev)
            if date is not None:
                return date
        return _new_fig(s, e, v, "ordinal", malformed=low != expected)
    if low == "s" and core.isdigit():
        if len(core) == 4 and core.endswith("0") and 1000 <= int(core) <= 2090:
            return _new_fig(s, e, int(core), "year", unit="decade")  # "1990s"
        if len(core) == 2 and core.endswith("0") and c in "'’":
            return _new_fig(s - 1, e, 1900 + int(core), "year", unit="decade")  # "'90s"
        return _Skip(e)
    if tail in SCALE_SUFFIX or low in ("bn", "mn", "mln", "bln", "tn", "trn", "tln"):
        mult = SCALE_SUFFIX.get(tail) or SCALE_SUFFIX[low]
        if tail in ("m", "M", "b", "B", "K", "T") and not _currency_before(text, s):
            nxt = _NEXT_WORD.match(text, e)
            if not (nxt and (nxt.group(1) in _COUNT_NOUNS or nxt.group(1) in CURRENCY_WORDS)):
                return _Skip(e)  # "100m" is as likely metres, "3M" a company: not counted bare
        fig = _new_fig(s, e, _number_value(core) * mult, "number")
        fig.scale = mult
        _signed(text, fig)
        _decorate(text, fig, prev if fig.start == s else None)
        return fig
    if low == "pc" or tail in _CUR_CODE_SET or tail == "p":
        fig = _new_fig(s, s + len(core), _number_value(core), "number")
        _signed(text, fig)
        if low == "pc":
            _decorate(text, fig, prev if fig.start == s else None)
        else:
            fig.kind, fig.unit, fig.end = "money", CURRENCY_SYMBOLS.get(tail, "pence"), e
            fig.hedge, fig.start = _hedge_before(text, fig.start)
        return fig
    return _Skip(_token_end(text, s))  # glued units and codes: "180ml", "29km", "777F", "3D"


def _date_around(text: str, s: int, e: int, value: int, prev) -> _Fig | None:
    """A day or year next to a month name: "September 22", "22 Sept 2016", "October 2016"."""
    start = -1
    end = e
    if prev:
        pw = prev[0][1].rstrip(".")
        if pw in MONTHS and _capital(text, prev[0][0]) and (value <= 31 or 1000 <= value <= 2100):
            start, month = prev[0][0], MONTHS[pw]
            if "day" in text[s - 60 if s > 60 else 0:start].lower():  # a weekday where `_before_words` reads
                phrase = _before_words(text, s)
                if len(phrase) > 1 and phrase[1][1].rstrip(",") in WEEKDAYS:
                    start = phrase[1][0]
    if start < 0 and value <= 31 and text[e:e + 1] in (" ", "\u00a0") \
            and (text[e + 1:e + 2].isupper() or text[e + 1:e + 4] == "of "):
        mm = _MONTH_AFTER.match(text, e)
        if mm:
            start, end, month = s, mm.end(), MONTHS[mm.group("month").lower()]
            if prev and prev[0][1].rstrip(",") in WEEKDAYS:
                start = prev[0][0]
            elif prev and prev[0][1] == "the":
                phrase = _before_words(text, s)
                if len(phrase) > 1 and phrase[1][1].rstrip(",") in WEEKDAYS:
                    start = phrase[1][0]
    if start < 0:
        return None
    year = None
    if value <= 31:
        y = _YEAR_AFTER.match(text, end)
        if y:
            end, year = y.end(), int(y.group()[-4:])
    figure = value if value.__class__ is int else int(text[s:e].lstrip("."))  # ".25 September": 25
    return _new_fig(start, end, _iso_date(month, figure, year), "date")


def _iso_date(month: int, figure: int, year: int | None) -> str | None:
    """A month, the figure next to it (a day, or a year) and the year after them as an ISO date:
    '2016-09-22'; without a year '--09-22'; a month and a year '2016-10'."""
    if figure >= 1000:
        year = figure
    if figure >= 100:
        return f"{year:04d}-{month:02d}" if year else None
    return f"{year:04d}-{month:02d}-{figure:02d}" if year else f"--{month:02d}-{figure:02d}"


def _decorate(text: str, fig: _Fig, prev) -> None:
    """Read scale, currency, percent, adjective and hedges around a bare figure, in place. `prev` is
    `_before(text, fig.start)` when the caller has it, else None."""
    end = fig.end
    after = _read_after(text, end)
    if after is None:
        pass
    elif after.group("scale") and not fig.spelled and fig.scale == 1 and fig.kind in ("number", "fraction"):
        sw = after.group("sw")
        if sw:
            key = sw.lower()
            key = key.removesuffix("s")
            mult = 100 if key == "hundred" else 12 if key == "dozen" else SCALES[key]
        else:
            mult = SCALE_SUFFIX[after.group("ss")]
        fig.value *= mult
        fig.scale = mult
        end = after.end("scale")
        fig.kind = "number"
    elif after.group("scale"):
        after = None
    symbols = text[fig.start - 2:fig.start] not in _AFTER_A_WORD  # "$5", "US$ 5", "< 5", but not "of 5"
    cur = _currency_before(text, fig.start) if symbols else None
    if cur:
        pre, sym = cur.group("pre", "sym")
        fig.kind, fig.unit = "money", _currency_code((pre or "") + sym if sym else cur.group("code"))
        fig.start = fig.value_start = cur.start("pre" if pre else "sym" if sym else "code")
        prev = None
        if after and (after.group("cw") or after.group("code")):  # "$5 million dollars": said twice
            end = after.end("cw") if after.group("cw") else after.end("code")
    elif after and fig.kind in ("number", "fraction"):
        if after.group("pct"):
            fig.kind, fig.unit, end = "percent", "%", after.end("pct")
        elif after.group("pp"):
            fig.kind, fig.unit, end = "percent", "points", after.end("pp")
        elif after.group("code"):
            fig.kind, fig.unit, end = "money", CURRENCY_SYMBOLS[after.group("code")], after.end("code")
            if after.group("mcode") and fig.scale == 1:  # "30 MUSD": millions, in business copy
                fig.value *= 10**6
                fig.scale = 10**6
        elif after.group("cw"):
            cw = after.group("cw")
            if not (cw.lower() in ("pound", "pounds") and text[after.end():after.end() + 3] == " of"):
                fig.kind, fig.unit, end = "money", _currency_word(cw, after.group("cadj")), after.end("cw")
        elif after.group("csym"):
            fig.kind, fig.unit, end = "money", _currency_code(after.group("csym")), after.end("csym")
        elif after.group("adj"):
            unit = after.group("unit")
            if unit in CURRENCY_WORDS:  # "a 12-cent dividend", "a one-yen bid"
                fig.kind, fig.unit, fig.adjective, end = "money", CURRENCY_WORDS[unit], True, after.end("unit")
            elif unit not in ("to", "and", "or", "in") and unit not in NUMBER_WORDS and unit not in SCALES:
                fig.adjective, fig.unit = True, unit + ("-old" if after.group("old") else "")
                end = after.end("adj")
    fig.end = end
    if symbols and fig.hedge == "exact" and fig.start and (text[fig.start - 1] in "<>≤≥=" or (
            text[fig.start - 1] == " " and text[fig.start - 2:fig.start - 1] in ("<", ">", "≤", "≥", "="))):
        sym = _COMPARATOR_BEFORE.search(text, max(0, fig.start - 4), fig.start)
        if sym:  # "<20", ">= 30", "≤ 5": written as symbols in tables and data copy
            fig.hedge, fig.start = _COMPARATORS[sym.group(1)], sym.start()
    if fig.hedge == "exact":
        hedge, hstart = _hedge_before(text, fig.start, prev)
        if hedge != "exact":
            fig.hedge, fig.start = hedge, hstart
        if after and after.group("trail") and after.start("trail") == end and fig.hedge in ("exact", "about"):
            # "500 or more", and "about 500 or more": the bound says more than the "about"
            fig.hedge = TRAILING_HEDGES[after.group("trail").strip(" \u00a0-")]
            fig.end = after.end("trail")


def _currency_code(sym: str) -> str:
    sym = sym.strip()
    if sym in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[sym]
    key = sym.rstrip("$").upper().replace(" ", "")
    return {"US": "USD", "U.S": "USD", "USD": "USD", "HK": "HKD", "C": "CAD", "CAD": "CAD",
            "AUD": "AUD", "NZD": "NZD", "MXN": "MXN", "MEX": "MXN", "A": "AUD", "AU": "AUD"}.get(
        key, CURRENCY_SYMBOLS.get(sym[-1:], sym))


def _currency_word(word: str, adj: str | None) -> str:
    code = CURRENCY_WORDS.get(word.lower(), word.upper())
    if adj and code == "USD":
        code = {"hong kong": "HKD", "canadian": "CAD", "australian": "AUD", "new zealand": "NZD",
                "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "namibian": "NAD",
                "jamaican": "JMD", "zimbabwean": "ZWL"}.get(adj.lower(), code)
    elif adj and code == "CHF":
        code = {"french": "FRF", "belgian": "BEF"}.get(adj.lower(), "CHF")
    return code


# --- joining neighbours -----------------------------------------------------------------------------

def _join(text: str, figs: list[_Fig]) -> list[_Fig]:
    """Ranges, scores, mixed fractions and year ranges from neighbouring figures."""
    out: list[_Fig] = []
    for f in figs:
        if out and f.start - out[-1].end <= 9:  # no gap that joins is longer than " through "
            prev = out[-1]
            gap = text[prev.end:f.start]
            if f.kind == "fraction" and not f.spelled and f.plain and prev.plain \
                    and isinstance(prev.value, int) and gap in ("", " ", "\u00a0", "  "):
                # "2 1/2", "2½"
                prev.value = prev.value + f.value if prev.value >= 0 else prev.value - f.value
                prev.kind, prev.end, prev.plain = "fraction", f.end, False
                _decorate(text, prev, None)
                continue
            if gap and prev.joinable and f.joinable and _RANGE_GAP.fullmatch(gap):
                joined = _join_range(text, prev, f, gap)
                if joined is not None:
                    out[-1] = joined
                    continue
        out.append(f)
    return out


def _join_range(text: str, a: _Fig, b: _Fig, gap: str) -> _Fig | None:
    """Two figures joined by a dash, "to" or "and": a range (low < high) or a score (51-47)."""
    kinds = ("number", "year", "money", "percent", "fraction")
    if a.kind not in kinds or b.kind not in kinds or a.malformed or b.malformed:
        return None
    if b.hedge != "exact" or a.adjective or (a.unit and b.unit and a.unit != b.unit):
        return None
    word = gap.strip(" \u00a0")
    dash = word in ("-", "–", "—")
    prev = _before(text, a.value_start if a.hedge == "exact" else a.start)
    w1 = _word(prev)
    between = w1 == "between" and a.hedge == "exact"
    if word == "and" and not between:
        return None
    if word in ("to", "through") and w1 == "from":
        return None  # "from 40 to 90" is a change, read by the change rules
    if dash and a.spelled != b.spelled:
        return None
    if a.kind == "year" and dash and b.kind in ("year", "number") and (b.plain or b.kind == "year"):
        hi = b.value  # "2014-15", "2014-2015", "1990-95"
        if isinstance(hi, int) and hi < 100 and b.end - b.start == 2:
            hi += a.value // 100 * 100
            if hi <= a.value:
                hi += 100
        if isinstance(hi, int) and a.value < hi <= a.value + 100:
            return _range(a, b, a.value, hi, "range", "year", a.start)
    lo, hi = a.value, b.value
    scaled = b.scale > 1 and a.scale == 1 and lo * b.scale <= hi  # "$10-12 million", "two to three million"
    if scaled:
        lo *= b.scale
    a_kind = b.kind if a.kind in ("number", "fraction", "year") and b.kind in ("percent", "money") else a.kind
    b_kind = a.kind if a.kind in ("percent", "money") and b.kind in ("number", "fraction", "year") \
        and not b.unit else b.kind
    if lo >= hi and (not dash or a_kind not in ("number", "year") or b_kind not in ("number", "year")
                     or a.scale != b.scale or a.hedge != "exact" or a.spelled or b.spelled):
        return None  # "voted 221 to 209" is a tally, not a range: leave two figures
    # a range or score: only now change the parts
    if scaled:
        a.value, a.scale = lo, b.scale
    if a_kind != a.kind:
        a.kind, a.unit = a_kind, b.unit  # "10-12%"
    if b_kind != b.kind:
        b.kind, b.unit = b_kind, a.unit  # "$10-12"
    for f in (a, b):
        if f.kind == "year":
            f.kind = "number"  # "1000-5000": not years after all
    kind = "range" if lo < hi else "score"
    return _range(a, b, lo, hi, kind, b.unit or a.unit, prev[0][0] if between else a.start)


def _range(a: _Fig, b: _Fig, lo, hi, kind: str, unit, start: int) -> _Fig:
    r = _new_fig(start, b.end, None, kind, unit=unit, spelled=a.spelled and b.spelled)
    r.hedge, r.value_start = a.hedge, a.value_start
    r.low, r.high, r.parts, r.scale = lo, hi, (a, b), b.scale
    return r
