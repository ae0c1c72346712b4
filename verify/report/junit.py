"""JUnit XML report (`verify check --format junit`), for CI systems that show test results: one
test suite, one test case per document. A document fails when it has a problem at or above
`--fail-on` (the same rule as the exit code); the failure lists all its problems. Problems below
that level do not fail it and are listed in the case's system-out, so they are still seen. An input
that could not be read is a case in error (not failed: nothing was checked), with its one-line
message, counted in the suite's `errors`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from verify.document import LoadError
from verify.report.model import SEVERITY_RANK, Report
from verify.report.text import finding_line

# Characters XML 1.0 cannot carry even escaped (C0 controls but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF); a file name or a quoted text may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def render_junit(reports: Sequence[Report], fail_on: str = "error", errors: Sequence[LoadError] = ()) -> str:
    """`fail_on`: "error", "warning" or "never" (no document fails); `errors`: the inputs that
    could not be read."""
    threshold = SEVERITY_RANK.get(fail_on, len(SEVERITY_RANK))
    suite = ET.Element("testsuite", name="verify", tests=str(len(reports) + len(errors)),
                       errors=str(len(errors)), skipped="0")
    failures = 0
    for report in reports:
        path = report.document.source
        case = ET.SubElement(suite, "testcase", classname="verify", name=_xml(path))
        problems = report.problems
        lines = [_xml(finding_line(path, f)) for f in problems]
        if any(SEVERITY_RANK[f.severity] >= threshold for f in problems):
            failures += 1
            s = report.summary()
            failure = ET.SubElement(case, "failure", type=problems[0].severity,
                                    message=f"{_counted(s['errors'], 'error')}, {_counted(s['warnings'], 'warning')}")
            failure.text = "\n".join(lines) + "\n"
        elif lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines) + "\n"
    for error in errors:
        case = ET.SubElement(suite, "testcase", classname="verify", name=_xml(error.source))
        message = _xml(str(error))
        ET.SubElement(case, "error", type="LoadError", message=message).text = message + "\n"
    suite.set("failures", str(failures))
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
