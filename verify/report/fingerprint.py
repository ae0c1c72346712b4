"""A finding's identity across edits: its rule, the text it is about (Unicode-normalised, whitespace
collapsed, case folded) and the document's path, never a line or an offset, so copy added above it
or re-wrapped around it keeps it. SARIF carries it in `partialFingerprints`, so code scanning keeps
one alert open across commits instead of closing and reopening it."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Sequence

from verify.report.model import Finding


def claim_text(finding: Finding, text: str) -> str:
    """The text a finding is about, normalised so re-wrapping or re-casing it is no change."""
    return " ".join(unicodedata.normalize("NFKC", text[finding.start:finding.end]).split()).casefold()


def fingerprint(finding: Finding, text: str, path: str) -> str:
    """32 hex digits of SHA-256 over rule, claim text and path."""
    key = "\0".join((finding.rule, claim_text(finding, text), path))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def numbered_fingerprints(findings: Sequence[Finding], text: str, path: str) -> list[str]:
    """Each finding's fingerprint (in the given order) with ":N", N counting identical ones in text
    order, so the same slip made twice in one article stays two results."""
    seen: Counter[str] = Counter()
    out = [""] * len(findings)
    for i in sorted(range(len(findings)), key=lambda i: findings[i].start):
        fp = fingerprint(findings[i], text, path)
        seen[fp] += 1
        out[i] = f"{fp}:{seen[fp]}"
    return out
