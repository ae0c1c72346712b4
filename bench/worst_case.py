"""Seconds to check each adversarial 2 MB input of tests/test_worst_case.py (run by hand:
`python bench/worst_case.py`). The tests only guard against hangs; this prints the figures."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_worst_case import PIECES, SIZE  # noqa: E402

import verify  # noqa: E402


def main() -> None:
    verify.check_text("warm up: the vote was 11-2.")
    for name, piece in PIECES.items():
        text = (piece * (SIZE // len(piece) + 1))[:SIZE]
        t0 = time.perf_counter()
        report = verify.check_text(text)
        print(f"{name:24} {time.perf_counter() - t0:6.2f} s  {len(report.claims):6} claims  "
              f"{len(report.votes):5} votes  notes: {'; '.join(report.notes) or '-'}")


if __name__ == "__main__":
    main()
