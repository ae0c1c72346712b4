"""`verify explain CODE`: every rule's explanation with texts that trigger it and texts that do not
(the same examples tests/test_rules.py runs, so what it shows is what the rule does)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from verify.cli import main
from verify.rules import ALL_RULES
from verify.rules.base import example


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_explain_shows_explanation_and_both_kinds_of_example(rule) -> None:
    result = CliRunner().invoke(main, ["explain", rule.code.lower()])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith(f"{rule.code} {rule.name} ({rule.severity})\n") and rule.explanation() in out
    assert rule.triggers and rule.passes  # every rule has both kinds of example
    triggers, _, silent = out.partition("\nTriggers:\n")[2].partition("\nStays silent:\n")
    for shown, examples in ((triggers, rule.triggers), (silent, rule.passes)):
        for raw in examples:
            text, date = example(raw)
            assert repr(text) in shown and "[" + (date or "") + "]" not in shown
            if date:
                assert f"{text!r}  (in an article dated {date})" in shown
