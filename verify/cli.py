"""The `verify` command. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or input error."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click

from verify import __version__
from verify.document import DEFAULT_MAX_BYTES, FORMATS, LoadError, load_path, parse_date
from verify.report.model import SEVERITY_RANK, Report

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value, "--date")
    except LoadError as exc:
        raise click.BadParameter(exc.message) from None


def _refs_option(fn):
    return click.option("--refs", "refs_dirs", multiple=True, type=click.Path(file_okay=False, exists=True),
                        help="A directory of reference tables; its rows extend or override the bundled "
                             "ones (repeatable).")(fn)


def _load_refs(dirs: tuple[str, ...]):
    """The reference index with the user's directories; a bad table ends the run with one line."""
    from verify.reference.index import default_index, load_index
    from verify.reference.loader import TableError

    if not dirs:
        return default_index()
    try:
        refs = load_index(*map(Path, dirs))
        refs.records.load_all()  # now, so that a bad table fails before any article is read
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    return refs


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="verify")
def main() -> None:
    """Check the figures and votes in news copy."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="Output format (html: one self-contained page an editor reads).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Write one report per input into DIR (plus index.html for --format html).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="Loudest severity that still exits 0.")
@click.option("--date", callback=_date, help="Publication date, YYYY-MM-DD (wins over the input's own).")
@click.option("--input-format", type=click.Choice(FORMATS), help="Read every input as this format "
              "(default: by file extension; standard input is text).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("--encoding", help="Decode inputs with this encoding instead of UTF-8.")
@click.option("--show-verified", is_flag=True, help="Also list verified checks in text output.")
@_refs_option
def check(paths: tuple[str, ...], fmt: str, output: str | None, out_dir: str | None, fail_on: str,
          date: dt.date | None, input_format: str | None, max_bytes: int, encoding: str | None,
          show_verified: bool, refs_dirs: tuple[str, ...]) -> None:
    """Check one or more articles (.txt, .md, .html, .json; '-' reads standard input)."""
    from verify.check import check_document
    from verify.output import write_atomic

    if output and out_dir:
        raise click.UsageError("give -o FILE or --out-dir DIR, not both")
    if fmt == "html" and len(paths) > 1 and not out_dir:
        raise click.UsageError("several inputs in HTML need --out-dir DIR (one page each, plus index.html)")
    refs = _load_refs(refs_dirs)
    reports: list[Report] = []
    texts: list[str] = []  # each document's text, which the HTML page shows marked up
    failed = False
    for path in paths:
        try:
            doc = load_path(path, fmt=input_format, max_bytes=max_bytes, encoding=encoding,
                            published=date)  # "-" is standard input, read up to the same limit
        except LoadError as exc:
            click.echo(f"verify: error: {exc}", err=True)
            failed = True
            continue
        reports.append(check_document(doc, refs))
        texts.append(doc.text)
    if out_dir:
        _write_out_dir(Path(out_dir), fmt, reports, texts, show_verified)
    else:
        content = _render(fmt, reports, texts, show_verified, several=len(paths) > 1)
        if output:
            write_atomic(output, content)
        else:
            click.echo(content, nl=False)
    sys.exit(_exit_code(reports, fail_on, failed))


def _render(fmt: str, reports: list[Report], texts: list[str], show_verified: bool, several: bool) -> str:
    from verify.report.text import render_text

    if fmt == "json":
        data = [r.to_dict() for r in reports] if several or len(reports) != 1 else reports[0].to_dict()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from verify.report.html import render_html

        return render_html(reports[0], texts[0]) if reports else ""
    return "".join(render_text(r, show_verified=show_verified) for r in reports)


def _write_out_dir(out_dir: Path, fmt: str, reports: list[Report], texts: list[str], show_verified: bool) -> None:
    """One file per document, named after it (made unique), each written atomically; for HTML an
    index.html listing them with their counts."""
    from verify.output import write_atomic

    suffix = {"json": ".json", "html": ".html", "text": ".txt"}[fmt]
    names: list[str] = []
    taken: set[str] = {"index.html"}
    for report, text in zip(reports, texts):
        name = _file_name(report.document.id, suffix, taken)
        write_atomic(out_dir / name, _render(fmt, [report], [text], show_verified, several=False))
        names.append(name)
    if fmt == "html":
        from verify.report.html import render_index

        write_atomic(out_dir / "index.html", render_index(list(zip(reports, names))))
    click.echo(f"verify: wrote {len(names)} report{'s' * (len(names) != 1)} to {out_dir}", err=True)


def _file_name(doc_id: str, suffix: str, taken: set[str]) -> str:
    """A safe, unique file name for a document's report: 'aleppo.txt' -> 'aleppo.html'."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(doc_id).stem).strip(".-") or "document"
    name, n = stem + suffix, 2
    while name in taken:
        name, n = f"{stem}-{n}{suffix}", n + 1
    taken.add(name)
    return name


def _exit_code(reports: list[Report], fail_on: str, failed: bool) -> int:
    if failed:
        return EXIT_INPUT
    if fail_on == "never":
        return EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    loudest = max((SEVERITY_RANK[f.severity] for r in reports for f in r.findings), default=0)
    return EXIT_FINDINGS if loudest >= threshold else EXIT_OK


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Where the tables (documents, findings, claims, votes), summary.json and index.html go.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: every core).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (pip install 'verify[dask]').")
@click.option("--scheduler", metavar="ADDR", help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 "
              "(default: a LocalCluster of --jobs workers).")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Files to read in directories and archives (repeatable; default: the article formats).")
@click.option("--text-column", default="text", show_default=True, help="Table and JSON Lines field with the text.")
@click.option("--id-column", default="id", show_default=True,
              help="Field with the document id (when absent: file name and row or line).")
@click.option("--date-column", default="published", show_default=True, help="Field with the publication date.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse documents larger than this.")
@click.option("--resume", is_flag=True, help="Continue the audit in --out-dir, skipping documents done.")
@click.option("--html", is_flag=True, help="Also write one HTML page per document (pages/).")
@click.option("--parquet", is_flag=True, help="Also write each table as Parquet (pip install 'verify[parquet]').")
@click.option("--quiet", is_flag=True, help="No progress bar and no closing summary line.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="Loudest severity that still exits 0.")
@_refs_option
def batch(inputs: tuple[str, ...], out_dir: Path, jobs: int | None, engine: str, scheduler: str | None,
          globs: tuple[str, ...], text_column: str, id_column: str, date_column: str, max_bytes: int,
          resume: bool, html: bool, parquet: bool, quiet: bool, fail_on: str, refs_dirs: tuple[str, ...]) -> None:
    """Audit many articles (directories, .jsonl, .csv, .parquet, .tar, .zip) into tables; exit 2 when
    a document could not be read or checked."""
    import os

    from verify.batch.engine import EngineError
    from verify.batch.inputs import DEFAULT_GLOBS, Columns, InputOptions
    from verify.batch.run import BatchError, BatchOptions, run_batch
    from verify.batch.summary import SummaryError
    from verify.batch.tables import TableError
    from verify.batch.worker import Settings

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if parquet:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise click.UsageError("--parquet needs pyarrow: pip install 'verify[parquet]'") from None
    _load_refs(refs_dirs)  # a bad table ends the run now, with one line, before any worker starts
    options = BatchOptions(
        inputs, out_dir, jobs or len(os.sched_getaffinity(0)), engine, scheduler,
        InputOptions(globs or DEFAULT_GLOBS, Columns(text_column, id_column, date_column), max_bytes, out_dir),
        Settings(tuple(str(Path(d).resolve()) for d in refs_dirs), html, max_bytes),
        resume, parquet, quiet, fail_on)
    try:
        sys.exit(run_batch(options))
    except (BatchError, EngineError, SummaryError, TableError) as exc:
        click.echo(f"verify: error: {exc}", err=True)
    except OSError as exc:
        click.echo(f"verify: error: {getattr(exc, 'filename', None) or out_dir}: {exc.strerror or exc}", err=True)
    except KeyboardInterrupt:
        click.echo("verify: interrupted; the tables hold every document finished: add --resume to continue",
                   err=True)
        sys.exit(130)
    sys.exit(EXIT_INPUT)


@main.command()
def rules() -> None:
    """List every rule: code, name, default severity and summary."""
    from verify.rules import ALL_RULES

    for rule in ALL_RULES:
        click.echo(f"{rule.code}  {rule.name:<26} {rule.severity:<8} {rule.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule, with texts that trigger it and texts that do not."""
    from verify.rules import BY_CODE

    rule = BY_CODE.get(code.upper())
    if rule is None:
        raise click.BadParameter(f"no rule {code!r}; see `verify rules`", param_hint="CODE")
    click.echo(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.explanation()}\n")
    for title, texts in (("Triggers", rule.triggers), ("Stays silent", rule.passes)):
        if texts:
            click.echo(f"{title}:")
            for t in texts:
                click.echo(f"  {t!r}")


@main.group()
def refs() -> None:
    """Inspect, validate and update the reference tables."""


@refs.command("list")
@_refs_option
def refs_list(refs_dirs: tuple[str, ...]) -> None:
    """List the tables: name, rows and file in each directory, and what the table holds."""
    from verify.reference.loader import TableError
    from verify.reference.tables import table_files

    try:
        for schema, path, rows in table_files(map(Path, refs_dirs)):
            click.echo(f"{schema.name:<15} {rows:>8,} rows  {path}  ({schema.summary})")
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


@refs.command("show")
@click.argument("table")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to print from each file (0: all).")
@_refs_option
def refs_show(table: str, limit: int, refs_dirs: tuple[str, ...]) -> None:
    """Print a table's rows as CSV, from the bundled file and then from each --refs directory."""
    from verify.reference.loader import TableError
    from verify.reference.schemas import SCHEMAS
    from verify.reference.tables import show_table

    if table not in SCHEMAS:
        raise click.BadParameter(f"no table {table!r}; tables: {', '.join(SCHEMAS)}", param_hint="TABLE")
    try:
        for line in show_table(SCHEMAS[table], map(Path, refs_dirs), limit):
            click.echo(line)
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


@refs.command("validate")
@_refs_option
def refs_validate(refs_dirs: tuple[str, ...]) -> None:
    """Check every row of every table (and that the tables agree with each other); exit 2 on the
    first bad table, naming its file, row and column."""
    from verify.reference.index import load_index
    from verify.reference.loader import TableError
    from verify.reference.tables import table_files

    try:
        for schema, path, rows in table_files(map(Path, refs_dirs)):
            click.echo(f"ok  {path}: {rows:,} rows")
        load_index(*map(Path, refs_dirs)).records.load_all()
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo("all tables valid")


@refs.command("sync")
@click.option("--dest", type=click.Path(file_okay=False), required=True,
              help="The reference directory to update (use it with --refs).")
@click.option("--source", "sources", multiple=True, metavar="TABLE=URL[#sha256=HEX]",
              help="A table to fetch (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=50_000_000, show_default=True)
def refs_sync(dest: str, sources: tuple[str, ...], timeout: float, max_bytes: int) -> None:
    """Fetch fresh tables over HTTP: conditional requests, a size limit, validation before an atomic
    swap (a failed download leaves the old table in place). Exit 1 when a source failed."""
    import sqlite3

    from verify.reference.sync import SyncSource, sync_tables

    parsed = []
    for spec in sources:
        table, sep, url = spec.partition("=")
        url, _, checksum = url.partition("#sha256=")
        if not sep or not url:
            raise click.BadParameter(f"{spec!r}: expected TABLE=URL", param_hint="--source")
        parsed.append(SyncSource(table.strip(), url.strip(), checksum.strip() or None))
    if not parsed:
        raise click.UsageError("nothing to sync: give --source TABLE=URL")
    try:
        results = sync_tables(parsed, Path(dest), timeout=timeout, max_bytes=max_bytes)
    except (OSError, sqlite3.Error) as exc:
        click.echo(f"verify: error: {dest}: {getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(EXIT_INPUT)
    for result in results:
        click.echo(result.message)
    sys.exit(EXIT_FINDINGS if any(r.status == "failed" for r in results) else EXIT_OK)
