"""Every rule tested the same way: the examples in its class (shown by `verify explain`) and its
case file tests/rules/<CODE>.yaml, texts that must raise it and texts that must stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import verify
from verify.rules import ALL_RULES
from verify.rules.base import example

CASES = []
for rule in ALL_RULES:
    path = Path(__file__).parent / "rules" / f"{rule.code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    CASES += [(rule.code, True, t) for t in (*rule.triggers, *data.get("fail", []))]
    CASES += [(rule.code, False, t) for t in (*rule.passes, *data.get("pass", []))]


def _raised(report: verify.Report) -> set[str]:
    return {f.rule for f in report.findings if f.severity != "info"}


@pytest.mark.parametrize("code,fires,text", CASES, ids=[f"{c}-{'fail' if f else 'pass'}-{i}"
                                                       for i, (c, f, _) in enumerate(CASES)])
def test_rule_case(code: str, fires: bool, text: str) -> None:
    body, date = example(text)  # "[2016-10-08] text": checked as published on that date
    report = verify.check_text(body, date=date)
    assert (code in _raised(report)) is fires, report.to_dict()["findings"]


@pytest.mark.parametrize("rule", ALL_RULES, ids=[r.code for r in ALL_RULES])
def test_every_rule_is_documented(rule) -> None:
    assert rule.code and rule.name and rule.summary and len(rule.explanation()) > len(rule.summary)
    assert rule.triggers and rule.passes, "each rule shows what triggers it and what does not"
