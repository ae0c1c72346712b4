"""`verify batch --resume`: a run killed half-way, then resumed, ends with the tables of a run that
was never interrupted (no row lost, none repeated)."""

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
from verify.batch.resume import prepare_resume
from verify.batch.rows import DOCUMENTS, FINDINGS, Table
from verify.batch.tables import read_rows

DOCS = 40

# Runs `verify batch` with the check of each document counted: after KILL_AFTER documents in one
# process, the whole process group (the run and its workers) gets SIGKILL, mid-chunk.
KILLING_RUN = textwrap.dedent("""
    import os, signal, sys
    import verify.batch.worker as worker
    from verify.cli import main

    checked, limit, real = 0, int(os.environ["KILL_AFTER"]), worker.check_document

    def check_then_die(doc, refs):
        global checked
        checked += 1
        if checked > limit:
            os.killpg(0, signal.SIGKILL)
        return real(doc, refs)

    worker.check_document = check_then_die
    main(sys.argv[1:], prog_name="verify")
""")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for n in range(DOCS):
        (root / f"item{n:02}.txt").write_text(article(n), encoding="utf-8")
    (root / "item17b.txt").write_bytes(b"\x00binary\x00")  # an error row, tried again on resume
    return root


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("whole") / "out"
    assert run_verify("batch", str(corpus), "--out-dir", str(out), "--jobs", "1").returncode == 2
    return read_tables(out)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_killed_half_way_then_resumed_has_every_row_once(corpus: Path, uninterrupted: dict,
                                                               tmp_path: Path, jobs: int):
    out = tmp_path / "out"
    kill_after = LOCAL_CHUNK + 4  # in the middle of a process's second chunk
    killed = subprocess.run([sys.executable, "-c", KILLING_RUN, "batch", str(corpus), "--out-dir", str(out),
                             "--jobs", str(jobs)], env={**os.environ, "KILL_AFTER": str(kill_after)},
                            start_new_session=True, capture_output=True, text=True, timeout=300, check=False)
    assert killed.returncode == -signal.SIGKILL
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


def test_a_changed_document_is_checked_again(tmp_path: Path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(3):
        (root / f"item{n}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "out"
    run_verify("batch", str(root), "--out-dir", str(out), "--jobs", "1")
    (root / "item1.txt").write_text(article(11), encoding="utf-8")
    again = run_verify("batch", str(root), "--out-dir", str(out), "--resume", "--jobs", "1")
    assert "checked 1 document (3 done before)" in again.stderr


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
    assert prepare_resume(tmp_path) == {("a", "h-a")}
    assert column(tmp_path / "documents.csv", "doc_id") == ["a"]
    assert column(tmp_path / "findings.csv", "message") == ["9 + 4 + 3 = 16", "second"]
    assert len((tmp_path / "findings.csv").read_bytes()) < len(data)


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
