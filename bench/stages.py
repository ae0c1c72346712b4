"""Time per pipeline stage on one article, averaged over repeats (run by hand:
`python bench/stages.py [FILE]`). Shows where an article's milliseconds go."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verify.bodies import find_body_mentions  # noqa: E402
from verify.check import check_document  # noqa: E402
from verify.claims import make_claims  # noqa: E402
from verify.dates import article_date, infer_date  # noqa: E402
from verify.document import load_path  # noqa: E402
from verify.link import link_votes  # noqa: E402
from verify.numbers import find_numbers  # noqa: E402
from verify.reference.index import default_index  # noqa: E402
from verify.rules import get_rules, run_rules  # noqa: E402
from verify.rules.base import Context  # noqa: E402
from verify.sentences import split_sentences  # noqa: E402
from verify.typos import find_digit_words, repair  # noqa: E402
from verify.votes import extract_votes, size_statements  # noqa: E402
from verify.world import durations, veto_claims  # noqa: E402


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "examples" / "security-council-2016-10-08.txt")
    doc = load_path(path)
    refs = default_index()
    rules = get_rules()
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    timings: dict[str, float] = {}

    def timed(name, fn, *args):
        best = float("inf")
        for _ in range(3):  # best of three rounds: this machine's speed wanders
            t0 = time.perf_counter()
            for _ in range(repeats):
                out = fn(*args)
            best = min(best, (time.perf_counter() - t0) / repeats * 1e3)
        timings[name] = best
        return out

    check_document(doc, refs)
    words = timed("typos", find_digit_words, doc.plain)
    plain = repair(doc.plain, words)
    numbers = timed("numbers", find_numbers, plain)
    sentences = timed("sentences", split_sentences, plain)
    bodies = timed("bodies", find_body_mentions, plain, refs)
    events, _ = timed("votes", extract_votes, plain, sentences, numbers, refs, bodies)
    date = article_date(doc) or infer_date(numbers, events, refs.records)
    sizes = size_statements(plain, numbers, bodies)
    linked = timed("link", link_votes, plain, events, refs, bodies, sizes, date)  # idempotent on events
    claims = timed("claims", make_claims, doc, plain, numbers)
    timed("world", lambda: (veto_claims(plain, sentences, numbers, refs, refs.veto_holders),
                            durations(plain, sentences, numbers, refs)))
    ctx = Context(doc, plain, numbers, claims, linked, words, refs, sentences, date)
    timed("rules", lambda: list(run_rules(rules, ctx)))
    report = check_document(doc, refs)
    timed("json", lambda: json.dumps(report.to_dict()))
    timed("total", lambda: json.dumps(check_document(doc, refs).to_dict()))
    for name, ms in timings.items():
        print(f"{name:10} {ms:6.3f} ms")


if __name__ == "__main__":
    main()
