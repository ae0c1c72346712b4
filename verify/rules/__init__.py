"""The rule registry: every rule, by code. Configuration selects, ignores or re-grades them here."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from verify.rules import changes, dates, parts, reference, suppressions, typos, votes
from verify.rules.base import Context, Rule, run_rules

ALL_RULES: tuple[type[Rule], ...] = (*votes.RULES, *reference.RULES, *typos.RULES, *dates.RULES,
                                     *parts.RULES, *changes.RULES, *suppressions.RULES)
BY_CODE: dict[str, type[Rule]] = {r.code: r for r in ALL_RULES}


@functools.cache
def default_rules() -> tuple[Rule, ...]:
    """Every rule, instantiated once per process (rules hold no state)."""
    return tuple(get_rules())


def get_rules(select: Iterable[str] = (), ignore: Iterable[str] = (),
              severity: Mapping[str, str] | None = None) -> list[Rule]:
    """Rule instances, filtered by code prefix ("V" or "V101"; ignore wins over select), each with
    its configured severity (by code) for the warnings and errors it finds."""
    select, ignore, severity = tuple(select), tuple(ignore), severity or {}
    chosen = []
    for rule in ALL_RULES:
        if select and not any(rule.code.startswith(s) for s in select):
            continue
        if ignore and any(rule.code.startswith(s) for s in ignore):
            continue
        chosen.append(rule(severity.get(rule.code)))
    return chosen


__all__ = ["ALL_RULES", "BY_CODE", "Context", "Rule", "default_rules", "get_rules", "run_rules"]
