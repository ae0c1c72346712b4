"""What changed since a git ref, for `verify check --changed-since REF [--diff-lines]`: the working
tree (committed, staged and unstaged changes alike) against REF, plus untracked files git does not
ignore. Added and modified files count, renamed ones under their new name; deleted ones have nothing
left to check. Only article copy is picked (.txt, .md, .html and their variants): a repository's
.json files are mostly not article records."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from verify.document import SUFFIX_FORMAT
from verify.report.model import Report
from verify.report.places import Locator

ARTICLE_FORMATS = ("txt", "md", "html")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """git could not answer (not a repository, an unknown ref, no git): a one-line message."""


@dataclass(frozen=True)
class ChangedFile:
    path: str  # relative to the working directory, '/'-separated
    lines: frozenset[int] | None = None  # changed lines (new numbering); None: every line


def changed_files(ref: str, within: Iterable[str] = (), *, lines: bool = False,
                  keep: Callable[[str], bool] | None = None, cwd: str | Path | None = None) -> list[ChangedFile]:
    """The article files changed since `ref`, in path order: inside one of `within` (files or
    directories; default the whole repository), accepted by `keep` (a path filter, such as the
    configured include/exclude globs), with their changed lines when `lines` is set."""
    cwd = Path(cwd or Path.cwd()).resolve()  # resolved, like the top level git names
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, f"{cwd}: not a git repository").strip())
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top,
                  f"unknown git ref {ref!r}").strip()
    renamed_from: dict[str, str] = {}
    tracked: list[str] = []
    fields = _git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", commit, "--"], top).split("\0")
    it = iter(f for f in fields if f)
    for status in it:
        old = next(it)
        new = next(it) if status[0] in "RC" else old
        if status[0] != "D":
            tracked.append(new)
            renamed_from[new] = old
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    scopes = [os.path.realpath(cwd / w) for w in within]
    out = []
    for name in sorted({*tracked, *filter(None, untracked)}):
        full = os.path.join(top, name)
        path = PurePath(os.path.relpath(full, cwd)).as_posix()
        if SUFFIX_FORMAT.get(PurePath(name).suffix.lower()) not in ARTICLE_FORMATS or not os.path.isfile(full):
            continue
        if scopes and not any(full == s or full.startswith(s.rstrip(os.sep) + os.sep) for s in scopes):
            continue
        if keep is not None and not keep(path):
            continue
        changed = None
        if lines and name in renamed_from:
            changed = _changed_lines(top, commit, renamed_from[name], name)
        out.append(ChangedFile(path, changed))
    return out


def _changed_lines(top: Path, commit: str, old: str, new: str) -> frozenset[int]:
    """Lines of `new` added or changed since `commit` (both names given, so a rename is followed and
    only its edits count); a pure deletion marks no line."""
    patch = _git(["--literal-pathspecs", "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
                  commit, "--", old, new], top)
    changed: set[int] = set()
    for match in _HUNK.finditer(patch):
        start, count = int(match.group(1)), int(match.group(2) or 1)
        changed.update(range(start, start + count))
    return frozenset(changed)


def _git(args: list[str], cwd: Path, failure: str | None = None) -> str:
    """git's output; a failure is a GitError with `failure` or git's own first line of complaint."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise GitError("git is not installed (needed for --changed-since)") from None
    if proc.returncode != 0:
        complaint = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(failure or (complaint[0] if complaint else f"git {args[0]} failed"))
    return proc.stdout.decode("utf-8", "surrogateescape")


def on_changed_lines(report: Report, text: str, changed: frozenset[int] | None) -> Report:
    """The report with only the problems on lines that `changed` names (a problem spanning lines
    counts when any of them changed). Verified checks stay, so the summary still counts what was
    checked; `None` (a file new to git) keeps everything."""
    if changed is None:
        return report
    locator = Locator(text)
    kept = tuple(f for f in report.findings
                 if f.severity == "info" or not changed.isdisjoint(locator.lines(f.start, f.end)))
    return dataclasses.replace(report, findings=kept)
