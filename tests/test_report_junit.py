"""The JUnit report, parsed back: one test case per article, failures following --fail-on like the
exit code, problems below it in system-out, and anything an article or a file name brings escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main
from verify.report.junit import render_junit
from verify.report.model import DocumentInfo, Finding, Report


def report(source: str, *severities: str, message: str = "a problem") -> Report:
    findings = tuple(Finding("X101", "some-rule", "suspect", sev, message, i, i + 1, 1, i + 1)
                     for i, sev in enumerate(severities))
    return Report(DocumentInfo(id=source, source=source, published=None, date_source="none", length=10),
                  (), (), findings, "0.1.0")


def cases(xml: str) -> dict[str, ET.Element]:
    suite = ET.fromstring(xml)
    assert suite.tag == "testsuite" and suite.get("tests") == str(len(suite))
    assert suite.get("failures") == str(sum(c.find("failure") is not None for c in suite))
    return {case.get("name"): case for case in suite}


@pytest.mark.parametrize("fail_on, failing", [("error", {"bad.md"}), ("warning", {"bad.md", "meh.md"}),
                                              ("never", set())])
def test_failures_follow_fail_on(fail_on: str, failing: set[str]) -> None:
    xml = render_junit([report("bad.md", "error", "warning"), report("meh.md", "warning"),
                        report("good.md", "info")], fail_on)
    by_name = cases(xml)
    assert set(by_name) == {"bad.md", "meh.md", "good.md"}
    assert {name for name, case in by_name.items() if case.find("failure") is not None} == failing
    for name, case in by_name.items():
        listed = case.find("failure") if name in failing else case.find("system-out")
        if name == "good.md":
            assert listed is None  # a verified check is no problem to list
        else:
            assert listed is not None and listed.text.count(f"{name}:1:") == {"bad.md": 2, "meh.md": 1}[name]
    if "bad.md" in failing:
        failure = by_name["bad.md"].find("failure")
        assert failure.get("message") == "1 error, 1 warning" and failure.get("type") == "error"


def test_everything_escaped() -> None:
    nasty = "<b>&amp; \"quoted\" ]]> \x0b\x0c\ud800 end"
    xml = render_junit([report("a&b <c>\x01.md", "error", message=nasty)])
    case = cases(xml)["a&b <c>\ufffd.md"]
    assert "<b>&amp; \"quoted\" ]]> \ufffd\ufffd\ufffd end" in case.find("failure").text


def test_cli_junit_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Russ1a spoke first.\n", encoding="utf-8")
    Path("b.txt").write_text("Nothing to see.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "a.txt", "b.txt", "--format", "junit", "--fail-on", "warning",
                                       "-o", "junit.xml"])
    assert result.exit_code == 1
    by_name = cases(Path("junit.xml").read_text(encoding="utf-8"))
    assert "T101" in by_name["a.txt"].find("failure").text and len(by_name["b.txt"]) == 0


def test_inputs_that_fail_to_load_are_cases_in_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_report_sarif import bad_inputs

    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Russ1a spoke first.\n", encoding="utf-8")
    Path("b.txt").write_text("Nothing to see.\n", encoding="utf-8")
    bad = bad_inputs(tmp_path)
    result = CliRunner().invoke(main, ["check", "a.txt", *bad, "b.txt", "--format", "junit", "--fail-on", "warning",
                                       "--max-bytes", "1000", "--isolated", "-o", "junit.xml"])
    assert result.exit_code == 2  # unchanged: an input failed
    xml = Path("junit.xml").read_text(encoding="utf-8")
    by_name = cases(xml)
    suite = ET.fromstring(xml)
    assert suite.get("errors") == str(len(bad)) and suite.get("failures") == "1" and suite.get("tests") == "6"
    assert by_name["a.txt"].find("failure") is not None and len(by_name["b.txt"]) == 0
    for name, words in bad.items():
        [error] = list(by_name[name])
        assert error.tag == "error" and error.get("type") == "LoadError"
        message = error.get("message")
        assert message.startswith(f"{name}") and words in message and "\n" not in message
        assert f"verify: error: {message}" in result.stderr  # the same line as on standard error


def test_no_load_error_no_error_case() -> None:
    suite = ET.fromstring(render_junit([report("good.md", "info")]))
    assert suite.get("errors") == "0" and suite.find("testcase/error") is None


def test_load_error_message_is_escaped() -> None:
    from verify.document import LoadError

    suite = ET.fromstring(render_junit([], errors=[LoadError("a&b <c>\x01.md", "binary \"file\"")]))
    [case] = suite
    assert case.get("name") == "a&b <c>\ufffd.md"
    assert case.find("error").get("message") == "a&b <c>\ufffd.md: binary \"file\""
    assert suite.get("tests") == "1" and suite.get("errors") == "1"
