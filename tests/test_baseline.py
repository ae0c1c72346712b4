"""Baselines: recorded findings stay left out across edits that move them, a changed claim is new,
identical findings are counted one by one, and the file is stable and written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main

VOTE_ERROR = ("The Security Council rejected the draft by nine votes against, four in favour and three "
              "abstentions.")  # V101: 16 votes in a 15-seat body
TYPO = "The motion won four votes in favo1r."  # T101, a warning
FILLER = "The debate lasted into the evening, and delegates left without a statement."


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, *paragraphs: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def problems(result) -> list[tuple[str, int]]:
    data = json.loads(result.stdout)
    reports = data if isinstance(data, list) else [data]
    return [(f["rule"], f["line"]) for r in reports for f in r["findings"] if f["severity"] != "info"]


def test_round_trip_survives_edits_that_move_lines(repo: Path) -> None:
    article = write(repo / "articles" / "a.md", VOTE_ERROR, TYPO)
    written = run("check", str(article), "--write-baseline", "verify-baseline.json", "--format", "json")
    assert written.exit_code == 0, written.output  # what is recorded is baselined from now on
    assert problems(written) == [] and "recorded 2 findings in verify-baseline.json" in written.stderr
    assert run("check", str(article)).exit_code == 1  # without the baseline they are still there

    write(article, "# A headline", FILLER, FILLER + " " + FILLER, VOTE_ERROR, FILLER, TYPO)
    moved = run("check", str(article), "--baseline", "verify-baseline.json", "--format", "json")
    assert moved.exit_code == 0 and problems(moved) == []
    assert json.loads(moved.stdout)["summary"]["baselined"] == 2
    assert "2 findings left out as recorded in verify-baseline.json" in moved.stderr
    assert run("check", str(article), "--baseline", "verify-baseline.json").stdout.rstrip().endswith(
        "0 errors, 0 warnings, 2 baselined")

    write(article, "# A headline", FILLER, VOTE_ERROR.replace("nine", "ten"), TYPO)
    changed = run("check", str(article), "--baseline", "verify-baseline.json", "--format", "json")
    assert changed.exit_code == 1 and problems(changed) == [("V101", 5)]  # the changed claim is new
    assert json.loads(changed.stdout)["summary"]["baselined"] == 1


def test_rewrapping_and_case_are_no_change(repo: Path) -> None:
    article = write(repo / "a.txt", VOTE_ERROR)
    run("check", "a.txt", "--write-baseline", "base.json")
    write(article, VOTE_ERROR.replace(" four in", "\nFour   in").replace("Security", "security"))
    assert run("check", "a.txt", "--baseline", "base.json").exit_code == 0


def test_identical_findings_are_counted_one_by_one(repo: Path) -> None:
    article = write(repo / "a.txt", TYPO)
    run("check", "a.txt", "--write-baseline", "base.json")
    write(article, TYPO, FILLER, TYPO)
    result = run("check", "a.txt", "--baseline", "base.json", "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1 and len(problems(result)) == 1
    entries = json.loads((repo / "base.json").read_text())["findings"]
    assert [e["fingerprint"][-2:] for e in entries] == [":1"]


def test_paths_are_relative_to_the_baseline_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "site" / "news" / "a.md", VOTE_ERROR)
    run("check", "site/news/a.md", "--write-baseline", "site/verify-baseline.json")
    data = json.loads((repo / "site" / "verify-baseline.json").read_text())
    assert [(e["path"], e["rule"]) for e in data["findings"]] == [("news/a.md", "V101")]
    assert "nine votes against" in data["findings"][0]["text"]
    monkeypatch.chdir(repo / "site" / "news")  # the same file named from elsewhere
    assert run("check", "a.md", "--baseline", "../verify-baseline.json").exit_code == 0
    write(repo / "site" / "other" / "a.md", VOTE_ERROR)  # same text, another document
    assert run("check", "../other/a.md", "--baseline", "../verify-baseline.json").exit_code == 1


def test_file_is_sorted_stable_and_atomic(repo: Path) -> None:
    write(repo / "b.txt", TYPO, VOTE_ERROR)
    write(repo / "a.txt", VOTE_ERROR, TYPO)
    run("check", "b.txt", "a.txt", "--write-baseline", "base.json")
    first = (repo / "base.json").read_bytes()
    run("check", "a.txt", "b.txt", "--write-baseline", "base.json")
    assert (repo / "base.json").read_bytes() == first  # order of inputs makes no difference
    data = json.loads(first)
    assert data["version"] == 1 and data["tool"] == "verify"
    keys = [(e["path"], e["rule"]) for e in data["findings"]]
    assert keys == sorted(keys) == [("a.txt", "T101"), ("a.txt", "V101"), ("b.txt", "T101"), ("b.txt", "V101")]
    assert first.decode().endswith("}\n") and list(data) == sorted(data)
    assert sorted(p.name for p in repo.iterdir()) == [".git", "a.txt", "b.txt", "base.json"]  # no temp file


@pytest.mark.parametrize("content,expected", [
    (None, "no such file"),
    ("{not json", "invalid JSON"),
    ('{"findings": [{"rule": "V101"}]}', "not a verify baseline"),
    ('{"version": 9, "findings": []}', "baseline version 9"),
])
def test_bad_baseline_is_one_line(repo: Path, content: str | None, expected: str) -> None:
    write(repo / "a.txt", TYPO)
    if content is not None:
        (repo / "base.json").write_text(content, encoding="utf-8")
    result = run("check", "a.txt", "--baseline", "base.json")
    assert result.exit_code == 2 and result.stderr.startswith("verify: error: base.json")
    assert expected in result.stderr and result.stderr.count("\n") == 1


def test_baseline_and_write_baseline_together_is_a_usage_error(repo: Path) -> None:
    write(repo / "a.txt", TYPO)
    assert run("check", "a.txt", "--baseline", "x.json", "--write-baseline", "y.json").exit_code == 2


def test_suppressed_findings_are_not_recorded(repo: Path) -> None:
    write(repo / "a.md", '<!-- verify: ignore T101 reason="a quoted banner" -->\n' + TYPO, VOTE_ERROR)
    run("check", "a.md", "--write-baseline", "base.json")
    rules = [e["rule"] for e in json.loads((repo / "base.json").read_text())["findings"]]
    assert rules == ["V101"]
