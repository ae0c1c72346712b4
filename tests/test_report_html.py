"""The HTML report, parsed: marks in the text, vote tables, findings, the figures list, escaping of
everything the article brings, self-containment, landmarks and the index page."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import verify
from verify.report.html import render_html, render_index
from verify.report.model import Claim, DocumentInfo, Finding, Reference, Report, Vote

SHARED_ALEPPO = Path(__file__).resolve().parents[2] / "shared" / "examples" / "aleppo-2016-10-08.txt"

COUNCIL = ("Council rejects draft\n\n"
           "The UN Security Council on Saturday rejected a draft resolution on Syria. Nine members voted "
           "against, four voted in favo1r and three abstained, according to the record.\n"
           "Russia, China, Egypt and Venezuela voted in favour.\n")

HOSTILE = ("Assembly <script>document.title='pwned';window.__pwned=1;alert(1)</script> vote\n"
           "The \"><img src=x onerror=\"window.__pwned2=1;alert(2)\"> chamber of 15 members voted 9 to 4, "
           "{{ 7*7 }} {% raw %} ${7*7} with 2 abstentions.\n"
           "<b>bold</b> &amp; &lt;entity&gt; </div></mark></main>\n")

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]

    def by_id(self, id_: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == id_]
        assert len(found) == 1, f"{len(found)} elements with id {id_!r}"
        return found[0]

    def text(self, skip: str | None = None) -> str:
        """The text content; `skip` leaves out elements of that class (tooltips)."""
        return "".join(c if isinstance(c, str) else "" if skip and skip in c.classes else c.text(skip)
                       for c in self.children)


class StrictTree(HTMLParser):
    """A DOM from html.parser that fails on any end tag closing something other than the open element:
    the page's markup must be well formed, whatever the article contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, dict(attrs), self.node))

    def handle_endtag(self, tag):
        assert tag not in VOID
        assert self.node.tag == tag, f"</{tag}> closes <{self.node.tag}>"
        self.node = self.node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(html: str) -> Node:
    tree = StrictTree()
    tree.feed(html)
    tree.close()
    assert tree.node is tree.root, f"<{tree.node.tag}> left open"
    return tree.root


# -- a hand-made report: overlapping spans, a figure nothing checked, a reference with a link ---------

LINES = ("The assembly of 50 members passed the motion by 30 votes to 12, with 5 abstentions.\n"
         "Turnout was 75% in the l0cal vote.\n")


def _at(word: str, text: str = LINES) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def _claim(cid: str, word: str, value, unit=None, kind="count", start: int | None = None) -> Claim:
    start = _at(word)[0] if start is None else start
    return Claim(cid, kind, word, start, start + len(word), 1, start + 1, value, unit, "exact")


def handmade() -> Report:
    claims = (_claim("c1", "50", 50, "members"), _claim("c2", "30", 30, "votes"), _claim("c3", "12", 12),
              _claim("c4", "5", 5, start=LINES.index("with 5") + 5), _claim("c5", "75%", 75, "percent", "percent"))
    vote_start, vote_end = _at("passed the motion by 30 votes to 12, with 5 abstentions.")
    line2 = LINES.index("Turnout")
    findings = (
        Finding("V101", "vote-sum-mismatch", "contradicted", "error",
                "30 in favour + 12 against + 5 abstaining = 47, but <b>the assembly</b> has 50 seats",
                vote_start, vote_end, 1, vote_start + 1, ("c2", "c3", "c4"), ("v1",),
                {"sum": 47, "expected": 50, "sides": {"yes": 30, "no": 12, "abstain": 5}},
                Reference("bodies", "Assembly", "Rules of procedure, art. 3",
                          "https://example.org/rules?a=1&b=2")),
        Finding("T101", "digit-in-word", "suspect", "warning",
                "'l0cal' has a digit inside a word; did you mean 'local'?", *_at("l0cal"), 2, 20,
                suggestion="local"),
        # crosses the "75%" mark: starts before it, ends inside it
        Finding("X901", "crossing-span", "verified", "info", "a span that crosses a figure",
                LINES.index("was 75"), LINES.index("75%") + 1, 2, 9,
                reference=Reference("facts", "turnout", "a source", "javascript:alert(1)")),
        # holds everything on the second line
        Finding("X902", "outer-span", "unverified", "info", "the whole second line",
                line2, len(LINES), 2, 1),
        Finding("X903", "empty-span", "verified", "info", "an empty span", 5, 5, 1, 6),
    )
    vote = Vote("v1", "Assembly", 50, "2020-01-01", 30, 12, 5, None,
                {"yes": ["Ann <b>Lee</b>", "Bo Chen"], "no": [], "abstain": [], "absent": []},
                "passed", [(vote_start, vote_end)], "table", "motion")
    doc = DocumentInfo("motion.txt", "inbox/motion.txt", None, "inferred", len(LINES), "A <i>motion</i>",
                       {"from": "2020-01-01", "to": "2020-12-31", "basis": "the seats of the <assembly>"})
    return Report(doc, claims, (vote,), findings, "0.1.0")


@pytest.fixture(scope="module")
def council() -> tuple[Report, Node, str]:
    report = verify.check_text(COUNCIL, date="2016-10-08", id="council.txt", title="Council rejects draft")
    html = render_html(report, COUNCIL)
    return report, parse(html), html


@pytest.fixture(scope="module")
def made() -> tuple[Report, Node, str]:
    report = handmade()
    html = render_html(report, LINES)
    return report, parse(html), html


def claim_verdict(report: Report, cid: str) -> str:
    order = ("contradicted", "suspect", "verified")
    verdicts = [f.verdict for f in report.findings if cid in f.claims]
    return min(verdicts, key=lambda v: order.index(v) if v in order else 3) if verdicts else "unverified"


# -- the article, marked -------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["council", "made"])
def test_one_mark_per_claim_with_verdict_class_and_label(fixture, request) -> None:
    report, root, _ = request.getfixturevalue(fixture)
    article = root.by_id("article-text")
    for claim in report.claims:
        mark = root.by_id(f"m-{claim.id}")
        assert mark.tag == "mark" and mark.parent is not None
        assert any(n is mark for n in article.iter()), "the mark sits in the article"
        verdict = claim_verdict(report, claim.id)
        assert f"v-{verdict}" in mark.classes and mark.attrs["data-verdict"] == verdict
        assert mark.attrs["data-label"] == verdict.capitalize() and mark.attrs["data-icon"]
        assert mark.attrs["tabindex"] == "0"
        assert root.by_id(mark.attrs["data-target"])  # the jump target exists
        pieces = [m.text(skip="tip") for m in article.find_all("mark") if m.attrs["data-mark"] == mark.attrs["id"]]
        assert "".join(pieces) == claim.text
    firsts = [m for m in article.find_all("mark") if "first" in m.classes]
    assert len({m.attrs["id"] for m in firsts}) == len(firsts)  # one focusable mark per spot


def test_council_marks_and_counts(council) -> None:
    report, root, _ = council
    by_text = {root.by_id(f"m-{c.id}").text(skip="tip"): root.by_id(f"m-{c.id}") for c in report.claims}
    assert by_text["Nine"].attrs["data-verdict"] == "contradicted"
    typo = [m for m in root.find_all("mark", cls="first") if m.text(skip="tip") == "favo1r"]
    assert len(typo) == 1 and typo[0].attrs["data-verdict"] == "suspect"
    # the header counts the marked spots by verdict
    marks = root.by_id("article-text").find_all("mark", cls="first")
    for li in root.find("ul", cls="counts").find_all("li"):
        verdict = li.attrs["data-verdict"]
        assert int(li.find("span", cls="n").text()) == sum(m.attrs["data-verdict"] == verdict for m in marks)
    problems = sum(f.severity != "info" for f in report.findings)
    assert root.by_id("summary").text().startswith(f"{problems} problems in {len(report.claims)} figures")


def test_tooltip_holds_rule_message_and_arithmetic(made) -> None:
    report, root, _ = made
    mark = root.by_id("m-c2")
    tip = root.by_id(mark.attrs["aria-describedby"])
    assert "tip" in tip.classes and tip.attrs["role"] == "tooltip"
    text = tip.text()
    assert "V101 vote-sum-mismatch" in text and "<b>the assembly</b> has 50 seats" in text
    typo_tip = root.by_id(f"tip-{root.find('mark', data_label='Suspect').attrs['id']}").text()
    assert "T101" in typo_tip and "suggestion: local" in typo_tip


@pytest.mark.parametrize("text", [COUNCIL, HOSTILE, LINES])
def test_article_text_is_shown_as_written(text: str) -> None:
    report = handmade() if text is LINES else verify.check_text(text, date="2016-10-08")
    root = parse(render_html(report, text))
    assert root.by_id("article-text").text(skip="tip") == text


def test_overlapping_spans_are_split_not_broken(made) -> None:
    report, root, html = made  # parse() has already failed on any crossing tags
    article = root.by_id("article-text")
    percent = root.by_id("m-c5")
    crossing = root.find("mark", cls="first", data_target=_anchor_of(root, "X901"))
    outer = root.find("mark", cls="first", data_target=_anchor_of(root, "X902"))
    assert outer.text(skip="tip") == LINES[LINES.index("Turnout"):]
    assert crossing.text(skip="tip") == "was 7"
    # the figure's mark is cut where the crossing span ends and goes on in a continuation fragment
    assert percent.text(skip="tip") == "7"
    pieces = [m.text(skip="tip") for m in article.find_all("mark") if m.attrs.get("data-mark") == "m-c5"]
    assert "".join(pieces) == "75%" and len(pieces) == 2
    conts = [m for m in article.find_all("mark", cls="cont") if m.attrs["data-mark"] == "m-c5"]
    assert len(conts) == 1 and "id" not in conts[0].attrs and "tabindex" not in conts[0].attrs
    assert not [m for m in article.find_all("mark") if m.text(skip="tip") == ""]  # the empty span is not marked
    assert root.find("li", data_rule="X903")  # but it is listed


def _anchor_of(root: Node, rule: str) -> str:
    return root.find("li", cls="finding", data_rule=rule).attrs["id"]


# -- votes, findings, figures --------------------------------------------------------------------------

def test_vote_table_counts_names_total_and_record(council) -> None:
    report, root, _ = council
    vote = report.votes[0]
    section = root.by_id(f"vote-{vote.id}")
    rows = {tr.find("th").text(): tr for tr in section.find("tbody").find_all("tr")}
    assert rows["In favour"].find("td", cls="num").text() == "4"
    assert rows["Against"].find("td", cls="num").text() == "9"
    assert rows["Abstained"].find("td", cls="num").text() == "3"
    assert "Russia, China, Egypt, Venezuela" in rows["In favour"].text()
    total = section.find("tfoot").text()
    assert "16" in total and "1 more than the 15 seats" in total
    assert "rejected" in section.find("caption").text()
    checked = section.find("ul", cls="vote-findings").text()
    assert "V101" in checked and "R102" in checked
    assert "unsc_votes: S/2016/847" in checked  # the record it was compared with


def test_vote_table_escapes_names_and_shows_missing_seats(made) -> None:
    _, root, html = made
    section = root.by_id("vote-v1")
    assert "Ann <b>Lee</b>, Bo Chen" in section.text()
    assert not section.find_all("b")
    assert "3 of the 50 seats (from the reference tables) not accounted for" in section.find("tfoot").text()


def test_findings_loudest_first_with_code_message_quote_and_suggestion(council) -> None:
    report, root, _ = council
    items = root.find("section", id="findings").find_all("li", cls="finding")
    assert len(items) == len(report.findings)
    rank = {"error": 2, "warning": 1, "info": 0}
    severities = [next(c[4:] for c in li.classes if c.startswith("sev-")) for li in items]
    assert severities == sorted(severities, key=lambda s: -rank[s])
    assert {li.attrs["data-rule"] for li in items} == {f.rule for f in report.findings}
    typo = root.find("li", cls="finding", data_rule="T101")
    assert "'favo1r' has a digit inside a word" in typo.find("p", cls="message").text()
    assert typo.find("dd", cls="suggestion").find("ins").text() == "favour"
    assert typo.find("dd", cls="suggestion").find("del").text() == "favo1r"
    assert "\u201cfavo1r\u201d" in typo.find("dd", cls="quote").text()
    v101 = root.find("li", cls="finding", data_rule="V101")
    assert "= 16" in v101.find("dd", cls="arithmetic").text()
    assert "bodies" in v101.find("dd", cls="reference").text()
    assert items[0].attrs["data-rule"] in {"V101", "R102"}


def test_reference_link_only_for_http(made) -> None:
    _, root, _ = made
    v101 = root.find("li", cls="finding", data_rule="V101").find("dd", cls="reference")
    assert [a.attrs["href"] for a in v101.find_all("a")] == ["https://example.org/rules?a=1&b=2"]
    x901 = root.find("li", cls="finding", data_rule="X901").find("dd", cls="reference")
    assert not x901.find_all("a") and "javascript" not in str(x901.attrs)


def test_figures_list_every_claim_with_its_verdict(made) -> None:
    report, root, _ = made
    rows = root.by_id("figures").find("tbody").find_all("tr")
    assert [r.attrs["data-claim"] for r in rows] == [c.id for c in report.claims]
    verdicts = {r.attrs["data-claim"]: r.attrs["data-verdict"] for r in rows}
    assert verdicts == {"c1": "unverified", "c2": "contradicted", "c3": "contradicted", "c4": "contradicted",
                        "c5": "unverified"}
    assert "nothing could check it" in root.by_id("fig-c1").text()
    assert root.by_id("m-c1").attrs["data-target"] == "fig-c1"  # an unchecked figure jumps to its row
    assert "3 of 5 figures checked; 2 could not be checked" in root.find("p", cls="coverage").text()


def test_header_title_and_inferred_date_basis(made) -> None:
    _, root, _ = made
    header = root.find("header")
    assert header.find("h1").text() == "A <i>motion</i>"
    assert "inferred from the seats of the <assembly>" in header.text()
    assert "2020-01-01 to 2020-12-31" in header.text()
    assert root.find("title").text().startswith("2 problems in 5 figures")


def _held_back(report: Report, text: str) -> str | None:
    """The header's line on problems left off the page, or None when the page has none."""
    found = parse(render_html(report, text)).find("header").find_all(id="held-back")
    return found[0].text() if found else None


@pytest.mark.parametrize("suppressed, baselined, line", [
    (2, 3, "2 findings silenced by comments in the text, 3 known from the baseline"),
    (1, 0, "1 finding silenced by a comment in the text"),
    (0, 1, "1 finding known from the baseline"),
    (0, 4, "4 findings known from the baseline"),
    (1, 1, "1 finding silenced by a comment in the text, 1 known from the baseline"),
])
def test_header_says_what_suppressions_and_the_baseline_left_out(suppressed, baselined, line) -> None:
    report = dataclasses.replace(handmade(), suppressed=suppressed, baselined=baselined)
    assert _held_back(report, LINES) == line


def test_header_says_nothing_was_left_out_only_by_silence(made) -> None:
    _, root, _ = made
    assert not root.find("header").find_all(id="held-back")
    assert "silenced" not in root.text() and "baseline" not in root.text()


def test_header_counts_a_suppression_in_the_article(tmp_path: Path) -> None:
    from verify.baseline import Baseline, entries

    silenced = ("# verify: ignore T101 reason=\"the banner is quoted as printed\"\n"
                "The banner read Russ1a first.\n\n")
    text = silenced + COUNCIL
    report = verify.check_text(text, date="2016-10-08", id="council.txt")
    assert report.suppressed == 1 and report.problems  # the council's own problems remain
    assert _held_back(report, text) == "1 finding silenced by a comment in the text"
    path = tmp_path / "b.json"
    baseline = Baseline(path, frozenset(e["fingerprint"] for e in entries(report, text, path)))
    known = baseline.filter(report, text)
    assert known.baselined == len(report.problems) and not known.problems
    assert _held_back(known, text) == (f"1 finding silenced by a comment in the text, "
                                      f"{len(report.problems)} known from the baseline")
    root = parse(render_html(known, text))
    assert root.by_id("summary").text().startswith("No problems")  # the line says why


# -- nothing from the article can become markup ----------------------------------------------------

def test_hostile_article_renders_as_text_and_runs_nothing() -> None:
    report = verify.check_text(HOSTILE, date="2016-10-08", title="<script>alert('t')</script>")
    html = render_html(report, HOSTILE)
    root = parse(html)
    scripts = root.find_all("script")
    assert len(scripts) == 1 and "__pwned" not in scripts[0].text()  # only the page's own script
    assert not root.find_all("img") and not root.find_all("i")
    assert not [b for b in root.find_all("b") if b.text() == "bold"]  # tooltips use <b>, the article none
    assert not [n for n in root.iter() for k in n.attrs if k.startswith("on")]
    assert "<script>document.title" not in html and "<img src=x" not in html
    article = root.by_id("article-text").text(skip="tip")
    assert "<script>document.title='pwned';window.__pwned=1;alert(1)</script>" in article
    assert "\"><img src=x onerror=\"window.__pwned2=1;alert(2)\">" in article
    assert "{{ 7*7 }} {% raw %} ${7*7}" in article and "49" not in article
    assert "&amp; &lt;entity&gt; </div></mark></main>" in article
    assert root.find("h1").text() == "<script>alert('t')</script>"


def test_findings_text_is_escaped_too(made) -> None:
    _, root, html = made
    assert "<b>the assembly</b>" not in html and "&lt;b&gt;the assembly&lt;/b&gt;" in html
    message = root.find("li", cls="finding", data_rule="V101").find("p", cls="message").text()
    assert "<b>the assembly</b>" in message


def test_only_the_pages_own_script_may_run() -> None:
    html = render_html(handmade(), LINES)
    csp = parse(html).find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in csp and re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


# -- self-contained, accessible, printable --------------------------------------------------------

@pytest.mark.parametrize("fixture", ["council", "made"])
def test_self_contained(fixture, request) -> None:
    _, root, html = request.getfixturevalue(fixture)
    for node in root.iter():
        assert "src" not in node.attrs, node.tag
        href = node.attrs.get("href")
        if href is None:
            continue
        if node.tag == "link":
            assert node.attrs.get("rel") == "icon" and href.startswith("data:")
        elif href.lower().startswith(("http:", "https:")):
            assert node.parent is not None and "reference" in node.parent.classes  # a finding's reference
        else:
            assert href.startswith("#") and root.by_id(href[1:]), href  # every jump lands somewhere
    assert not root.find_all("link", rel="stylesheet")
    style = "".join(s.text() for s in root.find_all("style"))
    assert "@import" not in style and "url(" not in style and "@font-face" not in style
    assert "fonts.googleapis" not in html


@pytest.mark.parametrize("fixture", ["council", "made"])
def test_landmarks_viewport_print_and_focus(fixture, request) -> None:
    _, root, _ = request.getfixturevalue(fixture)
    assert root.find("html").attrs["lang"] == "en"
    for tag in ("header", "nav", "main", "footer"):
        assert len(root.find_all(tag)) == 1, tag
    assert root.find("nav").attrs.get("aria-label")
    assert "width=device-width" in root.find("meta", name="viewport").attrs["content"]
    style = root.find("style").text()
    assert "@media print" in style and ":focus" in style and "@media (max-width" in style
    for link in root.find("nav").find_all("a"):
        root.by_id(link.attrs["href"][1:])


def test_spans_outside_the_text_break_nothing() -> None:
    report = handmade()
    n = len(LINES)
    stray = Claim("c9", "count", "99", n + 5, n + 7, 3, 1, 99, None, "exact")
    lost = Finding("X904", "lost-span", "suspect", "warning", "beyond the text", n + 1, n + 9, 3, 1)
    report = dataclasses.replace(report, claims=(*report.claims, stray), findings=(*report.findings, lost))
    root = parse(render_html(report, LINES))
    assert root.by_id("article-text").text(skip="tip") == LINES
    row = root.by_id("fig-c9")
    assert row.attrs["data-verdict"] == "unverified" and not row.find_all("a")
    assert "show in the text" not in root.find("li", cls="finding", data_rule="X904").text()
    for node in root.iter():
        if node.attrs.get("href", "").startswith("#"):
            root.by_id(node.attrs["href"][1:])


def test_text_of_another_length_is_refused() -> None:
    with pytest.raises(ValueError, match="offsets"):
        render_html(handmade(), LINES + "more")


def test_shared_sample_if_present() -> None:
    if not SHARED_ALEPPO.exists():
        pytest.skip(f"{SHARED_ALEPPO} is not here")
    text = SHARED_ALEPPO.read_text(encoding="utf-8")
    report = verify.check_text(text, date="2016-10-08", id=SHARED_ALEPPO.name)
    root = parse(render_html(report, text))
    assert root.by_id("article-text").text(skip="tip") == text
    assert len(root.by_id("figures").find("tbody").find_all("tr")) == len(report.claims)
    typo = root.find_all("li", cls="finding", data_rule="T101")
    assert typo and typo[0].find("ins").text() == "favour"
    assert len(root.find("section", id="votes").find_all("table")) == len(report.votes)


# -- the index page -----------------------------------------------------------------------------------

def test_index_lists_reports_with_counts_and_links(council, made) -> None:
    council_report, _, _ = council
    made_report = made[0]
    html = render_index([(made_report, "motion.html"), (council_report, "sub dir/council.html")])
    root = parse(html)
    rows = root.by_id("reports").find("tbody").find_all("tr")
    links = [r.find("a").attrs["href"] for r in rows]
    assert sorted(links) == ["motion.html", "sub dir/council.html"]
    problems = [int(r.attrs["data-problems"]) for r in rows]
    assert problems == sorted(problems, reverse=True)  # most problems first, without JS
    council_row = rows[links.index("sub dir/council.html")]
    cells = {td.attrs.get("data-verdict"): td.text() for td in council_row.find_all("td")}
    council_marks = parse(render_html(council_report, COUNCIL)).by_id("article-text").find_all("mark", cls="first")
    for verdict in ("contradicted", "suspect", "verified", "unverified"):
        assert int(cells[verdict]) == sum(m.attrs["data-verdict"] == verdict for m in council_marks)
    made_row = rows[links.index("motion.html")]
    assert made_row.find("a").text() == "A <i>motion</i>" and not made_row.find_all("i")
    assert root.find_all("th", aria_sort="descending") and root.find_all("button", data_col="0")
    assert len(root.find_all("script")) == 1
    for tag in ("header", "main", "footer"):
        assert root.find_all(tag)


def test_index_of_nothing() -> None:
    root = parse(render_index([]))
    assert root.find("h1").text() == "0 articles checked"
    assert not root.by_id("reports").find("tbody").find_all("tr")
