"""The number grammar, one table per part: text -> the figures found (text, value, kind, hedge).

Every sentence here is written for these tests (none is taken from the yardstick suites). A change
that adds a phrasing adds a row; a false alarm that gets fixed adds its text to the must-not tables.
"""

from __future__ import annotations

import math

import pytest

from verify.numbers import (
    ORDINAL_UNITS,
    SCALES,
    TEENS,
    TENS,
    UNITS,
    Number,
    find_numbers,
    parse_words,
)


def figures(text: str) -> list[tuple]:
    return [(n.text, n.value, n.kind, n.hedge) for n in find_numbers(text)]


def only(text: str) -> Number:
    found = find_numbers(text)
    assert len(found) == 1, f"{text!r} -> {[(n.text, n.value, n.kind) for n in found]}"
    return found[0]


def same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=1e-9)
    return a == b


def check(text: str, want: list[tuple]) -> None:
    got = figures(text)
    assert len(got) == len(want), f"{text!r}: got {got}"
    for g, w in zip(got, want):
        assert g[0] == w[0] and same(g[1], w[1]) and g[2:] == w[2:], f"{text!r}: got {g}, want {w}"


# --- digits ----------------------------------------------------------------------------------------

DIGITS = [
    ("The strike idled 300,000 workers.", [("300,000", 300000, "number", "exact")]),
    ("Turnout rose to 1.5 points.", [("1.5", 1.5, "number", "exact")]),
    ("The rally drew 12 500 people.", [("12 500", 12500, "number", "exact")]),
    ("The rally drew 12\u2009500 people.", [("12\u2009500", 12500, "number", "exact")]),
    ("The rally drew 12\u202f500 people.", [("12\u202f500", 12500, "number", "exact")]),
    ("The rally drew 12\u00a0500 people.", [("12\u00a0500", 12500, "number", "exact")]),
    ("The budget was 2,345,678.91 in total.", [("2,345,678.91", 2345678.91, "number", "exact")]),
    ("Temperatures fell to -5 overnight.", [("-5", -5, "number", "exact")]),
    ("The index closed at −3.2 after trading.", [("−3.2", -3.2, "number", "exact")]),
    ("The reading was minus 7 at dawn.", [("minus 7", -7, "number", "exact")]),
    ("Only 7 of 15 members voted.", [("7", 7, "number", "exact"), ("15", 15, "number", "exact")]),
    ("The fine was .5 of the total.", [(".5", 0.5, "number", "exact")]),
    ("A loan of 12,00,000 was approved in Pune.", [("12,00,000", 1200000, "number", "exact")]),
]


@pytest.mark.parametrize("text,want", DIGITS)
def test_digits(text, want):
    check(text, want)


# --- scales ----------------------------------------------------------------------------------------

SCALED = [
    ("Some 2.5 million people fled.", [("Some 2.5 million", 2500000, "number", "about")]),
    ("The fund holds 4.5bn in reserve.", [("4.5bn", 4.5e9, "number", "exact")]),
    ("The region has 12m people.", [("12m", 12000000, "number", "exact")]),
    ("The post drew 3k replies.", [("3k", 3000, "number", "exact")]),
    ("The census counted 1.2 billion residents.", [("1.2 billion", 1200000000, "number", "exact")]),
    ("Exports reached 40 thousand tonnes.", [("40 thousand", 40000, "number", "exact")]),
    ("Farmers sold 3 dozen crates.", [("3 dozen", 36, "number", "exact")]),
    ("Debt stood at 2 trillion.", [("2 trillion", 2 * 10**12, "number", "exact")]),
    ("The state spent 13 lakh on repairs.", [("13 lakh", 1300000, "number", "exact")]),
    ("Revenue hit 10 bln last year.", [("10 bln", 10**10, "number", "exact")]),
]


@pytest.mark.parametrize("text,want", SCALED)
def test_scales(text, want):
    check(text, want)


# --- money -----------------------------------------------------------------------------------------

MONEY = [
    ("The package is worth $4.5 billion.", "$4.5 billion", 4.5e9, "USD"),
    ("He was fined £3m by the regulator.", "£3m", 3000000, "GBP"),
    ("The bank set aside €1.2bn for losses.", "€1.2bn", 1.2e9, "EUR"),
    ("Aid of US$5 million was pledged.", "US$5 million", 5000000, "USD"),
    ("Aid of US$ 5 million was pledged.", "US$ 5 million", 5000000, "USD"),
    ("The deal is valued at A$300m.", "A$300m", 300000000, "AUD"),
    ("Tickets cost ¥3,000 each.", "¥3,000", 3000, "JPY"),
    ("The ministry pays ₹500 a day.", "₹500", 500, "INR"),
    ("Donors gave 5 million dollars.", "5 million dollars", 5000000, "USD"),
    ("The club paid 20 million euros.", "20 million euros", 20000000, "EUR"),
    ("The share price fell 50 cents.", "50 cents", 50, "cents"),
    ("A pint costs 450 pence now.", "450 pence", 450, "pence"),
    ("The firm raised 200 million Swiss francs.", "200 million Swiss francs", 200000000, "CHF"),
    ("The bond raised 300 million Canadian dollars.", "300 million Canadian dollars", 300000000, "CAD"),
    ("The tender is for USD 2 million.", "USD 2 million", 2000000, "USD"),
    ("Wages rose to 900 EUR a month.", "900 EUR", 900, "EUR"),
    ("A coffee costs 4 € in Paris.", "4 €", 4, "EUR"),
    ("Fees were cut to 50p a call.", "50p", 50, "pence"),
    ("The levy raised Rs 40 crore.", "Rs 40 crore", 400000000, "INR"),
    ("Each share pays a 12-cent dividend.", "12-cent", 12, "cents"),
]


@pytest.mark.parametrize("text,span,value,unit", MONEY)
def test_money(text, span, value, unit):
    n = only(text)
    assert (n.text, n.kind, n.unit) == (span, "money", unit)
    assert same(n.value, value)


def test_money_hedged_keeps_the_figure_start():
    n = only("The plan will cost more than $2 billion.")
    assert (n.text, n.hedge, n.value, n.kind) == ("more than $2 billion", "over", 2 * 10**9, "money")
    assert n.value_start == n.core_start == n.start + len("more than ")


# --- percentages -----------------------------------------------------------------------------------

PERCENT = [
    ("Turnout was 45% this time.", "45%", 45, "%"),
    ("Turnout was 45 per cent this time.", "45 per cent", 45, "%"),
    ("Turnout was 45 percent this time.", "45 percent", 45, "%"),
    ("Turnout was 45pc this time.", "45pc", 45, "%"),
    ("Support slipped 3.2 percentage points.", "3.2 percentage points", 3.2, "points"),
    ("Rates rose 25 basis points.", "25 basis points", 25, "points"),
    ("Inflation hit twenty per cent.", "twenty per cent", 20, "%"),
    ("The party lost 0.5% of its seats.", "0.5%", 0.5, "%"),
]


@pytest.mark.parametrize("text,span,value,unit", PERCENT)
def test_percent(text, span, value, unit):
    n = only(text)
    assert (n.text, n.kind, n.unit) == (span, "percent", unit)
    assert same(n.value, value)


# --- ranges and scores -----------------------------------------------------------------------------

RANGES = [
    ("Talks may last 10-12 days.", "10-12", 10, 12, None),
    ("Talks may last 10–12 days.", "10–12", 10, 12, None),
    ("Talks may last 10 to 12 days.", "10 to 12", 10, 12, None),
    ("Talks may last between 10 and 12 days.", "between 10 and 12", 10, 12, None),
    ("Talks may last between ten and twelve days.", "between ten and twelve", 10, 12, None),
    ("Talks may last nine to 12 days.", "nine to 12", 9, 12, None),
    ("Growth of 2-3% is forecast.", "2-3%", 2, 3, "%"),
    ("Growth of 2% to 3% is forecast.", "2% to 3%", 2, 3, "%"),
    ("Growth of between 2 and 3 per cent is forecast.", "between 2 and 3 per cent", 2, 3, "%"),
    ("The repairs will cost $10-12 million.", "$10-12 million", 10**7, 12 * 10**6, "USD"),
    ("Between two and three million people are displaced.", "Between two and three million", 2 * 10**6, 3 * 10**6, None),
    ("The 2014-15 budget was late.", "2014-15", 2014, 2015, "year"),
    ("The 1990-95 period was calm.", "1990-95", 1990, 1995, "year"),
]


@pytest.mark.parametrize("text,span,low,high,unit", RANGES)
def test_ranges(text, span, low, high, unit):
    n = only(text)
    assert (n.text, n.kind, n.unit) == (span, "range", unit)
    assert same(n.low, low) and same(n.high, high)
    assert len(n.parts) == 2 and all(isinstance(p, Number) for p in n.parts)
    assert n.parts[0].start >= n.start and n.parts[1].end == n.end


@pytest.mark.parametrize("text,span,low,high", [
    ("The resolution passed 11-2 with two abstentions.", "11-2", 11, 2),
    ("The bill cleared the Senate 51-47 on Tuesday.", "51-47", 51, 47),
    ("The home side won 3–1.", "3–1", 3, 1),
])
def test_scores(text, span, low, high):
    n = find_numbers(text)[0]
    assert (n.text, n.kind, n.low, n.high) == (span, "score", low, high)
    assert [p.value for p in n.parts] == [low, high]


@pytest.mark.parametrize("text,values", [
    ("The draft was adopted 14-0-1.", [14, 0, 1]),
    ("The committee split 9–5–1.", [9, 5, 1]),
])
def test_three_way_tallies_are_three_numbers(text, values):
    found = find_numbers(text)
    assert [(n.value, n.kind) for n in found] == [(v, "number") for v in values]


def test_keyword_before_a_tally_is_not_an_identifier():
    n = only("The House rejected the amendment 198-226 on Tuesday.")
    assert (n.text, n.low, n.high) == ("198-226", 198, 226)
    assert find_numbers("The Second Amendment 2 debate") and not [
        n for n in find_numbers("Congress debated Amendment 14 again.") if n.kind == "number"]


def test_long_runs_of_number_words_split_cleanly():
    text = "one hundred and twenty-five thousand and " * 6
    assert [n.value for n in find_numbers(text)] == [125000] * 6


@pytest.mark.parametrize("text,want", [
    ("The House voted 221 to 209 to pass it.", [("221", 221, "number", "exact"), ("209", 209, "number", "exact")]),
    ("Prices rose from 40 to 90 within a year.", [("40", 40, "number", "exact"), ("90", 90, "number", "exact")]),
    ("The team won seven to three.", [("seven", 7, "number", "exact"), ("three", 3, "number", "exact")]),
])
def test_tallies_and_changes_stay_two_figures(text, want):
    check(text, want)


# --- fractions -------------------------------------------------------------------------------------

FRACTIONS = [
    ("Roughly 1/3 of the budget went unspent.", "Roughly 1/3", 1 / 3, "about"),
    ("A two-thirds majority is needed.", "two-thirds", 2 / 3, "exact"),
    ("Two thirds of voters agreed.", "Two thirds", 2 / 3, "exact"),
    ("Half of the staff were laid off.", "Half", 0.5, "exact"),
    ("Nearly half the seats changed hands.", "Nearly half", 0.5, "nearly"),
    ("A quarter of homes lack power.", "A quarter", 0.25, "exact"),
    ("Three quarters of the wells ran dry.", "Three quarters", 0.75, "exact"),
    ("Only a third of the aid arrived.", "a third", 1 / 3, "exact"),
    ("The queue took one and a half hours.", "one and a half", 1.5, "exact"),
    ("The pipe is 2 1/2 inches wide.", "2 1/2", 2.5, "exact"),
    ("Add ½ a cup of water.", "½", 0.5, "exact"),
    ("One fifth of the crop was lost.", "One fifth", 0.2, "exact"),
    ("About three-fifths of members backed it.", "About three-fifths", 0.6, "about"),
]


@pytest.mark.parametrize("text,span,value,hedge", FRACTIONS)
def test_fractions(text, span, value, hedge):
    n = only(text)
    assert (n.text, n.kind, n.hedge) == (span, "fraction", hedge)
    assert same(n.value, value)


@pytest.mark.parametrize("text,span,value", [
    ("Half a million people marched.", "Half a million", 500000),
    ("Two and a half million tonnes were shipped.", "Two and a half million", 2500000),
    ("A quarter million homes were flooded.", "A quarter million", 250000),
    ("One million and a half visitors came.", "One million and a half", 1500000),
    ("The farm sells half a dozen kinds of cheese.", "half a dozen", 6),
])
def test_fractions_of_scales_are_numbers(text, span, value):
    n = only(text)
    assert (n.text, n.value, n.kind) == (span, value, "number")


# --- numbers in words ------------------------------------------------------------------------------

WORDS = [
    ("Nine people were hurt.", "Nine", 9),
    ("The convoy had twenty-five trucks.", "twenty-five", 25),
    ("The convoy had twenty five trucks.", "twenty five", 25),
    ("Officials say one hundred and twenty-five thousand people fled.", "one hundred and twenty-five thousand", 125000),
    ("The army has a dozen tanks left.", "a dozen", 12),
    ("A hundred delegates attended.", "A hundred", 100),
    ("A hundred and two delegates attended.", "A hundred and two", 102),
    ("Three billion doses were made.", "Three billion", 3 * 10**9),
    ("The debt is four hundred and five billion six million.", "four hundred and five billion six million", 405006000000),
    ("Nineteen hundred troops crossed.", "Nineteen hundred", 1900),
    ("TWELVE MINERS TRAPPED", "TWELVE", 12),
    ("Only one abstention was recorded.", "one", 1),
    ("It took seven hundred and fifty thousand votes.", "seven hundred and fifty thousand", 750000),
    ("Zero cases were reported.", "Zero", 0),
    ("The average was two point five.", "two point five", 2.5),
]


@pytest.mark.parametrize("text,span,value", WORDS)
def test_words(text, span, value):
    n = only(text)
    assert (n.text, n.value, n.kind, n.spelled) == (span, value, "number", True)


@pytest.mark.parametrize("text,values", [
    ("The envoys from five six nations met.", [5, 6]),
    ("Rows four, five and six were empty.", [4, 5, 6]),
    ("They counted two thousand, then two million.", [2000, 2000000]),
    ("Bids of twenty and thirty were rejected.", [20, 30]),
])
def test_word_runs_split_where_the_grammar_breaks(text, values):
    assert [n.value for n in find_numbers(text)] == values


def test_parse_words_vocabulary_and_offsets():
    assert UNITS["seven"] == 7 and TEENS["thirteen"] == 13 and TENS["forty"] == 40
    assert SCALES["billion"] == 10**9 and ORDINAL_UNITS["twelfth"] == 12
    text = "two hundred and six"
    n = only(text)
    assert (n.start, n.end, n.value) == (0, len(text), 206)
    from verify.numbers import (  # the parser works on offsets, not on text
        _split_words,
        _Word,
    )
    words = _split_words(0, "forty") + [_Word(6, 11, "three")]
    assert parse_words(words) == [(0, 11, 43, "number")]


# --- ordinals --------------------------------------------------------------------------------------

ORDINALS = [
    ("It was the fifth vote this year.", "fifth", 5, False),
    ("The twenty-first amendment passed.", "twenty-first", 21, False),
    ("She finished 5th in the race.", "5th", 5, False),
    ("The 21st summit opened.", "21st", 21, False),
    ("The 102nd session ended.", "102nd", 102, False),
    ("The one hundredth anniversary fell on Monday.", "one hundredth", 100, False),
    ("The 21th summit opened.", "21th", 21, True),
    ("Our second survey was larger.", "second", 2, False),
    ("He won a third term.", "third", 3, False),
]


@pytest.mark.parametrize("text,span,value,malformed", ORDINALS)
def test_ordinals(text, span, value, malformed):
    n = only(text)
    assert (n.text, n.value, n.kind, n.malformed) == (span, value, "ordinal", malformed)


# --- hyphenated adjectives -------------------------------------------------------------------------

ADJECTIVES = [
    ("The five-year war ended.", "five-year", 5, "year"),
    ("The 15-member council met.", "15-member", 15, "member"),
    ("An 11-nation coalition formed.", "11-nation", 11, "nation"),
    ("A 30-year-old man was held.", "30-year-old", 30, "year-old"),
    ("A two-day summit began.", "two-day", 2, "day"),
    ("A 1,000-strong crowd gathered.", "1,000-strong", 1000, "strong"),
]


@pytest.mark.parametrize("text,span,value,unit", ADJECTIVES)
def test_adjectives(text, span, value, unit):
    n = only(text)
    assert (n.text, n.value, n.kind, n.adjective, n.unit) == (span, value, "number", True, unit)


# --- vague quantities ------------------------------------------------------------------------------

VAGUE = [
    ("Dozens were injured.", "Dozens"),
    ("Hundreds of families fled.", "Hundreds"),
    ("Tens of thousands marched.", "Tens of thousands"),
    ("Hundreds of thousands marched.", "Hundreds of thousands"),
    ("Several hundred troops arrived.", "Several hundred"),
    ("A few thousand fans stayed.", "A few thousand"),
    ("Millions watched the debate.", "Millions"),
    ("Scores of people were hurt.", "Scores"),
]


@pytest.mark.parametrize("text,span", VAGUE)
def test_vague(text, span):
    n = only(text)
    assert (n.text, n.value, n.kind, n.hedge) == (span, None, "vague", "about")
    assert n.low is not None


# --- hedges ----------------------------------------------------------------------------------------

HEDGED = [
    ("about", "about 40", "about"), ("around", "around 40", "about"), ("roughly", "roughly 40", "about"),
    ("some", "some 40", "about"), ("approximately", "approximately 40", "about"),
    ("an estimated", "an estimated 40", "about"), ("nearly", "nearly 40", "nearly"),
    ("almost", "almost 40", "nearly"), ("close to", "close to 40", "nearly"),
    ("more than", "more than 40", "over"), ("over", "over 40", "over"), ("at least", "at least 40", "at_least"),
    ("fewer than", "fewer than 40", "under"), ("less than", "less than 40", "under"),
    ("under", "under 40", "under"), ("up to", "up to 40", "at_most"), ("at most", "at most 40", "at_most"),
    ("as many as", "as many as 40", "at_most"), ("no more than", "no more than 40", "at_most"),
    ("no fewer than", "no fewer than 40", "at_least"), ("in excess of", "in excess of 40", "over"),
]


@pytest.mark.parametrize("word,span,hedge", HEDGED)
def test_hedges_before(word, span, hedge):
    n = only(f"Officials said {word} 40 people died.")
    assert (n.text, n.value, n.hedge) == (span, 40, hedge)
    assert n.core_start == n.end - 2


@pytest.mark.parametrize("text,span,hedge", [
    ("Officials said 40 or more people died.", "40 or more", "at_least"),
    ("Officials said 40 or so people died.", "40 or so", "about"),
    ("A 40-odd strong team.", "40-odd", "about"),
    ("Officials said 40-plus people died.", "40-plus", "at_least"),
    ("Officials said 40 or fewer people died.", "40 or fewer", "at_most"),
    ("Only people aged 65 and over qualify.", "65 and over", "at_least"),
    ("Officials said nearly forty people died.", "nearly forty", "nearly"),
])
def test_hedges_after(text, span, hedge):
    n = only(text)
    assert (n.text, n.hedge) == (span, hedge)


@pytest.mark.parametrize("text,span,hedge", [
    ("Districts with <20 cases were excluded.", "<20", "under"),
    ("Districts with >= 30 cases were excluded.", ">= 30", "at_least"),
    ("Districts with ≤ 5 cases were excluded.", "≤ 5", "at_most"),
    ("Turnout was roughly 60% or so.", "roughly 60% or so", "about"),
    ("About 500 or more troops stayed.", "About 500 or more", "at_least"),
])
def test_hedges_as_symbols_and_pairs(text, span, hedge):
    n = only(text)
    assert (n.text, n.hedge) == (span, hedge)


def test_hedge_must_touch_the_figure():
    assert only("They talked about it; 40 people left.").hedge == "exact"
    assert only("It was over. 40 people left.").hedge == "exact"


# --- years and dates -------------------------------------------------------------------------------

DATES = [
    ("The war began in 2016.", "2016", 2016, "year"),
    ("The vote on September 22 failed.", "September 22", "--09-22", "date"),
    ("The vote on 22 Sept 2016 failed.", "22 Sept 2016", "2016-09-22", "date"),
    ("The vote on Sept. 22, 2016 failed.", "Sept. 22, 2016", "2016-09-22", "date"),
    ("The vote on Thursday, September 22 failed.", "Thursday, September 22", "--09-22", "date"),
    ("The vote on the 22nd of September failed.", "22nd of September", "--09-22", "date"),
    ("The vote in October 2016 failed.", "October 2016", "2016-10", "date"),
    ("The file is dated 2016-09-22.", "2016-09-22", "2016-09-22", "date"),
    ("The file is dated 22/09/2016.", "22/09/2016", None, "date"),
    ("Prices peaked in the 1990s.", "1990s", 1990, "year"),
]


@pytest.mark.parametrize("text,span,value,kind", DATES)
def test_years_and_dates(text, span, value, kind):
    n = only(text)
    assert (n.text, n.value, n.kind) == (span, value, kind)


@pytest.mark.parametrize("text,value", [
    ("The plant employs 2016 people.", 2016),
    ("The bill costs $2016.", 2016),
    ("Some 1500 villagers fled.", 1500),
    ("Turnout fell by 1200 votes.", 1200),
])
def test_four_digit_counts_are_not_years(text, value):
    n = only(text)
    assert n.kind in ("number", "money") and n.value == value


# --- what is not a quantity ------------------------------------------------------------------------

NOT_QUANTITIES = [
    "The meeting starts at 10:30 GMT.",
    "The meeting starts at 10.30am sharp.",
    "The meeting starts at 3 p.m. on the dot.",
    "The meeting starts at 9pm.",
    "The text is in document S/2016/846 today.",
    "Delegates cited A/RES/60/251 again.",
    "The council adopted resolution 2254 unanimously.",
    "The council recalled resolutions 2254 and 2268.",
    "Under Article 23 the seats are permanent.",
    "See paragraph 4 of the annex.",
    "COVID-19 spread quickly.",
    "The G20 summit was cancelled.",
    "An F-16 jet was scrambled.",
    "Flight MH17 was shot down.",
    "Call +44 20 7946 0958 for details.",
    "Call (555) 123-4567 for details.",
    "Call 555-123-4567 for details.",
    "Read https://example.org/2016/09/22/vote.html for details.",
    "Read www.example.org/report2016 for details.",
    "Write to press2016@example.org for details.",
    "No one was hurt.",
    "It is one of the worst attacks.",
    "The one thing they agreed on was timing.",
    "Each one was checked.",
    "One cannot rule it out.",
    "They blamed one another.",
    "The server at 10.0.12.7 failed.",
    "Version 2.3.1 fixed it.",
    "The route was open 24/7 during 9/11 tributes.",
    "Agent 007 returned.",
    "Their first half of the season was poor.",
    "Its third quarter disappointed investors.",
    "The test scores were published.",
    "It was a one-off payment.",
    "Model A320 jets were grounded.",
    "The 180ml bottles were recalled.",
    "She won the 100m final.",
    "The 4K screens sold out.",
    "The 5G rollout stalled.",
    "Windows 10 support ended.",
    "The 747s were retired.",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text):
    found = [n for n in find_numbers(text) if n.kind not in ("ordinal", "date", "year")]
    assert found == [], f"{text!r} -> {[(n.text, n.value, n.kind) for n in found]}"


# --- malformed figures -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,span", [
    ("The ministry counted 75,00 cases.", "75,00"),
    ("The ministry counted 1,0000 cases.", "1,0000"),
    ("The ministry counted 3..5 million cases.", "3..5"),
    ("The ministry counted 1,000,00 cases.", "1,000,00"),
])
def test_malformed(text, span):
    n = find_numbers(text)[0]
    assert (n.text, n.malformed, n.value) == (span, True, None)


@pytest.mark.parametrize("text,values", [
    ("They won 1, 2 and 3 seats.", [1, 2, 3]),
    ("The sum was 1,000,000 exactly.", [1000000]),
    ("Grades of 4,5,6 were given.", [4, 5, 6]),
    ("It grew 3.5% in 2015.", [3.5, 2015]),
])
def test_not_malformed(text, values):
    found = find_numbers(text)
    assert [n.value for n in found] == values
    assert not any(n.malformed for n in found)


# --- the interface ---------------------------------------------------------------------------------

ARTICLE = (
    "The Security Council on Saturday voted 11-2 on the draft, with two abstentions, in the 15-member "
    "body. Some 300,000 people have died in the five-year war, and more than 4.8 million have fled; "
    "aid agencies asked for $3.2 billion, about 40% of it for food. It was the fifth veto since 2011, "
    "and dozens of envoys spoke. Between 10 and 12 convoys are planned for September 22.\n"
)


def test_spans_are_ordered_non_overlapping_and_exact():
    found = find_numbers(ARTICLE)
    assert [n.text for n in found] == [
        "11-2", "two", "15-member", "Some 300,000", "five-year", "more than 4.8 million",
        "$3.2 billion", "about 40%", "fifth", "2011", "dozens", "Between 10 and 12", "September 22"]
    ends = 0
    for n in found:
        assert ends <= n.start < n.end
        assert ARTICLE[n.start:n.end] == n.text
        assert n.start <= n.core_start < n.end
        ends = n.end
        for p in n.parts:
            assert n.start <= p.start < p.end <= n.end and ARTICLE[p.start:p.end] == p.text


def test_number_fields():
    n = only("nearly 40 people")
    assert (n.start, n.end, n.text, n.value, n.kind, n.hedge, n.unit) == (0, 9, "nearly 40", 40, "number", "nearly", None)
    assert (n.low, n.high, n.spelled, n.adjective, n.malformed, n.parts, n.value_start) == \
        (None, None, False, False, False, (), 7)
    assert n.core_start == 7
    with pytest.raises(AttributeError):
        n.value = 41  # frozen


def test_integral_values_are_ints():
    assert isinstance(only("2.0 million people").value, int)
    assert isinstance(only("1.5 people").value, float)


@pytest.mark.parametrize("text", ["", " ", "-", "$", "%", "and", "a", "point", "1", "one"])
def test_tiny_inputs(text):
    find_numbers(text)


# --- the scanner's shortcuts read the same as the grammar --------------------------------------------

SCANNED = [
    # the scanners read a lower-cased copy with a space for every character a word may follow: offsets
    # must survive "İ" (two characters in lower case), and the Kelvin sign is not an ASCII "k"
    ("İstanbul has twenty-one districts.", [("twenty-one", 21, "number", "exact")]),
    ("It weighed two la\u212ah.", [("two", 2, "number", "exact")]),
    ("They said \u201cfive\u201d and\u3000six, then\u2014seven.",
     [("five", 5, "number", "exact"), ("six", 6, "number", "exact"), ("seven", 7, "number", "exact")]),
    # hedges are found from the characters before the last word, also at the very start of a text
    ("More than 5 people came.", [("More than 5", 5, "number", "over")]),
    ("Up to 5 people came.", [("Up to 5", 5, "number", "at_most")]),
    ("The city of 5 people rose to 7.", [("5", 5, "number", "exact"), ("7", 7, "number", "exact")]),
    # the word after a figure is read whole, whatever follows it
    ("The index rose 5 percent.", [("5 percent", 5, "percent", "exact")]),
    ("It cost 5 U.S. dollars.", [("5 U.S. dollars", 5, "money", "exact")]),
    ("It cost 5 lives.", [("5", 5, "number", "exact")]),
    ("On Monday,   September 22, 2016 it failed.", [("Monday,   September 22, 2016", "2016-09-22", "date", "exact")]),
]


@pytest.mark.parametrize("text,want", SCANNED)
def test_scanner_shortcuts(text, want):
    check(text, want)


def test_word_openers_are_all_whitespace():
    """`_WORD_OPENERS` spells out `\\s` (for the scanner's copy of the text); it must miss none."""
    import re

    from verify.numbers import _WORD_OPENERS
    spaces = set(re.findall(r"\s", "".join(map(chr, range(0x110000)))))
    assert spaces - {" "} <= set(_WORD_OPENERS)
    assert not {c for c in _WORD_OPENERS if c.isalnum() or c == "-"}


def test_ascii_and_other_text_read_alike():
    """ASCII text takes a faster path to the scanners' copy; one curly quote must change nothing."""
    text = "About 5 people, twenty-one votes and 3.5 million (two-thirds) in 1990s."
    assert [(n.text, n.value) for n in find_numbers(text)] == \
        [(n.text, n.value) for n in find_numbers(text + " \u2019")]
