"""Precision: realistic, correct copy written by us raises no warning or error. Short texts in
tests/fixtures/clean.yaml, long multi-vote articles in clean_articles.yaml, other domains (local
government, business, sport, courts, other parliaments) in clean_more.yaml; a false alarm found in
the wild goes into one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import verify

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = [case for name in ("clean.yaml", "clean_articles.yaml", "clean_more.yaml")
         for case in yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", CLEAN, ids=[c["id"] for c in CLEAN])
def test_clean_copy_stays_silent(case: dict) -> None:
    problems = [(f.rule, f.message) for f in verify.check_text(case["text"]).findings if f.severity != "info"]
    assert problems == []
