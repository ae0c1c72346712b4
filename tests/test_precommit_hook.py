"""The pre-commit hook definition: the entry is our command, and the files pre-commit would pass to
it (its own `identify` typing, then the `files` pattern) are exactly article copy verify reads."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from click.testing import CliRunner
from identify.identify import tags_from_filename

from verify.cli import main
from verify.document import SUFFIX_FORMAT

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
ARTICLES = ["story.md", "drafts/long read.markdown", "page.html", "old/page.htm", "feed/item.xhtml",
            "notes.txt"]
NOT_ARTICLES = ["setup.py", "package.json", "records/a.json", "table.csv", "LICENSE", "README", "image.png",
                "notes.rst", "style.css", "Makefile"]


def hook() -> dict:
    [only] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return only


def passes(h: dict, name: str) -> bool:
    """pre-commit's selection: `files` and not `exclude` (regexes searched in the path), `types` all,
    `types_or` any, of the tags identify gives the file name."""
    tags = tags_from_filename(name)
    return (bool(re.search(h.get("files", ""), name)) and not (h.get("exclude") and re.search(h["exclude"], name))
            and set(h.get("types", ["file"])) - {"file"} <= tags
            and (not h.get("types_or") or bool(tags & set(h["types_or"]))))


def test_hook_runs_verify_check_on_the_files_given() -> None:
    h = hook()
    assert h["id"] == "verify" and h["language"] == "python" and h.get("pass_filenames", True)
    command = shlex.split(h["entry"]) + h.get("args", [])
    assert command[:3] == ["verify", "check", "--force-exclude"]  # the config's excludes apply to named files
    options = {opt for param in main.get_command(None, "check").params for opt in param.opts}
    assert set(command[2:]) <= options


def test_hook_passes_article_copy_and_nothing_else() -> None:
    h = hook()
    assert [n for n in ARTICLES if not passes(h, n)] == []
    assert [n for n in NOT_ARTICLES if passes(h, n)] == []
    for name in ARTICLES:  # and whatever it passes, verify reads as an article
        assert SUFFIX_FORMAT.get(Path(name).suffix) in ("txt", "md", "html")


def test_hook_command_checks_files_and_fails_the_commit_on_errors(tmp_path: Path, monkeypatch) -> None:
    """What pre-commit runs: the entry with the file names appended; exit 1 stops the commit, unless
    the repository's config excludes the file."""
    monkeypatch.chdir(tmp_path)
    bad, good = tmp_path / "bad.md", tmp_path / "good.txt"
    bad.write_text("Nine voted against, four in favour and three abstained in the 15-member Security "
                   "Council.\n", encoding="utf-8")
    good.write_text("The minister spoke for an hour.\n", encoding="utf-8")
    args = shlex.split(hook()["entry"])[1:]
    assert CliRunner().invoke(main, [*args, str(good)]).exit_code == 0
    assert CliRunner().invoke(main, [*args, str(good), str(bad)]).exit_code == 1
    (tmp_path / "verify.toml").write_text('exclude = ["bad.md"]\n', encoding="utf-8")
    assert CliRunner().invoke(main, [*args, str(good), str(bad)]).exit_code == 0
