"""`verify batch --resume`: a run killed half-way, then resumed, ends with the tables of a run that
was never interrupted (no row lost, none repeated), also when articles were edited in between and the
resumed run is killed too."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batch_corpus import article, column, read_tables, run_verify
from verify.batch.engine import LOCAL_CHUNK
from verify.batch.inputs import content_hash
from verify.batch.resume import prepare_resume
from verify.batch.rows import DOCUMENTS, FINDINGS, Table
from verify.batch.tables import read_rows

DOCS = 40

# Runs `verify batch` with calls counted: after KILL_AFTER checks of documents in one process, or
# after KILL_AFTER_REWRITES tables rewritten by --resume, the whole process group (the run and its
# workers) gets SIGKILL, mid-chunk or between two tables.
KILLING_RUN = textwrap.dedent("""
    import os, signal, sys
    import verify.batch.resume as resume
    import verify.batch.worker as worker
    from verify.cli import main

    def die_after(limit, real):
        calls = 0
        def counted(*args):
            nonlocal calls
            calls += 1
            if calls > limit:
                os.killpg(0, signal.SIGKILL)
            return real(*args)
        return counted

    if "KILL_AFTER" in os.environ:
        worker.check_document = die_after(int(os.environ["KILL_AFTER"]), worker.check_document)
    if "KILL_AFTER_REWRITES" in os.environ:
        resume._rewrite = die_after(int(os.environ["KILL_AFTER_REWRITES"]), resume._rewrite)
    main(sys.argv[1:], prog_name="verify")
""")


def killed_run(*args: str, **kill_after: int) -> None:
    """`verify batch ARGS`, killed as KILLING_RUN says (kill_after: KILL_AFTER=N or KILL_AFTER_REWRITES=N)."""
    env = {**os.environ, **{key: str(n) for key, n in kill_after.items()}}
    killed = subprocess.run([sys.executable, "-c", KILLING_RUN, "batch", *args], env=env, start_new_session=True,
                            capture_output=True, text=True, timeout=300, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for n in range(DOCS):
        (root / f"item{n:02}.txt").write_text(article(n), encoding="utf-8")
    (root / "item17b.txt").write_bytes(b"\x00binary\x00")  # an error row, tried again on resume
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("whole") / "out"
    assert run_verify("batch", str(corpus), "--out-dir", str(out), "--jobs", "1").returncode == 2
    return read_tables(out)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_killed_half_way_then_resumed_has_every_row_once(corpus: Path, uninterrupted: dict,
                                                               tmp_path: Path, jobs: int):
    out = tmp_path / "out"
    killed_run(str(corpus), "--out-dir", str(out), "--jobs", str(jobs),
               KILL_AFTER=LOCAL_CHUNK + 4)  # in the middle of a process's second chunk
    written = column(out / "documents.csv", "doc_id")
    assert len(written) < DOCS + 1
    if jobs == 1:  # in one process the order is fixed: the first chunk written, the second in flight
        assert len(written) == LOCAL_CHUNK
    resumed = run_verify("batch", str(corpus), "--out-dir", str(out), "--resume", "--jobs", str(jobs))
    assert resumed.returncode == 2, resumed.stderr
    assert "done before" in resumed.stderr
    assert read_tables(out) == uninterrupted


def test_resuming_a_finished_audit_checks_nothing_again(corpus: Path, uninterrupted: dict, tmp_path: Path):
    out = tmp_path / "out"
    run_verify("batch", str(corpus), "--out-dir", str(out), "--jobs", "2")
    again = run_verify("batch", str(corpus), "--out-dir", str(out), "--resume", "--jobs", "2")
    assert "checked 1 document (40 done before)" in again.stderr  # only the failed one, tried again
    assert read_tables(out) == uninterrupted


def test_an_edited_document_is_checked_again_and_its_earlier_rows_dropped(tmp_path: Path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(3):
        (root / f"item{n}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "out"
    run_verify("batch", str(root), "--out-dir", str(out), "--jobs", "1")
    (root / "item1.txt").write_text(article(12), encoding="utf-8")  # now with a V101 error
    again = run_verify("batch", str(root), "--out-dir", str(out), "--resume", "--jobs", "1")
    assert "checked 1 document (2 done before)" in again.stderr
    assert run_verify("batch", str(root), "--out-dir", str(tmp_path / "whole"), "--jobs", "1").returncode == 1
    assert read_tables(out) == read_tables(tmp_path / "whole")
    assert column(out / "documents.csv", "doc_id").count("item1.txt") == 1


EDITED = {"item03.txt": 33, "item21.txt": 45, "item17b.txt": 46}  # done, not yet done, failed: now article(N)


@pytest.mark.parametrize("jobs,kill", [(1, "check"), (2, "check"), (1, "rewrite")])
def test_articles_edited_between_killed_runs_end_with_every_row_once(tmp_path: Path, jobs: int, kill: str):
    """A run killed half-way; articles edited (one done, one not reached, one that failed); the resumed
    run killed too (after the edited article's new rows were written, or between the tables it
    rewrites); resumed again: the tables of one uninterrupted run over the edited articles."""
    corpus, out = make_corpus(tmp_path / "corpus"), tmp_path / "out"
    args = [str(corpus), "--out-dir", str(out), "--jobs", str(jobs)]
    killed_run(*args, KILL_AFTER=LOCAL_CHUNK + 4)
    assert "item03.txt" in column(out / "documents.csv", "doc_id")
    for name, n in EDITED.items():
        (corpus / name).write_text(article(n), encoding="utf-8")
    assert run_verify("batch", str(corpus), "--out-dir", str(tmp_path / "whole"), "--jobs", "1").returncode == 1
    if kill == "check":  # item03 comes first among the documents to check: one process writes its chunk
        # and is killed in the next; of two processes (26 documents to check) each is killed in its first
        killed_run(*args, "--resume", KILL_AFTER=LOCAL_CHUNK + 2 if jobs == 1 else 8)
        hashes = [row[2] for row in read_rows(out / "documents.csv", DOCUMENTS) if row[0] == "item03.txt"]
        assert hashes == [content_hash(article(33))] or jobs > 1 and not hashes  # two workers: a race
    else:  # documents.csv rewritten without item03, findings.csv not yet
        killed_run(*args, "--resume", KILL_AFTER_REWRITES=1)
        assert "item03.txt" not in column(out / "documents.csv", "doc_id")
        assert "item03.txt" in column(out / "findings.csv", "doc_id")
    resumed = run_verify("batch", *args, "--resume")
    assert resumed.returncode == 1, resumed.stderr
    assert read_tables(out) == read_tables(tmp_path / "whole")


def write_table(path: Path, table: Table, rows: list[list[str]], cut: int | None = None) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(table.columns), *rows])
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(data[:cut] if cut is not None else data)
    return data


def doc_row(doc_id: str, status: str = "ok") -> list[str]:
    values = dict.fromkeys(DOCUMENTS.columns, "1")
    values.update(doc_id=doc_id, status=status, content_hash=f"h-{doc_id}", error="" if status == "ok" else "bad",
                  html="")
    return list(values.values())


def finding_row(doc_id: str, message: str = "9 + 4 + 3 = 16") -> list[str]:
    return [doc_id, "V101", "vote-sum-mismatch", "contradicted", "error", "3", "1", "10", "20", "text", message, ""]


def test_prepare_drops_rows_of_documents_in_flight_and_failed_ones(tmp_path: Path):
    write_table(tmp_path / "documents.csv", DOCUMENTS, [doc_row("a"), doc_row("b", "error"), doc_row("c")],
                cut=-5)  # "c" cut short: in flight
    data = write_table(tmp_path / "findings.csv", FINDINGS,
                       [finding_row("a"), finding_row("c"), finding_row("d"), finding_row("a", "second")])
    assert prepare_resume(tmp_path, lambda: [("a", "h-a"), ("b", "h-b"), ("c", "h-c")]) == {("a", "h-a")}
    assert column(tmp_path / "documents.csv", "doc_id") == ["a"]
    assert column(tmp_path / "findings.csv", "message") == ["9 + 4 + 3 = 16", "second"]
    assert len((tmp_path / "findings.csv").read_bytes()) < len(data)


def test_prepare_drops_the_rows_of_documents_edited_since(tmp_path: Path):
    write_table(tmp_path / "documents.csv", DOCUMENTS, [doc_row("a"), doc_row("b")])
    write_table(tmp_path / "findings.csv", FINDINGS, [finding_row("a"), finding_row("b"), finding_row("a", "2nd")])
    now = [("a", "h-a-edited"), ("b", "h-b"), ("new", "h-new")]
    assert prepare_resume(tmp_path, lambda: now) == {("b", "h-b")}
    assert column(tmp_path / "documents.csv", "doc_id") == ["b"]
    assert column(tmp_path / "findings.csv", "doc_id") == ["b"]


def test_prepare_reads_the_inputs_only_when_documents_are_recorded(tmp_path: Path):
    def unread():
        raise AssertionError("the inputs were read")

    assert prepare_resume(tmp_path, unread) == set()
    write_table(tmp_path / "documents.csv", DOCUMENTS, [doc_row("b", "error")])
    assert prepare_resume(tmp_path, unread) == set()


cells = st.text(alphabet=st.sampled_from('ab,"\r\n é'), max_size=6)


@given(st.lists(st.lists(cells, min_size=12, max_size=12), min_size=1, max_size=5), st.data())
def test_a_table_cut_anywhere_reads_as_its_complete_rows(rows, data):
    """Wherever a kill cuts the file, read_rows gives exactly the rows written in full before the cut."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FINDINGS.columns)
    ends = []
    for row in rows:
        writer.writerow(row)
        ends.append(len(buffer.getvalue().encode("utf-8")))
    whole = buffer.getvalue().encode("utf-8")
    header_end = len("\r\n".join([",".join(FINDINGS.columns), ""]).encode())
    cut = data.draw(st.integers(header_end, len(whole)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "findings.csv")
        path.write_bytes(whole[:cut])
        assert list(read_rows(path, FINDINGS)) == [row for row, end in zip(rows, ends) if end <= cut]


def test_a_cell_longer_than_the_csv_modules_limit_is_read_not_taken_for_a_cut(tmp_path: Path):
    """A 200 KB message (the csv module stops at 128 KiB by default) must not end the table there."""
    long = "x" * 200_000
    write_table(tmp_path / "findings.csv", FINDINGS,
                [finding_row("a"), finding_row("b", long), finding_row("c")])
    assert [row[0] for row in read_rows(tmp_path / "findings.csv", FINDINGS)] == ["a", "b", "c"]
    assert csv.field_size_limit() == 128 * 1024  # lifted only while reading
