"""Throughput and memory of `verify batch` on a generated archive of ~4 KB articles as JSON Lines.

Run by hand: `python bench/batch.py [--articles N] [--seed S] [--keep DIR] [--runs local-1,local-2,dask-2]` (needs the dask and
parquet extras: pip install -e '.[dask,parquet]'). Runs the local engine with 1 and 2 workers and a
2-worker Dask LocalCluster, each as a fresh `verify batch` process, and prints articles/s (wall
time, start-up included), the speed-ups, the peak memory of the whole process tree (the sum of the
RSS of the run and its workers, sampled every 0.1 s), the CPU time per article (which a busy machine
does not inflate as it does the wall time) and whether both engines wrote the same rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import article  # noqa: E402

TABLES = ("documents", "findings", "claims", "votes")
RUNS = {"local-1": ("local, 1 worker", "--jobs", "1"), "local-2": ("local, 2 workers", "--jobs", "2"),
        "dask-2": ("dask LocalCluster, 2 workers", "--engine", "dask", "--jobs", "2")}
BAD_EVERY = 997  # a seeded bad line (broken JSON or an empty text) this often


def write_corpus(path: Path, articles: int, seed: int) -> int:
    """The corpus as JSON Lines, streamed to disk; returns its size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for n in range(articles):
            if n % BAD_EVERY == BAD_EVERY - 1:
                fh.write('{"id": "broken-%d", "text": "unterminated\n' % n if n % 2 else
                         json.dumps({"id": f"empty-{n}", "text": ""}) + "\n")
            else:
                fh.write(json.dumps({"id": f"a{n}", "text": article(rng), "published": "2016-10-08"}) + "\n")
    return path.stat().st_size


def run(label: str, corpus: Path, out: Path, *options: str) -> dict:
    """One `verify batch` run: wall time and the peak summed RSS of its process tree."""
    command = [sys.executable, "-m", "verify", "batch", str(corpus), "--out-dir", str(out), "--quiet",
               "--fail-on", "never", *options]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    root, peak, cpu = psutil.Process(process.pid), 0, {}
    while process.poll() is None:
        peak = max(peak, _sample(root, cpu))
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read()
    if process.returncode not in (0, 1, 2):
        raise SystemExit(f"{label}: exit {process.returncode}\n{stderr}")
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        documents = sum(1 for _ in csv.reader(fh)) - 1
    return {"label": label, "elapsed": elapsed, "documents": documents, "peak_mb": peak / 2**20,
            "cpu_s": sum(cpu.values())}


def _sample(root: psutil.Process, cpu: dict[int, float]) -> int:
    """The summed RSS of the process tree now; records each process's CPU seconds so far in `cpu`
    (the last sample before it ends: a slight undercount, at most 0.1 s a process)."""
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for proc in processes:
        try:
            with proc.oneshot():
                total += proc.memory_info().rss
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def table_digest(out: Path) -> dict[str, Counter]:
    """Each table as a multiset of row hashes, without elapsed_ms (the one column that varies)."""
    digests = {}
    for name in TABLES:
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            keep = [i for i, column in enumerate(header) if column != "elapsed_ms"]
            digests[name] = Counter(hashlib.blake2b("\x1f".join(row[i] for i in keep).encode(),
                                                    digest_size=12).digest() for row in reader)
    return digests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Write the corpus and out dirs here and keep them.")
    parser.add_argument("--runs", type=lambda v: v.split(","), default=list(RUNS),
                        help=f"Which runs, comma-separated (default: {','.join(RUNS)}).")
    args = parser.parse_args()
    if unknown := set(args.runs) - RUNS.keys():
        parser.error(f"unknown run {', '.join(sorted(unknown))}; choose from {', '.join(RUNS)}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="verify-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / "corpus.jsonl"
        size = write_corpus(corpus, args.articles, args.seed)
        print(f"corpus: {args.articles:,} articles, {size / 2**20:,.0f} MB of JSON Lines "
              f"({size / args.articles / 1024:.1f} KB each), a bad line every {BAD_EVERY}")
        rates = {}
        for name in args.runs:
            label, *options = RUNS[name]
            r = run(label, corpus, work / name, *options)
            rates[name] = r["documents"] / r["elapsed"]
            print(f"{r['label']:<30} {rates[name]:>7,.1f} articles/s  "
                  f"{r['elapsed']:>7.1f} s  peak memory {r['peak_mb']:>6,.0f} MB  "
                  f"CPU {r['cpu_s'] / r['documents'] * 1e3:.1f} ms/article  ({r['documents']:,} rows)", flush=True)
        if {"local-1", "local-2"} <= rates.keys():
            print(f"speed-up, 2 workers over 1: {rates['local-2'] / rates['local-1']:.2f}x (target >= 1.8x)")
        if {"local-2", "dask-2"} <= rates.keys():
            print(f"dask vs local, 2 workers: {rates['dask-2'] / rates['local-2']:.2f} of the local rate "
                  "(target >= 0.75)")
            same = table_digest(work / "local-2") == table_digest(work / "dask-2")
            print(f"same rows from both engines: {'yes' if same else 'NO'}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
