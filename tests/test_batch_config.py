"""`verify batch` with the settings of `verify check`: the config file (verify.toml, [tool.verify]),
--config/--isolated and the flags over it; the rows of each document are what `verify check --format
json` reports for it under the same settings; include/exclude choose the files of input directories."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from batch_corpus import article
from test_config import write
from verify.cli import main

VOTE_ERROR = ("The Security Council rejected the draft by nine votes against, four in favour and three "
              "abstentions.\n")  # V101: 16 votes in a 15-seat body
TYPO = "The motion won four votes in favo1r.\n"  # T101, a warning
GERMANY = "On 8 October 2016 the Security Council rejected the draft; Germany and Russia voted against.\n"  # R101
SEATED_GERMANY = ("body,iso3,member_name,common_name,role,valid_from,valid_to,note,source,source_updated\n"
                  "UN Security Council,DEU,Germany,Germany,elected,2016-01-01,2016-12-31,,test row,\n")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (the config search stops here) as the working directory, with articles."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "articles" / "vote.txt", VOTE_ERROR + "\n" + TYPO)
    write(tmp_path / "articles" / "germany.md", GERMANY)
    write(tmp_path / "articles" / "2016" / "aleppo.txt", article(3))
    write(tmp_path / "articles" / "2016" / "homs.html", f"<html><body><p>{article(2)}</p></body></html>")
    write(tmp_path / "articles" / "drafts" / "draft.txt", VOTE_ERROR)
    write(tmp_path / "articles" / "record.json", json.dumps({"id": "r1", "text": TYPO + GERMANY}))
    write(tmp_path / "tables" / "memberships.csv", SEATED_GERMANY)
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def batch_rows(out: Path) -> dict[str, dict]:
    """Per document source: its documents.csv row and its findings as a multiset."""
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = {row["doc_id"]: row for row in csv.DictReader(fh)}
    found: dict[str, Counter] = {doc_id: Counter() for doc_id in docs}
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            found[row["doc_id"]][(row["rule"], row["severity"], row["verdict"], int(row["start"]),
                                  int(row["end"]), row["message"])] += 1
    return {row["source"]: {"row": row, "findings": found[doc_id]} for doc_id, row in docs.items()}


def check_json(source: str, *args: str) -> dict:
    result = run("check", source, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def assert_rows_are_checks(out: Path, *args: str) -> dict[str, dict]:
    """Each document's documents.csv row and findings equal `verify check --format json` on its file
    with the same flags (and so the same config file)."""
    rows = batch_rows(out)
    assert rows
    for source, got in rows.items():
        report = check_json(source, *args)
        assert got["findings"] == Counter((f["rule"], f["severity"], f["verdict"], f["start"], f["end"], f["message"])
                                          for f in report["findings"]), source
        row, summary = got["row"], report["summary"]
        shared = [k for k in summary if k not in ("unverified", "baselined")]
        assert {k: int(row[k]) for k in shared} == {k: summary[k] for k in shared}, source
        assert (row["published"] or None, row["date_source"]) == \
               (report["document"]["published"], report["document"]["date_source"]), source
    return rows


CONFIGS = {
    "ignore": 'ignore = ["V"]\n',
    "select, severity, date": 'select = ["V1", "T", "R101"]\ndate = 2016-10-08\n[severity]\nV101 = "warning"\n'
                              'T101 = "error"\n',
    "date-from today, refs": 'date-from = "today"\nrefs = ["tables"]\n[severity]\nT101 = "info"\n',
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("config", list(CONFIGS))
def test_rows_are_what_check_reports_under_the_same_config(repo: Path, config: str, jobs: str):
    isolated = run("batch", "articles", "--out-dir", "plain", "--jobs", jobs, "--isolated")
    write(repo / "verify.toml", CONFIGS[config])
    result = run("batch", "articles", "--out-dir", "audit", "--jobs", jobs, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    rows = assert_rows_are_checks(repo / "audit")
    assert isolated.exit_code == 1 and rows != batch_rows(repo / "plain")  # the config made a difference
    assert_rows_are_checks(repo / "plain", "--isolated")


def test_date_from_today_dates_the_undated_documents(repo: Path):
    write(repo / "verify.toml", 'date-from = "today"\n')
    run("batch", "articles", "--out-dir", "audit", "--jobs", "1")
    rows = {Path(source).name: got["row"] for source, got in batch_rows(repo / "audit").items()}
    assert rows["vote.txt"]["published"] == dt.date.today().isoformat() and rows["vote.txt"]["date_source"] == "given"


def test_flags_win_over_the_file_and_config_and_isolated_choose_it(repo: Path):
    write(repo / "verify.toml", 'ignore = ["T"]\nfail-on = "never"\nrefs = ["tables"]\n')
    other = write(repo / "ci" / "strict.toml", 'fail-on = "warning"\nselect = ["T"]\n')

    def rules(out: str, *args: str) -> tuple[int, set[str]]:
        result = run("batch", "articles", "--out-dir", out, "--jobs", "1", *args)
        with (repo / out / "findings.csv").open(encoding="utf-8", newline="") as fh:
            return result.exit_code, {row["rule"] for row in csv.DictReader(fh) if row["severity"] != "info"}

    code, found = rules("file")
    assert code == 0 and "T101" not in found and "V101" in found and "R101" not in found  # refs: Germany sat
    code, found = rules("flags", "--ignore", "V", "--fail-on", "warning", "--refs", str(repo / "articles"))
    assert code == 1 and "T101" in found and "V101" not in found and "R101" in found
    assert rules("other", "--config", str(other)) == (1, {"T101"})
    code, found = rules("isolated", "--isolated")
    assert code == 1 and {"T101", "V101", "R101"} <= found


def test_include_and_exclude_choose_the_files_of_directories(repo: Path):
    def read(out: str, *args: str) -> set[str]:
        assert run("batch", "articles", "--out-dir", out, "--jobs", "1", "--fail-on", "never", *args).exit_code == 0
        return set(batch_rows(repo / out))

    everything = read("all")
    assert everything == {f"articles/{name}" for name in ("vote.txt", "germany.md", "2016/aleppo.txt",
                                                          "2016/homs.html", "drafts/draft.txt", "record.json")}
    write(repo / "verify.toml", 'exclude = ["drafts", "articles/2016/*.html", "*.json"]\n')
    assert read("excluded") == everything - {"articles/drafts/draft.txt", "articles/2016/homs.html",
                                             "articles/record.json"}
    write(repo / "verify.toml", 'include = ["*.txt"]\n')
    assert read("included") == {"articles/vote.txt", "articles/2016/aleppo.txt", "articles/drafts/draft.txt"}
    write(repo / "verify.toml", 'include = ["*.txt"]\nexclude = ["drafts"]\n')
    assert read("glob", "--glob", "*.md") == {"articles/germany.md"}  # --glob replaces include, not exclude


def test_exclude_globs_are_relative_to_the_config_file(repo: Path, monkeypatch: pytest.MonkeyPatch):
    write(repo / "verify.toml", 'exclude = ["/articles/2016"]\n')
    monkeypatch.chdir(repo / "articles")
    assert run("batch", ".", "--out-dir", str(repo / "audit"), "--jobs", "1", "--fail-on", "never").exit_code == 0
    assert not any("2016" in source for source in batch_rows(repo / "audit"))


@pytest.mark.parametrize("text,expected", [
    ('exlude = ["drafts"]\n', "unknown key 'exlude' (did you mean 'exclude'?)"),
    ('[severity]\nV101 = "loud"\n', "severity: 'loud' is not one of error, warning, info"),
])
def test_a_bad_config_is_one_line_and_exit_2_before_anything_is_written(repo: Path, text: str, expected: str):
    cfg = write(repo / "verify.toml", text)
    result = run("batch", "articles", "--out-dir", "audit")
    assert result.exit_code == 2
    assert result.stderr == f"verify: error: {cfg}: {expected}\n"
    assert not (repo / "audit").exists()
    assert run("batch", "articles", "--out-dir", "audit", "--config", str(cfg), "--isolated").exit_code == 2
