"""GitHub Actions workflow commands (`verify check --format github`): one `::error` or `::warning`
line per problem, which the runner turns into an annotation on the file and lines in the pull
request. Columns are UTF-16 units, as GitHub counts them, and are given only for a problem on one
line (GitHub refuses columns on an annotation spanning lines). The report's notes (a limit hit, an
inferred date) follow each file's problems as `::notice` lines on the file, and an input that could
not be read is an `::error` on that file (and line, where the error has one), so that a pull request
shows it and not only the job log."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from verify.document import LoadError
from verify.report.model import Report
from verify.report.places import Locator, relative_path
from verify.report.text import finding_message, report_notes

# Runner escaping: '%' first, so the escapes it writes are not escaped again.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def escape_data(value: str) -> str:
    """A command's message: a newline would end the command, '%' would start an escape."""
    for raw, escaped in _DATA_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def escape_property(value: str) -> str:
    """A property value (file, title): also ':' and ',', which end the property list and a property."""
    for raw, escaped in _PROPERTY_ESCAPES:
        value = value.replace(raw, escaped)
    return value


def render_github(reports: Sequence[Report], texts: Sequence[str], root: Path | None = None,
                  errors: Sequence[LoadError] = ()) -> str:
    root = Path(root or Path.cwd())
    lines = []
    for report, text in zip(reports, texts):
        path = relative_path(report.document.source, root)
        locator = Locator(text)
        for f in report.problems:
            region = locator.region(f.start, f.end)
            where = {"file": path, "line": region.start_line, "endLine": region.end_line}
            if region.start_line == region.end_line:
                where |= {"col": region.start_column, "endColumn": region.end_column}
            where["title"] = f"{f.rule} {f.name}"
            lines.append(_command(f.severity, where, finding_message(f)))
        lines += [_command("notice", {"file": path, "title": "verify note"}, note) for note in report_notes(report)]
    for error in errors:
        where = {"file": relative_path(error.source, root)} | ({"line": error.line} if error.line else {})
        lines.append(_command("error", where | {"title": "verify could not read this file"}, error.message))
    return "".join(lines)


def _command(kind: str, properties: dict[str, object], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {listed}::{escape_data(message)}\n"
