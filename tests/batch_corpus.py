"""Small corpora and table helpers shared by the batch tests (texts written for these tests)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

CITIES = ["Aleppo", "Mosul", "Homs", "Idlib", "Raqqa", "Deir ez-Zor", "Hama", "Daraa"]


def article(n: int) -> str:
    """A short news item with a vote and figures; every third one has a tally that adds up to more
    than the Security Council's 15 seats (a V101 error)."""
    yes, against, abstain = (9, 4, 3) if n % 3 == 0 else (11, 2, 2)
    return (f"Security Council vote on {CITIES[n % len(CITIES)]}, report {n}\n\n"
            f"The draft resolution won {yes} votes in favour in the 15-member Security Council. "
            f"Russia and Venezuela voted against, and the text was rejected by a vote of {yes} in favour, "
            f"{against} against and {abstain} abstentions.\n"
            f"Aid agencies estimate that about {250 + n},000 people have fled the city, which had "
            f"1.{n % 9 + 1} million residents before the war.\n"
            f"Officials said {n + 3} convoys had reached the eastern districts since the start of the year.\n")


def read_table(path: Path) -> Counter:
    """A CSV table as a multiset of rows, without elapsed_ms (the one column that varies by run)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return Counter(tuple((k, v) for k, v in row.items() if k != "elapsed_ms") for row in rows)


def read_tables(out_dir: Path) -> dict[str, Counter]:
    return {name: read_table(out_dir / f"{name}.csv") for name in ("documents", "findings", "claims", "votes")}


def column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row[name] for row in csv.DictReader(fh)]


def run_verify(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "verify", *args], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
