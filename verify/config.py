"""Settings for `verify check`: defaults < the nearest config file < command-line flags.

A config file is `verify.toml` (the settings at its top level) or `pyproject.toml` (the settings in
its `[tool.verify]` table; a pyproject without that table is passed over). It is looked for from
the working directory upwards: the nearest wins, `verify.toml` before `pyproject.toml` in one
directory, and files are never merged. The search stops at the repository root (the directory
holding `.git`), so a checkout never picks up settings from outside it, or at the filesystem root.
Relative paths in a file (`refs`) and the `include`/`exclude` globs are relative to its directory.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verify.document import Document

CONFIG_NAMES = ("verify.toml", "pyproject.toml")
DEFAULT, COMMAND_LINE = "default", "command line"
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "never")
DATE_FROM = ("metadata", "today")


class ConfigError(Exception):
    """A config file or flag that cannot be used; `str()` is one line naming the file and key."""

    def __init__(self, source: str, key: str | None, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}" if key else f"{source}: {problem}")


class _Bad(ValueError):
    """A value's problem, before the file and key are known."""


@dataclass(frozen=True)
class Settings:
    """The effective settings, and (in `origins`, by key) where each came from: "default", the
    config file's path or "command line"."""

    include: tuple[str, ...] = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt")
    exclude: tuple[str, ...] = (".*", "node_modules")
    select: tuple[str, ...] = ()  # rule code prefixes; empty: every rule
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)  # rule code -> severity of its problems
    fail_on: str = "error"
    refs: tuple[Path, ...] = ()
    sync: Mapping[str, str] = field(default_factory=dict)  # table -> URL[#sha256=HEX]
    date: dt.date | None = None
    date_from: str = "metadata"
    file: Path | None = None  # the config file read, if any
    root: Path = Path(".")  # what include/exclude are relative to: the file's directory, or the cwd
    origins: Mapping[str, str] = field(default_factory=dict)

    def undated_day(self) -> dt.date | None:
        """The date of a document without one of its own: today with `date-from = "today"`."""
        return dt.date.today() if self.date_from == "today" else None

    def wants(self, relative: str) -> bool:
        """Is the file at `relative` (a '/'-separated path under `root`) included and not excluded?"""
        path = PurePosixPath(relative)
        return _matches(self.include, path) and not _matches(self.exclude, path)

    def wants_file(self, path: Path) -> bool:
        """`wants` for a file found another way (`--changed-since`)."""
        return self.wants(self._key(path))

    def excludes(self, relative: str) -> bool:
        """Does an exclude glob match the file or directory at `relative` (as for `wants`)?"""
        return _matches(self.exclude, PurePosixPath(relative))

    def excludes_file(self, path: Path) -> bool:
        """Does `exclude` match a file named on the command line (with `--force-exclude`)?"""
        return self.excludes(self._key(path))

    def _key(self, path: Path) -> str:
        """What the globs match for a file: its path relative to `root` if inside, else its name."""
        return _relative(path, self.root) if _inside(path, self.root) else path.name

    def base_of(self, directory: Path) -> Path:
        """What paths under `directory` are matched relative to: `root` when `directory` lies inside
        it, else `directory` itself."""
        return self.root if _inside(directory, self.root) else directory

    def files_under(self, directory: Path) -> list[Path]:
        """The wanted files under `directory`, sorted, as paths beginning with `directory` (matched
        relative to `base_of(directory)`); excluded directories are not entered."""
        base = self.base_of(directory)
        found = []
        for current, dirs, files in os.walk(directory):
            here = Path(current)
            prefix = glob_prefix(here, base)
            dirs[:] = [d for d in dirs if not self.excludes(prefix + d)]
            found += [here / name for name in files if self.wants(prefix + name)]
        return sorted(found)


def fill_date(doc: Document, day: dt.date | None) -> Document:
    """`doc` dated `day`, as if given, when it has no date of its own and `day` is set (see
    `Settings.undated_day`)."""
    if doc.published is not None or day is None:
        return doc
    return replace(doc, published=day, date_source="given")


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()


def glob_prefix(directory: Path, base: Path) -> str:
    """What the globs see before the names in `directory`: its path relative to `base`, ending in
    '/' ("" for `base` itself)."""
    rel = _relative(directory, base)
    return "" if rel == "." else rel + "/"


# --- glob patterns ------------------------------------------------------------------------------

def _matches(patterns: tuple[str, ...], path: PurePosixPath) -> bool:
    """As in .gitignore: a pattern without '/' (but at its end) matches a file or directory name at
    any depth ("*.md", "drafts/", ".*"); one with '/' matches from `root` ("docs/*.md", "/drafts",
    "archive/**"). A pattern matching a directory matches everything under it."""
    prefixes = ["/".join(path.parts[:i]) for i in range(1, len(path.parts) + 1)]
    for pattern in patterns:
        candidates = prefixes if "/" in pattern.rstrip("/") else path.parts
        regex = _glob_regex(pattern.strip("/"))
        if any(regex.fullmatch(c) for c in candidates):
            return True
    return False


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`**/` any directories (or none), `**` anything, `*` and `?` within one name, `[...]` a class."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            body = pattern[i + 1:close]
            out.append("[" + ("^" + body[1:] if body[0] == "!" else body).replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


# --- keys and their values ------------------------------------------------------------------------

def did_you_mean(word: str, options: Iterable[str]) -> str:
    """ " (did you mean 'x'?)" for the closest option, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad("expected a list of strings, e.g. [\"*.md\"]")
    return tuple(v.strip() for v in value)


def _globs(value: Any, base: Path) -> tuple[str, ...]:
    return _strings(value)


def _rule_codes() -> list[str]:
    from verify.rules import BY_CODE

    return list(BY_CODE)


def _code_prefixes(value: Any, base: Path) -> tuple[str, ...]:
    """Rule codes or their prefixes ("V", "R10", "A101"), as `select` and `ignore` take them."""
    codes = _rule_codes()
    prefixes = tuple(v.upper() for v in _strings(value))
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in codes):
            raise _Bad(f"{prefix!r} is no rule code or prefix of one{did_you_mean(prefix, codes)}")
    return prefixes


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad("expected a table")
    return value


def _choice(options: tuple[str, ...]) -> Callable[[Any, Path], str]:
    def parse(value: Any, base: Path) -> str:
        if value not in options:
            raise _Bad(f"{value!r} is not one of {', '.join(options)}{did_you_mean(str(value), options)}")
        return value
    return parse


def _severities(value: Any, base: Path) -> dict[str, str]:
    codes, parsed = _rule_codes(), {}
    for code, severity in _table(value).items():
        if code.upper() not in codes:
            raise _Bad(f"{code!r} is no rule code{did_you_mean(code.upper(), codes)}")
        parsed[code.upper()] = _choice(SEVERITIES)(severity, base)
    return parsed


def _directories(value: Any, base: Path) -> tuple[Path, ...]:
    dirs = tuple(base / v for v in _strings(value))
    for d in dirs:
        if not d.is_dir():
            raise _Bad(f"{d}: no such directory")
    return dirs


def _sync_sources(value: Any, base: Path) -> dict[str, str]:
    from verify.reference.schemas import SCHEMAS

    parsed = {}
    for table, url in _table(value).items():
        if table not in SCHEMAS:
            raise _Bad(f"{table!r} is no reference table{did_you_mean(table, SCHEMAS)}")
        if not isinstance(url, str) or not re.match(r"https?://\S", url):
            raise _Bad(f"{table}: expected an http(s) URL, optionally ending #sha256=HEX")
        parsed[table] = url
    return parsed


def _date(value: Any, base: Path) -> dt.date:
    from verify.document import LoadError, parse_date

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):  # TOML's own dates
        return value
    if not isinstance(value, str):
        raise _Bad("expected a date, YYYY-MM-DD")
    try:
        return parse_date(value, "")
    except LoadError as exc:
        raise _Bad(exc.message) from None


# each key as written in a file -> how its value is read (raw value, the file's directory) -> setting
KEYS: dict[str, Callable[[Any, Path], Any]] = {
    "include": _globs, "exclude": _globs, "select": _code_prefixes, "ignore": _code_prefixes,
    "severity": _severities, "fail-on": _choice(FAIL_ON), "refs": _directories, "sync": _sync_sources,
    "date": _date, "date-from": _choice(DATE_FROM),
}


# --- finding and reading the file -----------------------------------------------------------------

def find_config(start: Path) -> Path | None:
    """The nearest config file from `start` upwards, or None (see the module docstring)."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and read_config(candidate) is not None:
                return candidate
        if (directory / ".git").exists():
            return None
    return None


def read_config(path: Path) -> dict[str, Any] | None:
    """The verify settings table of a config file; None for a pyproject.toml without one."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, getattr(exc, "strerror", None) or str(exc)) from None
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("verify") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(str(path), "tool.verify", "expected a table")
    return table


def load_settings(cwd: Path, *, config: Path | None = None, isolated: bool = False,
                  flags: Mapping[str, Any] | None = None) -> Settings:
    """Defaults, then the config file (`config`, else the nearest one unless `isolated`), then the
    command line's `flags` (keys as in the file, values as a file would give them)."""
    values: dict[str, Any] = {}
    origins = {key: DEFAULT for key in KEYS}
    path = None if isolated else config or find_config(cwd)
    if path is not None:
        table = read_config(path)
        if table is None:
            raise ConfigError(str(path), None, "no [tool.verify] table")
        values.update(_parse(table, path.parent, str(path)))
        origins.update(dict.fromkeys(table, str(path)))
    values.update(_parse(dict(flags or {}), cwd, COMMAND_LINE))
    origins.update(dict.fromkeys(flags or {}, COMMAND_LINE))
    return Settings(**{key.replace("-", "_"): value for key, value in values.items()}, file=path,
                    root=path.parent if path else cwd, origins=origins)


def _parse(table: dict[str, Any], base: Path, source: str) -> Iterator[tuple[str, Any]]:
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(source, None, f"unknown key {key!r}{did_you_mean(key, KEYS)}")
        try:
            yield key, KEYS[key](value, base)
        except _Bad as exc:
            raise ConfigError(source, key, str(exc)) from None


# --- `verify config` ------------------------------------------------------------------------------

def describe(settings: Settings) -> str:
    """The effective settings as a verify.toml (so it can be copied), each line saying where its
    value came from."""
    lines = [f"# config file: {settings.file or 'none'}"]
    rows = [(key, getattr(settings, key.replace("-", "_"))) for key in KEYS]
    shown = [(f"{key} = {_toml(value)}" if value is not None else f"# {key} is not set", key)
             for key, value in rows]
    width = max(len(text) for text, _ in shown)
    lines += [f"{text:<{width}}  # {settings.origins[key]}" for text, key in shown]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(map(_toml, value)) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
