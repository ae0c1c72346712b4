"""A batch audit from start to end: inputs streamed to an engine, rows appended to the tables as
chunks complete, progress on a terminal, then the summary. Exit codes as `verify check`: 0 nothing
at or above --fail-on, 1 findings at or above it, 2 a document could not be read or checked."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from verify.batch import manifest
from verify.batch import rows as R
from verify.batch.engine import DaskEngine, LocalEngine
from verify.batch.inputs import InputOptions, UniqueIds, count_items, iter_items
from verify.batch.resume import prepare_resume
from verify.batch.summary import write_summary
from verify.batch.tables import TableFiles, existing_tables, read_rows, write_parquet
from verify.batch.worker import ChunkRows, Settings
from verify.output import write_atomic
from verify.report.model import SEVERITY_RANK

EXIT_OK, EXIT_FINDINGS, EXIT_FAILED = 0, 1, 2


class BatchError(Exception):
    """A batch that cannot start; the message is one line."""


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    out_dir: Path
    jobs: int
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    reading: InputOptions = field(default_factory=InputOptions)
    settings: Settings = field(default_factory=Settings)
    resume: bool = False
    parquet: bool = False
    quiet: bool = False
    fail_on: str = "error"


@dataclass
class Tally:
    """What the run has written so far, for the progress bar."""

    documents: int = 0
    problems: int = 0  # warnings and errors found
    failed: int = 0

    def add(self, chunk: ChunkRows) -> None:
        self.documents += chunk.documents
        self.failed += chunk.failed
        self.problems += chunk.problems


def run_batch(options: BatchOptions) -> int:
    out_dir = options.out_dir
    started = datetime.now(timezone.utc)
    if existing_tables(out_dir) and not options.resume:
        raise BatchError(f"{out_dir} already holds the tables of an audit: add --resume to continue it, "
                         "or choose another --out-dir")
    settings = _settings_to_use(options)
    done = prepare_resume(out_dir, lambda: _contents(options)) if options.resume else set()
    ids = UniqueIds()
    items = (item for item in iter_items(options.inputs, options.reading, ids)
             if (item.doc_id, item.content_hash) not in done)
    engine = DaskEngine(settings, options.jobs, options.scheduler) if options.engine == "dask" \
        else LocalEngine(settings, options.jobs)
    tally = Tally()
    clock = time.perf_counter()
    with engine, TableFiles(out_dir) as tables, _progress(options, len(done)) as bar:
        for chunk in engine.run(items):
            _write(out_dir, tables, chunk)
            tally.add(chunk)
            bar.set_postfix_str(f"{tally.problems:,} problems, {tally.failed:,} failed", refresh=False)
            bar.update(chunk.documents)
    elapsed = time.perf_counter() - clock
    if ids.renumbered:
        _say(f"warning: {ids.renumbered:,} document{'s' * (ids.renumbered != 1)} had an id given before in "
             f"this audit and {'were' if ids.renumbered != 1 else 'was'} numbered in input order "
             f"(the first: {ids.first.doc_id}, from {ids.first.source})")
    if options.parquet:
        write_parquet(out_dir)
    write_summary(out_dir, started=started, finished=datetime.now(timezone.utc), engine=engine.name,
                  jobs=engine.jobs, checked=tally.documents)
    if not options.quiet:
        skipped = f" ({len(done):,} done before)" if done else ""
        _say(f"checked {tally.documents:,} document{'s' * (tally.documents != 1)}{skipped} in {elapsed:.1f} s "
             f"({tally.documents / elapsed if elapsed else 0:,.1f}/s), {tally.problems:,} problem{'s' * (tally.problems != 1)}; "
             f"tables in {out_dir}")
    return _exit_code(out_dir, options.fail_on)


def _settings_to_use(options: BatchOptions) -> Settings:
    """A new audit records its settings; a resumed one goes on under those it recorded, and stops
    with what differs when the inputs or settings given now are others."""
    now = manifest.describe(options.inputs, options.reading, options.settings)
    try:
        then = manifest.recorded(options.out_dir) if options.resume else None
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    if then is None:
        options.out_dir.mkdir(parents=True, exist_ok=True)
        manifest.record(options.out_dir, now, options.settings)
        return options.settings
    if changed := manifest.differences(then, now):
        raise BatchError(f"{options.out_dir / manifest.FILE}: the audit was started with other settings "
                         f"({'; '.join(changed)}): resume with those, or choose another --out-dir")
    return manifest.resumed(options.settings, then)


def _contents(options: BatchOptions) -> Iterator[tuple[str, str]]:
    """(doc_id, content_hash) of every document in the inputs now: what --resume compares with the
    documents recorded to find those edited since."""
    return ((item.doc_id, item.content_hash) for item in iter_items(options.inputs, options.reading))


def _write(out_dir: Path, tables: TableFiles, chunk: ChunkRows) -> None:
    """Pages first, then the rows: a documents.csv row never points at a page not yet written."""
    for path, page in chunk.pages:
        write_atomic(out_dir / path, page)
    tables.append(chunk)


def _progress(options: BatchOptions, done: int) -> tqdm:
    """Documents done, rate, time left and problems so far, on a terminal only."""
    shown = not options.quiet and sys.stderr.isatty()
    total = max(0, count_items(options.inputs, options.reading) - done) if shown else None
    return tqdm(total=total, disable=not shown, unit=" docs", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.05)


def _exit_code(out_dir: Path, fail_on: str) -> int:
    """From documents.csv, so a resumed audit answers for all its documents: 2 when one failed (said
    on the last line), else 1 when one has findings at or above `fail_on`."""
    columns = R.DOCUMENTS.columns
    status, errors, warnings = (columns.index(c) for c in ("status", "errors", "warnings"))
    failed, loudest = 0, 0
    for row in read_rows(out_dir / R.DOCUMENTS.file, R.DOCUMENTS):
        if row[status] == R.ERROR:
            failed += 1
        elif int(row[errors]):
            loudest = SEVERITY_RANK["error"]
        elif int(row[warnings]):
            loudest = max(loudest, SEVERITY_RANK["warning"])
    if failed:
        _say(f"error: {failed:,} document{'s' * (failed != 1)} could not be read or checked: "
             f"see the error column of {out_dir / R.DOCUMENTS.file}")
        return EXIT_FAILED
    if fail_on != "never" and loudest >= SEVERITY_RANK[fail_on]:
        return EXIT_FINDINGS
    return EXIT_OK


def _say(message: str) -> None:
    print(f"verify: {message}", file=sys.stderr, flush=True)
