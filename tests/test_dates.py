"""The article's date: given, read from the page's metadata, or inferred from the voters a text names
(and the day or years it states); and that checks resting on an inferred date speak softer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import verify
from verify.cli import main
from verify.dates import ArticleDate, article_date
from verify.document import Document, load_path

# Angola, Egypt, Uruguay and Venezuela sat on the Security Council together only in 2016
LINE_UP_2016 = ("The Security Council rejected the draft by nine votes against and four in favour, with two "
                "abstentions. Angola and Uruguay abstained, while Egypt and Venezuela voted in favour.")
# Egypt and Uruguay: 2016 and 2017
LINE_UP_2016_2017 = ("The Security Council rejected the rival draft by nine votes against, four in favour and "
                     "two abstentions. Egypt and Uruguay abstained.")
STATED_DAY = ("On 8 October 2016 the Security Council rejected the draft by nine votes against and four in "
              "favour. Angola and Uruguay abstained.")
PERMANENT_ONLY = ("The Security Council rejected the draft. Russia and China voted against, while France, "
                  "Britain and the United States voted in favour.")
# Germany sat on the council in 2019-2020, not in 2016
GERMANY_2016 = "On 8 October 2016 the Security Council rejected the draft; Germany and Russia voted against."


def rules(report: verify.Report, code: str) -> list[verify.Finding]:
    return [f for f in report.findings if f.rule == code]


# --- given and metadata dates -------------------------------------------------------------------


def test_article_date_given() -> None:
    doc = Document(id="a", source="a", text="x", published=dt.date(2016, 10, 8), date_source="given")
    date = article_date(doc)
    assert date == ArticleDate(dt.date(2016, 10, 8), dt.date(2016, 10, 8), "given")
    assert date.exact and not date.inferred
    assert date.label() == "2016-10-08"
    assert date.to_dict() == {"from": "2016-10-08", "to": "2016-10-08", "basis": ""}


def test_article_date_none_without_a_date() -> None:
    assert article_date(Document(id="a", source="a", text="x")) is None


def test_article_date_from_page_metadata(tmp_path: Path) -> None:
    page = tmp_path / "vote.html"
    page.write_text('<html><head><meta property="article:published_time" content="2020-05-01T09:30:00+02:00">'
                    f"<title>Council vote</title></head><body><p>{LINE_UP_2016}</p></body></html>",
                    encoding="utf-8")
    date = article_date(load_path(page))
    assert date is not None
    assert (date.earliest, date.latest, date.source) == (dt.date(2020, 5, 1), dt.date(2020, 5, 1), "metadata")

    # the page's date wins over the line-up, which would say 2016: none of the four sat in 2020
    report = verify.check_path(page)
    assert report.document.date_source == "metadata" and report.document.published == "2020-05-01"
    assert report.document.inferred_date is None
    r101 = rules(report, "R101")
    assert sorted(f.evidence["member"] for f in r101) == ["AGO", "EGY", "URY", "VEN"]
    assert {(f.verdict, f.severity) for f in r101} == {("contradicted", "error")}

    # and a date given by the caller wins over the page's
    given = verify.check_path(page, date="2016-10-08")
    assert given.document.date_source == "given" and given.document.published == "2016-10-08"


def test_inferred_span_label() -> None:
    span = ArticleDate(dt.date(2016, 1, 1), dt.date(2017, 12, 31), "inferred", "the voters")
    assert not span.exact and span.inferred and span.label() == "2016-2017"
    assert ArticleDate(dt.date(2016, 1, 1), dt.date(2016, 12, 31), "inferred").label() == "2016"


# --- inference ----------------------------------------------------------------------------------


def test_line_up_dates_the_text_to_one_year() -> None:
    report = verify.check_text(LINE_UP_2016)
    assert report.document.date_source == "inferred"
    assert report.document.published is None
    inferred = report.to_dict()["document"]["inferred_date"]
    assert (inferred["from"], inferred["to"]) == ("2016-01-01", "2016-12-31")
    for name in ("Angola", "Egypt", "Uruguay", "Venezuela"):
        assert name in inferred["basis"]
    assert inferred["basis"].startswith("the years in which")
    [r101] = rules(report, "R101")
    assert r101.verdict == "verified" and "in 2016 (inferred from the text)" in r101.message
    [r102] = rules(report, "R102")  # the inferred year is enough to find the recorded vote
    assert r102.verdict == "verified" and r102.evidence["record"] == "S/2016/847"


def test_two_year_line_up_and_narrowing_by_a_stated_year() -> None:
    report = verify.check_text(LINE_UP_2016_2017)
    inferred = report.to_dict()["document"]["inferred_date"]
    assert (inferred["from"], inferred["to"]) == ("2016-01-01", "2017-12-31")
    assert "narrowed" not in inferred["basis"]
    assert any("in 2016-2017 (inferred from the text)" in f.message for f in rules(report, "R101"))

    narrowed = verify.check_text("In 2017 the Security Council adopted the text; Egypt and Uruguay abstained.")
    inferred = narrowed.to_dict()["document"]["inferred_date"]
    assert (inferred["from"], inferred["to"]) == ("2017-01-01", "2017-12-31")
    assert inferred["basis"].endswith(", narrowed by the years the text names")


def test_stated_day_gives_an_exact_inferred_date() -> None:
    report = verify.check_text(STATED_DAY)
    assert report.document.date_source == "inferred"
    inferred = report.to_dict()["document"]["inferred_date"]
    assert inferred == {"from": "2016-10-08", "to": "2016-10-08", "basis": "the date the text gives for the vote"}
    assert [v.date for v in report.votes] == ["2016-10-08"]


def test_permanent_members_alone_date_nothing() -> None:
    report = verify.check_text(PERMANENT_ONLY)
    assert len(report.votes) == 1 and len(report.votes[0].named["no"]) == 2  # the vote was read
    assert report.document.date_source == "none"
    assert "inferred_date" not in report.to_dict()["document"]
    assert rules(report, "R101") == [] and rules(report, "R102") == []


def test_a_non_member_prevents_the_years_inference() -> None:
    # no year had Germany on the council with Angola, Egypt, Uruguay and Venezuela
    text = LINE_UP_2016 + " Germany voted against."
    report = verify.check_text(text)
    assert report.document.date_source == "none" and rules(report, "R101") == []


@pytest.mark.parametrize("text", [LINE_UP_2016, STATED_DAY])
def test_given_date_wins_over_inference(text: str) -> None:
    report = verify.check_text(text, date="2016-10-10")
    assert report.document.date_source == "given" and report.document.published == "2016-10-10"
    assert "inferred_date" not in report.to_dict()["document"]
    assert [v.date for v in report.votes] == ["2016-10-10"]


def test_given_date_is_used_even_where_the_line_up_disagrees() -> None:
    report = verify.check_text(LINE_UP_2016, date=dt.date(2020, 5, 1))
    assert report.document.date_source == "given"
    r101 = rules(report, "R101")
    assert len(r101) == 4 and all(f.severity == "error" and "on 2020-05-01" in f.message for f in r101)


# --- softer verdicts on an inferred date ---------------------------------------------------------


def test_membership_contradiction_on_an_inferred_day_is_a_warning() -> None:
    inferred = verify.check_text(GERMANY_2016)
    assert inferred.document.date_source == "inferred"
    [finding] = rules(inferred, "R101")
    assert (finding.verdict, finding.severity, finding.evidence["member"]) == ("contradicted", "warning", "DEU")
    assert "Germany did not sit on the UN Security Council on 2016-10-08" in finding.message

    given = verify.check_text(GERMANY_2016, date="2016-10-08")
    [finding] = rules(given, "R101")
    assert (finding.verdict, finding.severity) == ("contradicted", "error")


def test_record_mismatch_on_inferred_years_is_a_warning() -> None:
    report = verify.check_text(LINE_UP_2016_2017)  # Egypt voted in favour of S/2016/847
    [finding] = [f for f in rules(report, "R102") if f.verdict == "contradicted"]
    assert finding.severity == "warning" and finding.message.startswith("Egypt voted in favour of S/2016/847")
    given = verify.check_text(LINE_UP_2016_2017, date="2016-10-08")
    [finding] = [f for f in rules(given, "R102") if f.verdict == "contradicted"]
    assert finding.severity == "error"


def test_veto_count_and_duration_on_inferred_years_are_warnings() -> None:
    text = LINE_UP_2016 + " It was the ninth time Russia used its veto on Syria during the two-year war."
    inferred = verify.check_text(text)
    assert inferred.document.date_source == "inferred"
    wrong = [(f.rule, f.severity) for f in inferred.findings if f.verdict == "contradicted"]
    assert sorted(wrong) == [("R103", "warning"), ("R104", "warning")]
    given = verify.check_text(text, date="2016-10-08")
    wrong = [(f.rule, f.severity) for f in given.findings if f.verdict == "contradicted"]
    assert sorted(wrong) == [("R103", "error"), ("R104", "error")]


# --- the text report ----------------------------------------------------------------------------


def check_file(tmp_path: Path, text: str, *args: str):
    article = tmp_path / "article.txt"
    article.write_text(text + "\n", encoding="utf-8")
    return article, CliRunner().invoke(main, ["check", str(article), *args])


def test_text_report_prints_the_inferred_date_note(tmp_path: Path) -> None:
    article, result = check_file(tmp_path, LINE_UP_2016)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith(f"{article}: note: ")]
    assert notes == [f"{article}: note: no date given; checked as of 2016, inferred from the years in which "
                     "Egypt, Venezuela, Angola and Uruguay sat on the body together (give --date for firmer "
                     "checks)"]

    _, given = check_file(tmp_path, LINE_UP_2016, "--date", "2016-10-08")
    assert "note:" not in given.stdout


def test_inferred_contradiction_does_not_fail_the_run(tmp_path: Path) -> None:
    article, inferred = check_file(tmp_path, GERMANY_2016)
    assert inferred.exit_code == 0  # a warning; --fail-on error is the default
    assert f"{article}:1:60: R101 warning: Germany did not sit" in inferred.stdout
    _, given = check_file(tmp_path, GERMANY_2016, "--date", "2016-10-08")
    assert given.exit_code == 1 and f"{article}:1:60: R101 error: Germany did not sit" in given.stdout


def test_text_note_shows_an_inferred_day(tmp_path: Path) -> None:
    article, result = check_file(tmp_path, STATED_DAY)
    assert f"{article}: note: no date given; checked as of 2016-10-08, inferred from the date the text gives " \
           "for the vote" in result.stdout
