"""Horizontal bar charts for static pages: the geometry is worked out here and a template draws it as
inline SVG. A few lines of our own instead of a JavaScript charting library, so a page stays one
self-contained file that shows its charts without running anything."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# SVG units; the chart scales to the width it is given. Each label sits above its bar, so a narrow
# screen shrinks the chart rather than squeezing the bars out.
WIDTH = 400
COUNT_WIDTH = 84  # room after the longest bar for its count (up to 9,999,999 at 13px)
BAR_SPACE = WIDTH - COUNT_WIDTH  # the longest bar
ROW = 40  # a label, its bar, a gap
LABEL_BASELINE = 13
BAR_TOP = 18
BAR = 15
MAX_LABEL = 54  # characters of a label drawn; a longer one is cut, whole in the bar's tooltip


@dataclass(frozen=True)
class Bar:
    label: str  # whole, for the tooltip and the description
    count: int
    tone: str  # what colours the bar (a severity); a CSS class suffix
    y: int  # top of the row
    length: float  # proportional to count: the longest bar is BAR_SPACE

    @property
    def shown_label(self) -> str:
        return self.label if len(self.label) <= MAX_LABEL else self.label[:MAX_LABEL - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    label_baseline: int = LABEL_BASELINE
    bar_top: int = BAR_TOP
    bar: int = BAR

    @property
    def height(self) -> int:
        return ROW * len(self.bars)

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)

    @property
    def description(self) -> str:
        """The chart in words, for screen readers (the SVG is one image to them)."""
        return f"{self.title}: " + "; ".join(f"{b.label}, {b.count:,}" for b in self.bars)


def bar_chart(title: str, items: Iterable[tuple[str, int, str]]) -> BarChart:
    """A chart of (label, count, tone) items, in the order given; bar lengths proportional to counts."""
    items = list(items)
    most = max((count for _, count, _ in items), default=0)
    bars = tuple(Bar(label, count, tone, i * ROW, BAR_SPACE * count / most if most else 0.0)
                 for i, (label, count, tone) in enumerate(items))
    return BarChart(title, bars)


__all__ = ["Bar", "BarChart", "bar_chart"]
