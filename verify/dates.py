"""The article's date, which every check against the world depends on: given (`--date`, a record's
`published`), read from the page's metadata, or, when neither exists, inferred from the article
itself as the years in which every voter it names sat on the body together ("the 2016 Security
Council is the only one holding Angola, Egypt, Uruguay and Venezuela"), narrowed by the years the
text states. An inferred date is a span, and checks that depend on it say so and speak softer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from verify.document import Document
from verify.numbers import Number
from verify.reference.records import Records
from verify.votes import VoteEvent

MAX_INFERRED_YEARS = 2  # a wider span says too little to check anything against
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """When the article was written: one day when given, a span of whole years when inferred."""

    earliest: dt.date
    latest: dt.date
    source: str  # given | metadata | inferred
    basis: str = ""  # for an inferred date: what it was inferred from, in words

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def inferred(self) -> bool:
        return self.source == "inferred"

    def label(self) -> str:
        """'2016-10-08', or '2016' / '2015-2016' for an inferred span."""
        if self.exact:
            return self.earliest.isoformat()
        first, last = self.earliest.year, self.latest.year
        return str(first) if first == last else f"{first}-{last}"

    def to_dict(self) -> dict[str, str]:
        return {"from": self.earliest.isoformat(), "to": self.latest.isoformat(), "basis": self.basis}


def article_date(doc: Document) -> ArticleDate | None:
    """The date the document gives (`--date`, its record or its page metadata), if any."""
    if doc.published is None:
        return None
    return ArticleDate(doc.published, doc.published, doc.date_source)


def infer_date(numbers: list[Number], events: list[VoteEvent], records: Records) -> ArticleDate | None:
    """The date the text gives for its votes ("On 8 October 2016 the council rejected..."), else the
    years in which every named voter of every vote sat on its body together, narrowed to the years
    the text states when some of them are among those. A stated date wins: the voters are what the
    checks test, so they should not date the article when the text does."""
    stated_days = {day for ev in events if (day := stated_day(ev)) is not None}
    if len(stated_days) == 1:
        day = stated_days.pop()
        return ArticleDate(day, day, "inferred", "the date the text gives for the vote")
    years: set[int] | None = None
    voters: dict[str, None] = {}  # names in order of first mention
    for ev in events:
        if not ev.body or not records.has_memberships(ev.body):
            continue
        iso3s = {v.iso3 for side in ev.named.values() for v in side if v.iso3}
        if not iso3s:
            continue
        together = set(records.years_together(ev.body, iso3s))
        years = together if years is None else years & together
        voters.update((v.name, None) for side in ev.named.values() for v in side)
    if not years:
        return None
    stated = {int(n.value) for n in numbers if n.kind == "year" and isinstance(n.value, int)}
    basis = f"the years in which {_names(list(voters))} sat on the body together"
    if years & stated and len(years) > 1:
        years &= stated
        basis += ", narrowed by the years the text names"
    if max(years) - min(years) + 1 > MAX_INFERRED_YEARS:
        return None
    return ArticleDate(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31), "inferred", basis)


def stated_day(ev: VoteEvent) -> dt.date | None:
    """The one full date the text gives in a vote's own clauses ("On 8 October 2016 the council
    ..."), if it gives exactly one."""
    days = {d for d in ev.dates if _FULL_DATE.fullmatch(d)}
    if len(days) != 1:
        return None
    try:
        return dt.date.fromisoformat(days.pop())
    except ValueError:  # "30 February 2016": a slip the date rules report
        return None


def vote_date(ev: VoteEvent, article: ArticleDate | None) -> ArticleDate | None:
    """The date a vote is checked on: the day the text gives for it (a story published later about
    an older vote), else the article's date. A stated day after publication is a vote still to
    come, so the article's date stands."""
    day = stated_day(ev)
    if day is None or (article is not None and day > article.latest) or \
            (article is not None and article.exact and day == article.earliest):
        return article
    return ArticleDate(day, day, "text", "the date the text gives for the vote")


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) > 6:
        return ", ".join(names[:5]) + f" and {len(names) - 5} others"
    return ", ".join(names[:-1]) + " and " + names[-1]
