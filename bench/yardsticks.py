"""Score `verify.numbers.find_numbers` against the external yardstick suites.

Run by hand, not by the tests:

    python bench/yardsticks.py                    # every suite in ../shared/yardsticks (from the repo root)
    python bench/yardsticks.py PATH               # another folder (or one .jsonl file)
    python bench/yardsticks.py --misses 40        # also list up to 40 misses and false positives per suite
    python bench/yardsticks.py --suite quantulum3 --newsroom --misses 100

The suites are other libraries' expectations (see the README next to them); scoring follows its caveats.

What is scored
--------------
* Recognizers-Text: only `mode == "default"` cases (the option-set variants repeat the inputs).
* Items flagged `library_specific` are skipped, as are kinds a newsroom checker does not extract:
  `duration`, `ordinal.relative`, and `quantity` items (and quantity ranges) whose unit is a measure
  rather than a count (metres, kilograms, degrees, bytes ...). Count units are kept and converted to a
  count (`a dozen` -> 12). A skipped item's span is "ignored": whatever we find inside it is neither a
  hit nor a false positive.
* `extract` (and `rewrite`) items match one of our figures by value (relative tolerance 1e-6) and
  overlapping span (spell-out cases without spans match by value, in order). Kinds must be compatible:
  number ~ fraction ~ our number/fraction/year/money/percent readings (a year or a currency reading of
  a bare-number span is fine, per the README); percent needs our `percent`; currency needs our `money`;
  ordinal needs our `ordinal`; a two-sided range needs our range/score with the same bounds (or two
  hedged bounds, "more than 10 and less than 20"); a one-sided range ("more than 30") needs a figure of
  that value hedged the same way (over/at_least for a lower bound, under/at_most for an upper one).
  The parts of our ranges and scores can match single expected numbers.
* `exhaustive` cases count false positives: our figures that match nothing, overlap no ignored span,
  and whose kind is one the case covers (our number -> number, and quantity when it carries a unit;
  fraction -> fraction, number; percent -> percent; money -> currency; ordinal -> ordinal;
  range/score -> range, number). Years, year ranges ("2013-14"), dates and vague quantities
  ("dozens") claim no kind, so they are never counted.
  `rewrite` and `no_error` cases are not exhaustive.
* `convert`: the whole input is one number expression. A hit needs exactly one figure, with the
  expected value and kind, covering the expected span; otherwise it is a miss and every figure we gave
  is a false positive. Where upstream rejects the input (no expected item), only a single figure
  spanning the whole input and claiming a covered kind is a false positive (an extractor may
  legitimately find several numbers in "sixty fifteen", or a plain number in a fraction test).
* `no_error`: the call must not raise (counted in cases, no items).

Newsroom subset
---------------
The second set of figures drops expected items that English news copy does not contain, or that encode
a convention the README lists as the library's own rather than a reading error; a dropped item's span
is ignored like a skipped one. Each filter is a named predicate below (`NEWSROOM_FILTERS`) and the
script prints how many items each removed:

* `sci_notation`: powers and exponents ("1e10", "1.1^23", "6.23x10^-4").
* `foreign_separator`: decimal commas and European grouping ("1,3", "5,00", "1.111,11") and exotic
  scale suffixes ("1MM", "2mil", "10G").
* `embedded_fragment`: a bare number cut out of a date, phone number, IP/version number, code or
  identifier ("5/17/2018" -> 5, 17, 2018; "+1-222-2222"; "192.168.1.2"; "SCP-173"), and digit-by-digit
  phone readings ("zero nine" -> "09", "zero zero hundred twenty five", "plus thirty-three" -> "+33").
* `proportion_fraction`: "one out of three", "1 in twenty-one", "2000 over 3", "142 divided by 11",
  "142 / eleven" read as one fraction (README: odds and proportions are fractions upstream; a newsroom
  reads two counts).
* `compound_fraction_words`: fraction words beyond news usage: a numerator of ten or more or a
  denominator beyond "tenth" ("twenty one fifths", "one hundred thirty fifths", "three twenty-firsts",
  "a hundred trillionths").
* `huge`: magnitudes of 10**15 and above (quadrillions and beyond).
* `compound_currency`: amounts written in two units or with a trailing bare number ("3 dollars 50
  cents", "15 dollars and 50", "17 USD 25", "one kuai and five mao five").
* `math_comparator`: ranges written as formulas or comparisons ("x>10", "< = 100", "20~100",
  "equal to 20", "less or equal than", "equals 20").
* `percent_word_order`: "percent of 10" for 10%, "100 percentage" for 100% (not English usage).
* `archaic_count_unit`: "a gross", "a baker's dozen", "a square dozen".
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verify.numbers import Number, find_numbers

DEFAULT_PATH = ROOT.parent / "shared" / "yardsticks"
SKIP_KINDS = {"duration", "ordinal.relative"}
COUNT_UNITS = {"dozen": 12, "baker's dozen": 13, "gross": 144, "count per week": 1}
# which yardstick kinds each of our kinds claims, for false positives in exhaustive cases
CLAIMS = {"number": {"number"}, "fraction": {"number", "fraction"}, "percent": {"percent"},
          "money": {"currency"}, "ordinal": {"ordinal"}, "range": {"range", "number"},
          "score": {"range", "number"}, "year": set(), "date": set(), "vague": set()}
LOWER_HEDGES = {"over", "at_least"}
UPPER_HEDGES = {"under", "at_most"}


# --- newsroom filters ---------------------------------------------------------------------------

def _token_around(text: str, start: int, end: int) -> str:
    s, e = start, end
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e].rstrip(".,;:!?)\"'").lstrip("(\"'")


def sci_notation(case: dict, item: dict) -> bool:
    return bool(re.search(r"\d[eE][+-]?\d|\^|\d\s?[x×]\s?10", item.get("text") or ""))


def foreign_separator(case: dict, item: dict) -> bool:
    t = item.get("text") or ""
    if item["kind"] not in ("number", "fraction", "currency", "quantity", "percent"):
        return False
    return bool(re.search(r"\d,\d{1,2}(?![\d])(?!,\d)|\d\.\d{3},\d|\d\s*(?:MM|mil|G)\b", t)) \
        and not re.search(r"\d{1,2},\d{2},\d{3}", t)  # Indian grouping is kept (lakh/crore copy)


def embedded_fragment(case: dict, item: dict) -> bool:
    token = (item.get("meta") or {}).get("output_token") or ""
    if re.match(r"^(?:0\d|\+)", token):
        return True  # digit-by-digit phone reading
    if re.match(r"(?i)(?:zero|o|oh|nought)\s+[a-z]", item.get("text") or ""):
        return True  # "zero eight" read as 08
    if item["kind"] != "number" or item.get("start") is None:
        return False
    text = item["text"]
    if not re.fullmatch(r"[-+]?[\d.,]+", text):
        return False
    whole = _token_around(case["input"], item["start"], item["end"])
    if whole == text:
        return False
    return bool(re.search(r"[/:]|\d\.\d+\.\d|^\+|[A-Za-z]-?\d|\d-\d{3,}", whole))


def proportion_fraction(case: dict, item: dict) -> bool:
    return item["kind"] == "fraction" and bool(
        re.search(r"(?i)\s(?:out of|in|over|by|divided by)\s|[a-z]\s*/\s*[a-z]", item.get("text") or ""))


_DENOM_OK = {"half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
             "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths",
             "tenth", "tenths", "hundredth", "hundredths", "thousandth", "thousandths", "millionth",
             "millionths"}
_SMALL = {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}


def compound_fraction_words(case: dict, item: dict) -> bool:
    text = (item.get("text") or "").lower()
    if item["kind"] != "fraction" or re.search(r"\d", text) or proportion_fraction(case, item):
        return False
    words = re.findall(r"[a-z]+", text)
    if not words or words[-1] not in _DENOM_OK:
        return bool(words) and words[-1].endswith(("th", "ths", "st", "sts", "nd", "rd"))
    # the numerator: the words after the last "and" (or all), minus the denominator
    tail = words[:-1]
    if "and" in tail:
        tail = tail[len(tail) - 1 - tail[::-1].index("and") + 1:]
    tail = [w for w in tail if w not in ("minus", "negative")]
    return len(tail) > 1 or (len(tail) == 1 and tail[0] not in _SMALL)


def huge(case: dict, item: dict) -> bool:
    vals = [v for v in (item.get("value"), item.get("low"), item.get("high")) if isinstance(v, (int, float))]
    return any(abs(v) >= 1e15 for v in vals)


def compound_currency(case: dict, item: dict) -> bool:
    if item["kind"] != "currency":
        return False
    t = (item.get("text") or "").lower()
    second_amount = r"(?:dollars?|usd|\$|kuai|yuan)\s+(?:and\s+)?(?:\d|[a-z]+(?:[- ][a-z]+)?\s*(?:cents?|mao|$))"
    return bool(re.search(second_amount, t) and re.search(r"(?:\d|\b[a-z]+\b).*(?:dollars?|usd|\$|kuai)", t)) \
        or " mao " in t


def math_comparator(case: dict, item: dict) -> bool:
    t = (item.get("text") or "").lower()
    return item["kind"] == "range" and bool(re.search(r"[<>=~]|or equal|equal to|equals|equaling", t))


def percent_word_order(case: dict, item: dict) -> bool:
    t = (item.get("text") or "").lower()
    return item["kind"] == "percent" and (t.startswith("per") or t.endswith("percentage"))


def archaic_count_unit(case: dict, item: dict) -> bool:
    return item["kind"] == "quantity" and (item.get("unit") or "").lower() in ("gross", "baker's dozen")


NEWSROOM_FILTERS = [sci_notation, foreign_separator, embedded_fragment, proportion_fraction,
                    compound_fraction_words, huge, compound_currency, math_comparator, percent_word_order,
                    archaic_count_unit]


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Want:
    text: str | None
    start: int | None
    end: int | None
    value: float | None
    kind: str
    low: float | None = None
    high: float | None = None


@dataclass
class Reading:
    owner: int
    start: int
    end: int
    value: object
    kind: str
    hedge: str
    low: object = None
    high: object = None


@dataclass
class Tally:
    cases: int = 0
    items: int = 0
    hits: int = 0
    fps: int = 0
    errors: int = 0
    misses: list = field(default_factory=list)
    false_pos: list = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.cases += other.cases
        self.items += other.items
        self.hits += other.hits
        self.fps += other.fps
        self.errors += other.errors

    @property
    def recall(self) -> float:
        return self.hits / self.items if self.items else 1.0

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.fps) if self.hits + self.fps else 1.0


def _close(a, b) -> bool:
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _overlap(a0, a1, b0, b1) -> int:
    return min(a1, b1) - max(a0, b0)


def readings_of(found: list[Number]) -> list[Reading]:
    out = []
    for i, n in enumerate(found):
        out.append(Reading(i, n.start, n.end, n.value, n.kind, n.hedge, n.low, n.high))
        for p in n.parts:
            out.append(Reading(i, p.start, p.end, p.value, p.kind, p.hedge, p.low, p.high))
    return out


def _kind_ok(want: Want, r: Reading) -> bool:
    if want.kind in ("number", "fraction", "quantity"):
        return r.kind in ("number", "fraction", "year", "money", "percent")
    if want.kind == "percent":
        return r.kind == "percent"
    if want.kind == "currency":
        return r.kind == "money"
    if want.kind == "ordinal":
        return r.kind == "ordinal"
    return False


def _spans_ok(want: Want, r: Reading) -> bool:
    return want.start is None or _overlap(want.start, want.end, r.start, r.end) > 0


def match_item(want: Want, readings: list[Reading], used: set[int]) -> list[int] | None:
    """Indices of the readings that realise `want`, best overlap first; None when nothing does."""
    free = [(k, r) for k, r in enumerate(readings) if r.owner not in used and _spans_ok(want, r)]

    def best(cands):
        if not cands:
            return None
        if want.start is None:
            return cands[0][0]
        return max(cands, key=lambda kr: _overlap(want.start, want.end, kr[1].start, kr[1].end))[0]

    if want.kind != "range":
        k = best([(k, r) for k, r in free if _kind_ok(want, r) and _close(r.value, want.value)])
        return [k] if k is not None else None
    lo, hi = want.low, want.high
    if lo is not None and hi is not None:
        if _close(lo, hi):
            k = best([(k, r) for k, r in free if r.kind not in ("ordinal", "date", "vague")
                      and _close(r.value, lo) and r.hedge == "exact"])
            return [k] if k is not None else None
        k = best([(k, r) for k, r in free if r.kind in ("range", "score")
                  and {round(x, 6) for x in (r.low, r.high) if isinstance(x, (int, float))}
                  == {round(lo, 6), round(hi, 6)}])
        if k is not None:
            return [k]
        a = best([(k, r) for k, r in free if _close(r.value, lo) and r.hedge in LOWER_HEDGES])
        b = best([(k, r) for k, r in free if _close(r.value, hi) and r.hedge in UPPER_HEDGES])
        if a is not None and b is not None and readings[a].owner != readings[b].owner:
            return [a, b]
        return None
    bound, hedges = (lo, LOWER_HEDGES) if lo is not None else (hi, UPPER_HEDGES)
    k = best([(k, r) for k, r in free if (_close(r.value, bound) and r.hedge in hedges)
              or (r.kind == "range" and _close(r.low if lo is not None else r.high, bound)
                  and (r.high if lo is not None else r.low) is None)])
    return [k] if k is not None else None


def want_of(item: dict) -> Want | None:
    """The scorable form of an expected item, or None when it is skipped (span ignored)."""
    kind = item["kind"]
    if item.get("library_specific") or kind in SKIP_KINDS:
        return None
    unit = (item.get("unit") or "").lower()
    value = item.get("value")
    if kind == "quantity":
        if unit not in COUNT_UNITS:
            return None
        value = value * COUNT_UNITS[unit] if isinstance(value, (int, float)) else None
    if kind == "range":
        rk = (item.get("meta") or {}).get("range_of_kind")
        if rk == "quantity" and unit not in COUNT_UNITS:
            return None
        if item.get("low") is None and item.get("high") is None:
            return None
        return Want(item.get("text"), item.get("start"), item.get("end"), None, "range", item.get("low"),
                    item.get("high"))
    if value is None:
        return None
    return Want(item.get("text"), item.get("start"), item.get("end"), value, kind)


def claims(n: Number, covers: set[str]) -> bool:
    if n.kind == "range" and n.unit == "year":
        return False  # "2013-14" is a span of years, like a year
    kinds = set(CLAIMS.get(n.kind, set()))
    if n.kind == "number" and n.unit is not None:
        kinds.add("quantity")
    return bool(kinds & covers)


def score_case(case: dict, newsroom: bool, tally: Tally, filt_counts: Counter) -> None:
    text = case["input"]
    task = case["task"]
    try:
        found = find_numbers(text)
    except Exception as exc:  # noqa: BLE001 - a crash is a failure of every item in the case
        tally.cases += 1
        tally.errors += 1
        tally.items += len(case["expected"])
        tally.misses.append((case["id"], text, f"raised {exc!r}"))
        return
    tally.cases += 1
    if task == "no_error":
        return
    wants: list[Want] = []
    ignored: list[tuple[int, int]] = []
    ignored_values: list = []  # skipped items without a span (spell-out cases) excuse one equal value
    for item in case["expected"]:
        w = want_of(item)
        if w is not None and newsroom:
            for f in NEWSROOM_FILTERS:
                if f(case, item):
                    filt_counts[f.__name__] += 1
                    w = None
                    break
        if w is None:
            if item.get("start") is not None:
                ignored.append((item["start"], item["end"]))
            elif isinstance(item.get("value"), (int, float)):
                ignored_values.append(item["value"])
            continue
        wants.append(w)
    if task == "rewrite":
        for lw in (case.get("meta") or {}).get("left_as_words", []):
            ignored.append((lw["start"], lw["end"]))
    covers = set(case.get("covers") or [])
    tally.items += len(wants)

    if task == "convert":
        if not wants:
            if case["expected"]:
                return  # the only item was skipped
            stripped = text.strip()
            if len(found) == 1 and found[0].text.strip() == stripped and stripped and claims(found[0], covers):
                tally.fps += 1
                tally.false_pos.append((case["id"], text, _show(found[0])))
            return
        w = wants[0]
        readings = readings_of(found)
        hit = False
        if len(found) == 1:
            k = match_item(w, readings, set())
            if k is not None:
                n = found[0]
                hit = w.start is None or (n.start <= w.start and n.end >= w.end)
        if hit:
            tally.hits += 1
        else:
            tally.misses.append((case["id"], text, f"want {w.value!r} [{w.kind}] got "
                                 + "; ".join(_show(n) for n in found)))
            tally.fps += len(found)
            for n in found:
                tally.false_pos.append((case["id"], text, _show(n)))
        return

    readings = readings_of(found)
    used: set[int] = set()
    matched_owner: set[int] = set()
    order = sorted(range(len(wants)), key=lambda i: (wants[i].start if wants[i].start is not None else i))
    for i in order:
        w = wants[i]
        ks = match_item(w, readings, used)
        if ks is None:
            value = w.value if w.kind != "range" else (w.low, w.high)
            tally.misses.append((case["id"], text, f"want {w.text!r} {value!r} [{w.kind}] got "
                                 + "; ".join(_show(n) for n in found)))
            continue
        tally.hits += 1
        for k in ks:
            used.add(readings[k].owner)
            matched_owner.add(readings[k].owner)
    if not case.get("exhaustive") or task != "extract":
        return
    for idx, n in enumerate(found):
        if idx in matched_owner or not claims(n, covers):
            continue
        if any(_overlap(s, e, n.start, n.end) > 0 for s, e in ignored):
            continue
        excuse = next((k for k, v in enumerate(ignored_values) if _close(v, n.value)), None)
        if excuse is not None:
            ignored_values.pop(excuse)
            continue
        tally.fps += 1
        tally.false_pos.append((case["id"], text, _show(n)))


def _show(n: Number) -> str:
    extra = f" {n.low}..{n.high}" if n.kind in ("range", "score") else ""
    hedge = f" {n.hedge}" if n.hedge != "exact" else ""
    return f"{n.text!r}={n.value!r} {n.kind}{hedge}{extra}"


def load_suites(path: Path) -> dict[str, list[dict]]:
    files = [path] if path.is_file() else sorted(path.glob("*.jsonl"))
    suites = {}
    for f in files:
        with f.open(encoding="utf-8") as fh:
            suites[f.stem] = [json.loads(line) for line in fh if line.strip()]
    return suites


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="folder of *.jsonl suites or one file")
    ap.add_argument("--suite", help="only this suite (file stem)")
    ap.add_argument("--misses", type=int, default=0, help="list up to N misses and false positives per suite")
    ap.add_argument("--newsroom", action="store_true", help="list misses for the newsroom subset")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"no yardsticks at {path}", file=sys.stderr)
        return 2
    suites = load_suites(path)
    if args.suite:
        suites = {k: v for k, v in suites.items() if k == args.suite}
    totals = {False: Tally(), True: Tally()}
    filt_counts: Counter = Counter()
    rows = []
    started = time.perf_counter()
    for name, cases in suites.items():
        per = {}
        for newsroom in (False, True):
            t = Tally()
            counts = filt_counts if newsroom else Counter()
            for case in cases:
                if case.get("mode") not in (None, "default"):
                    continue
                score_case(case, newsroom, t, counts)
            per[newsroom] = t
            totals[newsroom].add(t)
        rows.append((name, per))
        if args.misses:
            t = per[args.newsroom]
            print(f"\n== {name}: misses ({len(t.misses)})")
            for cid, text, why in t.misses[:args.misses]:
                print(f"  {cid}: {text[:110]!r}\n      {why}")
            print(f"== {name}: false positives ({len(t.false_pos)})")
            for cid, text, why in t.false_pos[:args.misses]:
                print(f"  {cid}: {text[:110]!r}\n      {why}")
    elapsed = time.perf_counter() - started
    head = (f"{'suite':<18}{'cases':>7}{'items':>7}{'recall':>9}{'precision':>11}   |"
            f"{'newsroom: cases':>17}{'items':>7}{'recall':>9}{'precision':>11}")
    print()
    print(head)
    print("-" * len(head))
    for name, per in rows + [("TOTAL", totals)]:
        a, b = per[False], per[True]
        print(f"{name:<18}{a.cases:>7}{a.items:>7}{a.recall:>9.1%}{a.precision:>11.1%}   |"
              f"{b.cases:>17}{b.items:>7}{b.recall:>9.1%}{b.precision:>11.1%}")
    errors = totals[False].errors
    all_, news = totals[False], totals[True]
    print(f"\nmisses: all {all_.items - all_.hits}, newsroom {news.items - news.hits}; "
          f"false positives: all {all_.fps}, newsroom {news.fps}; crashes: {errors}")
    if filt_counts:
        print("newsroom filters (items dropped): "
              + ", ".join(f"{k} {v}" for k, v in sorted(filt_counts.items(), key=lambda kv: -kv[1])))
    print(f"({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
