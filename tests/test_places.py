"""Regions for CI reports: UTF-16 columns whatever the characters and line ends, the lines a span
covers, and paths relative to the working directory."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from verify.report.places import Locator, relative_path

# letters, a two-unit emoji, a combining accent, and the three line ends
TEXTS = st.lists(st.sampled_from(["a", "é", "\U0001F4F0", "\u0301", " ", "\n", "\r\n", "\r"]), max_size=40).map("".join)


def utf16_point(text: str, offset: int) -> tuple[int, int]:
    """Lines and columns the slow, obvious way: split at each line end, count UTF-16 units."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line_text = before.rsplit("\n", 1)[-1]
    return before.count("\n") + 1, len(line_text.encode("utf-16-le")) // 2 + 1


@given(TEXTS, st.data())
def test_points_count_utf16_units(text: str, data) -> None:
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1:offset + 1] == "\r\n":
        offset += 1  # inside a CRLF pair is no place a finding starts or ends
    assert Locator(text).point(offset) == utf16_point(text, offset)


def test_region_and_lines() -> None:
    text = "One \U0001F4F0 two\nthree four\nfive"
    locator = Locator(text)
    start, end = text.index("two"), text.index("four") + 4
    region = locator.region(start, end)
    assert (region.start_line, region.start_column, region.end_line, region.end_column) == (1, 8, 2, 11)
    assert list(locator.lines(start, end)) == [1, 2]
    assert list(locator.lines(start, text.index("\n") + 1)) == [1]  # a span ending in its line break
    assert list(locator.lines(text.index("five"), text.index("five"))) == [3]  # an empty span


def test_relative_path(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_path("copy/a.md", tmp_path) == "copy/a.md"
    assert relative_path("./copy/../b.md", tmp_path) == "b.md"
    assert relative_path(str(tmp_path / "desk" / "c.md"), tmp_path) == "desk/c.md"
    assert relative_path("/elsewhere/d.md", tmp_path) == "/elsewhere/d.md"
