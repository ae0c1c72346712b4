"""The record tables (memberships, UNSC votes and vetoes, UNGA roll calls, facts) as the checks query
them: real answers from the bundled tables, user directories that extend and override them, and
malformed user tables that fail with file, row and column."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from verify.reference.loader import TableError
from verify.reference.records import UNSC, default_records, load_records, symbol_key
from verify.reference.schemas import SCHEMAS

D = dt.date
EU = "European Union"


@pytest.fixture(scope="module")
def records():
    return default_records()


# --- memberships -------------------------------------------------------------------------------


def test_2016_security_council(records) -> None:
    members = records.members_on(UNSC, D(2016, 10, 8))
    assert members == {"AGO", "EGY", "URY", "VEN", "JPN", "MYS", "NZL", "SEN", "ESP", "UKR",
                       "CHN", "FRA", "RUS", "GBR", "USA"}
    assert records.sat_on(UNSC, "DEU", D(2016, 10, 8)) is False
    assert records.role_on(UNSC, "AGO", D(2016, 1, 1)) == "elected"
    assert records.role_on(UNSC, "USA", D(2016, 12, 31)) == "permanent"


def test_years_together_dates_a_line_up(records) -> None:
    assert records.years_together(UNSC, {"AGO", "EGY", "URY", "VEN"}) == [2016]
    assert records.years_together(UNSC, ["VEN", "ESP"]) == [1993, 2015, 2016]
    assert records.years_together(UNSC, ["USA", "RUS"]) == list(range(1946, 2028))  # the seat, SUN included


def test_council_size_every_year(records) -> None:
    for year in range(1946, 2028):
        assert len(records.members_on(UNSC, D(year, 6, 30))) == (11 if year <= 1965 else 15), year


def test_russia_and_china_hold_their_seats_throughout(records) -> None:
    assert "SUN" in records.members_on(UNSC, D(1980, 5, 1))
    assert "RUS" not in records.members_on(UNSC, D(1980, 5, 1))
    assert records.role_on(UNSC, "RUS", D(1980, 5, 1)) == "permanent"
    assert records.role_on(UNSC, "SUN", D(2016, 5, 1)) == "permanent"
    assert records.role_on(UNSC, "CHN", D(1950, 1, 1)) == records.role_on(UNSC, "CHN", D(2000, 1, 1)) == "permanent"


def test_unknown_is_not_false(records) -> None:
    assert records.sat_on(UNSC, "USA", D(2030, 1, 1)) is None  # after the table ends
    assert records.sat_on("US Senate", "USA", D(2016, 1, 1)) is None  # no membership table
    assert records.members_on("US Senate", D(2016, 1, 1)) == frozenset()


def test_uk_left_the_eu_on_31_january_2020(records) -> None:
    assert records.sat_on(EU, "GBR", D(2020, 1, 31)) is True
    assert records.sat_on(EU, "GBR", D(2020, 2, 1)) is False
    assert len(records.members_on(EU, D(2020, 1, 31))) == 28
    assert len(records.members_on(EU, D(2020, 2, 1))) == 27
    assert records.sat_on(EU, "HRV", D(2013, 6, 30)) is False
    assert records.sat_on("NATO", "SWE", D(2024, 3, 7)) is True
    assert records.sat_on("nato", "SWE", D(2024, 3, 6)) is False  # body names in any case


# --- UNSC votes and vetoes ---------------------------------------------------------------------


def test_the_8_october_2016_votes(records) -> None:
    vetoed = records.unsc_vote("S/2016/846")
    assert (vetoed.yes, vetoed.no, vetoed.abstain) == (11, 2, 2)
    assert vetoed.no_by == {"RUS", "VEN"} and vetoed.abstain_by == {"AGO", "CHN"}
    assert vetoed.result == "vetoed" and vetoed.date == D(2016, 10, 8)
    assert vetoed.sides["VEN"] == "no" and vetoed.side("JPN") == "yes"
    failed = records.unsc_vote("S/2016/847")
    assert (failed.yes, failed.no, failed.abstain) == (4, 9, 2)
    assert failed.yes_by == {"CHN", "EGY", "RUS", "VEN"} and failed.abstain_by == {"AGO", "URY"}
    assert failed.result == "failed"
    near = records.unsc_votes_near(D(2016, 10, 9), days=1)
    assert {"S/2016/846", "S/2016/847"} <= {s for v in near for s in v.symbols}


def test_russias_syria_vetoes(records) -> None:
    vetoes = records.vetoes("RUS", until=D(2016, 10, 8), topic="Syria")
    assert len(vetoes) == 5
    assert vetoes[-1].draft == "S/2016/846" and vetoes[-1].members == {"RUS"}
    assert [v.date for v in vetoes[:4]] == [D(2011, 10, 4), D(2012, 2, 4), D(2012, 7, 19), D(2014, 5, 22)]
    assert all(v.members == {"RUS", "CHN"} for v in vetoes[:4])
    assert len(records.vetoes("RUS", until=D(2016, 10, 7), topic="syria")) == 4


def test_ussr_vetoes_are_counted_apart_unless_asked(records) -> None:
    russia, ussr = records.vetoes("RUS"), records.vetoes("SUN")
    assert all(v.date.year >= 1992 for v in russia) and all(v.date.year <= 1991 for v in ussr)
    assert len(records.vetoes("RUS", include_predecessors=True)) == len(russia) + len(ussr)
    assert records.vetoes("SUN", topic="Syria") == []  # "Syrian delegations" (1946) is not "Syria"


def test_veto_fixes(records) -> None:
    assert [v.date for v in records.all_vetoes if v.draft == "S/2001/270"] == [D(2001, 3, 27)]
    assert [v.members for v in records.all_vetoes if v.draft == "S/1996/952"] == [{"USA"}]
    assert not [v for v in records.all_vetoes if v.draft == "S/PV.3038"]


def test_vote_table_fixes(records) -> None:
    assert records.unsc_vote("S/2020/658").date == D(2020, 7, 8)
    assert records.unsc_vote("S/2020/667").result == "vetoed"  # the doubtful 2-7-6 row is skipped
    assert len(records.unsc_votes_for("S/2020/667")) == 2
    assert records.unsc_vote("S/2006/372") is None  # 1684 or 1685 (2006): the source does not say
    assert records.unsc_vote("resolution 2533").symbols == ("S/2020/684", "S/RES/2533 (2020)")
    sanctions = records.unsc_vote("1672 (2006)")
    assert (sanctions.yes, sanctions.no, sanctions.abstain, sanctions.outcome) == (12, 0, 3, "Adopted by majority")
    assert records.unsc_vote("S/RES/2781(2025)").symbols[0] == "S/2025/270"  # draft/resolution swap
    copied = records.unsc_vote("973 (1995)")  # member rows of another vote: outcome only
    assert copied.yes is None and copied.sides == {} and copied.flags[0].startswith("member_votes_dropped")
    iran = records.unsc_vote("S/2020/797")
    assert (iran.yes, iran.no, iran.abstain) == (2, 2, 11) and iran.no_by == {"CHN", "RUS"}


def test_every_recorded_unsc_voter_sat_on_the_council(records) -> None:
    for vote in records.unsc_votes:
        assert set(vote.sides) <= records.members_on(UNSC, vote.date), vote.symbols


def test_symbol_key() -> None:
    assert symbol_key("S/RES/2533 (2020)") == symbol_key("2533 (2020)") == symbol_key("Resolution 2533")
    assert symbol_key(" s/2016/846\xa0") == "S/2016/846"


# --- UNGA roll calls ---------------------------------------------------------------------------


def test_unga_palestine_observer_state_vote(records) -> None:
    calls = records.unga_votes_near(D(2012, 11, 29), days=0)
    palestine = next(v for v in calls if v.symbols == ("R/67/19",))
    assert (palestine.yes, palestine.no, palestine.abstain) == (138, 9, 41)
    assert palestine.side("USA") == "no" and palestine.side("CAN") == "no"
    assert palestine.side("CHN") == "yes" and palestine.side("DEU") == "abstain"
    assert palestine.body == "UN General Assembly" and palestine.outcome == ""
    assert records.unga_vote(int(palestine.record_id)) == palestine


def test_unga_soviet_seat(records) -> None:
    call = records.unga_vote(104)  # 1948: a paragraph of the USSR's own draft on Greece
    assert call.date == D(1948, 11, 1) and call.symbols == ("R/3/663",)
    assert "SUN" in call.sides and "RUS" not in call.sides
    assert call.side("RUS") == call.side("SUN") == "yes"


def test_unga_gzip_table_validates_through_its_schema() -> None:
    path = Path(__file__).resolve().parents[1] / "reference_data" / "unga_votes.csv.gz"
    assert SCHEMAS["unga_votes"].validate(path) == 6203


# --- facts -------------------------------------------------------------------------------------


def test_facts_by_keywords_and_unit(records) -> None:
    words = ["the", "war", "in", "Syria", "which", "has", "claimed", "300,000", "lives"]
    tolls = records.facts_for(words, unit="deaths")
    assert tolls and all("syria" in f.keywords for f in tolls)
    assert tolls[0].as_of >= tolls[-1].as_of  # latest first
    start = records.facts_for(["the", "five-year", "war", "in", "Syria's", "north"], kind="start_date")
    assert [f.key for f in start] == ["syria_war_start"] and start[0].date == D(2011, 3, 15)
    assert records.facts_for(["Syria"], unit="refugees")[0].source.startswith("UNHCR")
    assert records.facts_for(["Narnia"], unit="deaths") == []
    rwanda = records.fact("rwanda_genocide_deaths")  # sources disagree: a range, not one figure
    assert (rwanda.low, rwanda.high) == (500_000, 1_074_017)


# --- user directories --------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_directory_overrides_a_fact_and_adds_a_membership(tmp_path: Path) -> None:
    _write(tmp_path / "facts.csv",
           "key,kind,subject,keywords,unit,value,low,high,date,as_of,source,url\n"
           "syria_war_start,start_date,Syrian civil war,syria,date,,,,2011-03-18,2011-03-18,house style,\n"
           "narnia_toll,count,Narnian dead,narnia,deaths,,10,20,,2020,our desk,https://example.org/narnia\n")
    _write(tmp_path / "memberships.csv",
           "body,iso3,member_name,role,valid_from,valid_to,source\n"
           "Commonwealth,RWA,Rwanda,member,2009-11-29,,Commonwealth Secretariat\n"
           "European Union,ISL,Iceland,member,2031,,our test\n")
    mine = load_records(tmp_path)
    assert [f.date for f in mine.facts if f.key == "syria_war_start"] == [D(2011, 3, 18)]
    assert mine.facts_for(["Narnia"], unit="death")[0].high == 20
    assert mine.sat_on("Commonwealth", "RWA", D(2010, 1, 1)) is True
    assert mine.sat_on("Commonwealth", "RWA", D(2009, 11, 28)) is None  # before anything the table says
    assert mine.sat_on(EU, "ISL", D(2031, 1, 1)) is True and mine.sat_on(EU, "GBR", D(2019, 1, 1)) is True
    assert mine.unsc_vote("S/2016/846").no == 2  # tables the user did not give are ours
    assert default_records().fact("syria_war_start").date == D(2011, 3, 15)  # ours untouched


def test_user_vote_row_replaces_ours_by_draft_symbol(tmp_path: Path) -> None:
    _write(tmp_path / "unsc_votes.csv",
           "date,draft,resolution,outcome,yes,no,abstain,yes_by,no_by,abstain_by,topic,agenda_item,quality,source\n"
           "2006-06-13,S/2006/372,1685 (2006),Adopted unanimously,15,0,0,,,,Syria,UNDOF,,our check\n")
    mine = load_records(tmp_path)
    assert len(mine.unsc_votes_for("S/2006/372")) == 1
    assert mine.unsc_vote("S/2006/372").subject == "Syria"


@pytest.mark.parametrize(("table", "text", "row", "column"), [
    ("memberships.csv", ("body,iso3,member_name,role,valid_from,valid_to,source\n"
                         "NATO,FIN,Finland,member,2023-04-04,,ok\nNATO,Russia,Russia,member,2030,,x\n"), 3, "iso3"),
    ("memberships.csv", ("body,iso3,member_name,role,valid_from,valid_to,source\n"
                         "NATO,FIN,Finland,member,2023-13-04,,x\n"), 2, "valid_from"),
    ("memberships.csv", ("body,iso3,member_name,role,valid_from,valid_to,source\n"
                         "NATO,FIN,Finland,member,2023,2022,x\n"), 2, "valid_to"),
    ("facts.csv", ("key,kind,subject,keywords,unit,value,low,high,date,as_of,source,url\n"
                   "a,count,x,y,deaths,many,,,,2020,s,\n"), 2, "value"),
    ("facts.csv", ("key,kind,subject,keywords,unit,value,low,high,date,as_of,source,url\n"
                   "a,count,x,y,deaths,,,,,2020,s,\n"), 2, "value"),
    ("unsc_vetoes.csv", "date,draft,members,agenda_item,topic,source\n2016-10-08,S/2016/846,,x,Syria,s\n", 2, "members"),
    ("unsc_votes.csv", ("date,draft,resolution,outcome,yes,no,abstain,yes_by,no_by,abstain_by,topic,agenda_item,"
                        "quality,source\n2016-10-08,S/2016/846,,Not adopted - veto,11,1,2,,RUS|VEN,AGO|CHN,,,,s\n"),
     2, "no"),
])
def test_malformed_user_table_names_file_row_and_column(tmp_path: Path, table: str, text: str, row: int,
                                                        column: str) -> None:
    path = _write(tmp_path / table, text)
    with pytest.raises(TableError) as err:
        load_records(tmp_path).load_all()  # the vote tables load on first use
    assert str(err.value).startswith(f"{path}:{row}: column {column!r}")


def test_unga_user_table_is_read_only_when_asked(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "unga_votes.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write("rcid,session,date,unres,short,yes,no,abstain,yes_by,no_by,abstain_by\n"
                 "1,1,1946-01-01,R/1/1,X,2,0,0,USA|Russia,,\n")
    mine = load_records(tmp_path)  # no error yet: the roll calls load on first use
    with pytest.raises(TableError, match=r"unga_votes\.csv\.gz:2: column 'yes_by'"):
        mine.unga_votes_near(D(1946, 1, 1))


# --- what the reference rules ask --------------------------------------------------------------


def test_rule_queries_on_memberships_and_votes(records) -> None:
    assert records.has_memberships(UNSC) and not records.has_memberships("US Senate")
    assert records.sat_between(UNSC, "DEU", D(2016, 1, 1), D(2019, 1, 1)) is True
    assert records.sat_between(UNSC, "DEU", D(2013, 1, 1), D(2018, 12, 31)) is False
    assert "DPPA" in records.membership_source(UNSC)
    assert "veto" in records.veto_source()
    votes = records.votes_between(UNSC, D(2016, 10, 8), D(2016, 10, 8))
    vetoed = next(v for v in votes if v.symbol == "S/2016/846")
    assert vetoed.table == "unsc_votes" and vetoed.count("no") == 2
    assert vetoed.tally() == "11 in favour, 2 against, 2 abstentions"
    assert records.unsc_vote("973 (1995)").tally() == "member votes not recorded"
    ga = records.votes_between("UN General Assembly", D(2012, 11, 29), D(2012, 11, 29))
    assert "R/67/19" in {v.symbol for v in ga} and all(v.table == "unga_votes" for v in ga)
    assert records.votes_between("US Senate", D(2016, 1, 1), D(2016, 12, 31)) == []


def test_start_fact_wants_the_right_noun_and_subject(records) -> None:
    assert records.start_fact({"syria", "war", "claimed"}, "war").date == D(2011, 3, 15)
    assert records.start_fact({"syria", "assad", "regime"}, "regime") is None  # "the 50-year-old regime"
    assert records.start_fact({"afghanistan", "war"}, "war").date == D(2001, 10, 7)
    assert records.start_fact({"soviet", "afghanistan", "war"}, "war") is None  # another war
    assert records.start_fact({"narnia"}, "war") is None


def test_figure_fact_as_of_the_article(records) -> None:
    words = {"war", "syria", "claimed", "lives"}
    assert "lives" in records.fact_units and "refugees" in records.fact_units
    in_2016 = records.figure_fact(words, "lives", D(2016, 10, 8))
    assert in_2016.key == "syria_deaths_2016_estimates" and (in_2016.low, in_2016.high) == (250_000, 470_000)
    assert records.figure_fact(words, "lives", D(2015, 1, 1)).value == 191_369
    assert records.figure_fact(words, "lives", D(2013, 1, 1)) is None
    refugees = records.figure_fact({"syria", "refugees"}, "refugees", D(2018, 1, 1))
    assert refugees.low == 5_000_000 and refugees.high == float("inf")
    darfur = records.figure_fact({"darfur", "conflict", "killed"}, "people", D(2010, 1, 1))
    assert (darfur.low, darfur.high) == (0, 300_000)
    assert records.figure_fact({"syria"}, "civilians", D(2023, 1, 1)).value == 306_887


def test_un_admission_years(records) -> None:
    assert records.un_admitted("SSD") == 2011 and records.un_admitted("CHE") == 2002
    assert records.un_admitted("AGO") == 1976 and records.un_admitted("XXX") is None
