"""`verify batch`: every kind of input, bad documents in the middle, exit codes, pages and Parquet."""

from __future__ import annotations

import csv
import io
import json
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from batch_corpus import article, column, read_table, read_tables
from verify.batch.inputs import InputOptions, count_items, iter_items
from verify.check import check_document
from verify.cli import main
from verify.document import load_path, load_record

TABLES = ("documents", "findings", "claims", "votes")


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def documents(out: Path) -> dict[str, dict[str, str]]:
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        return {row["doc_id"]: row for row in csv.DictReader(fh)}


def findings_by_doc(out: Path) -> dict[str, Counter]:
    found: dict[str, Counter] = {}
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            found.setdefault(row["doc_id"], Counter())[
                (row["rule"], row["severity"], row["verdict"], int(row["start"]), int(row["end"]), row["message"])] += 1
    return found


def assert_same_as_check(out: Path, expected: dict) -> None:
    """Each document's row and findings equal what check_document reports for it alone."""
    docs, found = documents(out), findings_by_doc(out)
    for doc_id, doc in expected.items():
        report = check_document(doc)
        row, summary = docs[doc_id], report.summary()
        assert row["status"] == "ok" and row["error"] == ""
        shared = [k for k in summary if k not in ("unverified", "baselined")]  # batch takes no baseline
        assert {k: int(row[k]) for k in shared} == {k: summary[k] for k in shared}
        assert found.get(doc_id, Counter()) == Counter(
            (f.rule, f.severity, f.verdict, f.start, f.end, f.message) for f in report.findings)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "2016" / "october").mkdir(parents=True)
    for n in range(6):
        (root / "2016" / f"item{n}.txt").write_text(article(n), encoding="utf-8")
    (root / "2016" / "october" / "story.md").write_text("# Council vote\n\n" + article(7), encoding="utf-8")
    (root / "page.html").write_text(f"<html><body><p>{article(8)}</p></body></html>", encoding="utf-8")
    (root / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # not matched by the default globs
    (root / ".hidden.txt").write_text(article(9), encoding="utf-8")
    return root


def test_a_directory_gives_the_rows_check_gives_each_file(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    code, err = batch(str(corpus), "--out-dir", str(out), "--jobs", "2", "--fail-on", "never")
    assert code == 0, err
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md", ".html") and p.name[0] != ".")
    expected = {p.relative_to(corpus).as_posix(): load_path(p) for p in files}
    assert set(documents(out)) == set(expected)
    assert count_items((str(corpus),), InputOptions()) == len(expected)
    assert_same_as_check(out, expected)
    assert any(row["rule"] == "V101" for row in csv.DictReader((out / "findings.csv").open()))
    assert (out / "summary.json").exists() and (out / "index.html").exists()


def test_finding_text_is_the_span_of_the_document(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    batch(str(corpus), "--out-dir", str(out), "--jobs", "1")
    with (out / "findings.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (corpus / row["doc_id"]).read_text(encoding="utf-8")
            assert row["text"] == text[int(row["start"]):int(row["end"])]


def test_json_lines_records_ids_dates_and_a_bad_line(tmp_path: Path):
    lines = [json.dumps({"id": "a-1", "text": article(1), "published": "2016-10-08", "title": "First"}),
             json.dumps({"text": article(2)}),  # no id: the file name and line number
             "{not json",
             "",
             json.dumps({"id": 7, "text": article(3)}),
             json.dumps(["a list"]),
             json.dumps({"id": "no-text"})]
    source = tmp_path / "feed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = batch(str(source), "--out-dir", str(out), "--jobs", "1")
    assert code == 2
    docs = documents(out)
    assert set(docs) == {"a-1", "feed.jsonl:2", "feed.jsonl:3", "7", "feed.jsonl:6", "no-text"}
    assert count_items((str(source),), InputOptions()) == len(docs)
    assert docs["a-1"]["published"] == "2016-10-08" and docs["a-1"]["title"] == "First"
    assert docs["a-1"]["date_source"] == "metadata"
    assert docs["feed.jsonl:3"]["status"] == "error"
    assert docs["feed.jsonl:3"]["error"].startswith(f"{source}:3: invalid JSON")
    assert docs["feed.jsonl:6"]["error"].startswith(f"{source}:6: ")
    assert docs["no-text"]["status"] == "error" and "text" in docs["no-text"]["error"]
    assert_same_as_check(out, {
        "a-1": load_record(json.loads(lines[0]), source="", doc_id="a-1"),
        "feed.jsonl:2": load_record(json.loads(lines[1]), source="", doc_id="feed.jsonl:2"),
        "7": load_record(json.loads(lines[4]), source="", doc_id="7")})
    assert "1 document" not in err and "3 documents could not be read" in err.splitlines()[-1]


def test_csv_with_named_columns_and_text_over_several_lines(tmp_path: Path):
    source = tmp_path / "archive.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["key", "day", "body", "section"])
        for n in range(5):
            writer.writerow([f"k{n}", "2016-10-08" if n % 2 else "", article(n), "world"])
    out = tmp_path / "out"
    code, err = batch(str(source), "--out-dir", str(out), "--text-column", "body", "--id-column", "key",
                      "--date-column", "day", "--fail-on", "never")
    assert code == 0, err
    docs = documents(out)
    assert set(docs) == {f"k{n}" for n in range(5)} and count_items((str(source),), InputOptions()) == 5
    assert [docs[f"k{n}"]["published"] for n in range(5)] == ["", "2016-10-08", "", "2016-10-08", ""]
    assert_same_as_check(out, {f"k{n}": load_record({"text": article(n)}, source="", doc_id=f"k{n}",
                                                    published="2016-10-08" if n % 2 else None)
                               for n in range(5)})


def test_a_table_without_the_text_column_is_one_error_row(tmp_path: Path):
    source = tmp_path / "wrong.csv"
    source.write_text("id,content\n1,hello\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _ = batch(str(source), "--out-dir", str(out))
    assert code == 2
    (row,) = documents(out).values()
    assert row["status"] == "error" and "no column 'text'" in row["error"] and str(source) in row["error"]


def test_parquet_is_read_row_group_by_row_group(tmp_path: Path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": [f"p{n}" for n in range(7)], "text": [article(n) for n in range(7)],
                      "published": [None] * 7})
    source = tmp_path / "archive.parquet"
    pq.write_table(table, source, row_group_size=2)
    assert pq.ParquetFile(source).num_row_groups == 4
    out = tmp_path / "out"
    code, err = batch(str(source), "--out-dir", str(out), "--fail-on", "never", "--jobs", "2")
    assert code == 0, err
    assert_same_as_check(out, {f"p{n}": load_record({"text": article(n)}, source="", doc_id=f"p{n}")
                               for n in range(7)})
    assert count_items((str(source),), InputOptions()) == 7


@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_archives_are_read_member_by_member(tmp_path: Path, kind: str):
    members = {f"2016/item{n}.txt": article(n).encode() for n in range(4)}
    members["2016/readme.pdf"] = b"%PDF not an article"
    source = tmp_path / f"articles.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(source, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    else:
        with tarfile.open(source, "w:gz") as archive:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    out = tmp_path / "out"
    code, err = batch(str(source), "--out-dir", str(out), "--fail-on", "never")
    assert code == 0, err
    expected = {f"{source.name}:2016/item{n}.txt": load_record({"text": article(n)}, source="",
                                                                doc_id=f"{source.name}:2016/item{n}.txt")
                for n in range(4)}
    assert set(documents(out)) == set(expected)
    assert_same_as_check(out, expected)
    assert count_items((str(source),), InputOptions()) == 4


def test_bad_files_in_the_middle_become_error_rows_and_the_rest_is_checked(tmp_path: Path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(8):
        (root / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    (root / "a3b-empty.txt").write_bytes(b"")
    (root / "a4b-binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x00")
    (root / "a5b-corrupt.txt").write_bytes(article(20).encode()[:200] + b"\xff\xfe\xc3(" + b" more text")
    (root / "a6b-huge.txt").write_text(article(21) * 40, encoding="utf-8")
    out = tmp_path / "out"
    code, err = batch(str(root), "--out-dir", str(out), "--jobs", "2", "--max-bytes", "5000")
    assert code == 2
    assert "4 documents could not be read or checked" in err.strip().splitlines()[-1]
    docs = documents(out)
    bad = {doc_id: row["error"] for doc_id, row in docs.items() if row["status"] == "error"}
    assert set(bad) == {"a3b-empty.txt", "a4b-binary.txt", "a5b-corrupt.txt", "a6b-huge.txt"}
    assert all(msg.startswith(str(root / doc_id)) and "\n" not in msg for doc_id, msg in bad.items())
    assert "not valid UTF-8 (byte 0xff at offset 200)" in bad["a5b-corrupt.txt"]
    assert "too large" in bad["a6b-huge.txt"]
    assert_same_as_check(out, {f"a{n}.txt": load_path(root / f"a{n}.txt") for n in range(8)})
    for name in ("findings", "claims", "votes"):
        assert not set(column(out / f"{name}.csv", "doc_id")) & set(bad)


def test_exit_code_follows_fail_on(corpus: Path, tmp_path: Path):
    assert batch(str(corpus), "--out-dir", str(tmp_path / "a"), "--jobs", "1")[0] == 1  # V101 errors
    assert batch(str(corpus), "--out-dir", str(tmp_path / "b"), "--jobs", "1", "--fail-on", "never")[0] == 0
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"text": article(1)}) + "\n", encoding="utf-8")
    assert batch(str(clean), "--out-dir", str(tmp_path / "c"), "--jobs", "1")[0] == 0


def test_an_out_dir_with_tables_needs_resume(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    batch(str(corpus), "--out-dir", str(out), "--jobs", "1")
    before = (out / "documents.csv").read_bytes()
    code, err = batch(str(corpus), "--out-dir", str(out), "--jobs", "1")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--resume" in err and str(out) in err
    assert (out / "documents.csv").read_bytes() == before


def test_glob_chooses_the_files(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    code, err = batch(str(corpus), "--out-dir", str(out), "--glob", "2016/*.txt", "--fail-on", "never")
    assert code == 0, err
    assert set(documents(out)) == {f"2016/item{n}.txt" for n in range(6)}


def test_the_out_dir_inside_the_input_is_not_read(corpus: Path):
    out = corpus / "audit"
    command = (str(corpus), "--out-dir", str(out), "--html", "--fail-on", "never")
    code, err = batch(*command)
    assert code == 0, err
    assert list(out.glob("pages/*.html")) and (out / "index.html").exists()
    (corpus / "later.txt").write_text(article(10), encoding="utf-8")
    code, err = batch(*command, "--resume")  # now the pages and index.html of the first run lie in the input
    assert code == 0, err
    assert "later.txt" in documents(out)
    assert not any(doc_id.startswith("audit/") for doc_id in documents(out))


def test_html_pages_are_written_and_linked(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    batch(str(corpus), "--out-dir", str(out), "--html", "--jobs", "2")
    docs = documents(out)
    assert all(row["html"].startswith("pages/") for row in docs.values())
    assert len({row["html"] for row in docs.values()}) == len(docs)
    for doc_id, row in docs.items():
        page = (out / row["html"]).read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "Security Council" in page


def test_parquet_tables_hold_the_csv_rows(corpus: Path, tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    batch(str(corpus), "--out-dir", str(out), "--parquet", "--jobs", "1")
    for name in TABLES:
        table = pq.read_table(out / f"{name}.parquet")
        assert table.num_rows == sum(read_table(out / f"{name}.csv").values())
        assert table.column_names == list(csv.reader((out / f"{name}.csv").open()))[0]
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    assert {(r["doc_id"], r["rule"], r["start"]) for r in findings} == \
           {(r["doc_id"], r["rule"], int(r["start"])) for r in csv.DictReader((out / "findings.csv").open())}


def test_one_worker_and_two_give_the_same_tables(corpus: Path, tmp_path: Path):
    batch(str(corpus), "--out-dir", str(tmp_path / "one"), "--jobs", "1")
    batch(str(corpus), "--out-dir", str(tmp_path / "two"), "--jobs", "2")
    assert read_tables(tmp_path / "one") == read_tables(tmp_path / "two")


def test_reading_is_lazy(tmp_path: Path):
    """The first item comes before later files exist: nothing is listed or read ahead."""
    source = tmp_path / "feed.jsonl"
    source.write_text("".join(json.dumps({"id": n, "text": article(n)}) + "\n" for n in range(3)))
    items = iter_items((str(source),), InputOptions())
    assert next(items).doc_id == "0"
    with source.open("a") as fh:
        fh.write(json.dumps({"id": "late", "text": article(9)}) + "\n")
    assert [item.doc_id for item in items] == ["1", "2", "late"]


def test_oversized_lines_and_cells_are_error_rows_and_reading_goes_on(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"j{n}", "text": article(n) * (30 if n == 1 else 1)})
                              for n in range(3)) + "\n", encoding="utf-8")
    table = tmp_path / "table.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "text"], *([f"c{n}", article(n) * (30 if n == 1 else 1)] for n in range(3))])
    out = tmp_path / "out"
    code, _ = batch(str(feed), str(table), "--out-dir", str(out), "--max-bytes", "5000", "--fail-on", "never")
    assert code == 2
    docs = documents(out)
    assert {d: row["status"] for d, row in docs.items()} == {
        "j0": "ok", "feed.jsonl:2": "error", "j2": "ok", "c0": "ok", "c1": "error", "c2": "ok"}
    assert docs["feed.jsonl:2"]["error"] == f"{feed}:2: line over 5,000 bytes"
    assert docs["c1"]["status"] == "error" and docs["c1"]["error"].startswith(f"{table}:row 2: too large")


def test_a_csv_cell_too_large_to_parse_ends_that_table_with_one_error_row(tmp_path: Path):
    table = tmp_path / "table.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "text"], ["c0", article(0)], ["c1", "x" * 200_000], ["c2", article(2)]])
    items = list(iter_items((str(table),), InputOptions(max_bytes=5000)))
    assert [item.doc_id for item in items] == ["c0", "table.csv:2"]
    assert items[1].error.startswith(f"{table}:row 2: line ") and "rest of the table was not read" in items[1].error


def test_workers_use_the_refs_directories(tmp_path: Path):
    """Germany did not sit on the Security Council in 2016; a user's membership row seats it, and every
    worker must see that row."""
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(4):
        (root / f"vote{n}.txt").write_text(
            f"On 8 October 2016 the Security Council rejected draft {n}; Germany and Russia voted against.\n",
            encoding="utf-8")
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "memberships.csv").write_text(
        "body,iso3,member_name,common_name,role,valid_from,valid_to,note,source,source_updated\n"
        "UN Security Council,DEU,Germany,Germany,elected,2016-01-01,2016-12-31,,test row,\n", encoding="utf-8")
    batch(str(root), "--out-dir", str(tmp_path / "bundled"), "--jobs", "2")
    batch(str(root), "--out-dir", str(tmp_path / "own"), "--jobs", "2", "--refs", str(refs))
    def r101(out: str) -> list[str]:
        with (tmp_path / out / "findings.csv").open(encoding="utf-8", newline="") as fh:
            return [row["verdict"] for row in csv.DictReader(fh) if row["rule"] == "R101"]

    assert r101("bundled") == ["contradicted"] * 4
    assert r101("own") == ["verified"] * 4


def test_scheduler_without_dask_is_a_usage_error(corpus: Path, tmp_path: Path):
    code, err = batch(str(corpus), "--out-dir", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and "--scheduler needs --engine dask" in err
    assert not (tmp_path / "out").exists()
