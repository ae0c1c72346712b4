"""Documents and their loaders: bytes, paths, streams, records and standard input -> `Document`.

Every loader keeps offsets honest: `Document.text` is the input as decoded (a leading BOM removed,
nothing else changed) and `Document.plain` is the same text with markup blanked out character for
character, so an offset found in `plain` points at the same place in `text` and in the file.

The markup blankers are regular expressions plus one linear tag scanner. Every pattern is written so
that a failed match attempt stops at the next `<`, `[`, quote or line break (or uses possessive
quantifiers), so hostile input such as megabytes of `<a<a<a` or unclosed comments loads in linear time.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import functools
import itertools
import operator
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

DEFAULT_MAX_BYTES = 2_000_000
FORMATS = ("txt", "md", "html", "json")
_SUFFIX_FORMAT = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".mdown": "md",
                  ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json"}
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html", "xhtml": "html"}
STDIN = "-"


class LoadError(Exception):
    """Input that cannot be read as an article; `str()` is the one-line message for the user."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line else source
        super().__init__(_one_line(f"{where}: {message}"))

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str, int | None]]:
        # Batch workers send errors across processes; the default pickling would lose the fields.
        return LoadError, (self.source, self.message, self.line)


def _one_line(message: str) -> str:
    """Messages go to terminals and CI logs one per line, whatever a file name or value contains."""
    return re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", message)


@dataclass(frozen=True)
class Document:
    """One article as loaded. `text` is what offsets index; `plain` is what the extractors read."""

    id: str
    source: str
    text: str
    plain: str = ""
    title: str | None = None
    published: dt.date | None = None
    date_source: str = "none"
    line_starts: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.plain:
            object.__setattr__(self, "plain", self.text)
        if len(self.plain) != len(self.text):
            raise ValueError("plain text must have the same length as the text")
        if not self.line_starts:
            object.__setattr__(self, "line_starts", _line_starts(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset; `len(text)` (an end) is allowed.

        Lines end at \\n, \\r\\n or a lone \\r; a \\r\\n pair belongs to the line it ends.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the document (length {len(self.text)})")
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines start. Without lone \r it is C-speed: the start of line i+1 is the
    length of lines 0..i plus i+1 newlines."""
    if "\r" in text and _LONE_CR.search(text):
        return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    lengths = map(len, text.split("\n")[:-1])
    return (0, *map(operator.add, itertools.accumulate(lengths), itertools.count(1)))


# --- dates ----------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}[0-9:.,+\-Z ]*(?:UTC|GMT)?)?")


def parse_date(value: str, source: str, line: int | None = None) -> dt.date:
    """An ISO date, or the date part of an ISO timestamp as written (its own time zone, not UTC,
    because that is the date the newsroom published on); anything else is a LoadError."""
    match = _ISO_DATE.fullmatch(value.strip())
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    shown = value if len(value) <= 40 else value[:40] + "..."
    raise LoadError(source, f"invalid date {shown!r}: expected YYYY-MM-DD", line)


def _date(given: dt.date | str | None, stated: str | None, source: str,
          line: int | None = None) -> tuple[dt.date | None, str]:
    """The publication date and where it came from: the caller's ("given") wins over the input's."""
    if isinstance(given, dt.datetime):
        return given.date(), "given"
    if isinstance(given, dt.date):
        return given, "given"
    if isinstance(given, str):
        return parse_date(given, source), "given"
    if stated and stated.strip():
        return parse_date(stated, source, line), "metadata"
    return None, "none"


# --- decoding -------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))  # UTF-32 LE first: its BOM starts with UTF-16 LE's


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes -> str: UTF-8 (BOM optional), UTF-16/32 with a BOM, or an encoding the user names.

    Anything else is refused rather than guessed, because a wrong guess silently changes figures.
    """
    if encoding:
        return _decode_named(data, source, encoding).removeprefix("\ufeff")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, source, codec, label, hint=f"; it starts with a {label} byte-order mark")
    if b"\x00" in data:
        raise LoadError(source, "binary file (NUL bytes), not an article; if it is UTF-16 or UTF-32 "
                                "text without a byte-order mark, pass --encoding")
    return _decode_as(data, source, "utf-8", "UTF-8", hint="; re-save as UTF-8 or pass --encoding")


def _decode_named(data: bytes, source: str, encoding: str) -> str:
    """Decode with the caller's encoding; unknown or non-text codecs are a LoadError, not a crash."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise LoadError(source, f"unknown encoding {encoding!r}") from None
    try:
        return _decode_as(data, source, encoding, encoding)
    except LookupError:  # a bytes-to-bytes codec such as 'hex' or 'zlib'
        raise LoadError(source, f"{encoding!r} is not a text encoding") from None
    except (ValueError, TypeError) as exc:  # codec-specific failures (idna, punycode, ...)
        raise LoadError(source, f"not valid {encoding}: {exc}") from None


def _decode_as(data: bytes, source: str, codec: str, label: str, hint: str = "") -> str:
    """Strict decode whose error names the line and byte where the input stops being `codec`."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(codec, errors="replace").count("\n") + 1
        byte = data[exc.start] if exc.start < len(data) else 0
        raise LoadError(source, f"not valid {label} (byte 0x{byte:02x} at offset {exc.start}){hint}",
                        line) from None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_text(text: str, source: str) -> None:
    """Refuse decoded text that is empty or is not prose (NUL or many control characters)."""
    if not text.strip():
        raise LoadError(source, "empty document")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise LoadError(source, "binary content (NUL characters), not an article", line)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise LoadError(source, "binary content (control characters), not an article")


# --- blanking helpers -----------------------------------------------------------------------------

_NOT_BREAK = re.compile(r"[^\r\n]+")


def _spaces(chunk: str) -> str:
    """Spaces for `chunk`, keeping its line breaks (so sentence splitting and lines still see them)."""
    if "\n" in chunk or "\r" in chunk:
        return _NOT_BREAK.sub(lambda m: " " * len(m.group(0)), chunk)
    return " " * len(chunk)


def _blank(match: re.Match[str]) -> str:
    return _spaces(match.group(0))


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every [start, end) span blanked; spans may overlap or nest."""
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end > start:
            pieces += (text[last:start], _spaces(text[start:end]))
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


# --- entities -------------------------------------------------------------------------------------

_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@functools.lru_cache(maxsize=2048)
def _unescape(raw: str) -> str:
    return html.unescape(raw)


def _entity(match: re.Match[str]) -> str:
    """The character an entity stands for, padded with spaces to the entity's length.

    The padding goes on the side away from the word the entity touches, so "&pound;5m" reads
    "      £5m" and "50&#37; of" reads "50%     of": figures keep their symbols attached.
    """
    raw = match.group(0)
    char = _unescape(raw)
    if char == raw or len(char) > len(raw):
        return raw
    if char.isspace() or not char.isprintable():
        char = " " * len(char)  # &nbsp; &#10; &#0;: no new line breaks or controls in `plain`
    pad = " " * (len(raw) - len(char))
    text, start, end = match.string, match.start(), match.end()
    if text[end:end + 1].isalnum() and not text[start - 1:start].isalnum():
        return pad + char
    return char + pad


# --- HTML -----------------------------------------------------------------------------------------

# A tag: name, then attributes whose quoted values may hold < and >; possessive, so no backtracking.
_ATTRS = r"(?P<attrs>(?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)"
_HTML_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][^\s/<>]*+)" + _ATTRS + ">")
_RAW_TEXT = ("script", "style", "noscript", "iframe", "noembed", "noframes", "xmp")
# Not <form>: some CMSs wrap the whole page in one.
_BOILERPLATE = ("nav", "aside", "footer", "button", "select", "svg", "math", "template", "dialog",
                "header")
_ARTICLE = ("article", "main")


def _alternation(words: tuple[str, ...]) -> str:
    """A regex alternation factored by first letter ("a(?:rticle|side)|..."): with dozens of names
    tried at every "<" of hostile input, the flat list is several times slower."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for first, rests in by_first.items():
        if len(rests) == 1:
            alternatives.append(re.escape(first + rests[0]))
        else:
            tails = _alternation(tuple(r for r in rests if r)) + ("|" if "" in rests else "")
            alternatives.append(f"{re.escape(first)}(?:{tails})")
    return "|".join(alternatives)


# Scanned over an ASCII-lower-cased copy (same length), so no IGNORECASE: it is much slower.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_HTML_SCAN = re.compile(  # one literal "<" first: the engine then skips to each "<" at C speed
    r"<(?=[!?/a-z])(?:!--|!\[cdata\[|[!?]|(?P<close>/?)(?P<name>"
    + _alternation(_RAW_TEXT + _BOILERPLATE + _ARTICLE) + r")(?![^\s/<>])" + _ATTRS + ">)")
_DECLARATION_END = {"<!--": "-->", "<![cdata[": "]]>", "<!": ">", "<?": ">"}  # by opener
_RAW_CLOSE = {name: re.compile(rf"</{name}(?![^\s/>])[^<>]*+>") for name in _RAW_TEXT}
_HAS_ARTICLE = re.compile(r"<(?:article|main)(?![^\s/<>])")
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br hr tr td th table thead tbody tfoot caption section article "
    "main header footer nav aside blockquote figure figcaption title head body html dd dt dl pre "
    "address details summary fieldset legend hgroup center option".split())


@dataclass
class _Scan:
    """State of one pass over the tags that open or close a region to drop."""

    text: str  # lower-cased
    to_eof: bool
    spans: list[tuple[int, int]] = field(default_factory=list)
    open_at: dict[str, list[int]] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)  # closers known not to occur further on
    in_article: int = 0


def _html_regions(text: str, *, to_eof: bool) -> list[tuple[int, int]]:
    """Spans that are not article text: comments, CDATA, scripts and styles, and navigation-like
    containers (nav, aside, footer, forms, svg...; a <header> only outside <article>/<main>, and only
    when the page has one, since a bare page's header may hold the headline), matched by nesting.

    An unclosed comment or script runs to the end of the file, as in a browser (`to_eof`), or is
    left alone (Markdown, where it is literal text); an unclosed container drops only its tag.
    """
    text = text.translate(_ASCII_LOWER)
    scan = _Scan(text, to_eof)
    drop_header = _HAS_ARTICLE.search(text) is not None
    pos = 0
    while (match := _HTML_SCAN.search(text, pos)) is not None:
        pos = match.end()
        name = match.group("name")
        if not name:
            opener = match.group(0)
            if scan.to_eof or opener in ("<!--", "<![cdata["):  # Markdown: "<!" or "<?" is just text
                pos = _skip_to(scan, match, _DECLARATION_END[opener])
        elif name in _RAW_TEXT:
            if not match.group("close"):
                pos = _skip_to(scan, match, name)
        elif name in _ARTICLE:
            scan.in_article = max(0, scan.in_article + (-1 if match.group("close") else 1))
        elif name != "header" or (drop_header and not scan.in_article) or match.group("close"):
            _container(scan, match, name)
    return scan.spans


def _skip_to(scan: _Scan, match: re.Match[str], closer: str) -> int:
    """Drop from `match` to `closer` (a literal or a raw-text element name); return where to go on."""
    if closer not in scan.absent:
        if closer in _RAW_CLOSE:
            found = _RAW_CLOSE[closer].search(scan.text, match.end())
            end = found.end() if found else -1
        else:
            end = scan.text.find(closer, match.end())
            end = end + len(closer) if end >= 0 else -1
        if end >= 0:
            scan.spans.append((match.start(), end))
            return end
        scan.absent.add(closer)
    if scan.to_eof:
        scan.spans.append((match.start(), len(scan.text)))
        return len(scan.text)
    return match.end()


def _container(scan: _Scan, match: re.Match[str], name: str) -> None:
    """Open or close a dropped container; each name nests on its own, which is linear and enough."""
    opened = scan.open_at.setdefault(name, [])
    if not match.group("close"):
        if not match.group("attrs").rstrip().endswith("/"):  # <svg/> holds nothing
            opened.append(match.start())
    elif opened:
        scan.spans.append((opened.pop(), match.end()))


def _blank_tag(match: re.Match[str]) -> str:
    """Block tags become a line break (paragraphs stay apart), inline tags plain spaces."""
    tag = match.group(0)
    if "\n" in tag or "\r" in tag:
        return _spaces(tag)
    if match.group("name").lower() in _BLOCK_TAGS:
        return "\n" + " " * (len(tag) - 1)
    return " " * len(tag)


def blank_html(text: str) -> str:
    """HTML -> same-length article text: scripts, styles and navigation blanked, block tags turned
    into line breaks, inline tags into spaces, entities decoded in place."""
    return _html_plain(_blank_spans(text, _html_regions(text, to_eof=True)))


def _html_plain(visible: str) -> str:
    return _HTML_ENTITY.sub(_entity, _HTML_TAG.sub(_blank_tag, visible))


_META_TAG = re.compile(r"<meta(?![^\s/<>])" + _ATTRS + ">", re.I)
_TIME_TAG = re.compile(r"<time(?![^\s/<>])" + _ATTRS + ">", re.I)
_ATTR = re.compile(r"([^\s=/<>\"']++)(?:\s*+=\s*+(?:\"([^\"]*+)\"|'([^']*+)'|([^\s\"'=<>`]++)))?")
_DATE_META = {"article:published_time": 0, "datepublished": 1, "og:published_time": 1,
              "pubdate": 2, "publishdate": 2, "publish-date": 2, "publish_date": 2, "dc.date": 2,
              "dc.date.issued": 2, "dcterms.created": 2, "date": 3}
_JSON_LD_DATE = re.compile(r"\"datePublished\"\s{0,20}:\s{0,20}\"([^\"\\<>]{1,64})\"")


@dataclass(frozen=True)
class _Metadata:
    """What an input says about itself; `line` is where the date is written, for error messages."""

    title: str | None = None
    published: str | None = None
    line: int | None = None


def _attributes(attrs: str) -> dict[str, str]:
    """Attribute names (lower-cased) -> values, entities decoded."""
    found = {}
    for match in _ATTR.finditer(attrs):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _element_text(visible: str, name: str) -> str | None:
    """Text of the first <name> element, tags removed, entities decoded, spaces collapsed."""
    opening = re.search(rf"<{name}(?![^\s/<>]){_ATTRS}>", visible, re.I)
    if not opening:
        return None
    closing = re.compile(rf"</{name}\s*>", re.I).search(visible, opening.end())
    if not closing:
        return None
    inner = _HTML_TAG.sub(" ", visible[opening.end():closing.start()])
    return " ".join(html.unescape(inner).split()) or None


def _html_date(text: str, visible: str) -> tuple[str | None, int]:
    """The page's own publication date and its offset: article:published_time and similar meta,
    then JSON-LD datePublished, then the first <time datetime> that holds a date (a <time> may
    also hold a duration or a month, which are skipped)."""
    stated: list[tuple[int, int, str]] = []  # (rank, offset, value)
    for match in _META_TAG.finditer(visible):
        attrs = _attributes(match.group("attrs"))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_META and attrs.get("content", "").strip():
            stated.append((_DATE_META[key], match.start(), attrs["content"]))
    json_ld = _JSON_LD_DATE.search(text)
    if json_ld:
        stated.append((1, json_ld.start(), json_ld.group(1)))
    if stated:
        _, offset, value = min(stated)
        return value, offset
    for match in _TIME_TAG.finditer(visible):
        value = _attributes(match.group("attrs")).get("datetime", "")
        if _is_date(value):
            return value, match.start()
    return None, 0


def _is_date(value: str) -> bool:
    try:
        parse_date(value, "")
    except LoadError:
        return False
    return True


def _html_metadata(text: str, visible: str) -> _Metadata:
    title = _element_text(visible, "title") or _element_text(visible, "h1")
    published, offset = _html_date(text, visible)
    line = text.count("\n", 0, offset) + 1 if published else None
    return _Metadata(title, published, line)


def html_metadata(text: str) -> tuple[str | None, str | None]:
    """(title, published) as the page declares them: <title> or else the first <h1>; the date from
    meta tags, JSON-LD or <time datetime>, ignoring navigation, asides and scripts."""
    meta = _html_metadata(text, _blank_spans(text, _html_regions(text, to_eof=True)))
    return meta.title, meta.published


# --- Markdown -------------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_MD_HARD_BREAK = re.compile(r"\\(?=\r?\n)")
_HIDDEN = "\ue000"  # stands in for an escaped character while the patterns run, so none matches it
_MD_FRONT_MATTER = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?:(?P=fence)|\.\.\.)[ \t]*$", re.S | re.M)
_FRONT_FIELD = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(?P<value>[^\r\n]*)", re.M)
_FRONT_DATE_KEYS = ("published", "date", "publishdate", "pubdate", "published_at", "date_published")
_MD_FENCE = re.compile(  # an unclosed fence runs to the end, as in CommonMark
    r"^[ \t]{0,3}(?P<fence>`{3,}(?=[^`\r\n]*+\r?$)|~{3,}).*?(?:^[ \t]{0,3}(?P=fence)[`~]*+[ \t]*+\r?$|\Z)",
    re.S | re.M)
_BACKTICKS = re.compile(r"`++")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*+\r?\n")
# Patterns start with a literal where they can: the engine then skips ahead at C speed.
_MD_LINK_DEFS = re.compile(  # [id]: url lines go; a footnote definition loses only its [^1]: mark
    r"^[ \t]{0,3}\[(?:(?!\^)[^\[\]\r\n]{1,999}\]:[^\r\n]*+|\^[^\[\]\s]{1,64}\]:)", re.M)
_MD_LINKS = re.compile(
    r"!\[[^\[\]\r\n]*+\](?:\((?:[^()\r\n]++|\([^()\r\n]*+\))*+\)|\[[^\[\]\r\n]*+\])?"  # images
    r"|\[\^[^\[\]\s]{1,64}\]"  # footnote references
    r"|\]\((?:[^()\r\n]++|\([^()\r\n]*+\))*+\)"  # "](target)": URLs may hold one pair of parens
    r"|\]\[[^\[\]\r\n]*+\]")  # "][label]" of reference-style links
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|\r?$)[^\r\n]*+", re.M)
_MD_LINE_MARKS = re.compile(  # setext underlines, thematic breaks ("* * *" is not a list), quotes
    r"^[ \t]*+(?:=++[ \t]*+\r?$|(?:[-*_][ \t]*+){3,}+\r?$|(?:>[ \t]?)++)", re.M)
_MD_LIST = re.compile(r"^[ \t]*+(?:[-*+]|(?P<num>\d{1,9})[.)])[ \t]++", re.M)
_MD_TABLE_RULE = re.compile(r"^[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+\r?$",
                            re.M)
# Emphasis, one character at a time so the replacement is a constant (no Python call per match):
# a * goes unless spaces surround it ("2 * 3"), a _ unless letters do (snake_case), ~~ beside text.
_MD_STAR = re.compile(r"\*(?:(?=\S)|(?<=\S\*))")
_MD_UNDERSCORE = re.compile(r"_(?:(?![^\W_])|(?<![^\W_]_))")
_MD_STRIKE = re.compile(r"~~(?:(?=\S)|(?<=\S~~))")
_BRACKETS = str.maketrans("[]", "  ")


def blank_markdown(text: str) -> str:
    """Markdown -> same-length plain text with markup replaced by spaces: front matter, code, HTML
    (scripts and comments dropped), link targets and images, heading/list/quote/table marks and
    emphasis. Link text, footnote text and escaped characters stay."""
    work = _hide_escapes(text)
    work = _blank_front_matter(work)
    if "```" in work or "~~~" in work:
        work = _MD_FENCE.sub(_blank, work)
    work = _blank_code_spans(work)
    if "<" in work:
        work = _blank_spans(work, _html_regions(work, to_eof=False))
        work = _HTML_TAG.sub(_blank, work)  # inline HTML and <autolinks>
    if "]" in work:
        work = _MD_LINKS.sub(_blank, _MD_LINK_DEFS.sub(_blank, work) if "]:" in work else work)
    if "#" in work:
        work = _MD_HEADING.sub(_blank_heading, work)
    work = _MD_LINE_MARKS.sub(_blank, work)
    work = _MD_LIST.sub(_blank_list_marker, work)
    work = _blank_tables(work)
    work = _MD_STAR.sub(" ", work) if "*" in work else work
    work = _MD_UNDERSCORE.sub(" ", work) if "_" in work else work
    work = _MD_STRIKE.sub("  ", work) if "~~" in work else work
    work = work.translate(_BRACKETS)
    if "&" in work:
        work = _MD_ENTITY.sub(_entity, work)
    return _restore_escapes(work, text)


def _hide_escapes(text: str) -> str:
    """Blank the backslash of `\\*`-style escapes and hide the character until the end, so no
    markup pattern takes it for markup; a backslash before a line break (hard break) is blanked."""
    if "\\" not in text:
        return text
    return _MD_HARD_BREAK.sub(" ", _MD_ESCAPE.sub(" " + _HIDDEN, text))


def _restore_escapes(work: str, text: str) -> str:
    """Put escaped characters back where no pattern blanked them (code and URLs stay blank). Where
    the input itself holds the stand-in character, `text` has it too, so nothing changes there."""
    pieces, last = [], 0
    while (pos := work.find(_HIDDEN, last)) >= 0:
        pieces += (work[last:pos], text[pos])
        last = pos + 1
    pieces.append(work[last:])
    return "".join(pieces)


def _blank_front_matter(text: str) -> str:
    match = _front_matter(text)
    return _spaces(text[:match.end()]) + text[match.end():] if match else text


def _front_matter(text: str) -> re.Match[str] | None:
    """YAML (---) or TOML (+++) front matter, only when it holds `key: value` lines: an article
    may also open with a horizontal rule."""
    match = _MD_FRONT_MATTER.match(text)
    if not match:
        return None
    body = match.group("body").lstrip()
    return match if not body or _FRONT_FIELD.match(body) else None


def _blank_code_spans(text: str) -> str:
    """Inline code: a backtick run up to the next run of the same length in the same paragraph.
    One pass over the runs (not a lazy regex), so stray backticks cannot make it quadratic."""
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    later: dict[int, list[int]] = {}  # run length -> indexes of runs of that length, reversed
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    spans, skip_to = [], 0
    for index, (start, end) in enumerate(runs):
        same = later[end - start]
        same.pop()  # this run itself
        if index < skip_to or not same:
            continue
        close = same[-1]
        first_break = bisect.bisect_left(breaks, end)
        if first_break == len(breaks) or breaks[first_break] >= runs[close][0]:
            spans.append((start, runs[close][1]))
            skip_to = close + 1
    return _blank_spans(text, spans)


def _blank_heading(match: re.Match[str]) -> str:
    """`## Title ##` -> the title alone; a closing run of # must follow a space to be markup."""
    line = match.group(0)
    opener = len(line) - len(line.lstrip(" \t").lstrip("#"))
    body_end = len(line.rstrip(" \t"))
    before_closer = line[:body_end].rstrip("#")
    if len(before_closer) <= opener or before_closer[-1] in " \t":
        body_end = max(len(before_closer), opener)
    return " " * opener + line[opener:body_end] + " " * (len(line) - body_end)


def _blank_list_marker(match: re.Match[str]) -> str:
    """List markers. An ordered marker other than 1 only continues a list (after a blank, indented or
    list-item line), so a wrapped sentence's "...9 to\\n6. Russia..." keeps its figure."""
    num = match.group("num")
    if num is None or num == "1" or _continues_list(match.string, match.start()):
        return _blank(match)
    return match.group(0)


def _continues_list(text: str, line_start: int) -> bool:
    """Is the line before `line_start` blank, indented or a list item (or is there none)?"""
    if line_start == 0:
        return True
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    return text[prev_start] in " \t\r\n" or _MD_LIST.match(text, prev_start) is not None


def _blank_tables(text: str) -> str:
    """GFM tables: blank the delimiter row and the cell pipes of the header and body rows."""
    if "|" not in text or "-" not in text:
        return text
    spans, last_end = [], 0
    for rule in _MD_TABLE_RULE.finditer(text):
        if "|" not in rule.group(0) or rule.start() < last_end:
            continue
        header = text.rfind("\n", 0, max(0, rule.start() - 1)) + 1
        if rule.start() == 0 or "|" not in text[header:rule.start()]:
            continue
        end = _table_end(text, rule.end())
        spans.append((header, rule.start(), end))
        last_end = end
    if not spans:
        return text
    pieces, last = [], 0
    for header, rule_start, end in spans:
        rule_end = text.find("\n", rule_start)
        rule_end = end if rule_end < 0 else min(rule_end, end)
        pieces += (text[last:header], text[header:rule_start].replace("|", " "),
                   _spaces(text[rule_start:rule_end]), text[rule_end:end].replace("|", " "))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _table_end(text: str, pos: int) -> int:
    """End of the table body: the rows after the delimiter row, up to a blank or pipe-less line."""
    while pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end]
        if not line.strip() or "|" not in line:
            break
        pos = line_end
    return pos


def _markdown_metadata(text: str, plain: str) -> _Metadata:
    """Title and date from front matter (`title:`, `date:`/`published:`), else the first # heading."""
    title = published = line = None
    front = _front_matter(text)
    if front:
        for match in _FRONT_FIELD.finditer(text, front.start("body"), front.end("body")):
            key, value = match.group("key").lower(), match.group("value").strip().strip("'\"")
            if key == "title" and title is None and value:
                title = value
            elif key in _FRONT_DATE_KEYS and published is None and value:
                published, line = value, text.count("\n", 0, match.start()) + 1
    if title is None:
        for match in _MD_HEADING.finditer(text):
            if match.group(0).lstrip(" \t").startswith("# ") and plain[match.start():match.end()].strip():
                title = " ".join(plain[match.start():match.end()].split())
                break
    return _Metadata(title, published, line)


# --- loaders --------------------------------------------------------------------------------------

def guess_format(name: str) -> str:
    """The format a file name implies; anything unknown (and standard input) is plain text."""
    return _SUFFIX_FORMAT.get(Path(name).suffix.lower(), "txt")


def _format(fmt: str | None, source: str) -> str:
    if not fmt:
        return guess_format(source)
    fmt = fmt.lower().lstrip(".")
    fmt = _FORMAT_ALIASES.get(fmt, fmt)
    if fmt not in FORMATS:
        raise LoadError(source, f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return fmt


def _too_large(source: str, size: str, max_bytes: int) -> LoadError:
    return LoadError(source, f"too large: {size} bytes, limit {max_bytes:,} (raise with --max-bytes)")


def load_bytes(data: bytes, *, source: str, fmt: str | None = None, doc_id: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None,
               published: dt.date | str | None = None) -> Document:
    """Read one article from bytes. `published`, when given, wins over any date in the input."""
    fmt = _format(fmt, source)
    if len(data) > max_bytes:
        raise _too_large(source, f"{len(data):,}", max_bytes)
    text = decode(data, source, encoding)
    _check_text(text, source)
    if fmt == "json":
        return load_record(_parse_json(text, source), source=source, published=published,
                           doc_id=doc_id, max_bytes=max_bytes)
    if fmt == "md":
        plain = blank_markdown(text)
        meta = _markdown_metadata(text, plain)
    elif fmt == "html":
        visible = _blank_spans(text, _html_regions(text, to_eof=True))
        plain, meta = _html_plain(visible), _html_metadata(text, visible)
    else:
        plain, meta = text, _Metadata()
    if not plain.strip():
        raise LoadError(source, "no article text found (only markup)")
    date, date_source = _date(published, meta.published, source, meta.line)
    return Document(id=doc_id or Path(source).name, source=source, text=text, plain=plain,
                    title=meta.title, published=date, date_source=date_source)


def _parse_json(text: str, source: str) -> dict:
    """One JSON object; syntax errors name their line, and no input makes the parser crash."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(source, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except (ValueError, RecursionError) as exc:  # huge integers, deep nesting
        raise LoadError(source, f"invalid JSON: {str(exc)[:80]}") from None
    if not isinstance(record, dict):
        raise LoadError(source, "a JSON article must be an object with a \"text\" field")
    return record


def load_record(record: dict, *, source: str, published: dt.date | str | None = None,
                doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A record `{"id", "text", "published", "title"}` -> Document (the text is taken as plain text,
    and offsets index that text). `published`, when given, wins over the record's."""
    text = record.get("text")
    if not isinstance(text, str):
        raise LoadError(source, "record has no \"text\" string")
    text = text.removeprefix("\ufeff")
    if len(text) > max_bytes // 4:  # a character is at most 4 bytes: only then count them
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise _too_large(source, f"{size:,}", max_bytes)
    _check_text(text, source)
    stated = record.get("published")
    if stated is not None and not isinstance(stated, str):
        raise LoadError(source, "\"published\" must be a YYYY-MM-DD string")
    date, date_source = _date(published, stated, source)
    title, record_id = record.get("title"), record.get("id")
    if not doc_id:
        doc_id = str(record_id) if record_id is not None and record_id != "" else Path(source).name
    return Document(id=doc_id, source=source, text=text, title=title if isinstance(title, str) else None,
                    published=date, date_source=date_source)


def load_stream(stream: BinaryIO, *, source: str = "<stdin>", fmt: str | None = None,
                doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                encoding: str | None = None, published: dt.date | str | None = None) -> Document:
    """Read an article from a stream such as standard input, never reading more than the limit."""
    stream = getattr(stream, "buffer", stream)  # sys.stdin is text; read its bytes
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(source, exc.strerror or str(exc)) from None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        raise _too_large(source, f"more than {max_bytes:,}", max_bytes)
    return load_bytes(data, source=source, fmt=fmt, doc_id=doc_id, max_bytes=max_bytes,
                      encoding=encoding, published=published)


def load_path(path: str | Path, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              encoding: str | None = None, published: dt.date | str | None = None) -> Document:
    """Read an article from a file (`-` is standard input), refusing directories, unreadable and
    oversized files. At most `max_bytes + 1` bytes are read, so /dev/zero or a growing log is safe."""
    if str(path) == STDIN:
        if sys.stdin is None:
            raise LoadError("<stdin>", "no standard input")
        return load_stream(sys.stdin, fmt=fmt, max_bytes=max_bytes, encoding=encoding,
                           published=published)
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise LoadError(source, "is a directory, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(source, f"{size:,}", max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(source, "no such file") from None
    except PermissionError:
        raise LoadError(source, "permission denied") from None
    except OSError as exc:
        raise LoadError(source, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise _too_large(source, f"more than {max_bytes:,}", max_bytes)
    return load_bytes(data, source=source, fmt=fmt, max_bytes=max_bytes, encoding=encoding,
                      published=published)
