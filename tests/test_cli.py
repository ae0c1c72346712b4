"""The `verify` command end to end: formats, exit codes, several inputs, bad input, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "security-council-2016-10-08.txt"
SHARED_ALEPPO = ROOT.parent / "shared" / "examples" / "aleppo-2016-10-08.txt"
CONTRACT_KEYS = {"schema_version", "tool", "document", "claims", "votes", "findings", "summary"}


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_sample_article_text_output() -> None:
    result = run("check", str(SAMPLE))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert any(":17:" in line and "T101 warning" in line and "favour" in line for line in lines)
    assert "0 errors, 1 warning" in lines[-1]


def test_sample_article_json_contract() -> None:
    data = json.loads(run("check", str(SAMPLE), "--format", "json", "--date", "2016-10-08").output)
    assert CONTRACT_KEYS <= set(data)
    assert data["schema_version"] == 1 and data["document"]["published"] == "2016-10-08"
    assert data["document"]["date_source"] == "given"
    text = SAMPLE.read_text(encoding="utf-8")
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
    tallies = sorted((v["yes"], v["no"], v["abstain"]) for v in data["votes"])
    assert tallies == [(4, 9, 2), (11, None, None)]
    french = next(v for v in data["votes"] if v["yes"] == 11)
    assert french["named"]["no"] == ["Russia", "Venezuela"] and sorted(french["named"]["abstain"]) == ["Angola", "China"]
    assert french["outcome"] == "vetoed" and french["body"] == "UN Security Council" and french["body_size"] == 15
    problems = [f for f in data["findings"] if f["severity"] != "info"]
    assert [(f["rule"], f["verdict"], text[f["start"]:f["end"]]) for f in problems] == [("T101", "suspect", "favo1r")]
    assert data["summary"]["warnings"] == 1 and data["summary"]["errors"] == 0


@pytest.mark.skipif(not SHARED_ALEPPO.exists(), reason="../shared/examples not present beside the project")
def test_shared_aleppo_example() -> None:
    data = json.loads(run("check", str(SHARED_ALEPPO), "--format", "json").output)
    assert sorted((v["yes"], v["no"] or len(v["named"]["no"]), v["abstain"] or len(v["named"]["abstain"]))
                  for v in data["votes"]) == [(4, 9, 2), (11, 2, 2)]
    problems = [(f["rule"], f["verdict"]) for f in data["findings"] if f["severity"] != "info"]
    assert problems == [("T101", "suspect")]
    assert all(f["verdict"] == "verified" for f in data["findings"] if f["rule"].startswith("V"))


@pytest.mark.skipif(not SHARED_ALEPPO.exists(), reason="../shared/examples not present beside the project")
def test_shared_aleppo_with_ten_against_is_contradicted(tmp_path: Path) -> None:
    text = SHARED_ALEPPO.read_text(encoding="utf-8").replace("nine against", "ten against")
    changed = tmp_path / "aleppo.txt"
    changed.write_text(text, encoding="utf-8")
    result = run("check", str(changed), "--format", "json")
    assert result.exit_code == 1
    errors = [f for f in json.loads(result.output)["findings"] if f["severity"] == "error"]
    assert [f["rule"] for f in errors] == ["V101"]
    assert "ten against" in text[errors[0]["start"]:errors[0]["end"]]


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("The Security Council rejected the draft by nine votes against, four in favour and "
                   "three abstentions.", encoding="utf-8")
    assert run("check", str(bad)).exit_code == 1
    assert run("check", str(bad), "--fail-on", "never").exit_code == 0
    assert run("check", str(SAMPLE), "--fail-on", "warning").exit_code == 1
    assert run("check", str(SAMPLE), "--fail-on", "error").exit_code == 0


def test_bad_inputs_get_one_line_and_exit_2_without_losing_good_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 vote".encode("latin-1"))
    result = run("check", str(empty), str(latin), str(tmp_path / "missing.txt"), str(SAMPLE))
    assert result.exit_code == 2
    assert "favo1r" in result.stdout
    err = result.stderr.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("verify: error: ") for line in err)
    assert "empty.txt: empty document" in err[0] and "latin.txt:1:" in err[1] and "UTF-8" in err[1]
    assert "missing.txt: no such file" in err[2]


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("The vote was 11-2. " * 100, encoding="utf-8")
    result = run("check", str(big), "--max-bytes", "100")
    assert result.exit_code == 2 and "too large" in result.output


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "r.json"
    result = run("check", "-", "--format", "json", "-o", str(out), input=SAMPLE.read_bytes())
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["document"]["source"] == "<stdin>" and len(data["votes"]) == 2
    assert [p.name for p in out.parent.iterdir()] == ["r.json"]  # no temporary file left behind


def test_rules_and_explain_and_version() -> None:
    listing = run("rules").output
    assert all(code in listing for code in ("V101", "V102", "V103", "V104", "V105", "V106", "T101", "T102"))
    explained = run("explain", "v101").output
    assert "V101 vote-sum-mismatch" in explained and "Triggers:" in explained and "Stays silent:" in explained
    assert run("explain", "X999").exit_code == 2
    assert "0.1.0" in run("--version").output


def test_console_script_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "verify", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "0.1.0" in proc.stdout


def test_html_report_to_file_and_out_dir_with_index(tmp_path: Path) -> None:
    page = tmp_path / "reports" / "sample.html"
    result = run("check", str(SAMPLE), "--format", "html", "-o", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "favo1r" in html and "T101" in html
    other = tmp_path / "security-council-2016-10-08.md"  # the same name as the sample: made unique
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "audit"
    result = run("check", str(SAMPLE), str(other), "-", "--format", "html", "--out-dir", str(out),
                 input=b"The Senate passed the bill 51-47.")
    assert result.exit_code == 0, result.output
    pages = ["security-council-2016-10-08.html", "security-council-2016-10-08-2.html", "stdin.html"]
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.html", *pages])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in pages)


def test_html_needs_out_dir_for_several_inputs_and_refuses_both_outputs(tmp_path: Path) -> None:
    assert run("check", str(SAMPLE), str(SAMPLE), "--format", "html").exit_code == 2
    both = run("check", str(SAMPLE), "-o", str(tmp_path / "a.json"), "--out-dir", str(tmp_path / "d"))
    assert both.exit_code == 2 and not (tmp_path / "a.json").exists()


def test_out_dir_writes_one_json_per_input(tmp_path: Path) -> None:
    result = run("check", str(SAMPLE), "--format", "json", "--out-dir", str(tmp_path))
    assert result.exit_code == 0
    assert json.loads((tmp_path / "security-council-2016-10-08.json").read_text())["schema_version"] == 1
