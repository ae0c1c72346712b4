"""`--changed-since` and `--diff-lines` in a git repository the test makes: added, modified (committed,
staged, unstaged), renamed, deleted and untracked files, only article formats, changed lines, and
one-line errors for a directory that is no repository and for an unknown ref."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.changed import ChangedFile, GitError, changed_files
from verify.cli import main

TALLY = "The Security Council rejected the draft by nine votes against, four in favour and three abstentions."
FINE = "The minister spoke for an hour."


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a commit tagged `base`, then every kind of change since."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Desk")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    lines = [f"Paragraph {i}: {FINE}" for i in range(1, 9)]
    write(repo, "modified.md", "\n".join(lines) + "\n")
    write(repo, "staged.txt", f"{FINE}\n")
    write(repo, "old name.md", "\n".join(lines) + "\n")
    write(repo, "deleted.md", f"{FINE}\n")
    write(repo, "same.md", f"{FINE}\n")
    write(repo, "data.json", '{"text": "x"}\n')
    write(repo, ".gitignore", "ignored.md\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "base")
    write(repo, "committed.html", f"<p>{FINE}</p>\n")  # added and committed since base
    git(repo, "add", "committed.html")
    git(repo, "commit", "-q", "-m", "add")
    write(repo, "modified.md", "\n".join(lines[:4] + [TALLY] + lines[5:]) + "\n")  # unstaged edit of line 5
    write(repo, "staged.txt", f"{TALLY}\n")
    git(repo, "add", "staged.txt")
    (repo / "desk").mkdir()
    git(repo, "mv", "old name.md", "desk/new name.md")
    write(repo, "desk/new name.md", "\n".join(lines[:2] + [TALLY] + lines[3:]) + "\n")  # renamed, line 3 edited
    git(repo, "rm", "-q", "deleted.md")
    write(repo, "data.json", '{"text": "y"}\n')  # a repository's JSON is not article copy
    write(repo, "script.py", "print(1)\n")
    write(repo, "untracked.txt", f"{FINE}\n")
    write(repo, "ignored.md", f"{TALLY}\n")
    return repo


def test_changed_files_since_ref(repo: Path) -> None:
    assert [c.path for c in changed_files("base", cwd=repo)] == [
        "committed.html", "desk/new name.md", "modified.md", "staged.txt", "untracked.txt"]
    assert all(c.lines is None for c in changed_files("base", cwd=repo))  # lines only when asked


def test_changed_lines_follow_renames(repo: Path) -> None:
    by_path = {c.path: c.lines for c in changed_files("base", cwd=repo, lines=True)}
    assert by_path["modified.md"] == {5}
    assert by_path["desk/new name.md"] == {3}  # the rename is followed: only the edited line
    assert by_path["staged.txt"] == {1} and by_path["committed.html"] == {1}
    assert by_path["untracked.txt"] is None  # new to git: every line


def test_within_keep_and_paths_relative_to_the_working_directory(repo: Path, tmp_path: Path) -> None:
    assert changed_files("base", [str(repo / "desk")], cwd=repo) == [ChangedFile("desk/new name.md")]
    link = tmp_path / "link"
    link.symlink_to(repo)  # a working directory reached through a symlink, named relative to it
    assert changed_files("base", ["desk", "staged.txt"], cwd=link) == [ChangedFile("desk/new name.md"),
                                                                        ChangedFile("staged.txt")]
    kept = changed_files("base", cwd=repo, keep=lambda path: path.endswith(".md"))
    assert [c.path for c in kept] == ["desk/new name.md", "modified.md"]
    assert [c.path for c in changed_files("base", cwd=repo / "desk")][:2] == ["../committed.html", "new name.md"]


def test_git_errors_are_one_line(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()
    with pytest.raises(GitError, match="not a git repository"):
        changed_files("HEAD", cwd=elsewhere)
    with pytest.raises(GitError, match="unknown git ref 'no-such-branch'"):
        changed_files("no-such-branch", cwd=repo)
    with pytest.raises(GitError, match="unknown git ref '--output=x'"):
        changed_files("--output=x", cwd=repo)  # an option-like ref is a ref, not an option
    assert not (repo / "x").exists()


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def test_cli_checks_the_changed_articles(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = run("--changed-since", "base", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    errors = {d["document"]["source"]: [f["line"] for f in d["findings"] if f["severity"] == "error"] for d in data}
    assert errors == {"committed.html": [], "desk/new name.md": [3], "modified.md": [5], "staged.txt": [1],
                      "untracked.txt": []}
    narrowed = run("--changed-since", "HEAD", "desk", "--format", "json")  # PATHS narrow the changed files
    assert json.loads(narrowed.stdout)["document"]["source"] == "desk/new name.md"
    git(repo, "stash", "-q", "--include-untracked")
    quiet = run("--changed-since", "HEAD")
    assert quiet.exit_code == 0 and quiet.stdout == "" and "no article changed since HEAD" in quiet.stderr


def test_cli_diff_lines_reports_only_problems_on_changed_lines(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "edits")
    git(repo, "tag", "edits")
    lines = Path("modified.md").read_text(encoding="utf-8").splitlines()
    lines[1] = TALLY.replace("nine", "ten")  # a second error, on line 2; line 5's stays as it was
    write(repo, "modified.md", "\n".join(lines) + "\n")
    every = run("--changed-since", "edits", "--format", "json")
    only = run("--changed-since", "edits", "--diff-lines", "--format", "json")
    assert every.exit_code == only.exit_code == 1
    assert [f["line"] for f in json.loads(every.stdout)["findings"] if f["severity"] == "error"] == [2, 5]
    shown = json.loads(only.stdout)
    assert [f["line"] for f in shown["findings"] if f["severity"] == "error"] == [2]
    assert shown["summary"]["errors"] == 1
    lines[1] = FINE
    write(repo, "modified.md", "\n".join(lines) + "\n")
    assert run("--changed-since", "edits", "--diff-lines").exit_code == 0  # line 5's old error is not new


def test_cli_usage_and_git_errors(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert run("--diff-lines", "modified.md").exit_code == 2
    assert run().exit_code == 2
    bad_ref = run("--changed-since", "nope")
    assert bad_ref.exit_code == 2 and bad_ref.stderr == "verify: error: unknown git ref 'nope'\n"
    monkeypatch.chdir(tmp_path)
    no_repo = run("--changed-since", "HEAD")
    assert no_repo.exit_code == 2 and no_repo.stderr.count("\n") == 1 and "not a git repository" in no_repo.stderr
