"""`verify batch --engine dask`: on a LocalCluster, and on a scheduler given by address, the same
tables as the local engine."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from batch_corpus import article, read_tables, run_verify

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "feed.jsonl").write_text(
        "".join(json.dumps({"id": f"j{n}", "text": article(n)}) + "\n" for n in range(30)) + "{broken\n",
        encoding="utf-8")
    for n in range(30, 40):
        (root / f"item{n}.txt").write_text(article(n), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local_tables(corpus: Path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("local") / "out"
    inputs = [str(corpus / "feed.jsonl"), str(corpus)]
    assert run_verify("batch", *inputs, "--out-dir", str(out), "--jobs", "2").returncode == 2
    return read_tables(out)


@pytest.fixture
def dashboard_port_taken():
    """Dask's default dashboard port held by another program, as on a shared machine."""
    with socket.socket() as sock:
        try:
            sock.bind(("", 8787))
            sock.listen()
        except OSError:
            pass  # taken already: just as well
        yield


def test_dask_local_cluster_gives_the_local_engine_tables(corpus: Path, local_tables: dict, tmp_path: Path,
                                                          dashboard_port_taken):
    out = tmp_path / "out"
    result = run_verify("batch", str(corpus / "feed.jsonl"), str(corpus), "--out-dir", str(out),
                        "--engine", "dask", "--jobs", "2")
    assert result.returncode == 2, result.stderr
    # our own lines only (the count, the failed document): no warning from Dask about its ports
    assert all(line.startswith("verify: ") for line in result.stderr.splitlines()), result.stderr
    assert read_tables(out) == local_tables
    assert sum(local_tables["documents"].values()) == 41
    summary = json.loads((out / "summary.json").read_text())
    assert summary["engine"] == "dask" and summary["jobs"] == 2


def test_dask_on_a_scheduler_address(corpus: Path, local_tables: dict, tmp_path: Path):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        out = tmp_path / "out"
        result = run_verify("batch", str(corpus / "feed.jsonl"), str(corpus), "--out-dir", str(out),
                            "--engine", "dask", "--scheduler", cluster.scheduler_address)
        assert result.returncode == 2, result.stderr
    assert read_tables(out) == local_tables


def test_an_unreachable_scheduler_is_one_line(corpus: Path, tmp_path: Path):
    result = run_verify("batch", str(corpus), "--out-dir", str(tmp_path / "out"), "--engine", "dask",
                        "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "tcp://127.0.0.1:9" in result.stderr


def test_dask_workers_apply_the_config(corpus: Path, local_tables: dict, tmp_path: Path):
    config = tmp_path / "audit.toml"
    config.write_text('ignore = ["V101"]\ndate = 2016-10-08\n[severity]\nV102 = "warning"\n', encoding="utf-8")
    inputs = [str(corpus / "feed.jsonl"), str(corpus), "--config", str(config), "--fail-on", "never"]
    assert run_verify("batch", *inputs, "--out-dir", str(tmp_path / "local"), "--jobs", "2").returncode == 2
    assert run_verify("batch", *inputs, "--out-dir", str(tmp_path / "dask"), "--engine", "dask",
                      "--jobs", "2").returncode == 2
    configured = read_tables(tmp_path / "dask")
    assert configured == read_tables(tmp_path / "local") and configured != local_tables
    rules = {dict(row)["rule"] for row in configured["findings"]}
    assert "V101" not in rules and any(dict(row)["rule"] == "V101" for row in local_tables["findings"])
    assert {dict(row)["published"] for row in configured["documents"] if dict(row)["status"] == "ok"} == {"2016-10-08"}
