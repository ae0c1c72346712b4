"""The end of a batch audit: summary.json and index.html, from documents.csv and findings.csv written
here by hand (to the contract in the batch tables brief)."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.batch.summary import MAX_CELL, MAX_ROWS, SummaryError, write_summary
from verify.report.charts import BAR_SPACE
from verify.rules import get_rules

DOCUMENT_HEADER = ("doc_id", "source", "content_hash", "status", "error", "title", "published", "date_source",
                   "length", "claims", "votes", "verified", "contradicted", "suspect", "errors", "warnings", "suppressed",
                   "elapsed_ms", "html")
FINDING_HEADER = ("doc_id", "rule", "name", "verdict", "severity", "line", "column", "start", "end", "text",
                  "message", "reference")
STARTED = datetime(2026, 3, 1, 9, 0, 0, tzinfo=timezone.utc)
RULES = {r.code: r for r in get_rules()}
HOSTILE = "<script>window.__pwned=1</script>\"><img src=x onerror=alert(1)> & {{ 7*7 }}"


def document(doc_id: str, *, status: str = "ok", error: str = "", title: str = "", html: str = "",
             **counts: int) -> dict[str, object]:
    row: dict[str, object] = {"doc_id": doc_id, "source": f"archive/{doc_id}", "content_hash": "0f" * 8,
                              "status": status, "error": error, "title": title, "published": "2016-10-08",
                              "date_source": "given", "length": 1200, "elapsed_ms": "2.50", "html": html}
    for name in ("claims", "votes", "verified", "contradicted", "suspect", "errors", "warnings", "suppressed"):
        row[name] = "" if status == "error" else counts.get(name, 0)
    return row


def finding(doc_id: str, rule: str, *, severity: str = "error", verdict: str = "contradicted",
            name: str | None = None) -> dict[str, object]:
    return {"doc_id": doc_id, "rule": rule, "name": name if name is not None else RULES[rule].name,
            "verdict": verdict, "severity": severity, "line": 1, "column": 5, "start": 4, "end": 9,
            "text": "forty", "message": "the figures disagree", "reference": ""}


def write_tables(out: Path, documents: list[dict], findings: list[dict]) -> None:
    for name, header, rows in (("documents.csv", DOCUMENT_HEADER, documents),
                               ("findings.csv", FINDING_HEADER, findings)):
        with (out / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, header)
            writer.writeheader()
            writer.writerows(rows)


def summarise(out: Path, seconds: float = 4.0, **kwargs) -> tuple[dict, str]:
    write_summary(out, started=STARTED, finished=STARTED + timedelta(seconds=seconds), engine="local", jobs=2,
                  **kwargs)
    return (json.loads((out / "summary.json").read_text(encoding="utf-8")),
            (out / "index.html").read_text(encoding="utf-8"))


def element(page: str, pattern: str) -> ET.Element:
    """One element of the page (our markup is well-formed XML inside), parsed."""
    match = re.search(pattern, page, re.S)
    assert match, pattern
    return ET.fromstring(match.group(0))


def chart(page: str, number: int) -> list[dict[str, object]]:
    figure = element(page, rf'<figure class="chart" id="chart-{number}">.*?</figure>')
    return [{"label": g.get("data-label"), "count": int(g.get("data-count")), "class": g.get("class"),
             "width": float(g.find("rect").get("width")), "shown": [t.text for t in g.findall("text")],
             "title": g.find("title").text}
            for g in figure.iter("g")]


def table(page: str) -> list[dict[str, object]]:
    tbody = element(page, r"<tbody>.*?</tbody>")
    rows = []
    for tr in tbody.findall("tr"):
        cells = tr.findall("td")
        link = cells[1].find("a")
        rows.append({"id": cells[0].text, "title": "".join(cells[1].itertext()), "class": tr.get("class"),
                     "status": "".join(cells[2].itertext()), "error": cells[3].text or "",
                     "href": link.get("href") if link is not None else None,
                     "counts": [int(c.get("data-sort")) for c in cells[4:]]})
    return rows


# documents.csv count columns in the order the page shows them
SHOWN_COUNTS = ("claims", "votes", "errors", "warnings", "contradicted", "suspect", "verified")


@pytest.fixture
def audit(tmp_path: Path) -> tuple[Path, list[dict], list[dict]]:
    codes = sorted(RULES)[:3]
    documents = [
        document("a.txt", title="Council rejects draft", html="pages/a.html", claims=6, votes=1, verified=2,
                 contradicted=2, errors=2),
        document("b.txt", status="error", error="b.txt: not UTF-8 text (byte 0x9c at offset 12)"),
        document("c d.txt", title="Budget figures", html="pages/c d.html", claims=3, suspect=1, warnings=1),
        document("e.txt", title="Quiet day", claims=1, verified=1),
    ]
    findings = [finding("a.txt", codes[0]), finding("a.txt", codes[0]),
                finding("a.txt", codes[1], severity="info", verdict="verified"),
                finding("c d.txt", codes[2], severity="warning", verdict="suspect"),
                finding("e.txt", codes[1], severity="info", verdict="verified"),
                finding("a.txt", "Z999", name="retired-rule", severity="info", verdict="verified")]
    write_tables(tmp_path, documents, findings)
    return tmp_path, documents, findings


def test_summary_json_counts_documents_and_findings(audit) -> None:
    out, documents, findings = audit
    summary, _ = summarise(out, seconds=4.0)
    assert summary["tool"]["name"] == "verify" and summary["tool"]["version"]
    assert datetime.fromisoformat(summary["started"]) == STARTED
    assert datetime.fromisoformat(summary["finished"]) == STARTED + timedelta(seconds=4)
    failed = sum(1 for d in documents if d["status"] == "error")
    assert summary["documents"] == {"total": len(documents), "ok": len(documents) - failed, "error": failed}
    by_rule = Counter(f["rule"] for f in findings)
    assert {code: n for code, n in summary["findings"]["by_rule"].items() if n} == dict(by_rule)
    assert set(summary["findings"]["by_rule"]) == set(RULES) | {"Z999"}  # silent rules too, with 0
    severities = Counter(f["severity"] for f in findings)
    assert summary["findings"]["by_severity"] == {s: severities[s] for s in ("error", "warning", "info")}
    verdicts = Counter(f["verdict"] for f in findings)
    assert {v: n for v, n in summary["findings"]["by_verdict"].items() if n} == dict(verdicts)
    for code, rule in RULES.items():
        assert summary["rules"][code] == {"name": rule.name, "summary": rule.summary}
    assert summary["rules"]["Z999"] == {"name": "retired-rule", "summary": ""}
    assert summary["elapsed_s"] == 4.0
    assert summary["articles_per_s"] == pytest.approx(len(documents) / 4.0)
    assert (summary["engine"], summary["jobs"]) == ("local", 2)
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "findings.csv", "index.html",
                                                     "summary.json"]  # no temporary file left behind


def test_header_gives_the_totals(audit) -> None:
    out, documents, findings = audit
    _, page = summarise(out, seconds=8.0)
    totals = element(page, r'<ul class="counts".*?</ul>')
    shown = {li.get("class").split()[0]: int(li.find("span").text) for li in totals}
    severities = Counter(f["severity"] for f in findings)
    assert shown == {"total-documents": 4, "total-ok": 3, "total-failed": 1,
                     "total-errors": severities["error"], "total-warnings": severities["warning"]}
    run = element(page, r'<p class="meta run">.*?</p>').text
    assert run.startswith("8.0 s, 0.5 articles/s, local engine, 2 jobs")


def test_findings_silenced_in_the_texts_are_counted_and_said(tmp_path: Path) -> None:
    write_tables(tmp_path, [document("a.txt", claims=2, suppressed=2), document("b.txt", status="error"),
                            document("c.txt", claims=1, suppressed=1, warnings=1)],
                 [finding("c.txt", "T101", severity="warning", verdict="suspect")])
    summary, page = summarise(tmp_path)
    assert summary["findings"]["suppressed"] == 3
    assert element(page, r'<p class="held-back".*?</p>').text == "3 findings silenced by comments in the text"


def test_nothing_silenced_nothing_said(audit) -> None:
    summary, page = summarise(audit[0])
    assert summary["findings"]["suppressed"] == 0 and 'id="held-back"' not in page


def test_rule_chart_bars_are_labelled_and_proportional(audit) -> None:
    out, _, findings = audit
    _, page = summarise(out)
    bars = chart(page, 1)
    counts = Counter(f["rule"] for f in findings)
    names = {f["rule"]: RULES[f["rule"]].name if f["rule"] in RULES else f["name"] for f in findings}
    assert [(b["label"], b["count"]) for b in bars] == sorted(
        ((f"{code} {names[code]}", n) for code, n in counts.items()), key=lambda item: (-item[1], item[0]))
    most = max(counts.values())
    for bar in bars:
        assert bar["width"] == pytest.approx(BAR_SPACE * bar["count"] / most, abs=0.01)
        assert bar["shown"] == [bar["label"], str(bar["count"])]
    loudest = {}
    for f in findings:  # the loudest severity of a rule's findings colours its bar
        rank = ("info", "warning", "error").index
        loudest[f["rule"]] = max(loudest.get(f["rule"], "info"), f["severity"], key=rank)
    assert {b["label"].split()[0]: b["class"] for b in bars} == {c: f"bar tone-{s}" for c, s in loudest.items()}


def test_severity_chart(audit) -> None:
    out, _, findings = audit
    _, page = summarise(out)
    bars = chart(page, 2)
    severities = Counter(f["severity"] for f in findings)
    assert [(b["label"], b["count"], b["class"]) for b in bars] == [
        (s, severities[s], f"bar tone-{s}") for s in ("error", "warning", "info")]
    widths = {b["label"]: b["width"] for b in bars}
    assert widths["info"] == BAR_SPACE  # the most common
    assert widths["error"] == pytest.approx(BAR_SPACE * severities["error"] / severities["info"], abs=0.01)


def test_table_lists_failed_then_most_problems_with_links(audit) -> None:
    out, documents, _ = audit
    _, page = summarise(out)
    rows = table(page)
    assert [r["id"] for r in rows] == ["b.txt", "a.txt", "c d.txt", "e.txt"]
    failed = rows[0]
    assert failed["class"] == "failed" and "failed" in failed["status"]
    assert failed["error"] == documents[1]["error"] and failed["href"] is None
    assert all(r["class"] == "ok" and r["status"] == "ok" for r in rows[1:])
    assert rows[1]["href"] == "pages/a.html" and rows[1]["title"] == "Council rejects draft"
    assert rows[2]["href"] == "pages/c%20d.html"  # a path, made a link
    assert rows[3]["href"] is None and rows[3]["title"] == "Quiet day"
    by_id = {d["doc_id"]: d for d in documents}
    for row in rows[1:]:
        assert row["counts"] == [by_id[row["id"]][c] for c in SHOWN_COUNTS]
    headings = element(page, r"<thead>.*?</thead>")
    buttons = [b.text for b in headings.iter("button")]
    assert buttons[:4] == ["Document", "Title", "Status", "Error message"]
    assert [b.get("data-type") for b in headings.iter("button")][4:] == ["number"] * len(SHOWN_COUNTS)


def test_table_text_is_escaped_everywhere(tmp_path: Path) -> None:
    documents = [document(HOSTILE, title=HOSTILE, html="javascript:alert(1)", errors=1),
                 document("x.txt", status="error", error=HOSTILE),
                 document("y.txt", title="elsewhere", html="https://example.org/y.html"),
                 document("z.txt", title="absolute", html="/etc/z.html")]
    findings = [finding(HOSTILE, "Z998", name=HOSTILE)]
    write_tables(tmp_path, documents, findings)
    summary, page = summarise(tmp_path)
    assert "<img" not in page and "__pwned=1</script>" not in page
    assert page.count("<script>") == 1  # ours
    rows = {r["id"]: r for r in table(page)}
    assert rows[HOSTILE]["id"] == HOSTILE and rows[HOSTILE]["href"] is None  # never a script link
    assert {r["href"] for r in rows.values()} == {None}  # nor an address elsewhere
    assert [b["label"] for b in chart(page, 1)] == [f"Z998 {HOSTILE}"]
    assert summary["rules"]["Z998"]["name"] == HOSTILE
    assert element(page, r"<title>.*?</title>").text.startswith("Audit of 4 documents")


def test_long_labels_are_cut_in_the_chart_and_whole_in_its_tooltip(tmp_path: Path) -> None:
    name = "a-rule-name-long-enough-to-overflow-the-label-band"
    write_tables(tmp_path, [document("a.txt", errors=1)], [finding("a.txt", "Z997", name=name)])
    _, page = summarise(tmp_path)
    [bar] = chart(page, 1)
    assert bar["label"] == f"Z997 {name}" and bar["title"].startswith(f"Z997 {name}: 1 finding")
    assert bar["shown"][0].endswith("\u2026") and f"Z997 {name}".startswith(bar["shown"][0][:-1])


def test_a_huge_cell_is_read_and_cut_for_the_page(tmp_path: Path) -> None:
    title = "Headline " * 30_000  # 270,000 characters: more than the csv module reads by default
    write_tables(tmp_path, [document("long.txt", title=title, errors=1), document("b.txt", status="error",
                                                                               error="b.txt: " + title)], [])
    limit = csv.field_size_limit()
    _, page = summarise(tmp_path)
    rows = {r["id"]: r for r in table(page)}
    shown = rows["long.txt"]["title"]
    assert shown.endswith("\u2026") and title.startswith(shown[:-1]) and len(shown) == MAX_CELL
    assert len(rows["b.txt"]["error"]) <= MAX_CELL and len(page) < 60_000
    assert csv.field_size_limit() == limit  # the csv module's limit is put back


def test_a_huge_table_is_capped_worst_first(tmp_path: Path) -> None:
    documents = [document(f"clean-{i}.txt", claims=2, verified=2) for i in range(15)]
    documents[3:3] = [document(f"bad-{i}.txt", errors=i + 1, contradicted=1) for i in range(6)]
    documents[9:9] = [document(f"failed-{i}.txt", status="error", error="unreadable") for i in range(4)]
    write_tables(tmp_path, documents, [])
    summary, page = summarise(tmp_path, max_rows=10)
    assert summary["documents"] == {"total": 25, "ok": 21, "error": 4}
    rows = table(page)
    assert [r["id"] for r in rows] == ([f"failed-{i}.txt" for i in range(4)] +
                                       [f"bad-{i}.txt" for i in reversed(range(6))])
    assert "15 more are in documents.csv" in page


def test_the_default_cap(tmp_path: Path) -> None:
    write_tables(tmp_path, [document(f"d{i}.txt", warnings=i % 3) for i in range(MAX_ROWS + 2)], [])
    _, page = summarise(tmp_path)
    rows = table(page)
    assert len(rows) == MAX_ROWS and "2 more are in documents.csv" in page
    warnings = sorted((i % 3 for i in range(MAX_ROWS + 2)), reverse=True)[:MAX_ROWS]
    assert [r["counts"][3] for r in rows] == warnings  # the warnings column: the worst, worst first


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 3), st.integers(0, 3)), max_size=30),
       st.integers(0, 12))
def test_listed_rows_are_the_worst_in_order(tmp_path: Path, shape, cap) -> None:
    documents = [document(f"d{i}.txt", status="error", error="broken") if failed else
                 document(f"d{i}.txt", errors=errors, warnings=warnings)
                 for i, (failed, errors, warnings) in enumerate(shape)]
    write_tables(tmp_path, documents, [])
    summary, page = summarise(tmp_path, max_rows=cap)
    assert summary["documents"]["total"] == len(documents)

    def rank(i: int) -> tuple:
        failed, errors, warnings = shape[i]
        return (failed, 0, 0) if failed else (failed, errors, warnings)
    expected = sorted(range(len(shape)), key=lambda i: (*(-k for k in rank(i)), i))[:cap]
    shown = [int(r["id"][1:-4]) for r in table(page)] if "<tbody>" in page else []
    assert shown == expected
    hidden = len(documents) - len(expected)
    assert (f"{hidden} more" in page) == bool(hidden)


def test_an_empty_run(tmp_path: Path) -> None:
    write_tables(tmp_path, [], [])
    summary, page = summarise(tmp_path, seconds=0.0)
    assert summary["documents"] == {"total": 0, "ok": 0, "error": 0}
    assert set(summary["findings"]["by_rule"].values()) == {0}
    assert summary["articles_per_s"] == 0.0 and summary["elapsed_s"] == 0.0
    assert "<svg" not in page and page.count("No findings.") == 2
    assert "No documents in documents.csv." in page and "<tbody>" not in page
    assert "Audit of 0 documents" in page


def test_a_run_where_every_document_failed(tmp_path: Path) -> None:
    documents = [document(f"{i}.bin", status="error", error=f"{i}.bin: binary file, not text") for i in range(3)]
    write_tables(tmp_path, documents, [])
    summary, page = summarise(tmp_path)
    assert summary["documents"] == {"total": 3, "ok": 0, "error": 3}
    rows = table(page)
    assert [r["id"] for r in rows] == ["0.bin", "1.bin", "2.bin"]  # among equals, in completion order
    assert all(r["class"] == "failed" and r["error"].endswith("binary file, not text") for r in rows)
    assert "<svg" not in page


def test_naive_times_are_utc(tmp_path: Path) -> None:
    write_tables(tmp_path, [document("a.txt")], [])
    write_summary(tmp_path, started=datetime(2026, 3, 1, 9), finished=datetime(2026, 3, 1, 9, 0, 2),
                  engine="dask", jobs=4)
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["started"] == "2026-03-01T09:00:00Z" and summary["articles_per_s"] == 0.5
    assert (summary["engine"], summary["jobs"]) == ("dask", 4)


def test_a_resumed_run_counts_its_rate_over_what_it_checked(tmp_path: Path) -> None:
    write_tables(tmp_path, [document(f"{i}.txt") for i in range(10)], [])
    summary, page = summarise(tmp_path, seconds=2.0, checked=3)  # 7 were done before the resume
    assert summary["documents"]["total"] == 10 and summary["articles_per_s"] == 1.5
    assert "1.5 articles/s" in page


@pytest.mark.parametrize("damage, message", [
    (lambda out: (out / "findings.csv").unlink(), r"findings\.csv: no such file"),
    (lambda out: (out / "documents.csv").write_text("", encoding="utf-8"), r"documents\.csv: empty file"),
    (lambda out: (out / "documents.csv").write_text("doc_id,status\nx,ok\n", encoding="utf-8"),
     r"documents\.csv, line 1: no column error, title"),
    (lambda out: write_tables(out, [document("a.txt"), document("b.txt", errors="many")], []),
     r"documents\.csv, line 3: column errors is not a count: 'many'"),
    (lambda out: write_tables(out, [document("a.txt", status="done")], []),
     r"documents\.csv, line 2: status must be ok or error"),
    (lambda out: (out / "findings.csv").write_bytes(",".join(FINDING_HEADER).encode() + b"\n\xff\xfe\n"),
     r"findings\.csv: not a readable CSV table"),
])
def test_a_damaged_table_is_one_clear_error(audit, damage, message) -> None:
    out = audit[0]
    damage(out)
    with pytest.raises(SummaryError, match=message) as raised:
        summarise(out)
    assert "\n" not in str(raised.value)
    assert not (out / "index.html").exists() and not (out / "summary.json").exists()
