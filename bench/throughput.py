"""Throughput of `check` + JSON in one process, on a generated corpus of ~4 KB articles.

Run by hand: `python bench/throughput.py [--articles N] [--seed S]`. Prints articles/s, KB/s and
the per-article latency percentiles, plus the cold start of one `verify check` in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import verify  # noqa: E402

MEMBERS_2016 = ["China", "France", "Russia", "the United Kingdom", "the United States", "Angola", "Egypt",
                "Japan", "Malaysia", "New Zealand", "Senegal", "Spain", "Ukraine", "Uruguay", "Venezuela"]
WORDS = {9: "nine", 11: "eleven", 12: "twelve"}
FILLER = [
    "Officials said talks would resume next week, although diplomats expected little progress.",
    "The city of {n:,} residents has been without reliable power for {d} days, according to local officials.",
    "Aid agencies estimate that about {k:,} people have fled since the start of the year.",
    "The ministry said spending would rise by {p}% to ${b} billion in the coming fiscal year.",
    "It was the {o} time this year that the issue had come before the body.",
    "Turnout stood at {p}.{d} per cent, slightly below the figure recorded {d} years ago.",
    "Analysts at two banks said growth could slow to {d}.{p} percent if the dispute drags on.",
    "The committee will meet again on September {d} to review the proposals.",
]
# sentences without figures: most of a news story is prose (the shared sample article has 16
# figures in 3.9 KB); a corpus of figure-only sentences would measure a markets table instead
PROSE = [
    "Diplomats said the mood in the chamber was tense as the meeting began.",
    "The foreign minister urged members to put the humanitarian situation first.",
    "Rebel commanders said they had not been consulted about the proposal.",
    "Aid workers described long queues for bread and water in the eastern districts.",
    "The government said its forces were targeting armed groups, not civilians.",
    "Several delegations called for an independent investigation into the attacks.",
    "The ambassador told reporters that talks would continue behind closed doors.",
    "Opposition leaders dismissed the plan as an attempt to buy time.",
    "Observers said the outcome had been expected for several days.",
    "Residents interviewed by phone said the bombing had intensified overnight.",
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def vote_paragraph(rng: random.Random, seed_error: bool) -> str:
    voters = MEMBERS_2016[:]
    rng.shuffle(voters)
    yes = rng.choice([9, 11, 12])
    no_names = voters[:2]
    abst = 15 - yes - 2
    abst_names = voters[2:2 + abst]
    against = 3 if seed_error else 2
    return (f"The draft resolution won {WORDS.get(yes, yes)} votes in favour in the 15-member Security Council. "
            f"{_capital(no_names[0])} and {no_names[1]} voted against, and the text was rejected "
            f"by a vote of {yes} in favour, {against} against and {abst} abstentions. "
            f"{_capital(', '.join(abst_names[:-1]) + ' and ' + abst_names[-1] if len(abst_names) > 1 else abst_names[0])} "
            "abstained.")


def article(rng: random.Random) -> str:
    parts = [f"Council vote on day {rng.randint(1, 28)}"]
    parts.append(vote_paragraph(rng, seed_error=rng.random() < 0.1))
    while sum(map(len, parts)) < 4000:
        figures = rng.choice(FILLER).format(
            n=rng.randint(10_000, 2_000_000), d=rng.randint(2, 28), k=rng.randint(1, 500) * 1000,
            p=rng.randint(1, 9), b=rng.randint(1, 90), o=rng.choice(ORDINALS))
        parts.append(" ".join([rng.choice(PROSE), figures, rng.choice(PROSE)]))
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = [article(rng) for _ in range(args.articles)]
    verify.check_text(corpus[0])  # warm: reference index, compiled patterns
    latencies = []
    start = time.perf_counter()
    for text in corpus:
        t0 = time.perf_counter()
        json.dumps(verify.check_text(text).to_dict())
        latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    kb = sum(map(len, corpus)) / 1024
    latencies.sort()
    figures = sum(len(verify.check_text(t).claims) for t in corpus[:50]) / 50
    print(f"articles: {len(corpus)}  mean size: {kb * 1024 / len(corpus):,.0f} chars, "
          f"{figures:.0f} figures each")
    print(f"throughput: {len(corpus) / elapsed:,.0f} articles/s  ({kb / elapsed:,.0f} KB/s), one process")
    print(f"latency: median {statistics.median(latencies) * 1e3:.2f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1e3:.2f} ms")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(corpus[0])
    colds = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "verify", "check", fh.name], capture_output=True, check=False)
        colds.append(time.perf_counter() - t0)
    Path(fh.name).unlink()
    print(f"cold `verify check` of one article: best {min(colds):.2f} s of 3")


if __name__ == "__main__":
    main()
