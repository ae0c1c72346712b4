"""Plain-text report: one line a finding (`path:line:column: CODE severity: message`), then a
summary line, as compilers and linters print them."""

from __future__ import annotations

from verify.report.model import Finding, Report


def finding_message(f: Finding) -> str:
    """The message with the suggested correction, as every report format states it."""
    return f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")


def finding_line(path: str, f: Finding) -> str:
    return f"{path}:{f.line}:{f.column}: {f.rule} {f.severity}: {finding_message(f)}"


def report_notes(report: Report) -> list[str]:
    """What a reader of any report format should know about how the check ran: the report's notes
    (limits hit), then the date the checks assumed when none was given."""
    notes = list(report.notes)
    inferred = report.document.inferred_date
    if inferred:
        first, last = inferred["from"], inferred["to"]
        when = first if first == last else first[:4] if first[:4] == last[:4] else f"{first[:4]}-{last[:4]}"
        notes.append(f"no date given; checked as of {when}, inferred from {inferred['basis']} "
                     f"(give --date for firmer checks)")
    return notes


def render_text(report: Report, *, show_verified: bool = False) -> str:
    path = report.document.source
    findings = report.findings if show_verified else report.problems
    lines = [finding_line(path, f) for f in findings]
    lines += [f"{path}: note: {note}" for note in report_notes(report)]
    s = report.summary()
    problems = f"{s['errors']} error{'s' * (s['errors'] != 1)}, {s['warnings']} warning{'s' * (s['warnings'] != 1)}"
    lines.append(f"{path}: {s['claims']} figure{'s' * (s['claims'] != 1)}, {s['votes']} vote{'s' * (s['votes'] != 1)}: "
                 f"{s['verified']} verified, {s['contradicted']} contradicted, {s['suspect']} suspect, "
                 f"{s['unverified']} unchecked; {problems}"
                 + "".join(f", {s[k]} {k}" for k in ("suppressed", "baselined") if s[k]))
    return "\n".join(lines) + "\n"
