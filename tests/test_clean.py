"""Precision: realistic, correct copy written by us raises no warning or error. Short texts in
tests/fixtures/clean.yaml, long multi-vote articles in clean_articles.yaml, other domains (local
government, business, sport, courts, other parliaments) in clean_more.yaml, short dated texts that
tempt the reference rules (R101-R106) in clean_reference.yaml, and 27 dated articles full of correct
arithmetic (parts and totals, shares, changes, rounding, weekdays, ages) in clean_numeric.yaml; a
false alarm found in the wild goes into one of them.

A case may carry `date` (the publication date, passed to verify.check_text) and
`known_false_alarm` (why the rules currently flag the correct text): such a case is expected to
fail, strictly, so that fixing the rule shows up as an unexpected pass and the mark is removed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import verify

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = [case for name in ("clean.yaml", "clean_articles.yaml", "clean_more.yaml", "clean_reference.yaml",
                                  "clean_numeric.yaml")
         for case in yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))]


def _param(case: dict):
    marks = ()
    if case.get("known_false_alarm"):
        marks = (pytest.mark.xfail(strict=True, reason=f"known false alarm: {case['known_false_alarm']}"),)
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CLEAN])
def test_clean_copy_stays_silent(case: dict) -> None:
    date = case.get("date")  # YAML reads YYYY-MM-DD as a date; check_text takes a date or a string
    report = verify.check_text(case["text"], date=date)
    problems = [(f.rule, f.message) for f in report.findings if f.severity != "info"]
    assert problems == []
