"""Where a finding sits, the way CI tools locate it: a file path relative to the working directory
and a region of 1-based lines and columns with an exclusive end. Columns count UTF-16 code units
(SARIF's default and what GitHub and editors use), so a character outside the Basic Multilingual
Plane (an emoji, a rare CJK ideograph) counts two, unlike the code-point columns of the text report."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from verify.document import Document

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Region:
    start_line: int
    start_column: int
    end_line: int
    end_column: int  # the column just after the region's last character


class Locator:
    """Offsets -> regions for one document's text (its line index built once, however many findings)."""

    def __init__(self, text: str) -> None:
        self._text = Document(id="", source="", text=text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # each takes two UTF-16 units

    def point(self, offset: int) -> tuple[int, int]:
        """1-based (line, UTF-16 column) of a character offset."""
        line, column = self._text.position(offset)
        line_start = offset - column + 1
        extra = bisect.bisect_left(self._astral, offset) - bisect.bisect_left(self._astral, line_start)
        return line, column + extra

    def region(self, start: int, end: int) -> Region:
        return Region(*self.point(start), *self.point(max(start, end)))

    def lines(self, start: int, end: int) -> range:
        """The lines that the characters in [start, end) are on (the line of `start` when empty)."""
        first, _ = self._text.position(start)
        last, _ = self._text.position(max(start, end - 1))
        return range(first, last + 1)


def relative_path(source: str, root: Path) -> str:
    """`source` as a '/'-separated path relative to `root` when it lies inside it (as CI tools and
    git name files), else as given (a file outside the checkout)."""
    try:
        return Path(os.path.abspath(source)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return PurePath(source).as_posix()
