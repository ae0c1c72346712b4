"""verify: reads news copy, extracts every figure and vote, and checks that they add up.

The public API is small: `check_text()` and `check_path()` return a `Report` whose `to_dict()` is
the JSON report contract (schema version 1); `Finding` is one verdict in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

__version__ = "0.1.0"

from verify.document import DEFAULT_MAX_BYTES, Document, LoadError, load_path  # noqa: E402
from verify.report.model import Finding, Report  # noqa: E402


def check_text(text: str, *, date: dt.date | str | None = None, id: str = "<text>",
               title: str | None = None) -> Report:
    """Check a piece of plain text. `date` (a date or "YYYY-MM-DD") is the publication date."""
    from verify.check import check_document
    from verify.document import parse_date

    if isinstance(date, str):
        date = parse_date(date, id)
    doc = Document(id=id, source=id, text=text, title=title, published=date,
                   date_source="given" if date else "none")
    return check_document(doc)


def check_path(path: str | Path, *, date: dt.date | str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Load a .txt, .md, .html or .json article and check it. Raises LoadError on bad input."""
    from verify.check import check_document
    from verify.document import parse_date

    if isinstance(date, str):
        date = parse_date(date, str(path))
    return check_document(load_path(path, published=date, max_bytes=max_bytes))


__all__ = ["Finding", "LoadError", "Report", "__version__", "check_path", "check_text"]
