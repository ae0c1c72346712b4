"""What runs inside a check process: load the reference index and the rules once, then answer jobs
read from a pipe until the pipe closes. Everything CPU-bound about a request (loading the document,
checking it, rendering the report) happens here, so the server can abandon a job that overruns its
time limit by killing the process (see `pool.py`)."""

from __future__ import annotations

import importlib
import json
import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

SOURCE = "request"  # the `document.source` of every checked request
WARM_UP = "The 15-member Security Council voted 9 to 4, with 2 abstentions, on Saturday 8 October 2016."


@dataclass(frozen=True)
class Job:
    """One document to check. `kind` is "record" (the JSON body's fields, read like a .json record)
    or a document format ("txt", "md", "html": a text body, read like a file of that format)."""

    text: str
    kind: str
    output: str  # "json" | "html"
    published: str | None = None
    title: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True)
class Setup:
    """How a check process prepares itself (picklable: it travels to a spawned process)."""

    refs_dirs: tuple[str, ...]
    extra_rules: tuple[str, ...]
    max_bytes: int


# Replies on the pipe: (READY, pid) or (FAILED, message) once at start; then per job (OK, (media
# type, body)), (INVALID, message) for input the loaders refuse, or (ERROR, traceback) for a bug.
READY, FAILED, OK, INVALID, ERROR = "ready", "failed", "ok", "invalid", "error"


def serve_jobs(conn: Connection, setup: Setup) -> None:
    """The check process's main loop."""
    from verify.document import LoadError

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group; the server stops us
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    try:
        checker = _Checker(setup)
    except Exception as exc:  # a bad table or rule path: the server reports it and stays unready
        _send(conn, (FAILED, f"{type(exc).__name__}: {exc}".splitlines()[0]))
        return
    if not _send(conn, (READY, os.getpid())):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        try:
            reply = (OK, checker.run(job))
        except LoadError as exc:
            reply = (INVALID, exc.message)
        except Exception:
            reply = (ERROR, traceback.format_exc())
        if not _send(conn, reply):
            return


def _send(conn: Connection, message: tuple[str, object]) -> bool:
    """False when the server has gone (it stopped while this process was loading or checking): then
    the process just ends, without a traceback in the server's log."""
    try:
        conn.send(message)
    except OSError:
        return False
    return True


def _exit_with_parent(parent: int) -> None:
    """A check stuck in a loop never reads the pipe again, so it would not notice a server killed
    outright (SIGKILL, OOM): this thread does, and ends the process."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class _Checker:
    def __init__(self, setup: Setup) -> None:
        from verify.check import check_document
        from verify.document import Document
        from verify.reference.index import default_index, load_index
        from verify.rules import default_rules

        self.refs = load_index(*map(Path, setup.refs_dirs)) if setup.refs_dirs else default_index()
        self.refs.records.load_all()  # now, not on the first request that needs the vote records
        self.rules = (*default_rules(), *(_import(path)() for path in setup.extra_rules)) \
            if setup.extra_rules else None
        self.max_bytes = setup.max_bytes
        check_document(Document(id="warm-up", source="warm-up", text=WARM_UP), self.refs, self.rules)

    def run(self, job: Job) -> tuple[str, bytes]:
        from verify.check import check_document
        from verify.document import load_bytes, load_record

        if job.kind == "record":
            record = {"text": job.text, "title": job.title, "published": job.published, "id": job.doc_id}
            doc = load_record(record, source=SOURCE, max_bytes=self.max_bytes)
        else:  # the one loader by format, as for files; the request's text is UTF-8 again for it
            doc = load_bytes(job.text.encode("utf-8"), source=SOURCE, fmt=job.kind,
                             encoding="utf-8", doc_id=job.doc_id, published=job.published,
                             max_bytes=self.max_bytes)
        report = check_document(doc, self.refs, self.rules)
        if job.output == "html":
            from verify.report.html import render_html

            return "text/html; charset=utf-8", render_html(report, doc.text).encode("utf-8")
        return "application/json", json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")


def _import(path: str) -> type:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
