"""SARIF 2.1.0 report (`verify check --format sarif`): one log, one run over every document, for
GitHub code scanning and SARIF viewers. A sibling of the text and JSON renderers over the same
`Report`; it needs each document's text for end positions, snippets and fingerprints.

Only warnings and errors become results: a verified check is no alert, and listing every agreeing
figure as a "note" would bury the problems in code scanning's list (the JSON report has them all).
Paths are relative to the working directory under the `%SRCROOT%` base, which the upload action
maps to the checkout.

What SARIF calls runtime conditions go in the run's one invocation as `toolExecutionNotifications`
(SARIF 2.1.0 §3.20.21), each on its file: the reports' notes (a limit hit, an inferred date) as
level `note`, and each input that could not be read as level `error`, which tells consumers the
results are incomplete (appendix I); `executionSuccessful` is then false, as the exit code (2) is."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from verify import __version__
from verify.document import LoadError
from verify.report.fingerprint import numbered_fingerprints
from verify.report.model import Finding, Report
from verify.report.places import Locator, relative_path
from verify.report.text import finding_message, report_notes

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "verifyClaim/v1"


def render_sarif(reports: Sequence[Report], texts: Sequence[str], root: Path | None = None,
                 errors: Sequence[LoadError] = ()) -> str:
    """The SARIF log for these reports (each with its document's text) and the inputs that could
    not be read (`errors`), paths relative to `root` (default: the working directory)."""
    root = Path(root or Path.cwd())
    rules = _rules(f for r in reports for f in r.problems)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [result for report, text in zip(reports, texts)
               for result in _results(report, text, root, index)]
    notifications = [_notification("note", note, _location(report.document.source, root))
                     for report in reports for note in report_notes(report)]
    notifications += [_notification("error", error.message, _location(error.source, root, error.line))
                      for error in errors]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {"tool": {"driver": _driver(rules)},
           "invocations": [invocation],
           "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
           "columnKind": "utf16CodeUnits",
           "results": results}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _directory_uri(root: Path) -> str:
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"  # a base URI must end in '/'


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "verify", "version": __version__, "semanticVersion": __version__}
    if home := _home_page():
        driver["informationUri"] = home
    driver["rules"] = rules
    return driver


def _home_page() -> str | None:
    """The project's home page as the installed package declares it (pyproject's [project.urls])."""
    try:
        meta = metadata.metadata("verify")
    except metadata.PackageNotFoundError:
        return None
    urls = [u.partition(",")[2].strip() for u in meta.get_all("Project-URL") or []]
    return next((u for u in [meta.get("Home-page"), *urls] if u and u.startswith("https://")), None)


def _rules(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Every rule of the registry (so each rule's help is there for code scanning to show), then any
    other code a finding carries (findings about the run itself, such as a suppression's)."""
    from verify.rules import ALL_RULES

    rules = [{"id": rule.code, "name": rule.name,
              "shortDescription": {"text": rule.summary},
              "fullDescription": {"text": rule.explanation()},
              "help": {"text": rule.help_text()},
              "defaultConfiguration": {"level": LEVEL[rule.severity]}} for rule in ALL_RULES]
    known = {rule["id"] for rule in rules}
    for f in findings:
        if f.rule not in known:
            known.add(f.rule)
            rules.append({"id": f.rule, "name": f.name, "shortDescription": {"text": f.name},
                          "defaultConfiguration": {"level": LEVEL[f.severity]}})
    return rules


def _artifact(path: str) -> dict[str, str]:
    """An artifactLocation for a path as `relative_path` gives it."""
    return {"uri": quote(path), "uriBaseId": SRCROOT} if not os.path.isabs(path) else {"uri": Path(path).as_uri()}


def _location(source: str, root: Path, line: int | None = None) -> dict[str, Any]:
    """A location naming a file (and a line, where one is known) without a region of its text."""
    where: dict[str, Any] = {"artifactLocation": _artifact(relative_path(source, root))}
    if line:
        where["region"] = {"startLine": line}
    return {"physicalLocation": where}


def _notification(level: str, message: str, location: dict[str, Any]) -> dict[str, Any]:
    return {"level": level, "message": {"text": message}, "locations": [location]}


def _results(report: Report, text: str, root: Path, index: dict[str, int]) -> list[dict[str, Any]]:
    path = relative_path(report.document.source, root)
    location = _artifact(path)
    locator = Locator(text)
    problems = report.problems
    results = []
    for finding, fingerprint in zip(problems, numbered_fingerprints(problems, text, path)):
        region = locator.region(finding.start, finding.end)
        results.append({
            "ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": LEVEL[finding.severity],
            "message": {"text": finding_message(finding)},
            "locations": [{"physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": region.start_line, "startColumn": region.start_column,
                           "endLine": region.end_line, "endColumn": region.end_column,
                           "snippet": {"text": text[finding.start:finding.end]}}}}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {"verdict": finding.verdict}})
    return results
