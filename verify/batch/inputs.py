"""The documents of a batch, read lazily from directories, JSON Lines, CSV and Parquet tables, and
tar and zip archives.

Reading happens in the driving process and stays cheap (bytes, one JSON line, one table row at a
time); decoding and markup go to the workers with the check. Anything that cannot be read (a missing
permission, an oversized file, a bad JSON line, a corrupt archive) becomes an error item carrying a
one-line message with the file and line or row, and the stream goes on.

Ids are unique within an audit: each input gives its documents ids as they come (a path relative to
the input directory, a file's name, a record's id, `file:line`, `archive:member`), and an id already
given (two directories holding the same relative path, two records with one id) is numbered in
input order: `id#2`, `id#3`, ... (passing over any taken). The same inputs in the same order give
the same ids, which `--resume` matches on.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
import os
import tarfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from verify.config import Settings, glob_prefix
from verify.document import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, LoadError, read_file

DEFAULT_GLOBS = tuple(f"*{suffix}" for suffix in ARTICLE_SUFFIXES)
_JSONL = (".jsonl", ".ndjson")
_TABLES = (".csv", ".tsv", ".parquet")
_TARS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_CELL_SLACK = 16  # the CSV parser holds cells up to 16x --max-bytes; the loader refuses those over 1x
_PARQUET_ROWS = 1024  # rows converted to Python at a time, so a large row group stays small in memory


@dataclass(frozen=True, slots=True)
class Item:
    """One document to check, as read: a file's bytes (its format from its name) or a record
    {"id", "text", "published", "title"}, or else the reason it could not be read."""

    doc_id: str
    source: str
    content_hash: str  # sha256 of the content as read (a file's bytes, a record's text in UTF-8), 16 hex
    data: bytes | None = None
    record: dict | None = None
    error: str | None = None


@dataclass(frozen=True)
class Columns:
    """Which fields of a table row or JSON line hold the text, the id and the publication date."""

    text: str = "text"
    id: str = "id"
    date: str = "published"


@dataclass(frozen=True)
class InputOptions:
    # --glob: the files read in directories and archives, matched against their path in them (the
    # id); None: the article formats in archives, the `files` include globs in directories
    globs: tuple[str, ...] | None = None
    # the config's include and exclude, which select the files of directories as in `verify check`
    files: Settings = field(default_factory=lambda: Settings(include=DEFAULT_GLOBS))
    columns: Columns = Columns()
    max_bytes: int = DEFAULT_MAX_BYTES
    skip_dir: Path | None = None  # the out dir, when it lies inside an input directory

    def reads_file(self, rel: str, key: str) -> bool:
        """Is a file in an input directory read? `rel` is its path in the directory, `key` its path
        as the config's globs see it: selected by --glob (or else include) and not excluded."""
        if self.globs:
            return _matches(PurePosixPath(rel), self.globs) and not self.files.excludes(key)
        return self.files.wants(key)

    def reads_member(self, name: str) -> bool:
        """Is an archive member read: --glob, or else the article formats."""
        return _matches(PurePosixPath(name), self.globs or DEFAULT_GLOBS)


def content_hash(content: bytes | str) -> str:
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    return hashlib.sha256(content).hexdigest()[:16]


class UniqueIds:
    """Gives each document an id no earlier one has (see the module docstring), and counts the
    documents renumbered."""

    def __init__(self) -> None:
        self._given: set[str] = set()
        self._next: dict[str, int] = {}  # repeated id -> the next number to try
        self.renumbered = 0
        self.first: Item | None = None  # the first renumbered document, for the warning

    def __call__(self, item: Item) -> Item:
        doc_id = item.doc_id
        if doc_id in self._given:
            number = self._next.get(doc_id, 2)
            while f"{doc_id}#{number}" in self._given:
                number += 1
            self._next[doc_id] = number + 1
            item = replace(item, doc_id=f"{doc_id}#{number}")
            self.renumbered += 1
            self.first = self.first or item
        self._given.add(item.doc_id)
        return item


def iter_items(paths: tuple[str, ...], options: InputOptions, ids: UniqueIds | None = None) -> Iterator[Item]:
    """Every document of every input, in order (a directory's files sorted by path), with ids made
    unique by `ids` (a fresh `UniqueIds` when not given)."""
    return map(ids or UniqueIds(), _items(paths, options))


def _items(paths: tuple[str, ...], options: InputOptions) -> Iterator[Item]:
    for path in map(Path, paths):
        files = _walk(path, options) if path.is_dir() else [(path, path.name, None)]
        for file, doc_id, problem in files:
            if problem:
                yield _error(doc_id, str(file), problem)
            else:
                yield from _read(file, doc_id, options)


def count_items(paths: tuple[str, ...], options: InputOptions) -> int:
    """How many items `iter_items` will give, found cheaply (no JSON parsed, no file read whole), for
    the progress bar's time estimate."""
    total = 0
    for path in map(Path, paths):
        files = _walk(path, options) if path.is_dir() else [(path, path.name, None)]
        total += sum(1 if problem else _count(file, options) for file, _, problem in files)
    return total


def _kind(name: str) -> str:
    name = name.lower()
    for kind, suffixes in (("jsonl", _JSONL), ("table", _TABLES), ("tar", _TARS), ("zip", (".zip",))):
        if name.endswith(suffixes):
            return kind
    return "article"


def _walk(root: Path, options: InputOptions) -> Iterator[tuple[Path, str, str | None]]:
    """Files under `root` that --glob or else the include globs select and no exclude glob matches
    (excluded folders and the out dir are not entered), sorted, with their path relative to `root`
    as id, and folders that cannot be listed with the reason."""
    skip = options.skip_dir.resolve() if options.skip_dir else None
    config, base = options.files, options.files.base_of(root)
    unlisted: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unlisted.append):
        while unlisted:
            yield _unlisted(root, unlisted.pop())
        prefix = glob_prefix(Path(folder), base)  # what the config's globs see before a name here
        dirs[:] = sorted(d for d in dirs if not config.excludes(prefix + d) and Path(folder, d).resolve() != skip)
        for name in sorted(files):
            rel = Path(folder, name).relative_to(root).as_posix()
            if options.reads_file(rel, prefix + name):
                yield Path(folder, name), rel, None
    while unlisted:
        yield _unlisted(root, unlisted.pop())


def _unlisted(root: Path, exc: OSError) -> tuple[Path, str, str]:
    folder = Path(exc.filename or root)
    doc_id = folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(folder)
    return folder, doc_id, str(LoadError(str(folder), f"cannot list the folder: {exc.strerror or exc}"))


def _matches(path: PurePosixPath, globs: tuple[str, ...]) -> bool:
    return any(path.match(glob) for glob in globs)


def _read(path: Path, doc_id: str, options: InputOptions) -> Iterator[Item]:
    kind = _kind(path.name)
    if kind == "article":
        try:
            data = read_file(path, options.max_bytes)
        except LoadError as exc:
            yield _error(doc_id, str(path), str(exc))
            return
        yield Item(doc_id, str(path), content_hash(data), data=data)
        return
    reader = {"jsonl": _jsonl, "tar": _tar, "zip": _zip}.get(kind, _table)
    try:
        yield from reader(path, options)
    except (OSError, LoadError, csv.Error, tarfile.TarError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        # the whole file (or its rest) is unreadable: one error item for it, then the next input
        yield _error(doc_id, str(path), str(exc) if isinstance(exc, LoadError) else
                     str(LoadError(str(path), getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)))


def _error(doc_id: str, source: str, message: str) -> Item:
    return Item(doc_id, source, "", error=message)


def _record(fields: Mapping, columns: Columns, name: str, number: int, source: str) -> Item:
    """A table row or JSON line -> an item whose record has the fields `load_record` reads."""
    text, doc_id, published, title = (fields.get(k) for k in (columns.text, columns.id, columns.date, "title"))
    if isinstance(published, (dt.date, dt.datetime)):
        published = published.isoformat()
    record = {"text": text, "published": published if published not in ("", None) else None,
              "title": title if isinstance(title, str) else None}
    doc_id = f"{name}:{number}" if doc_id is None or doc_id == "" else str(doc_id)
    return Item(doc_id, source, content_hash(text) if isinstance(text, str) else "", record=record)


# --- JSON Lines -----------------------------------------------------------------------------------

def _jsonl(path: Path, options: InputOptions) -> Iterator[Item]:
    with path.open("rb") as fh:
        for number, line in _lines(fh, options.max_bytes):
            if line is not None and not line.strip():
                continue
            fields, problem = _json_object(line, options.max_bytes)
            if problem:
                yield _error(f"{path.name}:{number}", f"{path}:{number}", str(LoadError(str(path), problem, number)))
            else:
                yield _record(fields, options.columns, path.name, number, f"{path}:{number}")


def _json_object(line: bytes | None, max_bytes: int) -> tuple[dict, str | None]:
    """A JSON line's object, or why it is not one."""
    if line is None:
        return {}, f"line over {max_bytes:,} bytes"
    try:
        fields = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"invalid JSON: {exc.msg} (column {exc.colno})"
    except (ValueError, RecursionError) as exc:  # bad UTF-8, huge integers, deep nesting
        return {}, f"invalid JSON: {str(exc)[:80]}"
    if not isinstance(fields, dict):
        return {}, "a JSON line must be an object with a \"text\" field"
    return fields, None


def _lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; one longer than `limit` bytes is None, skipped without holding it in memory."""
    for number in itertools.count(1):
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


# --- CSV and Parquet tables -----------------------------------------------------------------------

def _table(path: Path, options: InputOptions) -> Iterator[Item]:
    rows = _parquet_rows(path, options.columns) if path.name.lower().endswith(".parquet") \
        else _csv_rows(path, options.max_bytes)
    header = next(rows, None)
    if header is None:
        raise LoadError(str(path), "empty table: no header row")
    if options.columns.text not in header:
        raise LoadError(str(path), f"no column {options.columns.text!r} (columns: {', '.join(map(str, header))}); "
                                   "name the text column with --text-column")
    for number, fields in enumerate(rows, start=1):
        source = f"{path}:row {number}"
        if isinstance(fields, str):  # a row that could not be parsed: its message
            yield _error(f"{path.name}:{number}", source, f"{source}: {fields}")
        else:
            yield _record(fields, options.columns, path.name, number, source)


def _csv_rows(path: Path, max_bytes: int) -> Iterator:
    """The header, then each row as a dict, or a message for a row that cannot be read (text that is
    not UTF-8). A cell over the limit is left to the loader to refuse, unless it is so large that the
    parser gives up: the parser cannot find the next row after that, so the table ends there."""
    old_limit = csv.field_size_limit(max_bytes * _CELL_SLACK)  # a process-wide setting, restored below
    try:
        with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t" if path.name.lower().endswith(".tsv") else ",")
            header = next(reader, None)
            if header is None:
                return
            yield header
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield f"line {reader.line_num}: {exc}; the rest of the table was not read"
                    return
                if any(_has_bad_bytes(v) for v in values):
                    yield f"line {reader.line_num}: not valid UTF-8; re-save the table as UTF-8"
                elif values:
                    yield dict(zip(header, values))
    finally:
        csv.field_size_limit(old_limit)


def _has_bad_bytes(value: str) -> bool:
    """Bytes that are not UTF-8 were decoded to lone surrogates (errors="surrogateescape")."""
    return not value.isascii() and any("\udc80" <= ch <= "\udcff" for ch in value)


def _parquet_rows(path: Path, columns: Columns) -> Iterator:
    """The header, then each row as a dict of the columns we read, one row group (in slices) at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise LoadError(str(path), "reading Parquet needs pyarrow: pip install 'verify[parquet]'") from None
    table = pq.ParquetFile(path)
    names = table.schema_arrow.names
    yield names
    wanted = [name for name in names if name in (columns.text, columns.id, columns.date, "title")]
    for group in range(table.num_row_groups):
        rows = table.read_row_group(group, columns=wanted)
        for offset in range(0, rows.num_rows, _PARQUET_ROWS):
            yield from rows.slice(offset, _PARQUET_ROWS).to_pylist()


# --- archives -------------------------------------------------------------------------------------

def _tar(path: Path, options: InputOptions) -> Iterator[Item]:
    with tarfile.open(path, "r|*") as archive:  # streamed: no member list held in memory
        for member in archive:
            if member.isfile() and options.reads_member(member.name):
                yield _member(path, member.name, member.size, options.max_bytes,
                              lambda: archive.extractfile(member).read(options.max_bytes + 1))


def _zip(path: Path, options: InputOptions) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.is_dir() and options.reads_member(info.filename):
                yield _member(path, info.filename, info.file_size, options.max_bytes,
                              lambda: archive.open(info).read(options.max_bytes + 1))


def _member(path: Path, name: str, size: int, max_bytes: int, read) -> Item:
    doc_id, source = f"{path.name}:{name}", f"{path}:{name}"
    if size > max_bytes:
        return _error(doc_id, source, str(LoadError(source, f"too large: {size:,} bytes, limit {max_bytes:,} "
                                                            "(raise with --max-bytes)")))
    try:
        data = read()
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError, RuntimeError) as exc:
        return _error(doc_id, source, str(LoadError(source, f"unreadable archive member: {exc}")))
    return Item(doc_id, source, content_hash(data), data=data)


# --- counting -------------------------------------------------------------------------------------

def _count(path: Path, options: InputOptions) -> int:
    kind = _kind(path.name)
    try:
        if kind == "jsonl":
            with path.open("rb") as fh:
                return sum(1 for _, line in _lines(fh, options.max_bytes) if line is None or line.strip())
        if kind == "table" and path.name.lower().endswith(".parquet"):
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if kind == "table":
            return max(0, sum(1 for _ in _csv_rows(path, options.max_bytes)) - 1)
        if kind == "tar":
            with tarfile.open(path, "r|*") as archive:
                return sum(1 for m in archive if m.isfile() and options.reads_member(m.name))
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                return sum(1 for i in archive.infolist()
                           if not i.is_dir() and options.reads_member(i.filename))
    except Exception:  # noqa: BLE001 - an estimate only: reading it for real reports the problem
        return 1
    return 1

