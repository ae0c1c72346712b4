"""Precision: realistic, correct copy (tests/fixtures/clean.yaml, written by us) raises no warning
or error. A false alarm found in the wild goes into that file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import verify

CLEAN = yaml.safe_load((Path(__file__).parent / "fixtures" / "clean.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CLEAN, ids=[c["id"] for c in CLEAN])
def test_clean_copy_stays_silent(case: dict) -> None:
    problems = [(f.rule, f.message) for f in verify.check_text(case["text"]).findings if f.severity != "info"]
    assert problems == []
