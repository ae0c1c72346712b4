"""`verify refs list | show | validate | sync` and `verify check --refs DIR` end to end: what users see
on the terminal, the exit codes, and that a user's tables change the verdicts."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from verify.cli import main
from verify.reference.loader import BUNDLED
from verify.reference.schemas import SCHEMAS

FACTS_HEADER = "key,kind,subject,keywords,nouns,unit,value,low,high,date,as_of,source,url,note\n"
BODIES_HEADER = "body,jurisdiction,seats,valid_from,valid_to,size_type,note,source\n"
MEMBERSHIPS_HEADER = "body,iso3,member_name,common_name,role,valid_from,valid_to,note,source,source_updated\n"
ALIASES_HEADER = "iso3,alias,alias_type,note,source\n"

# a user figure for a key we do not ship: `refs list` must show the user's file beside ours
OWN_FACT = ("ruritania_refugees_2020,count,Ruritanian refugees abroad,ruritania|ruritanian,,refugees,12000,,,,"
            "2020-06-30,Ruritanian Refugee Office,,\n")
# the bundled key syria_deaths_2016_estimates (250,000 to 470,000) with a range that excludes 300,000
SYRIA_OVERRIDE = ("syria_deaths_2016_estimates,count,people killed in the Syrian war (newsroom's own range),"
                  "syria|syrian,,deaths,,400000,470000,,2016-04-22,newsroom research desk,,\n")
SYRIA_TOLL = "Diplomats said the war in Syria had claimed 300,000 lives by the time of the vote.\n"
# Germany was not on the council in 2016; a user row puts it there
GERMANY_VOTE = "On 8 October 2016 the Security Council rejected the draft; Germany and Russia voted against.\n"
GERMANY_2016 = "UN Security Council,DEU,Germany,Germany,elected,2016-01-01,2016-12-31,,newsroom test row,\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def refs_dir(tmp_path: Path, **files: str | bytes) -> Path:
    """A --refs directory holding the given tables (`facts="..."` -> facts.csv)."""
    directory = tmp_path / "refs"
    directory.mkdir(exist_ok=True)
    for table, content in files.items():
        path = directory / SCHEMAS[table].filename
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return directory


def csv_line(row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    return out.getvalue()


def assert_one_error_line(result: Result, path: Path, row: int, column: str) -> str:
    """Exit 2 and exactly one line on stderr, naming the file, the row and the column; no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught error
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("verify: error: ")
    assert f"{path}:{row}:" in line
    assert f"column {column!r}" in line
    assert "Traceback" not in result.output
    return line


# --- refs list ---------------------------------------------------------------------------------

LISTING = re.compile(r"^(?P<table>\S+)\s+(?P<rows>[\d,]+) rows  (?P<path>\S+)  \((?P<summary>.+)\)$")


def listing(output: str) -> list[tuple[str, int, str]]:
    rows = []
    for line in output.splitlines():
        m = LISTING.match(line)
        assert m, f"unexpected line in `refs list`: {line!r}"
        rows.append((m["table"], int(m["rows"].replace(",", "")), m["path"]))
    return rows


def test_list_shows_every_bundled_table_with_rows() -> None:
    result = run("refs", "list")
    assert result.exit_code == 0, result.output
    rows = listing(result.stdout)
    assert [table for table, _, _ in rows] == list(SCHEMAS)
    for table, count, path in rows:
        assert count > 0, table
        assert Path(path) == BUNDLED / SCHEMAS[table].filename


def test_list_includes_a_user_table(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, facts=FACTS_HEADER + OWN_FACT)
    rows = listing(run("refs", "list", "--refs", str(user)).stdout)
    facts = [(count, path) for table, count, path in rows if table == "facts"]
    assert len(facts) == 2
    assert facts[0][1] == str(BUNDLED / "facts.csv") and facts[0][0] > 1
    assert facts[1] == (1, str(user / "facts.csv"))
    assert {table for table, _, _ in rows} == set(SCHEMAS)  # the bundled tables are all still there


def test_list_with_a_malformed_user_table_is_one_line(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, bodies=BODIES_HEADER + "Test Assembly,US,five,2016,,actual,,test\n")
    assert_one_error_line(run("refs", "list", "--refs", str(user)), user / "bodies.csv", 2, "seats")


# --- refs show ---------------------------------------------------------------------------------


def bundled_rows(table: str) -> list[str]:
    path = BUNDLED / SCHEMAS[table].filename
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
        return [csv_line(row) for row in csv.reader(fh)]


def test_show_limits_rows_and_marks_the_cut() -> None:
    result = run("refs", "show", "bodies", "--limit", "3")
    assert result.exit_code == 0, result.output
    expected = bundled_rows("bodies")
    assert len(expected) > 4  # so that the cut shows
    assert result.stdout.splitlines() == [f"# {BUNDLED / 'bodies.csv'}", *expected[:4], "..."]
    assert expected[0].startswith("body,jurisdiction,seats")


def test_show_limit_zero_prints_every_row() -> None:
    result = run("refs", "show", "bodies", "--limit", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"# {BUNDLED / 'bodies.csv'}", *bundled_rows("bodies")]
    assert "..." not in result.stdout.splitlines()


def test_show_a_user_file_after_ours(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, facts=FACTS_HEADER + OWN_FACT)
    lines = run("refs", "show", "facts", "--limit", "1", "--refs", str(user)).stdout.splitlines()
    assert lines[:2] == [f"# {BUNDLED / 'facts.csv'}", FACTS_HEADER.strip()]
    assert lines[3] == "..."
    assert lines[4:] == [f"# {user / 'facts.csv'}", FACTS_HEADER.strip(), OWN_FACT.strip()]


def test_show_unknown_table_names_the_known_ones() -> None:
    result = run("refs", "show", "parliaments")
    assert result.exit_code == 2
    assert "no table 'parliaments'" in result.stderr
    for table in SCHEMAS:
        assert table in result.stderr
    assert result.stdout == ""


def test_show_gzip_table() -> None:
    result = run("refs", "show", "unga_votes", "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {BUNDLED / 'unga_votes.csv.gz'}"
    assert lines[1].startswith("rcid,session,date,")
    assert re.match(r"\d+,\d+,\d{4}-\d{2}-\d{2},", lines[2]) and re.match(r"\d+,\d+,\d{4}-\d{2}-\d{2},", lines[3])
    assert lines[4:] == ["..."]


# --- refs validate -----------------------------------------------------------------------------


def test_validate_bundled_tables() -> None:
    result = run("refs", "validate")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "all tables valid"
    assert len([line for line in lines if line.startswith("ok  ")]) == len(SCHEMAS)
    assert result.stderr == ""


def test_validate_accepts_a_good_user_table(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, facts=FACTS_HEADER + OWN_FACT, memberships=MEMBERSHIPS_HEADER + GERMANY_2016)
    result = run("refs", "validate", "--refs", str(user))
    assert result.exit_code == 0, result.output
    assert f"ok  {user / 'facts.csv'}: 1 rows" in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "all tables valid"


MALFORMED = {  # table -> (content, bad row, column named)
    "bodies": (BODIES_HEADER + "Test Assembly,US,100,2016,,actual,,test\n"
               "Test Assembly,US,one hundred,2017,,actual,,test\n", 3, "seats"),
    "memberships": ("body,iso3,member_name,common_name,valid_from,valid_to,note,source,source_updated\n"
                    "UN Security Council,DEU,Germany,Germany,2016-01-01,2016-12-31,,test,\n", 1, "role"),
    "facts": (FACTS_HEADER + OWN_FACT +
              "ruritania_war_start,start_date,Ruritanian war,ruritania,war,date,,,,2011-02-30,2011,test,,\n",
              3, "date"),
    "entity_aliases": (ALIASES_HEADER + "GBR,Blighty,name,,test\nQQQ,Ruritania,name,,test\n", 3, "iso3"),
}


@pytest.mark.parametrize("table", list(MALFORMED))
def test_validate_malformed_user_table(tmp_path: Path, table: str) -> None:
    content, row, column = MALFORMED[table]
    user = refs_dir(tmp_path, **{table: content})
    result = run("refs", "validate", "--refs", str(user))
    assert_one_error_line(result, user / SCHEMAS[table].filename, row, column)
    assert "all tables valid" not in result.stdout


def test_validate_malformed_table_in_a_real_process(tmp_path: Path) -> None:
    """Through the console entry point: the real stderr holds one line and no traceback."""
    content, row, column = MALFORMED["bodies"]
    user = refs_dir(tmp_path, bodies=content)
    proc = subprocess.run([sys.executable, "-m", "verify", "refs", "validate", "--refs", str(user)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.splitlines()
    assert len(err) == 1 and "Traceback" not in proc.stderr
    assert f"{user / 'bodies.csv'}:{row}: column {column!r}: bad value 'one hundred'" in err[0]


LATIN1_FACTS = (FACTS_HEADER + "cafe_count,count,caf\xe9s in Paris,caf\xe9,,people,1,,,,2020,test,,\n").encode("latin-1")
HUGE_FIELD_FACTS = (FACTS_HEADER + "huge,count,x,\"" + "a" * 200_000 + "\",,people,1,,,,2020,test,,\n").encode()


@pytest.mark.parametrize("content", [LATIN1_FACTS, HUGE_FIELD_FACTS], ids=["latin-1", "huge-field"])
@pytest.mark.parametrize("command", [("refs", "validate"), ("check", "-")], ids=["validate", "check"])
def test_unreadable_user_table_is_one_line(tmp_path: Path, content: bytes, command: tuple[str, ...]) -> None:
    user = refs_dir(tmp_path, facts=content)
    result = CliRunner().invoke(main, [*command, "--refs", str(user)], input="The vote was 11-2.")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert len(result.stderr.splitlines()) == 1 and str(user / "facts.csv") in result.stderr


def test_validate_impossible_date_in_bodies(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, bodies=BODIES_HEADER + "Test Assembly,US,100,2016-02-30,,actual,,test\n")
    assert_one_error_line(run("refs", "validate", "--refs", str(user)), user / "bodies.csv", 2, "valid_from")


NAN_FACT = FACTS_HEADER + SYRIA_OVERRIDE.replace(",400000,470000,", ",nan,nan,")


def test_validate_refuses_nan_in_facts(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, facts=NAN_FACT)
    assert_one_error_line(run("refs", "validate", "--refs", str(user)), user / "facts.csv", 2, "low")


def test_check_with_nan_fact_does_not_crash(tmp_path: Path) -> None:
    user = refs_dir(tmp_path, facts=NAN_FACT)
    article = tmp_path / "toll.txt"
    article.write_text(SYRIA_TOLL, encoding="utf-8")
    result = run("check", str(article), "--date", "2016-10-08", "--refs", str(user))
    assert isinstance(result.exception, SystemExit), result.exception  # a verdict or exit 2, not a crash


# --- check --refs ------------------------------------------------------------------------------


def check_json(article: Path, *extra: str) -> tuple[Result, dict]:
    result = run("check", str(article), "--format", "json", "--date", "2016-10-08", *extra)
    return result, json.loads(result.stdout)


def findings(data: dict, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == rule]


def test_user_fact_overrides_the_bundled_one_by_key(tmp_path: Path) -> None:
    article = tmp_path / "toll.txt"
    article.write_text(SYRIA_TOLL, encoding="utf-8")
    _, ours = check_json(article)
    [before] = findings(ours, "R105")
    assert before["verdict"] == "verified" and before["reference"]["key"] == "syria_deaths_2016_estimates"
    assert before["evidence"]["reference"] == [250000, 470000]

    user = refs_dir(tmp_path, facts=FACTS_HEADER + SYRIA_OVERRIDE)
    result, theirs = check_json(article, "--refs", str(user), "--fail-on", "warning")
    [after] = findings(theirs, "R105")
    assert after["verdict"] == "contradicted" and after["severity"] == "warning"
    assert after["reference"]["key"] == "syria_deaths_2016_estimates"
    assert after["reference"]["source"] == "newsroom research desk"
    assert after["evidence"]["reference"] == [400000, 470000]
    assert "400,000 to 470,000" in after["message"]
    assert result.exit_code == 1  # --fail-on warning


def test_user_membership_silences_not_a_member(tmp_path: Path) -> None:
    article = tmp_path / "vote.txt"
    article.write_text(GERMANY_VOTE, encoding="utf-8")
    result, ours = check_json(article)
    assert result.exit_code == 1
    assert [(f["verdict"], f["severity"], f["evidence"]["member"]) for f in findings(ours, "R101")] == [
        ("contradicted", "error", "DEU")]

    user = refs_dir(tmp_path, memberships=MEMBERSHIPS_HEADER + GERMANY_2016)
    result, theirs = check_json(article, "--refs", str(user))
    assert result.exit_code == 0, result.output
    r101 = findings(theirs, "R101")
    assert [f["verdict"] for f in r101] == ["verified"]
    assert "Germany" in r101[0]["message"] and "Russia" in r101[0]["message"]


def test_check_with_malformed_user_table_writes_no_report(tmp_path: Path) -> None:
    article = tmp_path / "vote.txt"
    article.write_text(GERMANY_VOTE, encoding="utf-8")
    content, row, column = MALFORMED["memberships"]
    user = refs_dir(tmp_path, memberships=content)
    report = tmp_path / "out" / "report.json"
    result = run("check", str(article), "--refs", str(user), "-o", str(report))
    assert_one_error_line(result, user / "memberships.csv", row, column)
    assert result.stdout == ""
    assert not report.exists() and not report.parent.exists()


def test_check_with_unknown_alias_iso3_fails_before_reading(tmp_path: Path) -> None:
    content, row, column = MALFORMED["entity_aliases"]
    user = refs_dir(tmp_path, entity_aliases=content)
    result = run("check", str(tmp_path / "missing.txt"), "--refs", str(user))
    line = assert_one_error_line(result, user / "entity_aliases.csv", row, column)
    assert "QQQ" in line and "missing.txt" not in result.output  # the article was never opened


# --- refs sync ---------------------------------------------------------------------------------

GOOD_BODIES = (BODIES_HEADER + "UN Security Council,UN,15,1966,,charter,5 permanent + 10 elected,un.org\n"
               "Test Assembly,US,100,2016,,actual,,test\n").encode()


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {"/bodies.csv": GOOD_BODIES}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        payload = body if body is not None else b"not found"
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def base_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_sync_updates_then_reports_a_failed_source(base_url: str, tmp_path: Path) -> None:
    dest = tmp_path / "ref"
    result = run("refs", "sync", "--dest", str(dest), "--source", f"bodies={base_url}/bodies.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"bodies: {base_url}/bodies.csv: updated, 2 rows"]
    assert (dest / "bodies.csv").read_bytes() == GOOD_BODIES

    again = run("refs", "sync", "--dest", str(dest), "--source", f"bodies={base_url}/bodies.csv")
    assert again.exit_code == 0 and "unchanged, 2 rows" in again.stdout

    failed = run("refs", "sync", "--dest", str(dest), "--source", f"bodies={base_url}/gone.csv")
    assert failed.exit_code == 1
    assert failed.stdout.splitlines() == [f"bodies: {base_url}/gone.csv: HTTP 404 Not Found"]
    assert (dest / "bodies.csv").read_bytes() == GOOD_BODIES  # the old table stays


def test_sync_checksum_mismatch_fails(base_url: str, tmp_path: Path) -> None:
    dest = tmp_path / "ref"
    result = run("refs", "sync", "--dest", str(dest), "--source", f"bodies={base_url}/bodies.csv#sha256={'0' * 64}")
    assert result.exit_code == 1
    assert "checksum mismatch" in result.stdout
    assert not (dest / "bodies.csv").exists()


def test_sync_then_check_uses_the_synced_table(base_url: str, tmp_path: Path) -> None:
    dest = tmp_path / "ref"
    assert run("refs", "sync", "--dest", str(dest), "--source", f"bodies={base_url}/bodies.csv").exit_code == 0
    rows = listing(run("refs", "list", "--refs", str(dest)).stdout)
    assert ("bodies", 2, str(dest / "bodies.csv")) in rows


@pytest.mark.parametrize("spec", ["bodies", "bodies=", "bodies=#sha256=abc"])
def test_sync_malformed_source_is_a_usage_error(tmp_path: Path, spec: str) -> None:
    result = run("refs", "sync", "--dest", str(tmp_path / "ref"), "--source", spec)
    assert result.exit_code == 2
    assert "expected TABLE=URL" in result.stderr
    assert not (tmp_path / "ref").exists()


def test_sync_without_source_is_a_usage_error(tmp_path: Path) -> None:
    result = run("refs", "sync", "--dest", str(tmp_path / "ref"))
    assert result.exit_code == 2
    assert "nothing to sync" in result.stderr and "--source" in result.stderr
    assert not (tmp_path / "ref").exists()


def test_sync_without_dest_is_a_usage_error() -> None:
    result = run("refs", "sync", "--source", "bodies=http://127.0.0.1:9/bodies.csv")
    assert result.exit_code == 2 and "--dest" in result.stderr
