"""The `verify` command. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or input error."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from verify import __version__
from verify.config import FAIL_ON, Settings, fill_date
from verify.document import DEFAULT_MAX_BYTES, FORMATS, LoadError, load_path, parse_date
from verify.report.model import SEVERITY_RANK, Report
from verify.service.settings import DEFAULT_MAX_BODY, DEFAULT_TIME_LIMIT, QUEUE_PER_PROCESS

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


def _config_options(fn):
    fn = click.option("--isolated", is_flag=True, help="Ignore config files: defaults and the command "
                      "line only.")(fn)
    return click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
                        help="Read settings from FILE (a verify.toml, or a pyproject.toml's "
                             "[tool.verify]) instead of the nearest config file.")(fn)


def _settings_options(fn):
    """The flags that override the config file's settings (see `verify config`)."""
    for option in (
            _refs_option,
            click.option("--date", callback=_date, help="Publication date, YYYY-MM-DD (wins over the input's own)."),
            click.option("--fail-on", type=click.Choice(FAIL_ON),
                         help="Loudest severity that still exits 0  [default: error]"),
            click.option("--ignore", multiple=True, metavar="CODES",
                         help="Leave out the rules whose codes start so (comma-separated, e.g. R105,D)."),
            click.option("--select", multiple=True, metavar="CODES",
                         help="Run only the rules whose codes start so (comma-separated, e.g. V,R102).")):
        fn = option(fn)
    return _config_options(fn)


def _settings(flags: dict) -> Settings:
    """The effective settings: the flags of `_settings_options` (taken out of `flags`) over the
    config file over the defaults; a bad file or value ends the run with one line."""
    from verify.config import ConfigError, load_settings

    config, isolated = flags.pop("config_file"), flags.pop("isolated")
    if config and isolated:
        raise click.UsageError("give --config FILE or --isolated, not both")
    given = {"select": [c for v in flags.pop("select", ()) for c in v.split(",") if c.strip()],
             "ignore": [c for v in flags.pop("ignore", ()) for c in v.split(",") if c.strip()],
             "fail-on": flags.pop("fail_on", None), "date": flags.pop("date", None),
             "refs": list(flags.pop("refs_dirs", ()))}
    try:
        return load_settings(Path.cwd(), config=Path(config) if config else None, isolated=isolated,
                             flags={key: value for key, value in given.items() if value})
    except ConfigError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


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
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "sarif", "github", "junit"]),
              default="text", show_default=True,
              help="Output format (html: one self-contained page an editor reads; sarif: for code "
                   "scanning; github: workflow commands that annotate a pull request; junit: one "
                   "test case per article).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically).")
@click.option("--out-dir", type=click.Path(file_okay=False),
              help="Write one report per input into DIR (plus index.html for --format html).")
@click.option("--input-format", type=click.Choice(FORMATS), help="Read every input as this format "
              "(default: by file extension; standard input is text).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("--encoding", help="Decode inputs with this encoding instead of UTF-8.")
@click.option("--show-verified", is_flag=True, help="Also list verified checks in text output.")
@click.option("--changed-since", metavar="REF", help="Check the articles changed since this git ref "
              "(committed, staged, unstaged or untracked; renames followed), within PATHS if given.")
@click.option("--diff-lines", is_flag=True, help="With --changed-since: report only problems on changed lines.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Leave out the warnings and errors recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record the current warnings and errors in this baseline file (and count them as baselined).")
@click.option("--force-exclude", is_flag=True, help="Apply the config's exclude globs to files named on the "
              "command line too (for pre-commit, which names them).")
@_settings_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, out_dir: str | None,
          input_format: str | None, max_bytes: int, encoding: str | None,
          show_verified: bool, changed_since: str | None, diff_lines: bool,
          baseline_file: str | None, write_baseline: str | None, force_exclude: bool,
          **settings_flags) -> None:
    """Check articles (.txt, .md, .html, .json; '-' reads standard input). A directory, or no
    PATHS with a config file, checks the files its include/exclude globs select."""
    from verify.baseline import Baseline, entries
    from verify.changed import on_changed_lines
    from verify.check import check_document
    from verify.output import write_atomic
    from verify.rules import get_rules

    settings = _settings(settings_flags)
    fail_on = settings.fail_on
    if output and out_dir:
        raise click.UsageError("give -o FILE or --out-dir DIR, not both")
    if baseline_file and write_baseline:
        raise click.UsageError("give --baseline FILE or --write-baseline FILE, not both")
    if diff_lines and not changed_since:
        raise click.UsageError("--diff-lines needs --changed-since REF")
    if not paths and not changed_since and settings.file is None:
        raise click.UsageError("give the articles to check (or --changed-since REF, or a config file "
                               "whose include globs select them)")
    changed_lines: dict[str, frozenset[int] | None] = {}
    if changed_since:
        changed_lines = _changed(changed_since, paths, diff_lines)
        paths = tuple(p for p in changed_lines if settings.wants_file(Path(p)))
    else:
        paths = _expand(paths or (os.path.relpath(settings.root),), settings, force_exclude)
    if fmt == "html" and len(paths) > 1 and not out_dir:
        raise click.UsageError("several inputs in HTML need --out-dir DIR (one page each, plus index.html)")
    refs = _load_refs(tuple(map(str, settings.refs)))
    rules = get_rules(settings.select, settings.ignore, settings.severity)
    baseline = _baseline(Path(baseline_file)) if baseline_file else None
    recorded: list[dict[str, str]] = []  # for --write-baseline
    reports: list[Report] = []
    texts: list[str] = []  # each document's text, which the HTML page shows marked up
    load_errors: list[LoadError] = []  # inputs that could not be read (SARIF, GitHub, JUnit list them)
    for path in paths:
        try:
            doc = load_path(path, fmt=input_format, max_bytes=max_bytes, encoding=encoding,
                            published=settings.date)  # "-" is standard input, read up to the same limit
        except LoadError as exc:
            click.echo(f"verify: error: {exc}", err=True)
            load_errors.append(exc)
            continue
        report = check_document(fill_date(doc, settings.undated_day()), refs, rules)
        if write_baseline:  # the run then reports as `--baseline` would right after
            found = entries(report, doc.text, Path(write_baseline))
            recorded += found
            baseline = Baseline(Path(write_baseline), frozenset(e["fingerprint"] for e in found))
        if baseline:
            report = baseline.filter(report, doc.text)
        if diff_lines:
            report = on_changed_lines(report, doc.text, changed_lines[path])
        reports.append(report)
        texts.append(doc.text)
    _baseline_note(baseline_file, write_baseline, recorded, reports)
    if out_dir:
        _write_out_dir(Path(out_dir), fmt, reports, texts, show_verified, fail_on)
    else:
        content = _render(fmt, reports, texts, show_verified, several=len(paths) > 1, fail_on=fail_on,
                          errors=load_errors)
        if output:
            write_atomic(output, content)
        else:
            click.echo(content, nl=False)
    sys.exit(_exit_code(reports, fail_on, bool(load_errors)))


def _expand(paths: tuple[str, ...], settings: Settings, force_exclude: bool) -> tuple[str, ...]:
    """Each directory replaced by the files under it that the include/exclude globs select; files
    kept as named, unless `force_exclude` and an exclude glob matches them."""
    files: list[str] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            found = settings.files_under(Path(path))
            if not found:
                click.echo(f"verify: warning: {path}: no file matches the include globs (see `verify config`)",
                           err=True)
            files += map(str, found)
        elif not (force_exclude and path != "-" and settings.excludes_file(Path(path))):
            files.append(path)
    return tuple(files)


def _baseline(path: Path):
    from verify.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


def _baseline_note(read: str | None, written: str | None, recorded: list, reports: list[Report]) -> None:
    """Write the baseline (--write-baseline) and say on standard error what the baseline did."""
    from verify.baseline import write_baseline

    if written:
        try:
            write_baseline(Path(written), recorded)
        except OSError as exc:
            click.echo(f"verify: error: {written}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_INPUT)
        click.echo(f"verify: recorded {len(recorded)} finding{'s' * (len(recorded) != 1)} in {written}", err=True)
    elif read:
        count = sum(r.baselined for r in reports)
        click.echo(f"verify: {count} finding{'s' * (count != 1)} left out as recorded in {read}", err=True)


def _changed(ref: str, within: tuple[str, ...], lines: bool) -> dict[str, frozenset[int] | None]:
    """The articles changed since `ref` with their changed lines; a git failure ends the run with one line."""
    from verify.changed import GitError, changed_files

    try:
        changed = changed_files(ref, within, lines=lines)
    except GitError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    if not changed:
        click.echo(f"verify: no article changed since {ref}", err=True)
    return {c.path: c.lines for c in changed}


def _render(fmt: str, reports: list[Report], texts: list[str], show_verified: bool, several: bool,
            fail_on: str, errors: list[LoadError] | None = None) -> str:
    """The report in `fmt`; SARIF, GitHub and JUnit also list the inputs that could not be read
    (`errors`), the other formats leave them to the lines on standard error."""
    from verify.report.text import render_text

    if fmt == "sarif":
        from verify.report.sarif import render_sarif

        return render_sarif(reports, texts, errors=errors or ())
    if fmt == "github":
        from verify.report.github import render_github

        return render_github(reports, texts, errors=errors or ())
    if fmt == "junit":
        from verify.report.junit import render_junit

        return render_junit(reports, fail_on, errors or ())
    if fmt == "json":
        data = [r.to_dict() for r in reports] if several or len(reports) != 1 else reports[0].to_dict()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from verify.report.html import render_html

        return render_html(reports[0], texts[0]) if reports else ""
    return "".join(render_text(r, show_verified=show_verified) for r in reports)


def _write_out_dir(out_dir: Path, fmt: str, reports: list[Report], texts: list[str], show_verified: bool,
                   fail_on: str) -> None:
    """One file per document, named after it (made unique), each written atomically; for HTML an
    index.html listing them with their counts."""
    from verify.output import write_atomic

    suffix = {"json": ".json", "html": ".html", "text": ".txt", "sarif": ".sarif", "github": ".txt",
              "junit": ".xml"}[fmt]
    names: list[str] = []
    taken: set[str] = {"index.html"}
    for report, text in zip(reports, texts):
        name = _file_name(report.document.id, suffix, taken)
        write_atomic(out_dir / name, _render(fmt, [report], [text], show_verified, several=False, fail_on=fail_on))
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


@main.command("config")
@_settings_options
def config_(**settings_flags) -> None:
    """Print the effective settings as a verify.toml, each line saying where its value came from:
    the default, the config file (its path) or the command line."""
    from verify.config import describe

    click.echo(describe(_settings(settings_flags)), nl=False)


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
              help="Files to read in directories and archives, matched against their path in them "
                   "(repeatable; replaces the config's include globs)  [default: the article formats]")
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
@_settings_options
def batch(inputs: tuple[str, ...], out_dir: Path, jobs: int | None, engine: str, scheduler: str | None,
          globs: tuple[str, ...], text_column: str, id_column: str, date_column: str, max_bytes: int,
          resume: bool, html: bool, parquet: bool, quiet: bool, **settings_flags) -> None:
    """Audit many articles (directories, .jsonl, .csv, .parquet, .tar, .zip) into tables, with the
    settings of `verify check` (config file and flags); exit 2 when a document could not be read or
    checked."""
    from verify.batch.engine import EngineError
    from verify.batch.inputs import DEFAULT_GLOBS, Columns, InputOptions
    from verify.batch.run import BatchError, BatchOptions, run_batch
    from verify.batch.summary import SummaryError
    from verify.batch.tables import TableError
    from verify.batch.worker import Settings as BatchSettings
    from verify.config import DEFAULT

    settings = _settings(settings_flags)
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if parquet:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise click.UsageError("--parquet needs pyarrow: pip install 'verify[parquet]'") from None
    refs_dirs = tuple(str(d.resolve()) for d in settings.refs)
    _load_refs(refs_dirs)  # a bad table ends the run now, with one line, before any worker starts
    # without include in the file or --glob, directories give every article format (.json records too)
    files = settings if settings.origins["include"] != DEFAULT else replace(settings, include=DEFAULT_GLOBS)
    options = BatchOptions(
        inputs, out_dir, jobs or len(os.sched_getaffinity(0)), engine, scheduler,
        InputOptions(globs or None, files, Columns(text_column, id_column, date_column), max_bytes,
                     out_dir),
        BatchSettings(refs_dirs, html, max_bytes, settings.select, settings.ignore,
                      tuple(sorted(settings.severity.items())), settings.date, settings.undated_day()),
        resume, parquet, quiet, settings.fail_on)
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
    click.echo(f"{rule.code} {rule.name} ({rule.severity})\n\n{rule.help_text()}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes.")
@click.option("--processes", type=click.IntRange(min=1),
              help="Check processes per server process  [default: CPUs / workers]")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=DEFAULT_TIME_LIMIT, show_default=True,
              help="Seconds a request may take; past it the answer is 503 and its check is stopped.")
@click.option("--max-body", type=click.IntRange(min=1), default=DEFAULT_MAX_BODY, show_default=True,
              help="Largest request body in bytes (413 beyond).")
@click.option("--max-queue", type=click.IntRange(min=0),
              help="Checks that may wait for a busy check process, per server process; past it the answer "
                   f"is 503 at once, with Retry-After  [default: {QUEUE_PER_PROCESS} x processes]")
@_refs_option
def serve(host: str, port: int, workers: int, processes: int | None, time_limit: float, max_body: int,
          max_queue: int | None, refs_dirs: tuple[str, ...]) -> None:
    """Run the HTTP service: POST /v1/check for a CMS, and the editor's page at /."""
    from verify.service.settings import Settings as ServiceSettings

    try:
        from verify.service.run import serve as run_server
    except ImportError as exc:
        if exc.name not in ("starlette", "uvicorn"):
            raise
        click.echo(f"verify: error: `verify serve` needs {exc.name}: pip install 'verify[server]'", err=True)
        sys.exit(EXIT_INPUT)
    _load_refs(refs_dirs)  # a bad table ends the run here, with one line, before any process starts
    processes = processes or max(1, (os.cpu_count() or 1) // workers)
    settings = ServiceSettings(refs_dirs=refs_dirs, time_limit=time_limit, max_body=max_body,
                               processes=processes, max_queue=max_queue)
    try:
        run_server(settings, host, port, workers)
    except OSError as exc:  # binding: address in use, not ours, unknown host
        click.echo(f"verify: error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)


@main.group()
def refs() -> None:
    """Inspect, validate and update the reference tables."""


def _configured_refs(refs_dirs: tuple[str, ...], config_flags: dict) -> tuple[Path, ...]:
    """The --refs directories, else the config file's `refs`."""
    return _settings({"refs_dirs": refs_dirs, **config_flags}).refs


@refs.command("list")
@_refs_option
@_config_options
def refs_list(refs_dirs: tuple[str, ...], **config_flags) -> None:
    """List the tables: name, rows and file in each directory, and what the table holds."""
    from verify.reference.loader import TableError
    from verify.reference.tables import table_files

    try:
        for schema, path, rows in table_files(_configured_refs(refs_dirs, config_flags)):
            click.echo(f"{schema.name:<15} {rows:>8,} rows  {path}  ({schema.summary})")
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


@refs.command("show")
@click.argument("table")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to print from each file (0: all).")
@_refs_option
@_config_options
def refs_show(table: str, limit: int, refs_dirs: tuple[str, ...], **config_flags) -> None:
    """Print a table's rows as CSV, from the bundled file and then from each --refs directory."""
    from verify.reference.loader import TableError
    from verify.reference.schemas import SCHEMAS
    from verify.reference.tables import show_table

    if table not in SCHEMAS:
        raise click.BadParameter(f"no table {table!r}; tables: {', '.join(SCHEMAS)}", param_hint="TABLE")
    try:
        for line in show_table(SCHEMAS[table], _configured_refs(refs_dirs, config_flags), limit):
            click.echo(line)
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


@refs.command("validate")
@_refs_option
@_config_options
def refs_validate(refs_dirs: tuple[str, ...], **config_flags) -> None:
    """Check every row of every table (and that the tables agree with each other); exit 2 on the
    first bad table, naming its file, row and column."""
    from verify.reference.index import load_index
    from verify.reference.loader import TableError
    from verify.reference.tables import table_files

    dirs = _configured_refs(refs_dirs, config_flags)
    try:
        for schema, path, rows in table_files(dirs):
            click.echo(f"ok  {path}: {rows:,} rows")
        load_index(*dirs).records.load_all()
    except TableError as exc:
        click.echo(f"verify: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo("all tables valid")


@refs.command("sync")
@click.option("--dest", type=click.Path(file_okay=False),
              help="The reference directory to update (use it with --refs)  [default: the config "
                   "file's first refs directory]")
@click.option("--source", "sources", multiple=True, metavar="TABLE=URL[#sha256=HEX]",
              help="A table to fetch (repeatable)  [default: the config file's [sync] table]")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=50_000_000, show_default=True)
@_config_options
def refs_sync(dest: str | None, sources: tuple[str, ...], timeout: float, max_bytes: int,
              **config_flags) -> None:
    """Fetch fresh tables over HTTP: conditional requests, a size limit, validation before an atomic
    swap (a failed download leaves the old table in place). Exit 1 when a source failed."""
    import sqlite3

    from verify.reference.sync import SyncSource, sync_tables

    settings = _settings(config_flags)
    specs = [spec.partition("=") for spec in sources] or [(t, "=", u) for t, u in settings.sync.items()]
    parsed = []
    for table, sep, url in specs:
        url, _, checksum = url.partition("#sha256=")
        if not sep or not url:
            raise click.BadParameter(f"{table!r}: expected TABLE=URL", param_hint="--source")
        parsed.append(SyncSource(table.strip(), url.strip(), checksum.strip() or None))
    if not parsed:
        raise click.UsageError("nothing to sync: give --source TABLE=URL (or a [sync] table in the config file)")
    dest = dest or (str(settings.refs[0]) if settings.refs else None)
    if dest is None:
        raise click.UsageError("give --dest DIR (or refs = [\"DIR\"] in the config file)")
    try:
        results = sync_tables(parsed, Path(dest), timeout=timeout, max_bytes=max_bytes)
    except (OSError, sqlite3.Error) as exc:
        click.echo(f"verify: error: {dest}: {getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(EXIT_INPUT)
    for result in results:
        click.echo(result.message)
    sys.exit(EXIT_FINDINGS if any(r.status == "failed" for r in results) else EXIT_OK)
