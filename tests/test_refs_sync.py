"""`sync_tables` against a real HTTP server on 127.0.0.1: conditional requests, limits, and that a
failed download never damages the table already there."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from verify.reference.sync import SyncResult, SyncSource, sync_tables

HEADER = "body,jurisdiction,seats,valid_from,valid_to,size_type,note,source\n"
OLD = (HEADER + "UN Security Council,UN,11,1946,1965,charter,original Charter Art. 23,un.org\n").encode()
V1 = (HEADER + "UN Security Council,UN,15,1966,,charter,\"5 permanent + 10 elected\",un.org\n"
      "UN General Assembly,UN,193,2011-07-14,,actual,,un.org\n").encode()
V2 = V1 + b"European Parliament,EU,720,2024-07-16,,actual,,europarl.europa.eu\n"
TIMEOUT = 0.5
LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes = V1
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_length: int | None = -1  # -1: the body's true length; None: no header, close ends the body
    send: int | None = None  # stop after this many body bytes
    stall_before: bool = False  # hang before the status line
    stall_after: bool = False  # hang after sending `send` bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, int, dict[str, str]]] = []
        self.release = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that gave up (timeouts, size limits) break pipes on purpose


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path, Route(body=b"not found", status=404))
        if route.stall_before:
            self.server.release.wait(5)
            return
        etag = route.headers.get("ETag")
        modified = route.headers.get("Last-Modified")
        not_modified = (etag is not None and self.headers.get("If-None-Match") == etag) or (
            etag is None and modified is not None and self.headers.get("If-Modified-Since") == modified)
        status = 304 if not_modified else route.status
        self.server.log.append((self.path, status, dict(self.headers)))
        self.send_response(status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if status == 304:
            self.end_headers()
            return
        if route.content_length is not None:
            length = len(route.body) if route.content_length == -1 else route.content_length
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(route.body[:route.send])
        self.wfile.flush()
        if route.stall_after:
            self.server.release.wait(5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    """A reference directory holding an older, valid bodies table."""
    path = tmp_path / "ref"
    path.mkdir()
    (path / "bodies.csv").write_bytes(OLD)
    return path


def sync(server: _Server, dest: Path, path: str = "/bodies.csv", *, table: str = "bodies",
         **kwargs: object) -> SyncResult:
    [result] = sync_tables([SyncSource(table, server.url(path), kwargs.pop("sha256", None))], dest,
                           timeout=TIMEOUT, **kwargs)
    return result


def check(result: SyncResult, status: str, *needles: str) -> None:
    assert result.status == status, result.message
    assert "\n" not in result.message and "\r" not in result.message
    assert result.message.startswith(f"{result.table}: ")
    for needle in needles:
        assert needle in result.message


def assert_old_table_intact(dest: Path) -> None:
    """The previous table byte-identical, and nothing else left behind (no temp or partial file)."""
    assert (dest / "bodies.csv").read_bytes() == OLD
    assert {p.name for p in dest.iterdir()} <= {"bodies.csv", ".sync-cache"}


def requests_for(server: _Server, path: str) -> list[tuple[int, dict[str, str]]]:
    return [(status, headers) for p, status, headers in server.log if p == path]


# --- downloads and conditional requests ------------------------------------------------------------

def test_fresh_download_writes_the_table_and_counts_rows(server: _Server, tmp_path: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, headers={"ETag": '"v1"'})
    dest = tmp_path / "new" / "ref"
    result = sync(server, dest)
    check(result, "updated", "bodies", server.url("/bodies.csv"), "2 rows")
    assert result.rows == 2
    assert (dest / "bodies.csv").read_bytes() == V1
    assert {p.name for p in dest.iterdir()} == {"bodies.csv", ".sync-cache"}


@pytest.mark.parametrize(("validator", "conditional"), [
    ({"ETag": '"v1"'}, "If-None-Match"),
    ({"Last-Modified": LAST_MODIFIED}, "If-Modified-Since"),
])
def test_not_modified_keeps_the_file_untouched(server: _Server, dest: Path, validator: dict[str, str],
                                               conditional: str) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, headers=validator)
    check(sync(server, dest), "updated")
    table = dest / "bodies.csv"
    os.utime(table, ns=(1_000_000_000, 1_000_000_000))
    before = table.stat()

    result = sync(server, dest)
    check(result, "unchanged", "unchanged", "2 rows")
    assert result.rows == 2
    after = table.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)
    assert table.read_bytes() == V1
    (first_status, first), (second_status, second) = requests_for(server, "/bodies.csv")
    assert (first_status, second_status) == (200, 304)
    assert conditional not in first and second[conditional] == next(iter(validator.values()))


def test_changed_table_is_downloaded_again(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, headers={"ETag": '"v1"'})
    check(sync(server, dest), "updated", "2 rows")
    server.routes["/bodies.csv"] = Route(body=V2, headers={"ETag": '"v2"'})
    result = sync(server, dest)
    check(result, "updated", "3 rows")
    assert (dest / "bodies.csv").read_bytes() == V2
    assert requests_for(server, "/bodies.csv")[1][1]["If-None-Match"] == '"v1"'


def test_same_body_without_validators_is_unchanged(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1)
    check(sync(server, dest), "updated")
    table = dest / "bodies.csv"
    os.utime(table, ns=(1_000_000_000, 1_000_000_000))
    check(sync(server, dest), "unchanged")
    assert table.stat().st_mtime_ns == 1_000_000_000
    assert [status for status, _ in requests_for(server, "/bodies.csv")] == [200, 200]


def test_not_modified_restores_a_damaged_local_table(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, headers={"ETag": '"v1"'})
    check(sync(server, dest), "updated")
    (dest / "bodies.csv").write_bytes(b"edited by hand\n")
    check(sync(server, dest), "updated", "2 rows")
    assert (dest / "bodies.csv").read_bytes() == V1
    assert [status for status, _ in requests_for(server, "/bodies.csv")] == [200, 304]


def test_byte_order_mark_is_accepted(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=codecs.BOM_UTF8 + V1)
    check(sync(server, dest), "updated", "2 rows")
    assert (dest / "bodies.csv").read_bytes() == codecs.BOM_UTF8 + V1


def test_compressed_body_is_decoded(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=gzip.compress(V1), headers={"Content-Encoding": "gzip"})
    check(sync(server, dest, sha256=hashlib.sha256(V1).hexdigest()), "updated", "2 rows")
    assert (dest / "bodies.csv").read_bytes() == V1


def test_redirect_is_followed(server: _Server, dest: Path) -> None:
    server.routes["/old"] = Route(body=b"", status=301, headers={"Location": "/bodies.csv"})
    server.routes["/bodies.csv"] = Route(body=V1)
    check(sync(server, dest, "/old"), "updated", server.url("/old"))
    assert (dest / "bodies.csv").read_bytes() == V1


def test_cache_dir_and_session_options(server: _Server, dest: Path, tmp_path: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, headers={"ETag": '"v1"'})
    check(sync(server, dest, cache_dir=tmp_path / "cache"), "updated")
    assert (tmp_path / "cache").is_dir() and not (dest / ".sync-cache").exists()
    with requests.Session() as session:  # a plain session: no cache, so a full download each time
        check(sync(server, dest, session=session), "unchanged")
    assert not (dest / ".sync-cache").exists()
    assert "If-None-Match" not in requests_for(server, "/bodies.csv")[1][1]


# --- failures leave the old table alone ------------------------------------------------------------

def test_server_too_slow_to_answer(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(stall_before=True)
    started = time.monotonic()
    check(sync(server, dest), "failed", "timed out")
    assert time.monotonic() - started < 3
    assert_old_table_intact(dest)


def test_server_stalls_mid_body(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(send=20, stall_after=True)
    check(sync(server, dest), "failed", "timed out")
    assert_old_table_intact(dest)


def test_connection_closed_mid_file(server: _Server, dest: Path) -> None:
    # What does arrive is a valid table on its own: only the announced length shows it was cut short.
    server.routes["/bodies.csv"] = Route(body=V2, content_length=2 * len(V2), headers={"ETag": '"v2"'})
    check(sync(server, dest), "failed", "connection broken mid-download")
    assert_old_table_intact(dest)
    # The partial body was not cached either: the next sync asks afresh and gets the whole table.
    server.routes["/bodies.csv"] = Route(body=V2, headers={"ETag": '"v2"'})
    check(sync(server, dest), "updated", "3 rows")
    assert "If-None-Match" not in requests_for(server, "/bodies.csv")[1][1]


def test_connection_refused(dest: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [result] = sync_tables([SyncSource("bodies", f"http://127.0.0.1:{port}/bodies.csv")], dest,
                           timeout=TIMEOUT)
    check(result, "failed", "cannot connect")
    assert_old_table_intact(dest)


@pytest.mark.parametrize(("body", "needles"), [
    (b"<!DOCTYPE html>\n<html><body><h1>Service unavailable</h1></body></html>\n",
     ("not a valid bodies table", "bodies.csv:1: column 'body': missing column")),
    (b"lorem ipsum dolor\nsit amet\n", ("not a valid bodies table", "missing column")),
    (V1.replace(b",193,", b",many,"), ("bodies.csv:3: column 'seats': bad value 'many'",)),
    (V1 + b"G20,G20,20,2008,,actual,,g20.org,surplus\n", ("bodies.csv:4", "more fields than the header")),
    (HEADER.encode() + b"G20,G20,20,20\x0008,,actual,,g20.org\n", ("bodies.csv:2: column 'valid_from'",)),
    (HEADER.encode() + b"G20,G20,20,2008,,actual," + b"x" * 200_000 + b",g20.org\n",
     ("bodies.csv:1: unreadable CSV: field larger than field limit",)),
    (bytes(range(256)) * 4, ("not UTF-8",)),
    ("Conseil de sécurité,UN,15,1966,,,,".encode("latin-1"), ("not UTF-8",)),
], ids=["html", "text-garbage", "bad-value", "extra-field", "nul-byte", "huge-field", "binary", "latin-1"])
def test_invalid_table_is_refused(server: _Server, dest: Path, body: bytes, needles: tuple[str, ...]) -> None:
    server.routes["/bodies.csv"] = Route(body=body, headers={"ETag": '"bad"'})
    check(sync(server, dest), "failed", *needles)
    assert_old_table_intact(dest)
    check(sync(server, dest), "failed", *needles)  # the same verdict when the server answers 304
    assert_old_table_intact(dest)


@pytest.mark.parametrize(("route", "needle"), [
    (Route(body=V2), f"{len(V2)} bytes announced"),
    (Route(body=V2, content_length=None), "more than the limit"),
    # A huge announced length is refused at once, not read until the timeout.
    (Route(body=V2, content_length=10**12, send=10, stall_after=True), f"{10**12} bytes announced"),
], ids=["content-length", "no-content-length", "huge-content-length"])
def test_too_large_body_is_refused(server: _Server, dest: Path, route: Route, needle: str) -> None:
    server.routes["/bodies.csv"] = route
    check(sync(server, dest, max_bytes=len(V1)), "failed", "too large", needle)
    assert_old_table_intact(dest)


def test_size_limit_applies_to_the_decompressed_body(server: _Server, dest: Path) -> None:
    bomb = gzip.compress(V1 + b"x" * 5_000_000)  # about 5 KB on the wire
    server.routes["/bodies.csv"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    check(sync(server, dest, max_bytes=100_000), "failed", "too large", "more than the limit")
    assert_old_table_intact(dest)


def test_body_exactly_at_the_limit_is_accepted(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1, content_length=None)
    check(sync(server, dest, max_bytes=len(V1)), "updated")


def test_checksum(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1)
    wrong = hashlib.sha256(V2).hexdigest()
    check(sync(server, dest, sha256=wrong), "failed", "checksum mismatch", wrong,
          hashlib.sha256(V1).hexdigest())
    assert_old_table_intact(dest)
    check(sync(server, dest, sha256=hashlib.sha256(V1).hexdigest().upper()), "updated")


@pytest.mark.parametrize(("status", "needle"), [(404, "HTTP 404 Not Found"),
                                                (500, "HTTP 500 Internal Server Error")])
def test_http_error_status(server: _Server, dest: Path, status: int, needle: str) -> None:
    server.routes["/bodies.csv"] = Route(body=b"<html>oops</html>", status=status)
    check(sync(server, dest), "failed", needle)
    assert_old_table_intact(dest)


def test_redirect_loop_is_cut_short(server: _Server, dest: Path) -> None:
    server.routes["/loop"] = Route(body=b"", status=302, headers={"Location": "/loop"})
    check(sync(server, dest, "/loop"), "failed", "too many redirects")
    assert len(requests_for(server, "/loop")) <= 6
    assert_old_table_intact(dest)


def test_unknown_table(server: _Server, dest: Path) -> None:
    result = sync(server, dest, table="bodys")
    check(result, "failed", "bodys", "unknown table", "bodies", "entities")
    assert server.log == []
    assert_old_table_intact(dest)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/bodies.csv",
                                 "127.0.0.1/bodies.csv", "http:///bodies.csv", "javascript:alert(1)",
                                 "http://[::1/bodies.csv"])
def test_only_http_urls(server: _Server, dest: Path, url: str) -> None:
    [result] = sync_tables([SyncSource("bodies", url)], dest, timeout=TIMEOUT)
    check(result, "failed", url, "not an http:// or https:// URL")
    assert server.log == []
    assert_old_table_intact(dest)


def test_password_in_url_is_masked(server: _Server, dest: Path) -> None:
    url = server.url("/missing.csv").replace("http://", "http://reader:s3cret@")
    [result] = sync_tables([SyncSource("bodies", url)], dest, timeout=TIMEOUT)
    check(result, "failed", "reader:***@", "HTTP 404")
    assert "s3cret" not in result.message


def test_one_failure_does_not_stop_the_others(server: _Server, dest: Path) -> None:
    server.routes["/bodies.csv"] = Route(body=V1)
    server.routes["/entities.csv"] = Route(body=b"boom", status=500)
    results = sync_tables([SyncSource("entities", server.url("/entities.csv")),
                           SyncSource("nope", server.url("/nope.csv")),
                           SyncSource("bodies", server.url("/bodies.csv"))], dest, timeout=TIMEOUT)
    assert [(r.table, r.status) for r in results] == [
        ("entities", "failed"), ("nope", "failed"), ("bodies", "updated")]
    check(results[0], "failed", "HTTP 500")
    assert (dest / "bodies.csv").read_bytes() == V1
    assert not (dest / "entities.csv").exists()
