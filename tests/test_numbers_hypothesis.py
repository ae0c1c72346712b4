"""Property tests for the number grammar: spelled-out integers and ordinals read back exactly, and no
input, however hostile, makes `find_numbers` raise or return overlapping or misplaced spans."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.numbers import find_numbers

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**9, "billion"), (10**6, "million"), (10**3, "thousand")]
_ORD_ONES = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
             "nine": "ninth", "twelve": "twelfth"}


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return _TENS[tens]
    return _TENS[tens] + ("-" if hyphen else " ") + _ONES[ones]


def _below_thousand(n: int, with_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(_ONES[hundreds] + " hundred")
    if rest:
        if hundreds and with_and:
            words.append("and")
        words.append(_below_hundred(rest, hyphen))
    return " ".join(words)


def to_words(n: int, *, with_and: bool = True, hyphen: bool = True) -> str:
    """0 <= n < 10**12 in English words: British "and" optional, tens hyphenated or spaced."""
    if n == 0:
        return "zero"
    words = []
    for size, name in _SCALES:
        if n >= size:
            count, n = divmod(n, size)
            words.append(_below_thousand(count, with_and, hyphen) + " " + name)
    if n:
        if words and n < 100 and with_and:
            words.append("and")
        words.append(_below_thousand(n, with_and, hyphen))
    return " ".join(words)


def to_ordinal(n: int, *, with_and: bool = True, hyphen: bool = True) -> str:
    """1 <= n < 1000 as an English ordinal: "first", "twenty-first", "one hundred and twelfth"."""
    words = to_words(n, with_and=with_and, hyphen=hyphen)
    head, sep, last = max((words.rpartition(s) for s in (" ", "-")), key=lambda t: len(t[0]))
    if last in _ORD_ONES:
        last = _ORD_ONES[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def test_converters_on_known_values():
    assert to_words(0) == "zero"
    assert to_words(107) == "one hundred and seven"
    assert to_words(125000, with_and=False) == "one hundred twenty-five thousand"
    assert to_words(7_004_018) == "seven million four thousand and eighteen"
    assert to_words(999_999_999_999, hyphen=False).startswith("nine hundred and ninety nine billion")
    assert to_ordinal(1) == "first" and to_ordinal(21) == "twenty-first" and to_ordinal(40) == "fortieth"
    assert to_ordinal(112) == "one hundred and twelfth" and to_ordinal(500) == "five hundredth"


@SETTINGS
@given(n=st.integers(0, 999_999_999_999), with_and=st.booleans(), hyphen=st.booleans())
def test_spelled_integers_read_back(n, with_and, hyphen):
    words = to_words(n, with_and=with_and, hyphen=hyphen)
    found = find_numbers(words)
    assert len(found) == 1, (words, [(f.text, f.value) for f in found])
    assert (found[0].start, found[0].end, found[0].value, found[0].kind) == (0, len(words), n, "number")


@SETTINGS
@given(n=st.integers(0, 999_999_999_999), with_and=st.booleans(), capital=st.booleans())
def test_spelled_integers_read_back_in_a_sentence(n, with_and, capital):
    words = to_words(n, with_and=with_and)
    if capital:
        words = words[0].upper() + words[1:]
    text = f"Officials counted {words} ballots on Tuesday."
    found = find_numbers(text)
    assert len(found) == 1, (text, [(f.text, f.value) for f in found])
    f = found[0]
    assert (f.text, f.value, f.kind, f.start) == (words, n, "number", len("Officials counted "))


@SETTINGS
@given(n=st.integers(1, 999), with_and=st.booleans(), hyphen=st.booleans())
def test_spelled_ordinals_read_back(n, with_and, hyphen):
    words = to_ordinal(n, with_and=with_and, hyphen=hyphen)
    for text, offset in ((words, 0), (f"It was the {words} session.", len("It was the "))):
        found = find_numbers(text)
        assert len(found) == 1, (text, [(f.text, f.value, f.kind) for f in found])
        f = found[0]
        assert (f.start, f.text, f.value, f.kind) == (offset, words, n, "ordinal")


@SETTINGS
@given(ns=st.lists(st.integers(0, 999_999_999_999), min_size=1, max_size=8),
       sep=st.sampled_from([", ", "; ", " and ", " or ", ", and "]), with_and=st.booleans())
def test_lists_of_spelled_numbers(ns, sep, with_and):
    """Comma and semicolon lists read back number by number; "and"/"or" lists may legitimately merge
    ("one hundred and seven"), so for those only the invariants are checked."""
    words = [to_words(n, with_and=with_and) for n in ns]
    text = sep.join(words)
    check_invariants(text)
    if sep in (", ", "; ") and not any(w == "zero" for w in words):
        assert [f.value for f in find_numbers(text)] == ns, text


def check_invariants(text: str) -> None:
    found = find_numbers(text)
    end = 0
    for f in found:
        assert 0 <= end <= f.start < f.end <= len(text), (text, f)
        assert text[f.start:f.end] == f.text
        assert f.start <= f.core_start < f.end
        for p in f.parts:
            assert f.start <= p.start < p.end <= f.end and text[p.start:p.end] == p.text
        if f.kind in ("number", "percent", "money", "fraction", "ordinal"):
            assert f.value is None and f.malformed or isinstance(f.value, (int, float))
        if f.kind in ("range", "score"):
            assert f.low is not None and f.high is not None and len(f.parts) == 2
        end = f.end


_HOSTILE = st.text(alphabet="0123456789,.- \u00a0\u2009", max_size=300)
_MIXED = st.text(alphabet="0123456789,.-/:%$£€+()'\" \nabcdeknmtsx½", max_size=300)
_TOKENS = ["one", "two", "twenty", "hundred", "thousand", "million", "and", "a", "half", "third", "point",
           "first", "dozen", "dozens", "of", "-", ",", " ", "1", "12", "1,000", "3.5", "$", "%", "per cent",
           "between", "to", "more than", "about", "minus", "2016", "September", "22nd", "Article", "COVID-19",
           "5bn", "m", "one-third", "nought", "&", "or more", "1/2", "24/7", "10:30", "pm", "x"]
_PHRASES = st.lists(st.sampled_from(_TOKENS), max_size=60).map(" ".join)
_GLUED = st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join)


@SETTINGS
@given(text=_HOSTILE)
def test_hostile_digit_text(text):
    check_invariants(text)


@SETTINGS
@given(text=_MIXED)
def test_mixed_symbol_text(text):
    check_invariants(text)


@SETTINGS
@given(text=_PHRASES)
def test_number_word_phrases(text):
    check_invariants(text)


@SETTINGS
@given(text=_GLUED)
def test_glued_tokens(text):
    check_invariants(text)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_unicode(text):
    check_invariants(text)
