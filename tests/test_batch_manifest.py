"""`audit.json`: an audit records the settings it started with, and `--resume` goes on under them or
refuses, naming what differs, before touching the tables."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from test_batch_config import GERMANY, TYPO, VOTE_ERROR, run, write


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # the config search stops at this root
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "vote.txt", VOTE_ERROR + "\n" + TYPO)
    write(tmp_path / "in" / "germany.md", GERMANY)
    return tmp_path / "in"


def tables(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}


def published(out: Path) -> dict[str, str]:
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        return {row["doc_id"]: row["published"] for row in csv.DictReader(fh)}


def test_a_new_audit_records_its_settings(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--select", "V,T",
               "--fail-on", "never").exit_code == 0
    recorded = json.loads((out / "audit.json").read_text())
    assert recorded["inputs"] == [str(articles.resolve())]
    assert (recorded["select"], recorded["ignore"], recorded["undated"]) == (["V", "T"], [], False)


@pytest.mark.parametrize("change, named", [
    (("--select", "V"), "select"),
    (("--ignore", "T101"), "ignore"),
    (("--date", "2016-10-08"), "date"),
    (("--text-column", "body"), "columns"),
    (("--glob", "*.txt"), "globs"),
    (("--html",), "html"),
])
def test_resuming_with_other_settings_is_refused_before_the_tables_are_touched(
        articles: Path, tmp_path: Path, change: tuple[str, ...], named: str):
    out = tmp_path / "out"
    first = ("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--fail-on", "never")
    assert run(*first).exit_code == 0
    before = tables(out)
    result = run(*first, "--resume", *change)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"verify: error: {out / 'audit.json'}: the audit was started with other settings")
    assert f"{named}: " in result.stderr and result.stderr.count("\n") == 1
    assert tables(out) == before


def test_resuming_with_another_input_is_refused(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet").exit_code in (0, 1)
    other = write(tmp_path / "more" / "a.txt", TYPO).parent
    result = run("batch", str(articles), str(other), "--out-dir", str(out), "--jobs", "1", "--quiet", "--resume")
    assert result.exit_code == 2 and "inputs: " in result.stderr


def test_resuming_with_the_same_settings_goes_on(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = ("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--select", "V,T")
    assert run(*first).exit_code == 1  # V101 is an error
    write(articles / "later.txt", VOTE_ERROR)
    assert run(*first, "--resume").exit_code == 1
    assert sorted(published(out)) == ["germany.md", "later.txt", "vote.txt"]


def test_date_from_today_stays_the_day_the_audit_started(articles: Path, tmp_path: Path):
    write(articles.parent / "verify.toml", 'date-from = "today"\n')
    out = tmp_path / "out"
    command = ("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--fail-on", "never")
    assert run(*command).exit_code == 0
    today = dt.date.today().isoformat()
    assert set(published(out).values()) == {today}
    # as if the audit had started on another day, and went on now with a document added since
    recorded = json.loads((out / "audit.json").read_text())
    assert recorded["started_day"] == today
    (out / "audit.json").write_text(json.dumps({**recorded, "started_day": "2016-10-08"}))
    write(articles / "later.txt", VOTE_ERROR)
    assert run(*command, "--resume").exit_code == 0
    assert published(out) == {"vote.txt": today, "germany.md": today, "later.txt": "2016-10-08"}


def test_an_audit_from_before_the_record_resumes_and_is_recorded(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    command = ("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--fail-on", "never")
    assert run(*command).exit_code == 0
    (out / "audit.json").unlink()
    assert run(*command, "--resume", "--select", "V").exit_code == 0
    assert json.loads((out / "audit.json").read_text())["select"] == ["V"]


def test_an_unreadable_record_is_one_line(articles: Path, tmp_path: Path):
    out = tmp_path / "out"
    command = ("batch", str(articles), "--out-dir", str(out), "--jobs", "1", "--quiet", "--fail-on", "never")
    assert run(*command).exit_code == 0
    (out / "audit.json").write_text("{not json")
    result = run(*command, "--resume")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"verify: error: {out / 'audit.json'}: cannot be read") and \
        result.stderr.count("\n") == 1
