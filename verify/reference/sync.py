"""Fetch fresh reference tables over HTTP without ever leaving a broken one behind (`verify refs sync`).

Each table is downloaded with timeouts and a size cap, written to a temporary file beside the old one,
checked there (UTF-8, the optional SHA-256, every row against the table's schema) and only then moved
over the old file, so a failed, partial or hostile download leaves the previous table byte-identical.
requests-cache keeps each response with its ETag / Last-Modified, so the next sync asks the server
"changed since?" and a 304 costs no download.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
import requests_cache
from urllib3.exceptions import ReadTimeoutError

from verify.reference.loader import TableError
from verify.reference.schemas import SCHEMAS, Schema

MAX_REDIRECTS = 5
_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class SyncSource:
    """One configured table: its name in SCHEMAS, an http(s) URL, and optionally the SHA-256 (hex)
    its body must have."""

    table: str
    url: str
    sha256: str | None = None


@dataclass(frozen=True)
class SyncResult:
    """What became of one table. `status` is "updated", "unchanged" or "failed"; `message` is one line
    naming the table and URL (and, on failure, why); `rows` counts data rows when the table is valid."""

    table: str
    status: str
    message: str
    rows: int | None


class _Refused(Exception):
    """A download or table turned down on purpose; `str()` says why."""


def sync_tables(sources: Sequence[SyncSource], dest: Path, *, cache_dir: Path | None = None,
                timeout: float = 10.0, max_bytes: int = 50_000_000,
                session: requests.Session | None = None) -> list[SyncResult]:
    """Fetch each source into `dest` (created if missing); one result per source, in order, and one
    failing never stops the others.

    A table whose fetched body equals the file already in `dest` is "unchanged" and its file is not
    touched. `timeout` (seconds) bounds connecting and each wait for data; `max_bytes` caps each body.
    By default responses are cached in `cache_dir` (default `dest/.sync-cache`) for conditional
    requests; a given `session` is used as it is, with its own cache (if any) and redirect settings.
    Raises only when `dest` or the cache itself is unusable (OSError, sqlite3.Error).
    """
    dest.mkdir(parents=True, exist_ok=True)
    own_session = session is None
    if session is None:
        session = _cached_session(cache_dir or dest / ".sync-cache")
    try:
        return [_sync_one(source, dest, session, timeout, max_bytes) for source in sources]
    finally:
        if own_session:
            session.close()


def _cached_session(cache_dir: Path) -> requests_cache.CachedSession:
    """Entries expire at once, so every sync asks the server again: conditionally (If-None-Match /
    If-Modified-Since) when the stored response had an ETag or Last-Modified, in full otherwise.
    JSON, not pickle, so a tampered cache file cannot run code."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    session = requests_cache.CachedSession(
        str(cache_dir / "http_cache.sqlite"), backend="sqlite", serializer="json",
        expire_after=requests_cache.EXPIRE_IMMEDIATELY,
        allowable_codes=(200,))  # only 200 bodies are read through the size cap
    session.max_redirects = MAX_REDIRECTS
    return session


def _sync_one(source: SyncSource, dest: Path, session: requests.Session, timeout: float,
              max_bytes: int) -> SyncResult:
    where = f"{source.table}: {_shown_url(source.url)}"

    def failed(why: str) -> SyncResult:
        return SyncResult(source.table, "failed", _one_line(f"{where}: {why}"), None)

    schema = SCHEMAS.get(source.table)
    if schema is None:
        return failed(f"unknown table (known tables: {', '.join(sorted(SCHEMAS))})")
    if not _is_http_url(source.url):
        return failed("not an http:// or https:// URL; only those are fetched")
    target = dest / schema.filename
    try:
        body = _download(session, source.url, timeout, max_bytes)
        _check_body(body, source.sha256)
        if _same_content(target, body):
            rows = _validate(schema, target)
            return SyncResult(source.table, "unchanged", _one_line(f"{where}: unchanged, {rows} rows"), rows)
        rows = _install(schema, body, target)
    except _Refused as exc:
        return failed(str(exc))
    except requests.RequestException as exc:  # before OSError, which it subclasses
        return failed(_network_reason(exc, timeout))
    except OSError as exc:
        return failed(f"{exc.filename or target}: {exc.strerror or exc}")
    return SyncResult(source.table, "updated", _one_line(f"{where}: updated, {rows} rows"), rows)


def _download(session: requests.Session, url: str, timeout: float, max_bytes: int) -> bytes:
    """The body of a 200 response, fresh or (after a 304) from the cache."""

    def read_capped(response: requests.Response, *args: object, **kwargs: object) -> requests.Response:
        if response.status_code == 200:
            _read_capped(response, max_bytes)
        return response

    # The hook runs inside the session's send, before requests-cache reads and stores the body.
    # requests-cache runs it again on the response it returns: a body already read is re-sliced
    # from memory, which also holds a body cached under an earlier, larger limit to this one.
    with session.get(url, timeout=(timeout, timeout), stream=True,
                     hooks={"response": [read_capped]}) as response:
        if response.status_code != 200:
            raise _Refused(f"HTTP {response.status_code} {response.reason or ''}".rstrip())
        return response.content


def _read_capped(response: requests.Response, max_bytes: int) -> None:
    """Read the body into the response, refusing it past `max_bytes`: left alone, requests-cache would
    read all of it into memory whatever its size. A Content-Length over the cap is refused before any
    of the body is read; a missing or lying one is caught while streaming."""
    declared = response.headers.get("Content-Length", "").strip()
    try:
        if declared.isdigit() and int(declared) > max_bytes:
            raise _Refused(f"too large: {declared} bytes announced, the limit is {max_bytes}")
        chunks, size = [], 0
        for chunk in response.iter_content(_CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise _Refused(f"too large: more than the limit of {max_bytes} bytes")
            chunks.append(chunk)
    except BaseException:
        response.close()
        raise
    response._content = b"".join(chunks)  # what `response.content` returns, and requests-cache stores


def _check_body(body: bytes, sha256: str | None) -> None:
    if sha256 is not None:
        actual = hashlib.sha256(body).hexdigest()
        if actual != sha256.strip().lower():
            raise _Refused(f"checksum mismatch: expected sha256 {sha256.strip()}, got {actual}")
    try:
        body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Refused(f"not UTF-8 text (invalid byte at offset {exc.start})") from None


def _same_content(target: Path, body: bytes) -> bool:
    try:
        return target.stat().st_size == len(body) and target.read_bytes() == body
    except FileNotFoundError:
        return False


def _install(schema: Schema, body: bytes, target: Path) -> int:
    """Write `body` to a temporary file beside `target`, validate it there, then move it over `target`
    (atomic within one file system); the temporary file never outlives a failure. Returns the rows."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
    # O_EXCL: never write through a file or link someone else put there; 0o666 so the umask applies.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        rows = _validate(schema, temp)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return rows


def _validate(schema: Schema, path: Path) -> int:
    """The row count; a bad table is refused with its row and column, named by the table's file name
    rather than the temporary file the user never sees."""
    try:
        return schema.validate(path)
    except TableError as exc:  # also unreadable CSV: the loader names the row
        detail = schema.filename + str(exc).removeprefix(str(path))
    raise _Refused(f"not a valid {schema.name} table: {detail}")


def _network_reason(exc: requests.RequestException, timeout: float) -> str:
    """A short reason instead of urllib3's nested reprs."""
    # A stall mid-body surfaces as ConnectionError(ReadTimeoutError), not as requests' Timeout.
    if isinstance(exc, requests.Timeout) or (exc.args and isinstance(exc.args[0], ReadTimeoutError)):
        return f"timed out (no data for {timeout:g} s)"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"connection broken mid-download ({_innermost(exc)})"
    if isinstance(exc, requests.TooManyRedirects):
        return f"too many redirects (limit {MAX_REDIRECTS})"
    if isinstance(exc, requests.exceptions.SSLError):
        return f"TLS error: {_innermost(exc)}"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect: {_innermost(exc)}"
    return f"request failed: {_innermost(exc)}"


def _innermost(exc: BaseException) -> str:
    """The root cause's message: urllib3 wraps errors in errors (MaxRetryError -> NewConnectionError)."""
    while True:
        inner = getattr(exc, "reason", None) or (exc.args[-1] if exc.args else None)
        if not isinstance(inner, BaseException) or inner is exc:
            break
        exc = inner
    # Drop the connection object's repr that urllib3 puts first; the message names the URL already.
    return re.sub(r"^(<[^>]*>|\w+\([^)]*\)): ", "", str(exc))


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


def _shown_url(url: str) -> str:
    """The URL with any password masked: messages end up in terminals and CI logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def _one_line(message: str) -> str:
    """One line per result in terminals and CI logs, whatever a URL or server message contains."""
    return " ".join(message.split())
