"""HTML report: one self-contained page per article (the text with every figure marked, the votes,
the findings loudest first, every figure with its verdict) and an index page over several. A sibling
of the text and JSON renderers, drawn from the same `Report`; jinja2 templates with autoescape on, so
nothing from the article or the reference tables can become markup."""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from verify.report.model import SEVERITY_RANK, Claim, Finding, Report, Vote

# Loudest first. A mark in the text takes the loudest verdict among the findings about it.
VERDICTS = ("contradicted", "suspect", "verified", "unverified")
VERDICT_RANK = {v: i for i, v in enumerate(VERDICTS)}
# Shown next to the colour, so a verdict never rests on colour alone.
VERDICT_ICON = {"contradicted": "\u2717", "suspect": "!", "verified": "\u2713", "unverified": "?"}
VERDICT_LABEL = {"contradicted": "Contradicted", "suspect": "Suspect", "verified": "Verified",
                 "unverified": "Unverified"}
SIDES = (("yes", "In favour"), ("no", "Against"), ("abstain", "Abstained"), ("absent", "Absent"))
SIDE_WORDS = {"yes": "in favour", "no": "against", "abstain": "abstaining", "absent": "absent"}
DATE_SOURCES = {"given": "date given when checking", "metadata": "from the article's metadata"}
MAX_QUOTE = 280  # characters of a finding's span quoted in full; longer spans are cut in the middle
NE = "\u2260"  # not equal
MAX_TIP_FINDINGS = 4  # findings spelled out in one mark's tooltip; the rest are in the list


@dataclass(frozen=True)
class FindingView:
    """A finding as the page shows it: its anchor, the arithmetic written out, the quoted text."""

    anchor: str
    finding: Finding
    quote: str
    arithmetic: str | None
    evidence: list[tuple[str, str]]
    reference_url: str | None  # the reference's link, only when it is an http(s) address
    as_of: str | None
    rule_summary: str | None
    mark: str | None  # the id of the mark that shows this finding in the text

    @property
    def problem(self) -> bool:
        return self.finding.severity != "info"


@dataclass
class MarkView:
    """One marked spot in the text: a claim (with the findings that name it) or a finding that
    names no claim (a typo, an outcome word)."""

    id: str
    start: int
    end: int
    verdict: str
    target: str  # the anchor a click jumps to: the loudest finding, or the figure's row
    findings: list[FindingView] = field(default_factory=list)
    claim: Claim | None = None

    @property
    def icon(self) -> str:
        return VERDICT_ICON[self.verdict]

    @property
    def label(self) -> str:
        return VERDICT_LABEL[self.verdict]

    @property
    def tip_lines(self) -> list[tuple[str, str]]:
        """(heading, text) lines for the tooltip, plain text (the template escapes them)."""
        lines = []
        if self.claim is not None:
            c = self.claim
            value = _value(c)
            lines.append((self.label, f"\u201c{c.text}\u201d, {c.kind}" + (f": {value}" if value else "")))
        else:
            lines.append((self.label, ""))
        for fv in self.findings[:MAX_TIP_FINDINGS]:
            f = fv.finding
            lines.append((f"{f.rule} {f.name} ({f.severity})", f.message))
            if fv.arithmetic and not any(sign in f.message for sign in ("=", NE)):
                lines.append(("", fv.arithmetic))
            if f.suggestion:
                lines.append(("", f"suggestion: {f.suggestion}"))
        if len(self.findings) > MAX_TIP_FINDINGS:
            lines.append(("", f"and {len(self.findings) - MAX_TIP_FINDINGS} more in the findings"))
        if not self.findings:
            lines.append(("", "no rule could check this figure"))
        return lines


@dataclass(frozen=True)
class Token:
    """A piece of the marked-up article: text, a mark opening or closing, or a mark's tooltip."""

    kind: str  # text | open | close | tip
    text: str = ""
    mark: MarkView | None = None
    first: bool = False  # an opening: the mark's first fragment (it carries the id and takes focus)


@dataclass(frozen=True)
class FigureView:
    claim: Claim
    verdict: str
    value: str
    findings: list[FindingView]
    mark: str


@dataclass(frozen=True)
class VoteView:
    vote: Vote
    anchor: str
    rows: list[dict[str, Any]]
    total: int | None
    expression: str | None
    total_status: str | None
    total_ok: bool | None
    findings: list[FindingView]
    quotes: list[str]


def render_html(report: Report, text: str) -> str:
    """The report as one self-contained HTML page. `text` is the document text the report's offsets
    index (`Document.text`; its same-length `Document.plain` shows an HTML or Markdown source without
    its markup). Raises ValueError when `text` is not as long as the document the report was made from."""
    if len(text) != report.document.length:
        raise ValueError(f"the text is {len(text)} characters but the report was made from a document of "
                         f"{report.document.length}: pass the text the report's offsets index")
    findings = _finding_views(report, text)
    marks = _marks(report, findings, len(text))
    by_mark = {m.id: m for m in marks}
    counts = _counts(marks)
    figures = [_figure(c, by_mark[f"m-{c.id}"]) for c in report.claims]
    problems = [fv for fv in findings if fv.problem]
    return render_page(
        "report.html.j2", "report.js", version=report.tool_version, report=report, doc=report.document, title=report.document.title or report.document.id,
        date_line=_date_line(report), summary_line=_summary_line(len(problems), len(report.claims)),
        held_back=held_back_line(report.suppressed, report.baselined),
        counts=counts, verdicts=VERDICTS, labels=VERDICT_LABEL, icons=VERDICT_ICON,
        tokens=_tokens(text, marks), problems=problems,
        others=[fv for fv in findings if not fv.problem],
        votes=[_vote_view(v, findings, text) for v in report.votes],
        figures=figures, checked=sum(1 for f in figures if f.findings),
        shown={m.id for m in marks if m.start < m.end})


def render_index(entries: Sequence[tuple[Report, str]]) -> str:
    """An index page over several reports: one row each with its counts, linked to its page by the
    relative link given with it; most problems first, sortable by any column."""
    rows = []
    for report, link in entries:
        counts = _counts(_marks(report, _finding_views(report, None), report.document.length))
        problems = sum(1 for f in report.findings if f.severity != "info")
        rows.append({"report": report, "link": link, "title": report.document.title or report.document.id,
                     "source": report.document.source, "date": report.document.published or "",
                     "figures": len(report.claims), "votes": len(report.votes), "problems": problems,
                     "errors": sum(1 for f in report.findings if f.severity == "error"), **counts})
    rows.sort(key=lambda r: (-r["problems"], -r["contradicted"], r["title"]))
    totals = {k: sum(r[k] for r in rows) for k in ("figures", "votes", "problems", *VERDICTS)}
    return render_page(
        "index.html.j2", "index.js", rows=rows, totals=totals, verdicts=VERDICTS, labels=VERDICT_LABEL,
        icons=VERDICT_ICON, version=entries[0][0].tool_version if entries else "")


def render_page(template: str, script: str, *, styles: Sequence[str] = (), **context: Any) -> str:
    """A page from one of our templates (extending page.html.j2): the house stylesheet, then `styles`,
    and the `script` asset inlined, that script alone allowed to run."""
    code = asset(script)
    css = "".join(asset(name) for name in ("style.css", *styles))
    return _env().get_template(template).render(css=css, script=code, csp=content_security_policy(code),
                                                **context)


# -- the model behind the page -----------------------------------------------------------------------

def _finding_views(report: Report, text: str | None) -> list[FindingView]:
    """Every finding, loudest first (severity, then verdict, then place in the text)."""
    ordered = sorted(report.findings, key=lambda f: (*_loudness(f), f.start, f.rule))
    claim_ids = {c.id for c in report.claims}
    views = []
    for i, f in enumerate(ordered, 1):
        named = [c for c in f.claims if c in claim_ids]
        views.append(FindingView(
            anchor=f"finding-{i}", finding=f, quote=_quote(text, f.start, f.end) if text is not None else "",
            arithmetic=_arithmetic(f), evidence=_evidence(f.evidence), reference_url=_http_url(f),
            as_of=_as_of(f), rule_summary=_rule_summary(f.rule),
            mark=f"m-{named[0]}" if named else f"m-finding-{i}"))
    return views


def _marks(report: Report, findings: list[FindingView], length: int) -> list[MarkView]:
    """One mark per claim, plus one per finding that names no claim, in text order."""
    about: dict[str, list[FindingView]] = {c.id: [] for c in report.claims}
    marks = []
    for fv in findings:
        named = [c for c in fv.finding.claims if c in about]
        for c in named:
            about[c].append(fv)
        if not named:
            f = fv.finding
            marks.append(MarkView(f"m-{fv.anchor}", f.start, f.end, _verdict(f.verdict), fv.anchor, [fv]))
    for c in report.claims:
        # loudest first; among equals, the finding most about this figure (the narrowest span)
        fvs = sorted(about[c.id], key=lambda fv: (*_loudness(fv.finding), fv.finding.end - fv.finding.start,
                                                  fv.finding.start))
        verdict = min((_verdict(fv.finding.verdict) for fv in fvs), key=VERDICT_RANK.__getitem__,
                      default="unverified")
        marks.append(MarkView(f"m-{c.id}", c.start, c.end, verdict, fvs[0].anchor if fvs else f"fig-{c.id}",
                              fvs, c))
    for m in marks:
        m.start, m.end = max(0, min(m.start, length)), max(0, min(m.end, length))
    # every figure keeps its mark (and its count); a finding on no figure and no text is listed only
    return sorted((m for m in marks if m.claim is not None or m.start < m.end),
                  key=lambda m: (m.start, -m.end, m.id))


def _loudness(f: Finding) -> tuple[int, int]:
    """A sort key, loudest first: severity, then verdict."""
    return -SEVERITY_RANK.get(f.severity, 0), VERDICT_RANK.get(f.verdict, len(VERDICTS))


def _verdict(verdict: str) -> str:
    return verdict if verdict in VERDICT_RANK else "unverified"


def _counts(marks: Iterable[MarkView]) -> dict[str, int]:
    """Marked spots by verdict: every figure once, and every finding that names no figure."""
    counts = {v: 0 for v in VERDICTS}
    for m in marks:
        counts[m.verdict] += 1
    return counts


def _tokens(text: str, marks: list[MarkView]) -> list[Token]:
    """The article as text and properly nested mark openings and closings. Where two marks cross,
    the inner one is closed and reopened (a continuation fragment), so the markup stays well formed."""
    marks = [m for m in marks if m.start < m.end]  # an empty span has nothing to mark
    starts: dict[int, list[MarkView]] = {}
    for m in marks:  # sorted by start, longest first: the longer mark is the outer one
        starts.setdefault(m.start, []).append(m)
    bounds = sorted({0, len(text), *starts, *(m.end for m in marks)})
    tokens: list[Token] = []
    stack: list[MarkView] = []
    tipped: set[str] = set()

    def close(m: MarkView) -> None:
        tokens.append(Token("close", mark=m))
        if m.id not in tipped:  # the tooltip follows the first fragment, the one that takes focus
            tipped.add(m.id)
            tokens.append(Token("tip", mark=m))

    pos = 0
    for b in bounds:
        if b > pos:
            tokens.append(Token("text", text[pos:b]))
            pos = b
        if any(m.end <= b for m in stack):
            reopen = []
            while any(m.end <= b for m in stack):
                m = stack.pop()
                close(m)
                if m.end > b:
                    reopen.append(m)
            for m in reversed(reopen):
                tokens.append(Token("open", mark=m))
                stack.append(m)
        for m in starts.get(b, ()):
            tokens.append(Token("open", mark=m, first=True))
            stack.append(m)
    assert not stack, "every mark ends by the last bound"
    return tokens


def _figure(claim: Claim, mark: MarkView) -> FigureView:
    return FigureView(claim, mark.verdict, _value(claim), mark.findings, mark.id)


def _value(c: Claim) -> str:
    if c.low is not None or c.high is not None:
        value = f"{_num(c.low)} to {_num(c.high)}"
    elif c.value is None:
        return ""
    else:
        value = _num(c.value)
    hedge = "" if c.hedge == "exact" else f"{c.hedge.replace('_', ' ')} "
    return f"{hedge}{value}{' ' + c.unit if c.unit else ''}"


def _num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int) and not isinstance(x, bool):
        return f"{x:,}"
    return str(x)


def _vote_view(vote: Vote, findings: list[FindingView], text: str) -> VoteView:
    rows, terms = [], []
    for side, label in SIDES:
        count, names = getattr(vote, side), vote.named.get(side, [])
        if count is None and not names and side == "absent":
            continue
        if count is not None:
            terms.append((count, SIDE_WORDS[side]))
        elif names:
            terms.append((len(names), f"named {SIDE_WORDS[side]}"))
        rows.append({"side": side, "label": label, "count": count, "names": names,
                     "mismatch": count is not None and bool(names) and len(names) > count})
    total = sum(n for n, _ in terms) if terms else None
    size = vote.body_size
    expression = " + ".join(f"{n} {word}" for n, word in terms) + f" = {total}" if len(terms) > 1 else None
    status, ok = None, None
    if total is not None and size is not None:
        where = {"text": "as the article states", "table": "from the reference tables"}.get(vote.body_size_source, "")
        seats = f"{size} seats{' (' + where + ')' if where else ''}"
        if total == size:
            status, ok = f"accounts for all {seats}", True
        elif total > size:
            status, ok = f"{total - size} more than the {seats}", False
        else:
            status, ok = f"{size - total} of the {seats} not accounted for", None
    about = [fv for fv in findings if vote.id in fv.finding.votes]
    quotes = [_quote(text, s, e) for s, e in vote.spans]
    return VoteView(vote, f"vote-{vote.id}", rows, total, expression, status, ok, about, quotes)


def _quote(text: str, start: int, end: int) -> str:
    quote = " ".join(text[max(0, start):max(0, end)].split())
    if len(quote) > MAX_QUOTE:
        half = MAX_QUOTE // 2
        quote = f"{quote[:half].rstrip()} \u2026 {quote[-half:].lstrip()}"
    return quote


def _arithmetic(f: Finding) -> str | None:
    """The sum or comparison behind a finding, written out from its evidence."""
    ev = f.evidence or {}
    key = f.reference.key if f.reference else None
    if isinstance(ev.get("sides"), dict) and "sum" in ev:
        terms = " + ".join(f"{_num(n)} {SIDE_WORDS.get(s, s)}" for s, n in ev["sides"].items())
        out = f"{terms} = {_num(ev['sum'])}"
        if ev.get("expected") is not None:
            seats = f"seats{' of the ' + key if key else ''}"
            out += f" {'=' if ev['sum'] == ev['expected'] else NE} {_num(ev['expected'])} {seats}"
        return out
    if "stated" in ev and "expected" in ev:
        sign = "=" if ev["stated"] == ev["expected"] else NE
        return f"stated {_num(ev['stated'])} {sign} {_num(ev['expected'])} in the reference{' (' + key + ')' if key else ''}"
    if isinstance(ev.get("claim"), list) and isinstance(ev.get("reference"), list):
        def span(r: list) -> str:
            return f"{_num(r[0])} to {_num(r[1])}" if len(r) == 2 and r[0] != r[1] else _num(r[0]) if r else "?"
        as_of = f" as of {ev['as_of']}" if ev.get("as_of") else ""
        return f"article: {span(ev['claim'])}; reference: {span(ev['reference'])}{as_of}"
    if "count" in ev and isinstance(ev.get("named"), list):
        n = len(ev["named"])
        return f"{_num(ev['count'])} {'=' if n == ev['count'] else NE} {n} named"
    if isinstance(ev.get("recorded"), dict):
        rec = ", ".join(f"{_num(n)} {SIDE_WORDS.get(s, s)}" for s, n in ev["recorded"].items())
        return f"recorded{' in ' + str(ev['record']) if ev.get('record') else ''}: {rec}"
    return None


def _evidence(evidence: dict[str, Any]) -> list[tuple[str, str]]:
    def show(v: Any) -> str:
        if isinstance(v, dict):
            return ", ".join(f"{k}: {show(x)}" for k, x in v.items())
        if isinstance(v, (list, tuple)):
            return ", ".join(show(x) for x in v)
        return "\u2014" if v is None else _num(v)
    return [(str(k).replace("_", " "), show(v)) for k, v in (evidence or {}).items()]


def _http_url(f: Finding) -> str | None:
    url = f.reference.url if f.reference else None
    return url if url and url.lower().startswith(("https://", "http://")) else None


def _as_of(f: Finding) -> str | None:
    ev = f.evidence or {}
    return str(ev.get("as_of") or ev.get("date") or "") or None


@functools.cache
def _rule_summary(code: str) -> str | None:
    # the registry imports every rule: only pages need it, so not at import time
    from verify.rules import BY_CODE

    rule = BY_CODE.get(code)
    return getattr(rule, "summary", None) if rule else None


def _date_line(report: Report) -> str:
    doc = report.document
    if doc.date_source == "inferred" and doc.inferred_date:
        first, last = doc.inferred_date.get("from", "?"), doc.inferred_date.get("to", "?")
        when = first if first == last else f"{first} to {last}"
        return (f"No date given: checked as of {when}, inferred from {doc.inferred_date.get('basis', '?')} "
                f"(give a date for firmer checks)")
    if doc.published:
        how = DATE_SOURCES.get(doc.date_source, doc.date_source)
        return f"Published {doc.published}" + (f" ({how})" if how and how != "none" else "")
    return "No publication date: checks that depend on the date used none (give a date for them)"


def _summary_line(problems: int, figures: int) -> str:
    what = f"{problems or 'No'} problem{'s' * (problems != 1)}"
    return f"{what} in {figures} figure{'s' * (figures != 1)}"


def held_back_line(suppressed: int, baselined: int) -> str | None:
    """The problems left off the page, said for an editor: so that "No problems" is never read as
    "nothing was found". None when nothing was left off."""
    parts = []
    if suppressed:
        by = "a comment" if suppressed == 1 else "comments"
        parts.append(f"{suppressed} finding{'s' * (suppressed != 1)} silenced by {by} in the text")
    if baselined:
        what = "" if parts else f" finding{'s' * (baselined != 1)}"
        parts.append(f"{baselined}{what} known from the baseline")
    return ", ".join(parts) or None


# -- templates ---------------------------------------------------------------------------------------

@functools.cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("verify.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    return env


@functools.cache
def asset(name: str) -> str:
    """A static asset (CSS, JS) inlined into the page as it is (the service's editor page too)."""
    env = _env()
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def content_security_policy(*scripts: str, connect: str = "'none'") -> str:
    """The page runs its own scripts only (by hash): even markup that slipped through could run
    nothing. `connect` is where its scripts may send requests (the editor's page: 'self')."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'"
                      for s in scripts)
    return (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {hashes}; "
            f"connect-src {connect}; base-uri 'none'; form-action 'none'")


__all__ = ["render_html", "render_index", "render_page"]
