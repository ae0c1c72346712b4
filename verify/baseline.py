"""Baselines: adopt verify on copy that already has findings, then fail only on new ones.

`verify check --write-baseline FILE` records every warning and error by its fingerprint, the one
SARIF's `partialFingerprints` carry (verify.report.fingerprint): the rule, the normalised text of
the claim and the document's path (here relative to FILE's directory, so the baseline moves with
the repository), numbered when identical. Never a line or an offset, so copy added, moved or
re-wrapped elsewhere keeps a finding baselined, while a claim whose text changes (a corrected figure
that is still wrong) is a new finding. `--baseline FILE` then reports only findings not recorded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from verify.output import write_atomic
from verify.report.fingerprint import claim_text, numbered_fingerprints
from verify.report.model import Finding, Report
from verify.report.places import relative_path

VERSION = 1
_SHOWN = 200  # characters of claim text kept in the file for the reader


class BaselineError(Exception):
    """A baseline file that cannot be read; `str()` is one line naming it."""


@dataclass(frozen=True)
class Baseline:
    path: Path
    fingerprints: frozenset[str]

    def filter(self, report: Report, text: str) -> Report:
        """The report without the warnings and errors this baseline records; they are counted in
        `baselined`."""
        _, pairs = _fingerprinted(report, text, self.path)
        known = {id(f) for f, fp in pairs if fp in self.fingerprints}
        kept = tuple(f for f in report.findings if id(f) not in known)
        return replace(report, findings=kept, baselined=report.baselined + len(known))


def _fingerprinted(report: Report, text: str, baseline: Path) -> tuple[str, list[tuple[Finding, str]]]:
    """The document's path as the baseline names it, and each warning and error's fingerprint."""
    problems = report.problems
    path = relative_path(report.document.source, baseline.resolve().parent)
    return path, list(zip(problems, numbered_fingerprints(problems, text, path)))


def entries(report: Report, text: str, baseline: Path) -> list[dict[str, str]]:
    """What a baseline at `baseline` records for a report: each warning and error."""
    path, pairs = _fingerprinted(report, text, baseline)
    return [{"fingerprint": fp, "rule": f.rule, "path": path, "text": claim_text(f, text)[:_SHOWN]}
            for f, fp in pairs]


def write_baseline(path: Path, recorded: list[dict[str, str]]) -> None:
    """Atomically, sorted and with sorted keys, so that re-writing an unchanged baseline changes no
    byte and a changed one diffs line by line."""
    data = {"tool": "verify", "version": VERSION,
            "findings": sorted(recorded, key=lambda e: (e["path"], e["rule"], e["text"], e["fingerprint"]))}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def load_baseline(path: Path) -> Baseline:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such file (write one with --write-baseline)") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(
            isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in findings):
        raise BaselineError(f"{path}: not a verify baseline (expected {{\"findings\": [{{\"fingerprint\": ...}}]}})")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r}, this verify reads {VERSION}")
    return Baseline(path, frozenset(e["fingerprint"] for e in findings))
