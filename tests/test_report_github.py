"""GitHub workflow commands: one annotation per problem, the runner's escaping (checked by parsing
the commands back the way the runner does), columns only on one-line problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verify.report.github import escape_data, escape_property, render_github
from verify.report.model import DocumentInfo, Finding, Report

COMMAND = re.compile(r"^::(?P<kind>\w+) (?P<props>[^:]*)::(?P<message>.*)$")
UNESCAPES = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))  # '%25' last


def unescape(value: str) -> str:
    for escaped, raw in UNESCAPES:
        value = value.replace(escaped, raw)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command split as the runner splits it: properties at ',', key from value at '='."""
    match = COMMAND.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match["props"].split(","))
    return match["kind"], {k: unescape(v) for k, v in props.items()}, unescape(match["message"])


def report(source: str, text: str, *findings: tuple[str, str, str, int, int]) -> Report:
    return Report(DocumentInfo(id=Path(source).name, source=source, published=None, date_source="none",
                               length=len(text)), (), (),
                  tuple(Finding(code, "some-rule", "contradicted" if sev == "error" else "suspect", sev, msg,
                                start, end) for code, sev, msg, start, end in findings), "0.1.0")


def test_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%0A") == "a%3Ab%2Cc%250A"


@pytest.mark.parametrize("value", ["plain", "50%", "a,b:c", "two\nlines\r\n", "%0A literal", "::error x::y"])
def test_escaping_round_trips(value: str) -> None:
    assert unescape(escape_data(value)) == value and unescape(escape_property(value)) == value
    assert "\n" not in escape_data(value) and not {",", ":"} & set(escape_property(value))


def test_one_command_per_problem_with_escaped_file_title_and_message(tmp_path: Path) -> None:
    text = "First line.\nVotes: 9 against, 4 for, 3 abstained.\nRuss1a spoke.\n"
    source = str(tmp_path / "desk, notes: 100%.txt")
    out = render_github([report(source, text,
                                ("V101", "error", "9 + 4 + 3 = 16,\nbut 15 seats: 100%", 19, 49),
                                ("T101", "warning", "'Russ1a': a digit", 50, 56),
                                ("V999", "info", "verified", 0, 5))], [text], root=tmp_path)
    assert (text[19:49], text[50:56]) == ("9 against, 4 for, 3 abstained.", "Russ1a")
    lines = out.splitlines()
    assert len(lines) == 2  # the info finding is no annotation
    kind, props, message = parse(lines[0])
    assert kind == "error" and message == "9 + 4 + 3 = 16,\nbut 15 seats: 100%"
    assert props == {"file": "desk, notes: 100%.txt", "line": "2", "endLine": "2", "col": "8",
                     "endColumn": "38", "title": "V101 some-rule"}
    kind, props, _ = parse(lines[1])
    assert (kind, props["line"], props["col"], props["endColumn"]) == ("warning", "3", "1", "7")


def test_problem_over_two_lines_has_no_columns(tmp_path: Path) -> None:
    text = "Nine voted against,\nfour in favour.\n"
    out = render_github([report(str(tmp_path / "a.md"), text, ("V101", "error", "sum", 0, 34))], [text],
                        root=tmp_path)
    _, props, _ = parse(out.strip())
    assert (props["line"], props["endLine"]) == ("1", "2") and "col" not in props and "endColumn" not in props


def test_columns_count_utf16_units(tmp_path: Path) -> None:
    text = "\U0001F4F0 Russ1a spoke.\n"
    out = render_github([report(str(tmp_path / "a.txt"), text, ("T101", "warning", "typo", 2, 8))], [text],
                        root=tmp_path)
    _, props, _ = parse(out.strip())
    assert (props["col"], props["endColumn"]) == ("4", "10")


def test_cli_github_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from verify.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "copy").mkdir()
    Path("copy/a.md").write_text("# Vote\n\nThe Security Council rejected the draft by nine votes against, four "
                                 "in favour and three abstentions. Russ1a spoke.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "copy/a.md", "--format", "github"])
    assert result.exit_code == 1
    commands = [parse(line) for line in result.stdout.splitlines()]
    assert [(kind, props["file"], props["line"], props["title"].split()[0]) for kind, props, _ in commands] == [
        ("error", "copy/a.md", "3", "V101"), ("warning", "copy/a.md", "3", "T101")]


def test_report_notes_are_notices_on_their_file(tmp_path: Path) -> None:
    import dataclasses

    import verify

    undated = ("The Security Council rejected the draft. Russia and Venezuela voted against; China abstained, "
               "as did Angola. Egypt and Uruguay voted in favour.\n")
    inferred = verify.check_text(undated, id=str(tmp_path / "undated.txt"))
    assert inferred.document.inferred_date
    text = "Russ1a spoke.\n"
    limited = dataclasses.replace(report(str(tmp_path / "desk, 1: limits.md"), text, ("T101", "warning", "typo", 0, 6)),
                                  notes=("figures were read from the first 10,000 figure-like tokens only",))
    commands = [parse(line) for line in render_github([inferred, limited], [undated, text], root=tmp_path).splitlines()]
    notices = [(props, message) for kind, props, message in commands if kind == "notice"]
    assert [props for props, _ in notices] == [{"file": "undated.txt", "title": "verify note"},
                                                {"file": "desk, 1: limits.md", "title": "verify note"}]
    assert notices[0][1].startswith("no date given; checked as of 2016, inferred from the years in which")
    assert notices[1][1] == "figures were read from the first 10,000 figure-like tokens only"
    assert [kind for kind, _, _ in commands].count("warning") == 1  # the problem is still there, before its notes


def test_no_notes_no_notices(tmp_path: Path) -> None:
    text = "Russ1a spoke.\n"
    out = render_github([report(str(tmp_path / "a.txt"), text, ("T101", "warning", "typo", 0, 6))], [text],
                        root=tmp_path)
    assert [parse(line)[0] for line in out.splitlines()] == ["warning"]


def test_inputs_that_fail_to_load_are_errors_on_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from verify.cli import main

    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text("Russ1a spoke.\n", encoding="utf-8")
    Path("binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    Path("record.json").write_text('{\n  "text": "x",\n  oops\n}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "good.txt", "binary.txt", "record.json", "missing, 100%.txt",
                                       "--format", "github", "--isolated"])
    assert result.exit_code == 2  # as for every format when an input fails
    commands = [parse(line) for line in result.stdout.splitlines()]
    assert [(kind, props["file"]) for kind, props, _ in commands] == [
        ("warning", "good.txt"), ("error", "binary.txt"), ("error", "record.json"), ("error", "missing, 100%.txt")]
    errors = {props["file"]: (props, message) for kind, props, message in commands if kind == "error"}
    assert errors["record.json"][0]["line"] == "3" and "invalid JSON" in errors["record.json"][1]
    assert "line" not in errors["binary.txt"][0] and "binary" in errors["binary.txt"][1]
    assert all(props["title"] == "verify could not read this file" for props, _ in errors.values())
    assert "verify: error: binary.txt:" in result.stderr  # still said on standard error too


def test_no_load_error_no_error_command(tmp_path: Path) -> None:
    text = "Fine.\n"
    assert render_github([report(str(tmp_path / "a.txt"), text)], [text], root=tmp_path, errors=()) == ""
