"""`verify serve` over real HTTP: a server on 127.0.0.1 started by the tests (in a thread, or the
command itself in a subprocess), every endpoint, every refusal, the time limit, and answers that
equal `verify check --format json` of the same text."""

from __future__ import annotations

import contextlib
import json
import random
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import OpenAPIV31SpecValidator
from service_rules import BROKEN, HELD, STUCK
from service_server import HANG_GUARD, all_ready, serving, wait_until

from verify.cli import main
from verify.rules import ALL_RULES
from verify.service import inputs
from verify.service.app import RETRY_AFTER, ROUTES
from verify.service.settings import QUEUE_PER_PROCESS, Settings

LIMIT = 20_000  # the module server's body limit, small enough to exceed cheaply
VOTE_ERROR = ("Council vote\n\nThe 15-member Security Council voted 9 in favour and 4 against, with 3 "
              "abstentions, on Saturday 8 October 2016.\n")
STORY = ("Council vote on the draft\n\n"
         "The {size}-member Security Council voted {yes} in favour and {no} against, with {abstain} abstentions. "
         "{against} voted against.\n\n"
         "The blast killed {killed} people, including {children} children and {women} women, officials said.\n\n"
         "Turnout rose from {t1}% to {t2}%, an increase of {points} points, the commission sa1d.\n")
COUNCIL_2016 = ["Russia", "Venezuela", "China", "Angola", "Egypt", "France", "Japan", "Spain"]


def stories(n: int, seed: int = 8) -> list[dict]:
    """`n` records, each mixing figures that add up with figures that do not."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        yes, no = rng.randint(7, 12), rng.randint(1, 4)
        t1 = rng.randint(40, 60)
        text = STORY.format(size=rng.choice([15, 15, 16]), yes=yes, no=no, abstain=rng.randint(0, 4),
                            against=" and ".join(rng.sample(COUNCIL_2016, rng.randint(1, 3))),
                            killed=rng.randint(10, 30), children=rng.randint(1, 9), women=rng.randint(1, 20),
                            t1=t1, t2=t1 + rng.randint(1, 5), points=rng.randint(1, 5))
        record = {"id": f"story-{i:02}", "text": text}
        if i % 2:
            record["published"] = f"2016-10-{rng.randint(1, 28):02}"
        if i % 3 == 0:
            record["title"] = f"Story {i}"
        records.append(record)
    return records


def write_records(tmp_path: Path, records: list[dict]) -> list[Path]:
    paths = [tmp_path / f"record-{i:02}.json" for i in range(len(records))]
    for path, record in zip(paths, records, strict=True):
        path.write_text(json.dumps(record), encoding="utf-8")
    return paths


def cli_reports(paths: list[Path], *options: str) -> list[dict]:
    """`verify check --format json` of the files, in a process of its own."""
    out = subprocess.run([sys.executable, "-m", "verify", "check", "--format", "json", "--fail-on", "never",
                          *options, *map(str, paths)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    return data if isinstance(data, list) else [data]


def without_source(report: dict, *keys: str) -> dict:
    """A report with the document's `source` dropped (a file path on the command line, "request" in
    the service), and any other document `keys` given."""
    document = {k: v for k, v in report["document"].items() if k not in ("source", *keys)}
    return {**report, "document": document}


def post(base: str, payload=None, **kwargs) -> requests.Response:
    if payload is not None:
        kwargs["json"] = payload
    return requests.post(f"{base}/v1/check", timeout=60, **kwargs)


def refusal(response: requests.Response, status: int) -> dict:
    """The JSON error body of a refusal with `status`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status and body["error"] and body["request_id"] == response.headers["x-request-id"]
    return body


def raw_request(base: str, data: bytes) -> bytes:
    """Send `data` on a fresh connection, then read until the server closes it."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.sendall(data)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.fixture(scope="module")
def base():
    with serving(Settings(processes=2, max_body=LIMIT, time_limit=60)) as url:
        yield url


# -- the endpoints ----------------------------------------------------------------------------------

def test_check_json_equals_verify_check(base, tmp_path) -> None:
    records = stories(3)
    answers = [post(base, record) for record in records]
    for answer in answers:
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    served = [a.json() for a in answers]
    expected = cli_reports(write_records(tmp_path, records))
    assert [without_source(r) for r in served] == [without_source(r) for r in expected]
    assert {r["document"]["source"] for r in served} == {"request"}
    assert any(f["severity"] == "error" for r in served for f in r["findings"])


def test_concurrent_requests_equal_verify_check(base, tmp_path) -> None:
    records = stories(20, seed=20)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda record: post(base, record), records))
    assert [a.status_code for a in answers] == [200] * 20
    expected = cli_reports(write_records(tmp_path, records))
    assert [without_source(a.json()) for a in answers] == [without_source(r) for r in expected]
    assert len({json.dumps(r["findings"]) for r in expected}) > 10  # twenty different answers, in order


def test_check_html_report(base) -> None:
    answer = post(base, {"text": VOTE_ERROR, "format": "html", "title": "Council <vote>"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/html; charset=utf-8"
    page = answer.text
    assert page.startswith("<!DOCTYPE html>") and 'http-equiv="Content-Security-Policy"' in page
    assert "<h1>Council &lt;vote&gt;</h1>" in page
    assert 'data-rule="V101"' in page and 'data-verdict="contradicted"' in page


@pytest.mark.parametrize("media_type, suffix, text", [
    ("text/plain", ".txt", VOTE_ERROR),
    ("text/markdown; charset=utf-8", ".md",
     "---\ntitle: Council vote\n---\n# Council vote\n\nThe **15-member** Security Council voted [9](#) in "
     "favour and 4 against, with _3 abstentions_.\n\n| side | votes |\n|---|---|\n| yes | 9 |\n"),
    ("text/html", ".html", "<html><head><title>Vote</title></head><body><p>The 15-member Security Council "
     "voted 9 in favour and <b>4</b> against, with 3 abstentions.</p><script>var x = 99;</script></body></html>"),
])
def test_text_bodies_are_read_like_files(base, tmp_path, media_type, suffix, text) -> None:
    answer = post(base, data=text.encode("utf-8"), headers={"Content-Type": media_type},
                  params={"published": "2016-10-08"})
    assert answer.status_code == 200, answer.text
    path = tmp_path / f"story{suffix}"
    path.write_text(text, encoding="utf-8")
    [expected] = cli_reports([path], "--date", "2016-10-08")
    assert without_source(answer.json(), "id") == without_source(expected, "id")
    assert any(f["rule"] == "V101" and f["verdict"] == "contradicted" for f in expected["findings"])
    html = post(base, data=text.encode("utf-8"), headers={"Content-Type": media_type}, params={"format": "html"})
    assert html.status_code == 200 and 'data-rule="V101"' in html.text


def test_unknown_fields_are_ignored(base) -> None:
    plain = post(base, {"text": VOTE_ERROR})
    extra = post(base, {"text": VOTE_ERROR, "colour": "red", "options": {"deep": [1, 2]}, "format": "json"})
    assert plain.status_code == extra.status_code == 200
    assert plain.json() == extra.json()


def test_rules(base) -> None:
    answer = requests.get(f"{base}/v1/rules", timeout=30)
    assert answer.status_code == 200
    listed = answer.json()
    assert [r["code"] for r in listed] == [r.code for r in ALL_RULES] and "X901" not in str(listed)
    assert listed[0] == {"code": ALL_RULES[0].code, "name": ALL_RULES[0].name,
                         "severity": ALL_RULES[0].severity, "summary": ALL_RULES[0].summary}


def test_openapi_describes_every_route(base) -> None:
    doc = requests.get(f"{base}/openapi.json", timeout=30).json()
    assert doc["openapi"].startswith("3.1")
    OpenAPIV31SpecValidator(doc).validate()  # the official OpenAPI 3.1 schema, and the spec's own rules
    described = {(path, method.upper()) for path, item in doc["paths"].items() for method in item}
    served = {(route.path, method) for route in ROUTES for method in route.methods if method != "HEAD"}
    assert described == served
    check = doc["paths"]["/v1/check"]["post"]
    assert set(check["responses"]) == {"200", "400", "413", "415", "422", "500", "503"}
    assert f"{LIMIT:,} bytes" in check["responses"]["413"]["description"]
    refs = {v for v in json.dumps(doc).split('"') if v.startswith("#/components/schemas/")}
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(doc["components"]["schemas"])


def test_answers_match_their_openapi_schemas(base) -> None:
    doc = requests.get(f"{base}/openapi.json", timeout=30).json()

    def conform(schema: str, instance) -> None:
        OAS31Validator({"$ref": f"#/components/schemas/{schema}", "components": doc["components"]}).validate(instance)

    conform("Health", requests.get(f"{base}/healthz", timeout=30).json())
    for rule in requests.get(f"{base}/v1/rules", timeout=30).json():
        conform("Rule", rule)
    conform("Report", post(base, {"text": VOTE_ERROR}).json())
    conform("Error", refusal(post(base, {"text": 5}), 422))
    conform("Error", refusal(post(base, data=b"nine", headers={"Content-Type": "image/png"}), 415))
    with pytest.raises(Exception, match="'queue' is a required property"):
        conform("Health", {"status": "ok", "processes": {"ready": 1, "total": 1}})


def test_healthz_when_ready(base) -> None:
    answer = requests.get(f"{base}/healthz", timeout=30)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "processes": {"ready": 2, "total": 2},
                             "queue": {"waiting": 0, "limit": 2 * QUEUE_PER_PROCESS}}


def test_editor_page_is_self_contained(base) -> None:
    answer = requests.get(f"{base}/", timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/html; charset=utf-8"
    csp = answer.headers["content-security-policy"]
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp and "'unsafe-inline'" not in \
        csp.split("script-src", 1)[1].split(";")[0]
    page = answer.text
    assert "<textarea" in page and 'id="check"' in page
    for external in ("src=", "href=\"http", "@import", "url("):
        assert external not in page


# -- refusals ---------------------------------------------------------------------------------------

def test_invalid_json_is_400(base) -> None:
    body = refusal(post(base, data=b'{\n  "text": "nine votes",\n}', headers={"Content-Type": "application/json"}),
                   400)
    assert body["error"].startswith("invalid JSON: ") and body["error"].endswith(" at line 3, column 1")


@pytest.mark.parametrize("media_type", ["application/json", "text/plain"])
def test_invalid_utf8_is_400(base, media_type) -> None:
    data = b'{"text": "caf\xe9 vote"}' if media_type == "application/json" else b"caf\xe9 vote"
    body = refusal(post(base, data=data, headers={"Content-Type": media_type}), 400)
    offset = data.index(b"\xe9")
    assert f"not valid utf-8: byte 0xe9 at offset {offset}" in body["error"]


@pytest.mark.parametrize("payload, field, words", [
    ({"title": "no text"}, "text", "required"),
    ({"text": 5}, "text", "a number"),
    ({"text": ["a"]}, "text", "an array"),
    ({"text": "Nine votes.", "title": {"a": 1}}, "title", "an object"),
    ({"text": "Nine votes.", "published": 20161008}, "published", "a number"),
    ({"text": "Nine votes.", "published": "8/10/2016"}, "published", "YYYY-MM-DD"),
    ({"text": "Nine votes.", "format": "pdf"}, "format", "\"pdf\""),
    ({"text": "Nine votes.", "id": True}, "id", "integer"),
    ({"text": "Nine votes \ud800."}, "text", "surrogate"),
    ({"text": "   \n"}, "text", "empty"),
])
def test_wrong_types_and_values_are_422_naming_the_field(base, payload, field, words) -> None:
    body = refusal(post(base, data=json.dumps(payload), headers={"Content-Type": "application/json"}), 422)
    assert body["field"] == field and words in body["error"]


def test_a_body_that_is_no_object_is_422(base) -> None:
    assert "JSON object" in refusal(post(base, ["text"]), 422)["error"]


def test_unknown_content_type_is_415(base) -> None:
    body = refusal(post(base, data=b"text=nine", headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    assert "application/json" in body["error"]


def test_oversized_body_is_413(base) -> None:
    body = refusal(post(base, {"text": "Nine votes. " * (LIMIT // 10)}), 413)
    assert f"limit of {LIMIT:,} bytes" in body["error"]


def test_declared_oversize_is_refused_before_the_body_is_sent(base) -> None:
    # 100 MB declared, nothing sent: the answer comes at once, and the connection is closed
    answer = raw_request(base, b"POST /v1/check HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                               b"Content-Length: 100000000\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower()
    assert b"100,000,000 bytes is over the limit" in answer


@pytest.mark.parametrize("declared", [b"", b"Content-Length: 10\r\n"])
def test_chunked_oversize_is_refused_while_it_arrives(base, declared) -> None:
    # no (or a lying) length: chunks past the limit, and the body never finished
    chunk = b"a" * 4096
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(LIMIT // len(chunk) + 2))
    answer = raw_request(base, b"POST /v1/check HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n" + declared
                         + b"Transfer-Encoding: chunked\r\n\r\n" + chunks)
    assert answer.startswith(b"HTTP/1.1 413 ") and b"over the limit" in answer


def test_not_found_and_wrong_method_are_json(base) -> None:
    assert "/v2/check" in refusal(requests.get(f"{base}/v2/check", timeout=30), 404)["error"]
    wrong = requests.get(f"{base}/v1/check", timeout=30)
    assert "use POST" in refusal(wrong, 405)["error"] and wrong.headers["allow"] == "POST"
    refusal(requests.post(f"{base}/healthz", timeout=30), 405)


def test_no_address_in_a_request_is_ever_fetched(base) -> None:
    connections = []
    with socket.socket() as trap:
        trap.bind(("127.0.0.1", 0))
        trap.listen()
        trap.settimeout(0.2)
        url = f"http://127.0.0.1:{trap.getsockname()[1]}"
        bodies = [
            {"json": {"text": f"See {url}/a.txt for the 9 votes.", "title": url, "id": url, "published": None}},
            {"data": f'<p>Nine votes <img src="{url}/i.png"><link rel="stylesheet" href="{url}/s.css">'
                     f'<iframe src="{url}/f"></iframe><a href="{url}/x">source</a></p>'.encode(),
             "headers": {"Content-Type": "text/html"}},
            {"data": f"Nine votes ![chart]({url}/c.png) [source]({url}/m)\n".encode(),
             "headers": {"Content-Type": "text/markdown"}, "params": {"format": "html"}},
        ]
        for body in bodies:
            assert post(base, **body).status_code == 200
        with pytest.raises(TimeoutError):
            connections.append(trap.accept())
    assert connections == []


# -- start-up, time limit, the command ----------------------------------------------------------------

def test_healthz_is_503_until_the_tables_are_loaded(tmp_path, monkeypatch) -> None:
    gate = tmp_path / "gate"
    monkeypatch.setenv("VERIFY_TEST_START_GATE", str(gate))  # the spawned check process reads it
    with serving(Settings(processes=1, time_limit=0.5, extra_rules=("service_rules:HeldStart",)),
                 ready=False) as url:
        health = requests.get(f"{url}/healthz", timeout=30)
        assert health.status_code == 503
        assert health.json() == {"status": "loading", "processes": {"ready": 0, "total": 1},
                                 "queue": {"waiting": 0, "limit": QUEUE_PER_PROCESS}}
        assert "still loading" in refusal(post(url, {"text": VOTE_ERROR}), 503)["error"]
        gate.touch()
        wait_until(lambda: requests.get(f"{url}/healthz", timeout=30).status_code == 200, "the process to load")
        assert requests.get(f"{url}/healthz", timeout=30).json()["status"] == "ok"
        assert post(url, {"text": VOTE_ERROR}).status_code == 200


def test_a_check_process_that_cannot_start_is_reported() -> None:
    with serving(Settings(processes=1, extra_rules=("service_rules:NoSuchRule",)), ready=False) as url:
        wait_until(lambda: requests.get(f"{url}/healthz", timeout=30).json()["status"] != "loading",
                   "the check process to fail")
        health = requests.get(f"{url}/healthz", timeout=30)
        assert health.status_code == 503 and health.json()["status"] == "failed"
        assert "NoSuchRule" in health.json()["error"]
        assert "NoSuchRule" in refusal(post(url, {"text": VOTE_ERROR}), 503)["error"]


def test_a_check_past_the_time_limit_is_503_and_the_worker_goes_on(tmp_path) -> None:
    pid_file = tmp_path / "stuck.pid"
    with serving(Settings(processes=2, time_limit=3, extra_rules=("service_rules:NeverFinishes",))) as url:
        with ThreadPoolExecutor(max_workers=1) as client:
            stuck = client.submit(post, url, {"text": f"Nine members voted in favour. {STUCK} {pid_file}"})
            wait_until(pid_file.exists, "the stuck check to start")
            assert post(url, {"text": VOTE_ERROR}).status_code == 200  # the other process answers meanwhile
            assert "time limit of 3 s" in refusal(stuck.result(), 503)["error"]
        pid = int(pid_file.read_text())
        wait_until(lambda: not _alive(pid), "the stuck check process to be stopped")
        wait_until(lambda: all_ready(url), "a new check process in its place")
        with ThreadPoolExecutor(max_workers=2) as client:
            answers = list(client.map(lambda _: post(url, {"text": VOTE_ERROR}), range(4)))
        assert [a.status_code for a in answers] == [200] * 4
        assert all(any(f["rule"] == "V101" for f in a.json()["findings"]) for a in answers)


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped (by us, or by init for an orphan)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_verify_serve_command(tmp_path) -> None:
    port, log = _free_port(), tmp_path / "stderr.log"
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as stderr:
        server = subprocess.Popen([sys.executable, "-m", "verify", "serve", "--port", str(port), "--workers", "2",
                                   "--processes", "1", "--max-body", "3000", "--time-limit", "30",
                                   "--max-queue", "3"],
                                  stderr=stderr, stdout=subprocess.DEVNULL)
    try:
        def up_or_gone() -> bool:
            if server.poll() is not None:
                return True
            try:
                return requests.get(f"{base}/healthz", timeout=30).status_code == 200
            except requests.ConnectionError:
                return False
        wait_until(up_or_gone, "`verify serve` to answer")
        assert server.poll() is None, log.read_text()
        assert requests.get(f"{base}/healthz", timeout=30).json()["queue"] == {"waiting": 0, "limit": 3}
        answer = post(base, {"text": VOTE_ERROR}, headers={"X-Request-ID": "cms-42"})
        assert answer.status_code == 200 and answer.headers["x-request-id"] == "cms-42"
        refusal(post(base, {"text": "x" * 3000}), 413)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(60)
    assert server.returncode == 0
    lines = log.read_text().splitlines()
    assert lines[0].startswith(f"verify: serving on {base}/ (2 workers x 1 check process)")
    access = [json.loads(line) for line in lines if line.startswith("{")]
    mine = next(a for a in access if a["request_id"] == "cms-42")
    assert (mine["method"], mine["path"], mine["status"]) == ("POST", "/v1/check", 200)
    assert mine["bytes"] == len(answer.content) and mine["ms"] >= 0 and mine["time"].endswith("+00:00")
    assert any(a["status"] == 413 for a in access)


def test_verify_serve_refuses_a_bad_table_in_one_line(tmp_path) -> None:
    (tmp_path / "bodies.csv").write_text("body,jurisdiction,seats,valid_from,valid_to,size_type,note,source\n"
                                         "Test Assembly,US,five,2016,,actual,,test\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--refs", str(tmp_path)])
    assert result.exit_code == 2 and result.output.startswith("verify: error: ")
    assert len(result.output.strip().splitlines()) == 1


def test_verify_serve_without_the_extra_says_how_to_get_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "verify.service.run", raising=False)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert result.output == "verify: error: `verify serve` needs uvicorn: pip install 'verify[server]'\n"


def test_a_stuck_check_does_not_outlive_a_killed_server(tmp_path) -> None:
    pid_file, port = tmp_path / "stuck.pid", _free_port()
    launch = ("import uvicorn; from verify.service.app import create_app; from verify.service.settings import "
              f"Settings; uvicorn.run(create_app(Settings(processes=1, time_limit=600, extra_rules="
              f"('service_rules:NeverFinishes',))), host='127.0.0.1', port={port}, log_level='warning')")
    server = subprocess.Popen([sys.executable, "-c", launch], cwd=Path(__file__).parent, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: server.poll() is not None or _answers(f"{base}/healthz"), "the server to load")
        with ThreadPoolExecutor(max_workers=1) as client:
            client.submit(_ignore_errors, post, base, {"text": f"{STUCK} {pid_file}"})
            wait_until(pid_file.exists, "the stuck check to start")
            server.kill()  # no shutdown: the check process is left behind, stuck
            server.wait()
        pid = int(pid_file.read_text())
        wait_until(lambda: not _alive(pid), "the orphaned check process to end")
    finally:
        server.kill()
        server.wait()


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=30).status_code == 200
    except requests.ConnectionError:
        return False


def _ignore_errors(call, *args) -> None:
    with contextlib.suppress(requests.RequestException):
        call(*args)


def test_connections_on_the_listening_socket_get_tcp_nodelay() -> None:
    # asyncio sets TCP_NODELAY only on sockets that say they are TCP; without it, with --workers > 1,
    # every keep-alive answer waited for a delayed ACK (uvicorn issue 3149)
    import asyncio

    from verify.service.run import listen

    async def nodelay_of_one_connection() -> int:
        accepted = asyncio.get_running_loop().create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Record, sock=listen("127.0.0.1", 0))
        port = server.sockets[0].getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await asyncio.wait_for(accepted, 60)
        finally:
            writer.close()
            server.close()

    assert asyncio.run(nodelay_of_one_connection()) != 0


def test_verify_serve_on_a_port_in_use_says_so_in_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output == f"verify: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


# -- large bodies: parsed in a thread, answered as small ones are --------------------------------------

LARGE = "x" * inputs.PARSE_IN_THREAD  # padding that puts a body over the size parsed on the event loop


@pytest.fixture(scope="module")
def roomy():
    with serving(Settings(processes=1, max_body=2_000_000, time_limit=HANG_GUARD)) as url:
        yield url


def test_a_large_body_is_parsed_while_the_server_goes_on_answering(roomy, monkeypatch) -> None:
    # the parse of a large body is held until /healthz has been answered: on the event loop, it would
    # hold /healthz too, until the hang guard let it go, and the parse would end first
    parsing, answered, ended_first, threads = threading.Event(), threading.Event(), [], []

    def held_parse(*args):
        parsing.set()
        threads.append(threading.current_thread())
        answered.wait(HANG_GUARD)
        ended_first.append(not answered.is_set())
        return parse_job(*args)

    parse_job = inputs.parse_job
    monkeypatch.setattr(inputs, "parse_job", held_parse)
    with ThreadPoolExecutor(max_workers=1) as client:
        large = client.submit(post, roomy, {"text": VOTE_ERROR, "padding": LARGE})
        wait_until(parsing.is_set, "the large body's parse to start")
        health = requests.get(f"{roomy}/healthz", timeout=2 * HANG_GUARD)
        answered.set()
        assert health.status_code == 200 and not ended_first
        assert large.result().status_code == 200 and ended_first == [False]
    assert post(roomy, {"text": VOTE_ERROR}).status_code == 200  # a small body: parsed on the event loop
    assert len(threads) == 2 and threads[0] is not threads[1]


def test_large_bodies_equal_verify_check(roomy, tmp_path) -> None:
    text = "\n\n".join(record["text"] for record in stories(240, seed=64))
    record = {"id": "long", "text": text, "published": "2016-10-08"}
    assert len(json.dumps(record).encode("utf-8")) > inputs.PARSE_IN_THREAD
    answer = post(roomy, record)
    assert answer.status_code == 200
    [expected] = cli_reports(write_records(tmp_path, [record]))
    assert without_source(answer.json()) == without_source(expected)
    plain = post(roomy, data=text.encode("utf-8"), headers={"Content-Type": "text/plain"},
                 params={"published": "2016-10-08"})
    # the date comes from the query ("given") there, from the record ("metadata") here
    assert without_source(plain.json(), "id", "date_source") == without_source(expected, "id", "date_source")


def _large_refusals() -> list[tuple[bytes, int, str | None, str]]:
    pad = f'"padding": "{LARGE}", '.encode()
    trailing_comma = b'{' + pad + b'\n"text": "nine",\n}'
    try:
        json.loads(trailing_comma)
    except json.JSONDecodeError as exc:
        where = f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    bad_byte = b'{' + pad + b'"text": "caf\xe9"}'
    offset = bad_byte.index(b"\xe9")
    surrogate = '{"padding": "%s", "text": "Nine %s votes"}' % (LARGE, "\\ud800")
    unpaired_at = len("Nine ")
    return [
        (trailing_comma, 400, None, where),
        (bad_byte, 400, None, f"not valid utf-8: byte 0xe9 at offset {offset}"),
        (surrogate.encode(), 422, "text", f"unpaired surrogate \\ud800 at character {unpaired_at}"),
        (b'{' + pad + b'"text": 5}', 422, "text", "must be a string, not a number"),
        (b'{' + pad + b'"text": "Nine votes.", "format": "pdf"}', 422, "format", "\"pdf\""),
    ]


@pytest.mark.parametrize("body, status, field, words", _large_refusals())
def test_large_bodies_are_refused_as_small_ones(roomy, body, status, field, words) -> None:
    assert len(body) > inputs.PARSE_IN_THREAD
    refused = refusal(post(roomy, data=body, headers={"Content-Type": "application/json"}), status)
    assert refused.get("field") == field and words in refused["error"]


# -- the queue: past its limit a check is refused at once ---------------------------------------------

def test_checks_past_the_queue_limit_are_refused_at_once(tmp_path) -> None:
    settings = Settings(processes=1, max_queue=1, time_limit=HANG_GUARD, extra_rules=("service_rules:HeldCheck",))
    health = lambda url: requests.get(f"{url}/healthz", timeout=30).json()["queue"]  # noqa: E731
    with serving(settings) as url:
        assert health(url) == {"waiting": 0, "limit": 1}
        with ThreadPoolExecutor(max_workers=2) as client:
            held = client.submit(post, url, {"text": f"Nine members voted in favour. {HELD} {tmp_path}"})
            wait_until((tmp_path / "started").exists, "the held check to start")
            queued = client.submit(post, url, {"text": VOTE_ERROR})
            wait_until(lambda: health(url)["waiting"] == 1, "the second check to wait for the process")
            refused = post(url, {"text": VOTE_ERROR})
            assert not held.done() and not queued.done()  # refused while the others wait, not at a time limit
            body = refusal(refused, 503)
            assert "check queue is full (1 waiting" in body["error"]
            assert refused.headers["retry-after"] == str(RETRY_AFTER)
            (tmp_path / "release").touch()
            assert held.result().status_code == 200 and queued.result().status_code == 200
        assert health(url) == {"waiting": 0, "limit": 1}
        assert post(url, {"text": VOTE_ERROR}).status_code == 200


# -- the error log: JSON lines, as the access log -----------------------------------------------------

def test_error_log_lines_are_json_with_the_request_id(tmp_path) -> None:
    port, log = _free_port(), tmp_path / "stderr.log"
    base = f"http://127.0.0.1:{port}"
    launch = ("from verify.service.run import serve; from verify.service.settings import Settings; "
              "serve(Settings(processes=1, time_limit=2, extra_rules=('service_rules:Fails', "
              f"'service_rules:NeverFinishes')), '127.0.0.1', {port}, 2)")
    with log.open("w") as stderr:  # two server processes, as `verify serve --workers 2` runs them
        server = subprocess.Popen([sys.executable, "-c", launch], cwd=Path(__file__).parent, stderr=stderr,
                                  stdout=subprocess.DEVNULL)
    try:
        wait_until(lambda: server.poll() is not None or _answers(f"{base}/healthz"), "the server to load")
        assert server.poll() is None, log.read_text()
        refusal(post(base, {"text": f"Nine votes. {BROKEN}"}, headers={"X-Request-ID": "broken-1"}), 500)
        stuck = post(base, {"text": f"{STUCK} {tmp_path / 'stuck.pid'}"}, headers={"X-Request-ID": "stuck-1"})
        refusal(stuck, 503)
        assert raw_request(base, b"NOT HTTP\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(60)
    banner, *lines = log.read_text().splitlines()
    assert banner.startswith("verify: serving on")
    records = [json.loads(line) for line in lines]  # every line: the access log's and the error log's
    errors = [r for r in records if "level" in r]
    assert all(set(r) <= {"time", "level", "logger", "message", "request_id", "exception"} for r in errors)
    assert all(r["time"].endswith("+00:00") for r in records)
    broken = [r for r in errors if r.get("request_id") == "broken-1"]
    assert [(r["level"], r["logger"]) for r in broken] == [("error", "verify.service")]
    assert broken[0]["message"] == "the check failed: RuntimeError: the test rule X904 failed on purpose"
    assert broken[0]["exception"].startswith("Traceback") and "service_rules.py" in broken[0]["exception"]
    stuck_lines = [r for r in errors if r.get("request_id") == "stuck-1"]
    assert [r["level"] for r in stuck_lines] == ["warning"] and "time limit of 2 s" in stuck_lines[0]["message"]
    uvicorn_lines = [r for r in errors if r["logger"] == "uvicorn.error"]
    assert any("Invalid HTTP request" in r["message"] for r in uvicorn_lines)
    assert all("request_id" not in r for r in uvicorn_lines)  # no request was being served
