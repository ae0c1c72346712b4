"""Checks against the world end to end, on our sample article and (when present) the shared Aleppo
example: memberships, recorded votes, the veto count and the war's length verified on the
article's date; one changed word makes each of them a contradiction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "security-council-2016-10-08.txt"
SHARED_ALEPPO = ROOT.parent / "shared" / "examples" / "aleppo-2016-10-08.txt"
needs_shared = pytest.mark.skipif(not SHARED_ALEPPO.exists(), reason="../shared/examples not present")


def check(path: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def findings(data: dict, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == rule]


def changed(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / source.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


@pytest.mark.parametrize("article", [SAMPLE, pytest.param(SHARED_ALEPPO, marks=needs_shared)],
                         ids=["sample", "aleppo"])
def test_everything_verified_on_the_given_date(article: Path) -> None:
    data = check(article, "--date", "2016-10-08")
    text = article.read_text(encoding="utf-8")
    assert [f["rule"] for f in data["findings"] if f["severity"] != "info"] == ["T101"]
    assert len(findings(data, "R101")) == 2 and all(f["verdict"] == "verified" for f in findings(data, "R101"))
    records = sorted(f["reference"]["key"] for f in findings(data, "R102"))
    assert records == ["S/2016/846", "S/2016/847"]
    assert all(f["verdict"] == "verified" and f["reference"]["table"] == "unsc_votes" for f in findings(data, "R102"))
    (veto,) = findings(data, "R103")
    assert veto["verdict"] == "verified" and text[veto["start"]:veto["end"]] == "fifth"
    assert veto["evidence"]["count"] == 5 and veto["evidence"]["topic"] == "Syria"
    (war,) = findings(data, "R104")
    assert war["verdict"] == "verified" and text[war["start"]:war["end"]] == "five-year"
    assert war["reference"] == {"table": "facts", "key": "syria_war_start", "source": war["reference"]["source"],
                                "url": war["reference"]["url"]}
    assert data["document"]["date_source"] == "given"


@pytest.mark.parametrize("article", [SAMPLE, pytest.param(SHARED_ALEPPO, marks=needs_shared)],
                         ids=["sample", "aleppo"])
def test_date_is_inferred_as_2016_and_said_so(article: Path) -> None:
    data = check(article)
    assert data["document"]["date_source"] == "inferred" and data["document"]["published"] is None
    inferred = data["document"]["inferred_date"]
    assert (inferred["from"], inferred["to"]) == ("2016-01-01", "2016-12-31")
    assert "sat on the body together" in inferred["basis"]
    assert [f["rule"] for f in data["findings"] if f["severity"] != "info"] == ["T101"]
    text = CliRunner().invoke(main, ["check", str(article)]).output
    assert "no date given; checked as of 2016" in text


@pytest.mark.parametrize("article,old,new", [
    (SAMPLE, "as did Angola", "as did Germany"),
    pytest.param(SHARED_ALEPPO, "as did Angola", "as did Germany", marks=needs_shared)], ids=["sample", "aleppo"])
def test_a_non_member_is_a_membership_error(tmp_path: Path, article: Path, old: str, new: str) -> None:
    data = check(changed(tmp_path, article, old, new), "--date", "2016-10-08")
    errors = [f for f in findings(data, "R101") if f["verdict"] == "contradicted"]
    assert [(f["severity"], f["evidence"]["member"]) for f in errors] == [("error", "DEU")]
    assert "Germany did not sit on the UN Security Council on 2016-10-08" == errors[0]["message"]
    assert errors[0]["reference"]["table"] == "memberships"


@pytest.mark.parametrize("article", [SAMPLE, pytest.param(SHARED_ALEPPO, marks=needs_shared)],
                         ids=["sample", "aleppo"])
def test_sixth_time_is_a_veto_count_error(tmp_path: Path, article: Path) -> None:
    data = check(changed(tmp_path, article, "fifth time", "sixth time"), "--date", "2016-10-08")
    (veto,) = findings(data, "R103")
    assert veto["verdict"] == "contradicted" and veto["severity"] == "error"
    assert "5 times on Syria" in veto["message"] and veto["message"].endswith("not 6")


@pytest.mark.parametrize("article,old,new", [
    (SAMPLE, "Britain, France and the United States were among",
     "Britain, Egypt, France and the United States were among"),
    pytest.param(SHARED_ALEPPO, "Britain, France and the United States voted against",
                 "Britain, Egypt, France and the United States voted against", marks=needs_shared)],
    ids=["sample", "aleppo"])
def test_egypt_in_the_against_list_contradicts_the_record(tmp_path: Path, article: Path, old: str, new: str) -> None:
    data = check(changed(tmp_path, article, old, new), "--date", "2016-10-08")
    contradicted = [f for f in findings(data, "R102") if f["verdict"] == "contradicted"]
    assert [f["message"] for f in contradicted] == [
        "Egypt voted in favour of S/2016/847 of 2016-10-08, not against"]
    assert contradicted[0]["severity"] == "error" and contradicted[0]["reference"]["key"] == "S/2016/847"


def test_an_inferred_date_softens_a_contradiction_to_a_warning(tmp_path: Path) -> None:
    data = check(changed(tmp_path, SAMPLE, "Britain, France and the United States were among",
                         "Britain, Egypt, France and the United States were among"))
    (contradicted,) = [f for f in findings(data, "R102") if f["verdict"] == "contradicted"]
    assert contradicted["severity"] == "warning"
