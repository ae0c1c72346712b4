"""Settings: finding the config file, precedence (flags > file > defaults), errors naming file and
key, include/exclude selection, and `verify config` saying where each setting came from."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from verify.cli import main
from verify.config import ConfigError, Settings, find_config, load_settings

VOTE_ERROR = ("The Security Council rejected the draft by nine votes against, four in favour and three "
              "abstentions.\n")  # V101: 16 votes in a 15-seat body
TYPO = "The motion won four votes in favo1r.\n"  # T101, a warning


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (so the upward search stops here) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- discovery ------------------------------------------------------------------------------------

def test_nearest_config_upwards_wins(repo: Path) -> None:
    outer = write(repo / "verify.toml", 'fail-on = "warning"\n')
    inner = write(repo / "site" / "verify.toml", 'fail-on = "never"\n')
    deep = repo / "site" / "articles" / "2016"
    deep.mkdir(parents=True)
    assert find_config(deep) == inner
    assert find_config(repo / "site") == inner
    assert find_config(repo) == outer
    assert load_settings(deep).fail_on == "never"


def test_pyproject_without_tool_verify_is_passed_over(repo: Path) -> None:
    outer = write(repo / "verify.toml", 'fail-on = "warning"\n')
    write(repo / "site" / "pyproject.toml", '[project]\nname = "site"\n[tool.other]\nx = 1\n')
    assert find_config(repo / "site") == outer
    with_table = write(repo / "site" / "pyproject.toml", '[tool.verify]\nfail-on = "never"\n')
    assert find_config(repo / "site") == with_table
    assert load_settings(repo / "site").fail_on == "never"


def test_verify_toml_wins_over_pyproject_in_one_directory(repo: Path) -> None:
    write(repo / "pyproject.toml", '[tool.verify]\nfail-on = "never"\n')
    chosen = write(repo / "verify.toml", 'fail-on = "warning"\n')
    settings = load_settings(repo)
    assert settings.file == chosen and settings.fail_on == "warning"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "verify.toml", 'fail-on = "never"\n')  # outside the checkout
    (tmp_path / "checkout" / ".git").mkdir(parents=True)
    (tmp_path / "checkout" / "articles").mkdir()
    assert find_config(tmp_path / "checkout" / "articles") is None
    assert load_settings(tmp_path / "checkout" / "articles").fail_on == "error"


def test_git_file_of_a_worktree_also_marks_the_root(tmp_path: Path) -> None:
    write(tmp_path / "verify.toml", 'fail-on = "never"\n')
    write(tmp_path / "wt" / ".git", "gitdir: /elsewhere\n")
    assert find_config(tmp_path / "wt") is None


# --- precedence -----------------------------------------------------------------------------------

def test_precedence_flags_over_file_over_defaults(repo: Path) -> None:
    cfg = write(repo / "verify.toml", 'fail-on = "warning"\nignore = ["R105"]\ndate = 2016-10-08\n')
    settings = load_settings(repo, flags={"fail-on": "never"})
    assert settings.fail_on == "never" and settings.origins["fail-on"] == "command line"
    assert settings.ignore == ("R105",) and settings.origins["ignore"] == str(cfg)
    assert settings.date == dt.date(2016, 10, 8) and settings.origins["date"] == str(cfg)
    assert settings.select == () and settings.origins["select"] == "default"
    assert load_settings(repo, isolated=True).fail_on == "error"


def test_explicit_config_file_and_isolated(repo: Path) -> None:
    write(repo / "verify.toml", 'fail-on = "never"\n')
    other = write(repo / "ci" / "strict.toml", 'fail-on = "warning"\n')
    pyproject = write(repo / "ci" / "pyproject.toml", '[tool.verify]\nselect = ["V"]\n')
    assert load_settings(repo, config=other).fail_on == "warning"
    assert load_settings(repo, config=pyproject).select == ("V",)
    bare = write(repo / "ci2" / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: no \[tool.verify\] table"):
        load_settings(repo, config=bare)
    assert run("config", "--config", str(other), "--isolated").exit_code == 2


def test_verify_config_prints_settings_and_origins(repo: Path) -> None:
    (repo / "tables").mkdir()
    cfg = write(repo / "verify.toml", 'refs = ["tables"]\nexclude = ["drafts"]\n[severity]\nv101 = "warning"\n'
                                      '[sync]\nfacts = "https://example.org/facts.csv"\n')
    result = run("config", "--fail-on", "never", "--select", "V,R1", "--select", "D101")
    assert result.exit_code == 0, result.output
    shown = tomllib.loads(result.output)  # the output is itself a valid verify.toml
    assert shown["refs"] == [str(repo / "tables")] and shown["exclude"] == ["drafts"]
    assert shown["severity"] == {"V101": "warning"} and shown["fail-on"] == "never"
    assert shown["select"] == ["V", "R1", "D101"] and shown["sync"] == {"facts": "https://example.org/facts.csv"}
    assert "date" not in shown
    origin = {m.group(1): m.group(2) for m in re.finditer(r"^#? ?([\w-]+)\b.*#\s(\S.*)$", result.output, re.M)}
    assert origin["fail-on"] == origin["select"] == "command line"
    assert origin["refs"] == origin["severity"] == origin["exclude"] == str(cfg)
    assert origin["include"] == origin["date"] == "default"
    assert result.output.startswith(f"# config file: {cfg}\n")
    assert run("config", "--isolated").output.startswith("# config file: none\n")


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ('exlude = ["drafts"]\n', "unknown key 'exlude' (did you mean 'exclude'?)"),
    ('fail-on = "warn"\n', "fail-on: 'warn' is not one of error, warning, never (did you mean 'warning'?)"),
    ('select = ["X9"]\n', "select: 'X9' is no rule code or prefix of one"),
    ('ignore = "R105"\n', "ignore: expected a list of strings"),
    ('[severity]\nV1O1 = "warning"\n', "severity: 'V1O1' is no rule code (did you mean 'V101'?)"),
    ('[severity]\nV101 = "loud"\n', "severity: 'loud' is not one of error, warning, info"),
    ('refs = ["no-such-dir"]\n', "refs: "),
    ('[sync]\nfact = "https://example.org/f.csv"\n', "sync: 'fact' is no reference table (did you mean 'facts'?)"),
    ('[sync]\nfacts = "ftp://example.org/f.csv"\n', "sync: facts: expected an http(s) URL"),
    ('date = "8 October 2016"\n', "date: invalid date '8 October 2016': expected YYYY-MM-DD"),
    ('date-from = "file"\n', "date-from: 'file' is not one of metadata, today"),
    ('fail-on = "warning"\nfail-on = "error"\n', "invalid TOML"),
])
def test_bad_config_is_one_line_naming_file_and_key(repo: Path, text: str, expected: str) -> None:
    cfg = write(repo / "verify.toml", text)
    write(repo / "a.txt", TYPO)
    for command in (["check", "a.txt"], ["config"]):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"verify: error: {cfg}: ") and expected in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_bad_pyproject_table_names_tool_verify(repo: Path) -> None:
    cfg = write(repo / "pyproject.toml", '[tool]\nverify = 3\n')
    result = run("config")
    assert result.exit_code == 2 and f"{cfg}: tool.verify: expected a table" in result.stderr


def test_bad_command_line_value_names_the_flag_source(repo: Path) -> None:
    result = run("config", "--select", "Q")
    assert result.exit_code == 2
    assert result.stderr.startswith("verify: error: command line: select: 'Q' is no rule code")


# --- what the settings do -------------------------------------------------------------------------

def test_include_exclude_select_files(repo: Path) -> None:
    write(repo / "verify.toml", 'include = ["*.md", "*.txt"]\nexclude = ["drafts", "archive/**/*.txt"]\n')
    for name in ("a.md", "b.txt", "c.html", "drafts/d.md", "news/drafts/e.md", "archive/2015/f.txt",
                 "archive/2015/g.md", ".hidden/h.md", "news/i.md"):
        write(repo / name, TYPO)
    settings = load_settings(repo)
    found = [p.relative_to(repo).as_posix() for p in settings.files_under(repo)]
    assert found == [".hidden/h.md", "a.md", "archive/2015/g.md", "b.txt", "news/i.md"]  # exclude replaced
    assert [p.as_posix() for p in settings.files_under(Path("news"))] == ["news/i.md"]
    assert settings.wants("x/drafts/y.md") is False and settings.wants("x/y.md") is True
    anchored = Settings(exclude=("/drafts", "news/**/old-*.md", "tmp/"))
    assert not anchored.wants("drafts/a.md") and anchored.wants("news/drafts/a.md")
    assert not anchored.wants("news/2016/10/old-a.md") and anchored.wants("news/2016/new-a.md")
    assert not anchored.wants("a/tmp/b.md") and anchored.wants("tmpfile.md")


def test_default_globs_skip_hidden_and_node_modules() -> None:
    settings = Settings()
    assert settings.wants("a/b.md") and settings.wants("c.html") and settings.wants("d.txt")
    assert not settings.wants(".github/x.md") and not settings.wants("node_modules/p/README.md")
    assert not settings.wants("data.json") and not settings.wants("a/b.md.bak")


def test_check_without_paths_checks_the_included_files_under_the_config(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "verify.toml", 'exclude = ["drafts"]\n')
    write(repo / "articles" / "a.txt", TYPO)
    write(repo / "articles" / "drafts" / "b.txt", VOTE_ERROR)
    (repo / "articles" / "sub").mkdir()
    for cwd, shown in ((repo, "articles/a.txt"), (repo / "articles" / "sub", "../../articles/a.txt")):
        monkeypatch.chdir(cwd)  # the config's directory is searched, wherever the run starts
        result = run("check", "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["document"]["source"] == shown
    result = run("check", str(repo / "articles" / "drafts"))  # excluded when found, so none
    assert result.exit_code == 0 and "no file matches" in result.stderr
    explicit = run("check", str(repo / "articles" / "drafts" / "b.txt"))  # named files always checked
    assert explicit.exit_code == 1 and "V101" in explicit.stdout
    monkeypatch.chdir(repo)
    forced = run("check", "--force-exclude", "articles/drafts/b.txt", "articles/a.txt", "--format", "json")
    assert forced.exit_code == 0 and json.loads(forced.stdout)["document"]["source"] == "articles/a.txt"


def test_no_paths_and_no_config_is_a_usage_error(repo: Path) -> None:
    result = run("check")
    assert result.exit_code == 2 and "config file" in result.output


def test_select_ignore_and_severity_change_the_findings(repo: Path) -> None:
    write(repo / "a.txt", VOTE_ERROR + "\n" + TYPO)

    def raised(*args: str) -> list[tuple[str, str]]:
        data = json.loads(run("check", "a.txt", "--format", "json", *args).stdout)
        return sorted((f["rule"], f["severity"]) for f in data["findings"] if f["severity"] != "info")

    assert raised() == [("T101", "warning"), ("V101", "error")]
    write(repo / "verify.toml", 'ignore = ["V"]\n')
    assert raised() == [("T101", "warning")]
    assert raised("--ignore", "T") == [("V101", "error")]  # the flag replaces the file's list
    write(repo / "verify.toml", 'select = ["V1"]\n[severity]\nV101 = "warning"\n')
    assert raised() == [("V101", "warning")]
    assert run("check", "a.txt").exit_code == 0  # fail-on error: a warning passes
    write(repo / "verify.toml", '[severity]\nT101 = "error"\nV101 = "info"\n')
    assert raised() == [("T101", "error")]  # V101 demoted to info


@pytest.mark.parametrize("fail_on,error_exit,warning_exit", [("error", 1, 0), ("warning", 1, 1), ("never", 0, 0)])
@pytest.mark.parametrize("given_by", ["flag", "config"])
def test_fail_on_exit_codes(repo: Path, fail_on: str, error_exit: int, warning_exit: int, given_by: str) -> None:
    write(repo / "error.txt", VOTE_ERROR)
    write(repo / "warning.txt", TYPO)
    write(repo / "clean.txt", "The motion won four votes in favour.\n")
    flags: list[str] = []
    if given_by == "flag":
        flags = ["--fail-on", fail_on]
    else:
        write(repo / "verify.toml", f'fail-on = "{fail_on}"\n')
    assert run("check", "error.txt", *flags).exit_code == error_exit
    assert run("check", "warning.txt", *flags).exit_code == warning_exit
    assert run("check", "clean.txt", *flags).exit_code == 0
    assert run("check", "missing.txt", *flags).exit_code == 2


def test_fail_on_default_and_flag_over_config(repo: Path) -> None:
    write(repo / "error.txt", VOTE_ERROR)
    write(repo / "warning.txt", TYPO)
    assert run("check", "error.txt").exit_code == 1  # the default: error
    assert run("check", "warning.txt").exit_code == 0
    write(repo / "verify.toml", 'fail-on = "never"\n')
    assert run("check", "error.txt").exit_code == 0
    assert run("check", "error.txt", "--fail-on", "error").exit_code == 1
    assert run("check", "error.txt", "--isolated").exit_code == 1


def test_refs_are_relative_to_the_config_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a newsroom table where the Council has 16 seats makes the 16 votes consistent
    write(repo / "site" / "tables" / "bodies.csv",
          "body,jurisdiction,seats,valid_from,valid_to,size_type,note,source\n"
          "UN Security Council,UN,16,1966,,charter,test,test\n")
    write(repo / "site" / "verify.toml", 'refs = ["tables"]\n')
    write(repo / "site" / "articles" / "a.txt", VOTE_ERROR)
    (repo / "elsewhere").mkdir()
    assert run("check", "site/articles/a.txt").exit_code == 1  # no config found from the repo root
    monkeypatch.chdir(repo / "site" / "articles")
    assert run("check", "a.txt").exit_code == 0
    assert run("check", "a.txt", "--refs", str(repo / "elsewhere")).exit_code == 1  # the flag replaces it


def test_sync_sources_and_destination_from_config(repo: Path) -> None:
    (repo / "tables").mkdir()
    write(repo / "verify.toml", 'refs = ["tables"]\n[sync]\nfacts = "http://127.0.0.1:9/facts.csv"\n')
    result = run("refs", "sync", "--timeout", "0.5")
    assert result.exit_code == 1  # port 9 refuses: the configured source was tried
    assert result.stdout.startswith("facts: http://127.0.0.1:9/facts.csv: ")
    assert (repo / "tables" / ".sync-cache").exists()  # the destination: the first refs directory
    assert run("refs", "sync", "--isolated").exit_code == 2  # nothing to sync without the config


def test_date_and_date_from(repo: Path) -> None:
    write(repo / "a.txt", TYPO)
    write(repo / "b.md", "---\ndate: 2016-10-08\n---\n" + TYPO)

    def document(name: str, *args: str) -> dict:
        return json.loads(run("check", name, "--format", "json", *args).stdout)["document"]

    assert document("a.txt")["date_source"] == "none"
    write(repo / "verify.toml", 'date-from = "today"\n')
    assert document("a.txt")["published"] == dt.date.today().isoformat()
    assert document("b.md")["published"] == "2016-10-08"  # the article's own date still wins
    write(repo / "verify.toml", 'date = "2015-01-02"\n')
    assert document("b.md")["published"] == "2015-01-02"
    assert document("b.md", "--date", "2014-03-04")["published"] == "2014-03-04"


def test_changed_files_are_filtered_by_include_and_exclude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=Desk", "-c", "user.email=desk@example.org", "commit", "-q", "--allow-empty", "-m", "base")
    write(tmp_path / "verify.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "news" / "a.md", VOTE_ERROR)
    write(tmp_path / "news" / "drafts" / "b.md", VOTE_ERROR)
    monkeypatch.chdir(tmp_path / "news")
    data = json.loads(run("check", "--changed-since", "HEAD", "--format", "json").stdout)
    assert data["document"]["source"] == "a.md"  # drafts/b.md changed too, but is excluded


def test_refs_commands_use_the_configured_directories(repo: Path) -> None:
    header = "body,jurisdiction,seats,valid_from,valid_to,size_type,note,source\n"
    table = write(repo / "tables" / "bodies.csv", header + "UN Security Council,UN,16,1966,,charter,test,test\n")
    write(repo / "verify.toml", 'refs = ["tables"]\n')
    assert f"1 rows  {table}" in run("refs", "list").stdout
    assert "UN Security Council,UN,16" in run("refs", "show", "bodies").stdout
    write(table, header + "UN Security Council,UN,many,1966,,charter,test,test\n")
    result = run("refs", "validate")
    assert result.exit_code == 2 and str(table) in result.stderr
    assert run("refs", "validate", "--isolated").exit_code == 0
