"""The calendar readers (verify.calendar) on their own: which weekdays, relative times and ages they
pair with dates, which they leave alone, and that adversarial text neither hangs nor crawls."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import verify
from verify import calendar
from verify.check import check_document
from verify.document import Document
from verify.numbers import find_numbers
from verify.rules import get_rules
from verify.sentences import split_sentences


def _weekdays(text: str) -> list[tuple[str, str]]:
    return [(calendar.WEEKDAYS[w.weekday], w.date.label()) for w in calendar.weekday_dates(text, find_numbers(text))]


def _relatives(text: str) -> list[tuple[str, str, int, str]]:
    found = calendar.relative_dates(text, split_sentences(text), find_numbers(text))
    return [(r.phrase, r.unit, r.offset, r.target.label()) for r in found]


def _ages(text: str) -> list[tuple[int, str]]:
    return [(a.age, a.born.label()) for a in calendar.ages(text, split_sentences(text), find_numbers(text))]


# --- stated dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("8 October 2016", (2016, 10, 8)),
    ("October 8, 2016", (2016, 10, 8)),
    ("8 Oct", (None, 10, 8)),
    ("September 2015", (2015, 9, None)),
    ("in 2014", (2014, None, None)),
    ("2016-10-08", (2016, 10, 8)),
])
def test_stated_dates(text: str, expected: tuple) -> None:
    date = calendar.stated(find_numbers(text)[0])
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize("text", ["31 February 2016", "in the 1950s", "born c. 1950", "8/10/2016", "some 300 people"])
def test_not_stated_dates(text: str) -> None:
    assert all(calendar.stated(n) is None for n in find_numbers(text))


def test_a_sentence_full_stop_is_not_part_of_the_date() -> None:
    text = "The last session was held on Friday 30 December. Then came the holiday."
    found = calendar.weekday_dates(text, find_numbers(text))
    assert text[found[0].start:found[0].end] == "Friday 30 December"
    assert calendar.stated(find_numbers("on 8 Oct. and")[0]).text == "8 Oct."


# --- weekdays with dates ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("on Friday 8 October 2016.", [("Friday", "8 October 2016")]),
    ("on Saturday, October 8, 2016, the", [("Saturday", "8 October 2016")]),
    ("on Friday, the 8th of October 2016", [("Friday", "8 October 2016")]),
    ("at noon on Sat 9 Oct", [("Saturday", "9 October")]),
    ("due on Thu., Sept. 29, 2016", [("Thursday", "29 September 2016")]),
    ("on Saturday (8 October)", [("Saturday", "8 October")]),
    ("on 8 October 2016, a Saturday, the", [("Saturday", "8 October 2016")]),
    ("on 8 October 2016, which was a Saturday", [("Saturday", "8 October 2016")]),
    ("on 22 March 2024 (Friday)", [("Friday", "22 March 2024")]),
    ("from Friday 7 to Sunday 9 October 2016", [("Friday", "7 October 2016"), ("Sunday", "9 October 2016")]),
    ("on Friday 7 and Saturday 8 October", [("Friday", "7 October"), ("Saturday", "8 October")]),
    ("Saturday 2016-10-08", [("Saturday", "8 October 2016")]),
])
def test_weekday_dates(text: str, expected: list) -> None:
    assert _weekdays(text) == expected


@pytest.mark.parametrize("text", [
    "The Friday before 8 October 2016 was chosen.",  # another day, counted from the date
    "The talks began on Friday and ended on 8 October 2016.",
    "The deal was done by Friday. 8 October 2016 will be remembered.",  # a sentence ends between them
    "The Sun, 8 October 2016, ran the story.",  # a newspaper
    "Friday's 8 October deadline passed.",
    "On Friday 7 people died and on 9 October two more.",  # a count, not a day
    "Meetings on 6 October, Friday, and Saturday.",  # a list: only "a Friday" or "(Friday)" is read
    "on 8 October (Saturday and Sunday)",
    "The vote fell on Friday 13th.",  # no month
])
def test_weekdays_left_alone(text: str) -> None:
    assert _weekdays(text) == []


# --- relative dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Last month, on 3 August, the truce began.", ("Last month", "month", -1, "3 August")),
    ("The truce began on 3 August last month.", ("last month", "month", -1, "3 August")),
    ("It began on 3 August, last month, in Geneva.", ("last month", "month", -1, "3 August")),
    ("Last year, in 2014, exports fell.", ("Last year", "year", -1, "2014")),
    ("This year (2015) was wet.", ("This year", "year", 0, "2015")),
    ("Exports rose last month, in August 2016.", ("last month", "month", -1, "August 2016")),
    ("Earlier this month, on 20 October, it rained.", ("Earlier this month", "month", 0, "20 October")),
    ("Talks resume next week, on 3 November, in Geneva.", ("next week", "week", 1, "3 November")),
    ("The minister resigned yesterday (Wednesday).", ("yesterday", "day", -1, "Wednesday")),
    ("The markets are closed today, Sunday, for the holiday.", ("today", "day", 0, "Sunday")),
    ("The ceasefire took effect yesterday, 3 October, at sunset.", ("yesterday", "day", -1, "3 October")),
    ("It ended yesterday, Friday 7 October, at dawn.", ("yesterday", "day", -1, "7 October")),
    ("They marched last Saturday, 17 September, in the rain.", ("last Saturday", "weekday", -1, "17 September")),
    ("They meet next Friday, 28 October, in Brussels.", ("next Friday", "weekday", 1, "28 October")),
])
def test_relative_dates(text: str, expected: tuple) -> None:
    assert _relatives(text) == [expected]


@pytest.mark.parametrize("text", [
    "Over the last month, on 3 August, the rebels shelled the city.",  # a rolling span, not a month
    "Since 3 August, last year's champion has not won.",
    "Prices rose last year, 2014 and 2013.",  # a list of years
    "Last year, in 2014 and 2015, exports fell.",
    "Before 3 August 2016, last year was the wettest on record.",  # a new clause
    "Last month the council met, and on 3 August it voted.",  # not side by side
    "The offensive began last month, between 3 August and 22 September.",
    "They met yesterday, 3 October, and on 5 October.",  # a list of dates
    "This year, 2016 has been hard.",
    "Last year, 2016 people died on the roads.",  # a count
    "The 2016 budget, announced last month, was cut.",
    "They met on 3 August. Last month the talks failed.",  # a sentence ends between them
    "The markets were closed yesterday, Friday and Saturday.",
    "Unlike today, in 1990, the city was poor.",  # a contrast
    "Exports are higher than last year, in 2014, when they fell.",
    "Last week, in 2015, exports fell.",  # a week is not a year
])
def test_relative_dates_left_alone(text: str) -> None:
    assert _relatives(text) == []


def test_relative_dates_keep_the_other_dates_of_their_sentence() -> None:
    text = "In a letter dated 5 September 2015, he wrote that last month, on 3 August, the talks failed."
    (rel,) = calendar.relative_dates(text, split_sentences(text), find_numbers(text))
    assert [d.label() for d in rel.others] == ["5 September 2015"]


# --- ages -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Born in 1950, the 70-year-old has run the farm.", (70, "1950")),
    ("Jane Smith, 58, who was born in 1952, spoke.", (58, "1952")),
    ("The 45-year-old, born in Leeds in 1980, joined in 2010.", (45, "1980")),
    ("Tom Brown (64), born in Cardiff in 1945, runs a shop.", (64, "1945")),
    ("Born on 3 March 1970, Ana Lopez, 48, moved to Madrid.", (48, "3 March 1970")),
    ("70-year-old Jane Smith, who was born in 1950, spoke.", (70, "1950")),
    ("The striker, aged 31, was born in 1988.", (31, "1988")),
    ("Smith, who is 64, was born in 1949.", (64, "1949")),
    ("Born in 1950, Smith is now 70.", (70, "1950")),
    ("Smith, 64, a retired miner who was born in 1950, spoke.", (64, "1950")),
    ("Jane Smith (born 1960) has led the party since 2005, and the 51-year-old will stay.", (51, "1960")),
    ("Jane Smith (born 1960) has led the party since 2005. The 51-year-old said so.", (51, "1960")),
    ("Jane Smith (b. 1960) has led the party since 2005, and the 51-year-old will stay.", (51, "1960")),
    ("Smith, 64, who was born in March 1952, spoke.", (64, "March 1952")),
])
def test_ages(text: str, expected: tuple) -> None:
    assert _ages(text) == [expected]


@pytest.mark.parametrize("text", [
    "A 70-year-old law passed in 1950 was repealed.",  # a thing, and no birth
    "Smith, born in 1950, defended the 30-year-old treaty.",
    "Born in 1950, the 70-year-old institution faces closure.",
    "Smith, 64, and his wife, born in 1960, run the farm.",  # two people
    "Maria Lopez, 34, said her mother, born in 1950, never left.",
    "The 20-year-old Spaniard, whose father was born in 1960, won.",
    "Jane Smith (born 1960) beat Tom Brown, and the 49-year-old conceded.",  # another person between
    "Smith, who died in 2010 aged 58, was born in 1952.",  # an age at death
    "Smith was 40 when he was elected; born in 1950, he is now 70.",
    "Smith was born in 1950 or 1951, and the 70-year-old does not know which.",
    "Smith, 64, has two sons, born in 1990 and 1992.",
    "Born in the 1950s, the 70-year-old has run the farm.",
    "The first-born, 12, was born in 2004.",
    "A 70-year-old man born in 1950 was arrested.",  # no words that tie them: not read
    "Jane Smith (born 1960) and the 30-year-old Tom Brown spoke.",
    "Jane Smith (born 1960) lives in Leeds, and the 30-year-old daughter visits.",
])
def test_ages_left_alone(text: str) -> None:
    assert _ages(text) == []


def test_ages_keep_the_other_years_of_their_sentence() -> None:
    text = "In 1990 the 40-year-old, born in 1950, won a gold medal."
    (age,) = calendar.ages(text, split_sentences(text), find_numbers(text))
    assert (age.age, age.born.year, [d.year for d in age.others]) == (40, 1950, [1990])


def test_readings_stop_at_the_limit() -> None:
    text = "Friday 8 October 2016, " * (calendar.MAX_READINGS + 50)
    assert len(calendar.weekday_dates(text, find_numbers(text))) == calendar.MAX_READINGS


# --- any text ---------------------------------------------------------------------------------------

VOCAB = ["Friday", "Sat", "Sun", "Sunday", "the", "8", "31", "October", "Oct.", "February", "2016", "1950",
         "1307", ",", ".", "(", ")", "a", "and", "to", "on", "in", "last", "next", "this", "month", "week",
         "year", "yesterday", "Today", "earlier", "born", "(born", "(b.", "70-year-old", "64", "aged", "is",
         "now", "who", "was", "Smith", "Jane", "\n", "-", " ", "'s", "died"]
date_soup = st.lists(st.sampled_from(VOCAB), max_size=50).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), date_soup), st.sampled_from([None, "2016-10-08", "2017-01-01"]))
def test_any_text_gives_sound_date_findings(text: str, date: str | None) -> None:
    doc = Document(id="t", source="t", text=text, title=None,
                   published=dt.date.fromisoformat(date) if date else None, date_source="given" if date else "none")
    for finding in check_document(doc, rules=get_rules(select=["D"])).findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.rule in ("D101", "D102", "D103") and finding.message


# --- adversarial text -------------------------------------------------------------------------------

SIZE = 2_000_000
PIECES = {  # each repeated up to 2 MB
    "weekday-runs": "Friday Saturday Sunday Sat Sun Mon Sat., Fri, ",
    "weekday-dates": "Friday 8 October 2016, ",
    "weekday-after": "8 October 2016, a Friday (Saturday) ",
    "day-ranges": "Friday 7 and Saturday 8 October 2016 ",
    "plain-dates": "on 8 October 2016 ",
    "born": "born ",
    "born-in-years": "born in 1950, the 70-year-old ",
    "born-places": "born in Leeds Leeds Leeds Leeds Leeds in ",
    "born-paren": "Jane Smith (born 1960) has led the party, and the 51-year-old ",
    "appositions": "Smith, 64, who was born in 1952, ",
    "relative": "last month, on 3 August, ",
    "relative-after": "on 3 August last month ",
    "relative-near-miss": "last on 3 August next ",
    "yesterday": "yesterday, Friday, yesterday (Thursday) ",
    "digits": "9" * 5000 + " ",
    "spaces": "8 October 2016" + " " * 100_000,
    "capitals": "70-year-old " + "Smith " * 1000,
    "commas": "Smith, " * 1000 + "64, ",
}


@pytest.mark.parametrize("name", PIECES)
def test_adversarial_text_is_read_quickly(name: str, deadline) -> None:
    piece = PIECES[name]
    text = (piece * (SIZE // len(piece) + 1))[:SIZE]
    numbers, sentences = find_numbers(text), split_sentences(text)
    for found in (calendar.weekday_dates(text, numbers), calendar.relative_dates(text, sentences, numbers),
                  calendar.ages(text, sentences, numbers)):
        assert len(found) <= calendar.MAX_READINGS


@pytest.mark.parametrize("name", ["weekday-dates", "appositions", "relative", "relative-near-miss"])
def test_adversarial_text_through_the_pipeline(name: str, deadline) -> None:
    piece = PIECES[name]
    text = (piece * (SIZE // len(piece) + 1))[:SIZE]
    report = verify.check_text(text, date="2016-10-08")
    assert sum(f.rule.startswith("D") for f in report.findings) <= calendar.MAX_READINGS
