"""The SARIF report: valid against the official SARIF 2.1.0 schema, regions in UTF-16 columns,
rules with their help, fingerprints that survive edits elsewhere, paths relative to the root."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import verify
from verify.cli import main
from verify.report.sarif import render_sarif
from verify.rules import ALL_RULES

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TALLY = "The Security Council rejected the draft by nine votes against, four in favour and three abstentions."
TYPO = "Russ1a spoke first."


def sarif_for(tmp_path: Path, texts: dict[str, str]) -> dict:
    reports, bodies = [], []
    for name, text in texts.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        reports.append(verify.check_path(path, date="2016-10-08"))
        bodies.append(text)
    log = json.loads(render_sarif(reports, bodies, root=tmp_path))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def utf16_column(text: str, offset: int) -> int:
    line_start = text.rfind("\n", 0, offset) + 1
    return len(text[line_start:offset].encode("utf-16-le")) // 2 + 1


def test_schema_rejects_what_it_should() -> None:
    """The bundled schema is strict enough to catch a malformed log (so validating means something)."""
    validator = jsonschema.Draft4Validator(SCHEMA)
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})
    assert not validator.is_valid({"version": "2.0.0", "runs": []})


def test_valid_log_with_one_run_rules_and_results(tmp_path: Path) -> None:
    log = sarif_for(tmp_path, {"council.txt": f"Headline\n\n{TALLY}\n", "typo.md": f"# Note\n\n{TYPO}\n"})
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "verify" and driver["version"] == verify.__version__
    assert [r["id"] for r in driver["rules"]][:len(ALL_RULES)] == [r.code for r in ALL_RULES]
    v101 = next(r for r in driver["rules"] if r["id"] == "V101")
    assert v101["defaultConfiguration"]["level"] == "error" and "Triggers:" in v101["help"]["text"]
    assert v101["shortDescription"]["text"] == next(r for r in ALL_RULES if r.code == "V101").summary
    by_file = {}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        where = result["locations"][0]["physicalLocation"]
        assert where["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        by_file.setdefault(where["artifactLocation"]["uri"], []).append((result["ruleId"], result["level"]))
    assert ("V101", "error") in by_file["council.txt"]
    assert by_file["typo.md"] == [("T101", "warning")]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_verified_checks_are_not_results(tmp_path: Path) -> None:
    fine = TALLY.replace("three abstentions", "two abstentions")
    report = verify.check_path(_write(tmp_path / "fine.txt", fine), date="2016-10-08")
    assert any(f.verdict == "verified" for f in report.findings)  # there was something to leave out
    assert json.loads(render_sarif([report], [fine], root=tmp_path))["runs"][0]["results"] == []


def test_regions_count_utf16_units_and_snippets_quote_the_text(tmp_path: Path) -> None:
    # a non-BMP emoji and an accented letter before the finding on its line, CRLF line ends
    text = f"Update \U0001F4F0\r\nLe vote \U0001F5F3 \u00e9tait clair: {TYPO}\r\n"
    log = sarif_for(tmp_path, {"emoji.txt": text})
    [result] = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    start = text.index("Russ1a")
    assert region["snippet"]["text"] == "Russ1a"
    assert (region["startLine"], region["endLine"]) == (2, 2)
    assert region["startColumn"] == utf16_column(text, start) == start - text.index("Le") + 2
    assert region["endColumn"] == region["startColumn"] + len("Russ1a")


def test_fingerprints_ignore_lines_but_not_text_or_path(tmp_path: Path) -> None:
    def fingerprints(name: str, text: str) -> list[str]:
        results = sarif_for(tmp_path, {name: text})["runs"][0]["results"]
        return sorted(r["partialFingerprints"]["verifyClaim/v1"] for r in results)

    first = fingerprints("a.txt", f"{TYPO}\n")
    assert first and first == fingerprints("a.txt", f"New first line.\n\nAnother one.\n{TYPO}\n")
    elsewhere, other_claim = fingerprints("b.txt", f"{TYPO}\n"), fingerprints("a.txt", "The Unit3d Nations met.\n")
    assert elsewhere and other_claim and first != elsewhere and first != other_claim
    twice = fingerprints("a.txt", f"{TYPO}\nLater: {TYPO}\n")
    assert len(set(twice)) == 2 and {fp.rsplit(":", 1)[0] for fp in twice} == {first[0].rsplit(":", 1)[0]}


def test_uri_is_relative_and_percent_encoded(tmp_path: Path) -> None:
    log = sarif_for(tmp_path, {"desk notes/50% draft.md": f"{TYPO}\n"})
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "desk%20notes/50%25%20draft.md", "uriBaseId": "%SRCROOT%"}


def test_cli_writes_one_log_for_several_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "one.txt", TALLY)
    _write(tmp_path / "two.txt", TYPO)
    result = CliRunner().invoke(main, ["check", "one.txt", "two.txt", "--format", "sarif", "-o", "out.sarif"])
    assert result.exit_code == 1  # the V101 error, as with any format
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"one.txt", "two.txt"}


# Naming the 2016 members dates the vote: no --date, so the report notes the date it inferred.
UNDATED = ("The Security Council rejected the draft. Russia and Venezuela voted against; China abstained, "
           "as did Angola. Egypt and Uruguay voted in favour.\n")


def notifications(log: dict) -> list[tuple[str, str, str]]:
    """(level, file, message) of each tool execution notification of the run's one invocation."""
    [invocation] = log["runs"][0]["invocations"]
    return [(n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], n["message"]["text"])
            for n in invocation.get("toolExecutionNotifications", [])]


def test_report_notes_are_notifications_on_their_file(tmp_path: Path) -> None:
    undated = verify.check_path(_write(tmp_path / "undated.txt", UNDATED))
    assert undated.document.inferred_date  # the note this test is about
    (tmp_path / "sub").mkdir()
    limited = verify.check_path(_write(tmp_path / "sub" / "limited.md", TYPO), date="2016-10-08")
    limited = dataclasses.replace(limited, notes=("figures were read from the first 10 figure-like tokens only",))
    log = json.loads(render_sarif([undated, limited], [UNDATED, TYPO], root=tmp_path))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    found = notifications(log)
    assert [(level, uri) for level, uri, _ in found] == [("note", "undated.txt"), ("note", "sub/limited.md")]
    assert found[0][2].startswith("no date given; checked as of 2016, inferred from the years in which")
    assert found[1][2] == "figures were read from the first 10 figure-like tokens only"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert len(log["runs"][0]["results"]) == len(undated.problems) + len(limited.problems)  # results unchanged


def test_no_notes_no_notifications(tmp_path: Path) -> None:
    log = sarif_for(tmp_path, {"dated.txt": UNDATED, "typo.txt": TYPO})  # dated: nothing inferred
    assert notifications(log) == [] and log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def bad_inputs(tmp_path: Path) -> dict[str, str]:
    """Files that fail to load, each with the words of its one-line error."""
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 au lait co\u00fbte 3 euros.".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("Word " * 400, encoding="utf-8")
    return {"missing.txt": "no such file", "binary.txt": "binary", "latin1.txt": "UTF-8", "huge.txt": "too large"}


def test_inputs_that_fail_to_load_are_error_notifications(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "good.txt", TYPO)
    bad = bad_inputs(tmp_path)
    result = CliRunner().invoke(main, ["check", "good.txt", *bad, "--format", "sarif", "-o", "out.sarif",
                                       "--max-bytes", "1000", "--isolated"])
    assert result.exit_code == 2  # as for every format when an input fails
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    errors = {uri: message for level, uri, message in notifications(log) if level == "error"}
    assert set(errors) == set(bad)
    for name, words in bad.items():
        assert words in errors[name] and "\n" not in errors[name]
        assert f"verify: error: {name}:" in result.stderr  # still said on standard error too
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["T101"]  # the good file's results kept


def test_a_load_error_with_a_line_has_a_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "record.json", '{\n  "text": "x",\n  oops\n}\n')
    result = CliRunner().invoke(main, ["check", "record.json", "--format", "sarif", "--isolated"])
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    [notification] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error" and "invalid JSON" in notification["message"]["text"]
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
