"""Inline suppressions: every form (Markdown and HTML comments, plain-text lines, ignore-file,
several codes), the block an `ignore` covers, and the S1xx findings about the directives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

import verify
from verify.check import check_document
from verify.cli import main
from verify.document import load_bytes
from verify.report.model import Report

VOTE_ERROR = ("The Security Council rejected the draft by nine votes against, four in favour and three "
              "abstentions.")  # V101, an error
TYPO = "The motion won four votes in favo1r."  # T101, a warning
TYPO2 = "A second motion won two votes in favo1r."
REASON = 'reason="checked with the UN record"'


def check(text: str, name: str = "a.md") -> Report:
    return check_document(load_bytes(text.encode(), source=name))


def problems(report: Report) -> list[tuple[str, int]]:
    """(rule, line) of each warning and error, in text order."""
    return sorted(((f.rule, f.line) for f in report.findings if f.severity != "info"), key=lambda p: p[1])


def test_markdown_comment_silences_the_next_paragraph_only() -> None:
    text = f"# Vote\n\n<!-- verify: ignore T101 {REASON} -->\n{TYPO}\n\n{TYPO2}\n"
    report = check(text)
    assert problems(report) == [("T101", 6)]  # line 4 silenced, line 6 is the next paragraph
    assert report.summary()["suppressed"] == 1 and report.summary()["warnings"] == 1
    assert problems(check(text.replace("ignore T101", "ignore V101"))) == [("S102", 3), ("T101", 4), ("T101", 6)]


def test_block_runs_to_the_next_blank_line_and_skips_blank_lines_before_it() -> None:
    text = f"<!-- verify: ignore T101 {REASON} -->\n\n\n{TYPO}\nstill the same paragraph, {TYPO2}\n \n{TYPO}\n"
    assert problems(check(text)) == [("T101", 7)]  # a line of spaces is blank too


def test_directive_inside_a_paragraph_covers_what_follows_it() -> None:
    text = f"{TYPO} <!-- verify: ignore T101 {REASON} --> {TYPO2}\n"
    report = check(text)
    assert [(f.rule, text[f.start:f.end]) for f in report.findings if f.severity != "info"] == [("T101", "favo1r")]
    assert report.findings[0].start < text.index("<!--") and report.suppressed == 1


def test_ignore_file_covers_the_whole_document() -> None:
    text = f"{TYPO}\n\n<!-- verify: ignore-file T101 {REASON} -->\n\n{TYPO2}\n"
    report = check(text)
    assert problems(report) == [] and report.suppressed == 2


def test_several_codes_and_one_unused() -> None:
    text = f"<!-- verify: ignore V101, T101,D101 {REASON} -->\n{VOTE_ERROR} {TYPO}\n"
    report = check(text)
    s102 = [f for f in report.findings if f.rule == "S102"]
    assert problems(report) == [("S102", 1)] and report.suppressed == 2
    assert "D101" in s102[0].message and s102[0].line == 1 and s102[0].severity == "warning"


def test_missing_reason_still_silences_but_is_a_warning() -> None:
    for form in ("<!-- verify: ignore T101 -->", "<!-- verify: ignore T101 reason=\"  \" -->"):
        report = check(f"{form}\n{TYPO}\n")
        assert problems(report) == [("S101", 1)] and report.suppressed == 1
        assert "T101" in report.findings[0].message


def test_plain_text_line_form_is_blanked_and_offsets_still_point_into_the_file() -> None:
    text = f"{TYPO}\n# verify: ignore V101 reason='the record says 16 votes of 15 members'\n{VOTE_ERROR}\n\n{TYPO2}\n"
    report = check(text, "a.txt")
    assert problems(report) == [("T101", 1), ("T101", 5)] and report.suppressed == 1
    for claim in report.claims:  # nothing read from the directive line, offsets unchanged
        assert claim.line != 2 and text[claim.start:claim.end] == claim.text
    typo = [f for f in report.findings if f.rule == "T101"]
    assert [text[f.start:f.end] for f in typo] == ["favo1r", "favo1r"]


def test_plain_text_line_without_the_directive_is_checked() -> None:
    text = f"{VOTE_ERROR}\n\n{TYPO}\n"
    assert problems(check(text, "a.txt")) == [("V101", 1), ("T101", 3)]


def test_html_comment_covers_the_next_element() -> None:
    text = (f"<html><body><article><!-- verify: ignore T101 {REASON} --><p>{TYPO}</p>"
            f"<p>{TYPO2}</p></article></body></html>")
    report = check(text, "a.html")
    found = [text[f.start:f.end] for f in report.findings if f.severity != "info"]
    assert found == ["favo1r"] and report.findings[0].start > text.index(TYPO2) and report.suppressed == 1


@pytest.mark.parametrize("name,wrap", [("a.md", "<!-- verify: ignore T101 reason=\"{}\" -->"),
                                       ("a.html", "<p>x</p><!-- verify: ignore T101 reason=\"{}\" -->"),
                                       ("a.txt", "# verify: ignore T101 reason=\"{}\"")])
def test_the_directive_is_not_read_as_article_text(name: str, wrap: str) -> None:
    reason = VOTE_ERROR.replace("The", "as") + " favo1r"  # figures, a vote and a typo in the reason
    text = wrap.format(reason) + "\n" + TYPO + "\n"
    report = check(text, name)
    directive_end = text.index("\n")
    assert all(c.start >= directive_end for c in report.claims)
    assert [v.yes for v in report.votes] == [4] and report.votes[0].spans[0][0] > directive_end
    assert problems(report) == [] and report.suppressed == 1


# A directive shown as an example (in code) is text for the reader: not obeyed, not blanked, and no
# S1xx finding about it. {d} is the directive, {t} a typo after it that it would otherwise silence.
DIRECTIVE = f"<!-- verify: ignore T101 {REASON} -->"
LINE_DIRECTIVE = f"# verify: ignore T101 {REASON}"
FILE_DIRECTIVE = f"<!-- verify: ignore-file T101 {REASON} -->"
IN_CODE = [
    ("a.md", "Example:\n\n```markdown\n{d}\n```\n\n{t}\n"),
    ("a.md", "Example:\n\n~~~\n{d}\n~~~\n\n{t}\n"),
    ("a.md", "{t}\n\n````\n{d}\n"),  # an unclosed fence runs to the end
    ("a.md", "Example:\n\n    {d}\n\n{t}\n"),  # an indented code block
    ("a.md", "Example:\n\n\t{d}\n\n{t}\n"),
    ("a.md", "- a list\n\nThe paragraph after it.\n\n    {d}\n\n{t}\n"),  # the list has ended
    ("a.md", "Write `{d}` above it.\n{t}\n"),  # a code span
    ("a.md", "Example:\n\n<pre>\n{d}\n</pre>\n\n{t}\n"),  # raw HTML in Markdown
    ("a.html", "<p>Example:</p><pre>\n{d}\n</pre><p>{t}</p>"),
    ("a.html", "<p>Example: <code>{d}</code></p><p>{t}</p>"),
    ("a.html", "<p>Example:</p><PRE class=x><code>\n{d}</code>\n</PRE ><p>{t}</p>"),
    ("a.html", "<p>Example:</p><pre>\n{d}\n<p>{t}</p>"),  # an unclosed <pre> runs to the end
]
NOT_IN_CODE = [
    ("a.md", "```\nan example\n```\n\n{d}\n{t}\n"),  # after the fence closed
    ("a.md", "Text `with code` then {d} {t}\n"),
    ("a.md", "- a list item\n\n    {d}\n    {t}\n"),  # indented to the item's content: no code
    ("a.md", "A paragraph\n    {d}\n{t}\n"),  # an indented line continues a paragraph
    ("a.md", "   {d}\n{t}\n"),  # three spaces are no indented code
    ("a.html", "<p>Example:</p><pre>an example</pre>{d}<p>{t}</p>"),
    ("a.html", "<!-- no <pre> here -->{d}<p>{t}</p>"),  # a tag inside a comment is no tag
    ("a.html", "<p><codec>{d}</codec></p><p>{t}</p>"),
    ("a.txt", "```\n{d}\n```\n{t}\n"),  # plain text has no code
    ("a.txt", "    {d}\n{t}\n"),
]


@pytest.mark.parametrize("name,template", IN_CODE)
@pytest.mark.parametrize("directive", [DIRECTIVE, LINE_DIRECTIVE, FILE_DIRECTIVE])
def test_a_directive_in_code_is_an_example_not_obeyed(name: str, template: str, directive: str) -> None:
    text = template.format(d=directive, t=TYPO)
    report = check(text, name)
    assert report.suppressed == 0 and [f.rule for f in report.problems] == ["T101"]


@pytest.mark.parametrize("name,template", NOT_IN_CODE)
def test_a_directive_beside_code_is_obeyed(name: str, template: str) -> None:
    report = check(template.format(d=DIRECTIVE, t=TYPO), name)
    assert report.suppressed == 1 and report.problems == ()


def test_a_directive_in_code_is_not_blanked() -> None:
    from verify.suppress import read_suppressions

    for name, template in (("a.md", "Example:\n\n    {d}\n\n{t}\n"), ("a.html", "<pre>\n{d}\n</pre><p>{t}</p>")):
        doc = load_bytes(template.format(d=LINE_DIRECTIVE, t=TYPO).encode(), source=name)
        read, found = read_suppressions(doc)
        assert found == () and read.plain == doc.plain and LINE_DIRECTIVE in read.plain
    # beside the code, the same line is a directive and blanked
    doc = load_bytes(f"Example:\n\n{LINE_DIRECTIVE}\n{TYPO}\n".encode(), source="a.md")
    read, found = read_suppressions(doc)
    assert len(found) == 1 and "verify:" in doc.plain and "verify:" not in read.plain


def test_info_findings_are_not_silenced_and_count_as_unused() -> None:
    correct = "The Security Council rejected the draft by nine votes against, four in favour and two abstentions."
    report = check(f"<!-- verify: ignore V101 {REASON} -->\n{correct}\n")
    assert any(f.rule == "V101" and f.severity == "info" for f in report.findings)
    assert problems(report) == [("S102", 1)] and report.suppressed == 0


@pytest.mark.parametrize("directive,message", [
    ("<!-- verify: ignroe T101 -->", "cannot read 'verify: ignroe T101'"),
    ("<!-- verify: ignore -->", "cannot read"),
    ("<!-- verify: ignore T101 because it is fine -->", "cannot read"),
    ("<!-- verify: ignore T1O1 reason=\"x\" -->", "T1O1 is no rule code (did you mean 'T101'?)"),
])
def test_malformed_directives(directive: str, message: str) -> None:
    report = check(f"{directive}\n{TYPO}\n")
    s103 = [f for f in report.findings if f.rule == "S103"]
    assert len(s103) == 1 and message in s103[0].message
    assert ("T101", 2) in problems(report)  # a misread directive silences nothing


def test_select_that_leaves_the_suppression_rules_out() -> None:
    from verify.rules import get_rules

    doc = load_bytes(f"<!-- verify: ignore T101 -->\n{TYPO}\n\n{TYPO2}\n".encode(), source="a.md")
    report = check_document(doc, rules=get_rules(["T"]))
    assert problems(report) == [("T101", 4)] and report.suppressed == 1


def test_suppression_rules_are_listed_and_explained() -> None:
    listed = CliRunner().invoke(main, ["rules"]).output
    for code in ("S101", "S102", "S103"):
        assert code in listed
        explained = CliRunner().invoke(main, ["explain", code])
        assert explained.exit_code == 0 and "verify: ignore" in explained.output


def test_json_summary_adds_suppressed(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"<!-- verify: ignore V101 {REASON} -->\n{VOTE_ERROR}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--isolated"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["summary"]["suppressed"] == 1 and data["summary"]["errors"] == 0
    assert {"claims", "votes", "verified", "contradicted", "errors", "warnings"} <= set(data["summary"])
    text = CliRunner().invoke(main, ["check", str(path), "--isolated"]).stdout
    assert text.rstrip().endswith("0 errors, 0 warnings, 1 suppressed")


@pytest.mark.parametrize("piece", ["# verify: ignore V101\n", "<!-- verify: ignore V101 ", "<!-- verify: x -->\n"])
def test_floods_of_directives_finish(piece: str, deadline) -> None:
    text = piece * (2_000_000 // len(piece))
    report = verify.check_text(text)
    assert report.document.length == len(text)


@pytest.mark.parametrize("piece", ["<pre '", "<code x='", "    x\n", "```\n", "- a\n", "<pre>", "\t- x\n\n"])
@pytest.mark.parametrize("name", ["a.md", "a.html"])
def test_floods_of_code_around_a_directive_finish(piece: str, name: str, deadline) -> None:
    from verify.suppress import read_suppressions

    text = f"<!-- verify: ignore T101 {REASON} -->\n" + piece * (1_900_000 // len(piece)) + "<p>x</p>"
    doc, found = read_suppressions(load_bytes(text.encode(), source=name))
    assert len(doc.plain) == len(text) and len(found) == 1


PIECES = ["<!-- verify: ignore T101 reason=\"x\" -->", "<!-- verify: ignore-file V101 -->",
          "# verify: ignore T101,V101\n", "<!-- verify: ignore -->", "favo1r ", "word ", "\n", "\n\n", " \n \n",
          "<p>", "</p>"]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
@settings(max_examples=200, deadline=None)
def test_blocks_and_lookup_agree_with_the_definition(pieces: list[str]) -> None:
    """Blanking keeps every offset; each block starts at the first text after its directive and
    ends at the next blank line; the indexed lookup answers as a scan over all suppressions would."""
    from verify.document import Document
    from verify.report.model import Finding
    from verify.suppress import apply_suppressions, read_suppressions

    text = "".join(pieces) or " "
    doc, found = read_suppressions(Document(id="t", source="t", text=text))
    assert len(doc.plain) == len(text)
    for s in found:
        assert doc.plain[s.start:s.end].strip() == ""
        start, end = s.block
        assert s.end <= start <= end <= len(text)
        assert doc.plain[s.end:start].strip() == "" and (start == end or not doc.plain[start].isspace())
        assert "\n\n" not in "".join(doc.plain[start:end].split(" ")).replace("\r", "")
    findings = [Finding(rule, "x", "suspect", "warning", "m", offset, offset + 1)
                for offset in range(len(text)) for rule in ("T101", "V101")]
    kept, _ = apply_suppressions(found, findings)
    assert kept == [f for f in findings if not any(
        f.rule in s.codes and (s.whole_file or s.block[0] <= f.start < s.block[1]) for s in found)]
