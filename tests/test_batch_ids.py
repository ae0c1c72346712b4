"""Document ids are unique within an audit: a repeated id is numbered in input order (`id#2`), the
same way on every run, so that --resume matches the same documents."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from batch_corpus import article, read_tables, run_verify
from verify.batch.inputs import Item, UniqueIds


def renumber(ids: list[str]) -> list[str]:
    unique = UniqueIds()
    return [unique(Item(doc_id, f"source {n}", "")).doc_id for n, doc_id in enumerate(ids)]


@given(st.lists(st.sampled_from(["a", "b", "a#2", "a#3", "b#2#2", "b#2"]), max_size=12))
def test_ids_come_out_unique_first_ones_unchanged_and_the_same_each_time(ids: list[str]):
    out = renumber(ids)
    assert len(set(out)) == len(out)
    assert renumber(ids) == out
    for n, (given_id, got) in enumerate(zip(ids, out)):
        if given_id not in out[:n]:
            assert got == given_id  # an id no earlier document has is kept
        else:
            assert got.startswith(given_id + "#")


def test_repeats_are_numbered_in_input_order_passing_over_ids_taken():
    assert renumber(["x", "x", "x#3", "x", "x"]) == ["x", "x#2", "x#3", "x#4", "x#5"]


def test_two_directories_and_repeated_records_give_unique_ids_kept_on_resume(tmp_path: Path):
    for year in ("2015", "2016"):
        folder = tmp_path / year / "politics"
        folder.mkdir(parents=True)
        (folder / "vote.txt").write_text(article(int(year) % 7), encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": doc_id, "text": article(n)}) + "\n"
                            for n, doc_id in enumerate(["a", "a", "politics/vote.txt", "a"])), encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(tmp_path / "2015"), str(tmp_path / "2016"), str(feed), "--out-dir", str(out), "--jobs", "1"]
    first = run_verify("batch", *inputs)
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        ids = {row["doc_id"]: row["source"] for row in csv.DictReader(fh)}
    assert ids == {"politics/vote.txt": str(tmp_path / "2015" / "politics" / "vote.txt"),
                   "politics/vote.txt#2": str(tmp_path / "2016" / "politics" / "vote.txt"),
                   "a": f"{feed}:1", "a#2": f"{feed}:2", "politics/vote.txt#3": f"{feed}:3", "a#3": f"{feed}:4"}
    assert ("warning: 4 documents had an id given before in this audit and were numbered in input order "
            f"(the first: politics/vote.txt#2, from {tmp_path / '2016' / 'politics' / 'vote.txt'})") in first.stderr
    tables = read_tables(out)
    again = run_verify("batch", *inputs, "--resume")
    assert "checked 0 documents (6 done before)" in again.stderr
    assert read_tables(out) == tables
