"""End-to-end checks on our own short vote texts (tests/fixtures/votes.yaml): the votes read from
each text (counts, named voters, outcome, body) and the exact set of warnings and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import verify

FIXTURES = yaml.safe_load((Path(__file__).parent / "fixtures" / "votes.yaml").read_text(encoding="utf-8"))
SIDES = ("yes", "no", "abstain", "absent")
OUTCOME_CLASS = {"adopted": "pass", "passed": "pass", "rejected": "fail", "failed": "fail", "vetoed": "veto"}


def _implied(vote: dict, side: str) -> int | None:
    """The count a side has in the report: stated, else its named list, else seats minus the rest."""
    if vote[side] is not None:
        return vote[side]
    if vote["named"][side]:
        return len(vote["named"][side])
    others = [vote[s] if vote[s] is not None else len(vote["named"][s]) for s in SIDES if s != side]
    if vote["body_size"] is not None and side != "absent":
        return vote["body_size"] - sum(others)
    return None


@pytest.mark.parametrize("case", FIXTURES, ids=[c["id"] for c in FIXTURES])
def test_fixture(case: dict) -> None:
    report = verify.check_text(case["text"], date=str(case["date"]) if case.get("date") else None).to_dict()
    problems = sorted(f["rule"] for f in report["findings"] if f["severity"] != "info")
    assert problems == sorted(case["findings"]), [f["message"] for f in report["findings"]
                                                  if f["severity"] != "info"]
    expected = case["votes"]
    assert len(report["votes"]) == len(expected), report["votes"]
    for got, want in zip(report["votes"], expected):
        for side in SIDES:
            if want.get(side) is not None:
                assert _implied(got, side) == want[side], (side, got)
        for side, names in (want.get("named") or {}).items():
            assert sorted(got["named"][side]) == sorted(names), (side, got["named"])
        for side in SIDES:
            if side not in (want.get("named") or {}):
                assert got["named"][side] == [], (side, got["named"])
        if want.get("outcome"):
            assert OUTCOME_CLASS.get(got["outcome"]) == OUTCOME_CLASS[want["outcome"]], got["outcome"]
        if want.get("body"):
            assert got["body"] == want["body"]
