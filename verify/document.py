"""Documents and their loaders: bytes, paths, streams, records and standard input -> `Document`.

Every loader keeps offsets honest: `Document.text` is the input as decoded (a leading BOM removed,
nothing else changed) and `Document.plain` is the same text with markup blanked out character for
character, so an offset found in `plain` points at the same place in `text` and in the file.

Input is untrusted (a CMS, a scraper, a reader's upload), so every markup pattern runs in linear time:
quantifiers are possessive, and a failed attempt stops at the next `<`, `[`, quote or line break
instead of rescanning the rest of the file. Megabytes of `<a<a<a`, `[[[`, `&&&` or unclosed comments
load in a fraction of a second.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import email.utils
import functools
import html
import html.entities
import itertools
import json
import operator
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from verify.scan import alternation, ascii_lower

DEFAULT_MAX_BYTES = 2_000_000
FORMATS = ("txt", "md", "html", "json")
STDIN = "-"
# the formats file names imply; `verify check --changed-since` picks files by these suffixes
SUFFIX_FORMAT = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".mdown": "md",
                 ".html": "html", ".htm": "html", ".xhtml": "html", ".json": "json"}
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html", "xhtml": "html"}
ARTICLE_SUFFIXES = tuple(SUFFIX_FORMAT)  # the file names read as articles (what `verify batch` looks for)


class LoadError(Exception):
    """Input that cannot be read as an article; `str()` is the one-line message for the user."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line else source
        super().__init__(_one_line(f"{where}: {message}"))

    def __reduce__(self) -> tuple[type[LoadError], tuple[str, str, int | None]]:
        # Batch workers send errors across processes; default pickling would call __init__ wrongly.
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
    markup: str = "txt"  # how `text` is written: txt, md or html (a JSON record's text is txt)

    def __post_init__(self) -> None:
        if not self.plain:
            object.__setattr__(self, "plain", self.text)
        if len(self.plain) != len(self.text):
            raise ValueError("plain text must have the same length as the text")

    @functools.cached_property
    def line_starts(self) -> tuple[int, ...]:
        """Offsets where lines start; computed on first use (most documents need few positions)."""
        return _line_starts(self.text)

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
    """Without a lone \\r this runs at C speed: line i+1 starts after lines 0..i and i+1 newlines."""
    if "\r" in text and _LONE_CR.search(text):
        return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    lengths = map(len, text.split("\n")[:-1])
    return (0, *map(operator.add, itertools.accumulate(lengths), itertools.count(1)))


# --- dates ----------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}[0-9:.,+\-Z ]*(?:UTC|GMT)?)?")


def parse_date(value: str, source: str, line: int | None = None) -> dt.date:
    """An ISO date, or the date part of an ISO (or RFC 2822, as in feeds) timestamp as written: its
    own time zone, not UTC, since that is the date the newsroom published on. Anything else is a
    LoadError: day/month order cannot be guessed."""
    match = _ISO_DATE.fullmatch(value.strip())
    try:
        if match:
            return dt.date(*map(int, match.groups()))
        if re.search(r"[A-Za-z]{3}", value) and ":" in value:
            return email.utils.parsedate_to_datetime(value.strip()).date()
    except (ValueError, TypeError, IndexError):
        pass
    shown = value if len(value) <= 40 else value[:40] + "..."
    raise LoadError(source, f"invalid date {shown!r}: expected YYYY-MM-DD", line)


def _is_date(value: str) -> bool:
    try:
        parse_date(value, "")
    except LoadError:
        return False
    return True


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
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))  # UTF-32 LE first: its BOM starts like UTF-16 LE's


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes -> str: UTF-8 (BOM optional), UTF-16/32 with a BOM, or an encoding the user names.

    Anything else is refused rather than guessed, because a wrong guess silently changes figures.
    """
    if encoding:
        return _decode_named(data, source, encoding).removeprefix("\ufeff")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, source, codec, label, f"; it starts with a {label} byte-order mark")
    if b"\x00" in data:
        raise LoadError(source, "binary file (NUL bytes), not an article; if it is UTF-16 or UTF-32 "
                                "text without a byte-order mark, pass --encoding")
    return _decode_as(data, source, "utf-8", "UTF-8", "; re-save as UTF-8 or pass --encoding")


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

_KEEP_BREAKS = bytes(b if b in b"\r\n" else 32 for b in range(256))


def _spaces(chunk: str) -> str:
    """Spaces for `chunk`, keeping its line breaks (so sentence splitting and lines still see them).
    Encoding with "replace" gives one byte per character, so a byte table does it at C speed."""
    if "\n" not in chunk and "\r" not in chunk:
        return " " * len(chunk)
    return chunk.encode("ascii", "replace").translate(_KEEP_BREAKS).decode("ascii")


def _blank(match: re.Match[str]) -> str:
    return _spaces(match.group(0))


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
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

_MD_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_entities(text: str, pattern: re.Pattern[str]) -> str:
    """Entities decoded in place. The two commonest go by plain replacement (no call per match)."""
    if "&" not in text:
        return text
    text = text.replace("&nbsp;", "      ").replace("&amp;", "&    ")
    return pattern.sub(_entity, text)


@functools.lru_cache(maxsize=4096)
def _entity_char(raw: str) -> str | None:
    """What an entity stands for, as it may appear in `plain`: spaces for spacing and control
    characters (no new line breaks); None when it is no entity or would not fit in its length."""
    if raw[1] != "#" and raw.endswith(";") and raw[1:] not in html.entities.html5:
        return None  # "&notaword;" is text, not "&not" + "aword;"
    char = html.unescape(raw)
    if char == raw or len(char) > len(raw):
        return None
    return " " * len(char) if char.isspace() or not char.isprintable() else char


def _entity(match: re.Match[str]) -> str:
    """The entity's character padded with spaces to its length, the padding away from the word it
    touches: "&pound;5m" reads "      £5m" and "50&#37; of" reads "50%     of"."""
    raw = match.group(0)
    char = _entity_char(raw)
    if char is None:
        return raw
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
# Not <form>: some CMSs wrap the whole page in one. <header> only outside <article>/<main>.
_BOILERPLATE = ("nav", "aside", "footer", "button", "select", "svg", "math", "template", "dialog",
                "header")
_ARTICLE = ("article", "main")
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "hr", "tr", "td", "th",
    "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "header", "footer",
    "nav", "aside", "blockquote", "figure", "figcaption", "title", "head", "body", "html", "dd", "dt",
    "dl", "pre", "address", "details", "summary", "fieldset", "legend", "hgroup", "center", "option"})


# HTML also decodes the old entities written without ";" ("&copy 2016", "&amp"), and only those.
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|"
                          + alternation(tuple(n for n in html.entities.html5 if n[-1] != ";")) + ")")
# These scan an ASCII-lower-cased copy of the text (same length): IGNORECASE is much slower.
_HTML_SCAN = re.compile(  # a literal "<" first, so the engine skips to each "<" at C speed
    r"<(?=[!?/a-z])(?:!--|!\[cdata\[|[!?]|(?P<close>/?)(?P<name>"
    + alternation(_RAW_TEXT + _BOILERPLATE + _ARTICLE) + r")(?![^\s/<>])" + _ATTRS + ">)")
_DECLARATION_END = {"<!--": "-->", "<![cdata[": "]]>", "<!": ">", "<?": ">"}  # by opener
_RAW_CLOSE = {name: re.compile(rf"</{name}(?![^\s/>])[^<>]*+>") for name in _RAW_TEXT}
_HAS_ARTICLE = re.compile(r"<(?:article|main)(?![^\s/<>])")
# Markdown holds raw HTML only in closed pieces; each attempt stops at the next opener of its kind.
_MD_HTML_DROP = re.compile(
    r"<!--(?:[^-<]++|-(?!->)|<(?!!--))*+-->"
    r"|<(?P<raw>" + alternation(_RAW_TEXT) + r")(?![^\s/<>])" + _ATTRS + ">"
    r"(?:[^<]++|<(?!/?(?P=raw)(?![^\s/<>])))*+</(?P=raw)(?![^\s/>])[^<>]*+>")


def _html_regions(text: str) -> list[tuple[int, int]]:
    """Spans that are not article text: comments, CDATA, scripts and styles, and navigation-like
    containers (nav, aside, footer, svg...), matched by nesting depth. A <header> goes only outside
    <article>/<main>, and only when the page has one: a bare page's header may hold the headline.

    An unclosed comment or script runs to the end of the input, as in a browser; an unclosed
    container drops only its own tag, so a stray <nav> cannot swallow the article.
    """
    low = ascii_lower(text)
    spans: list[tuple[int, int]] = []
    open_at: dict[str, list[int]] = {}
    drop_header, in_article, pos = _HAS_ARTICLE.search(low) is not None, 0, 0
    search = _HTML_SCAN.search  # the loop runs once per tag of interest: keep it lean
    while (match := search(low, pos)) is not None:
        start, pos = match.span()
        closing, name = match.group(1, 2)
        if name is None or (name in _RAW_TEXT and not closing):
            pos = _raw_end(low, _DECLARATION_END.get(match.group(0), name), pos)
            spans.append((start, pos))
        elif name in _ARTICLE:
            in_article = max(0, in_article + (-1 if closing else 1))
        elif closing:
            if open_at.get(name):
                spans.append((open_at[name].pop(), pos))
        elif low[pos - 2] != "/" and (name != "header" or (drop_header and not in_article)):
            open_at.setdefault(name, []).append(start)  # <svg/> holds nothing
    return spans


def _raw_end(low: str, closer: str, pos: int) -> int:
    """Where a comment, declaration or raw-text element opened before `pos` ends: after its closer
    (a literal such as "-->", or an element name), or at the end of the input."""
    if closer in _RAW_CLOSE:
        found = _RAW_CLOSE[closer].search(low, pos)
        return found.end() if found else len(low)
    end = low.find(closer, pos)
    return end + len(closer) if end >= 0 else len(low)


def _blank_tag(match: re.Match[str]) -> str:
    """Block tags become a line break (paragraphs stay apart), inline tags plain spaces."""
    tag, name = match.group(0, 2)
    if "\n" in tag or "\r" in tag:
        return _spaces(tag)
    if name in _BLOCK_TAGS or name.lower() in _BLOCK_TAGS:
        return "\n" + " " * (len(tag) - 1)
    return " " * len(tag)


def blank_html(text: str) -> str:
    """HTML -> same-length article text: scripts, styles and navigation blanked, block tags turned
    into line breaks, inline tags into spaces, entities decoded in place."""
    return _html_plain(blank_spans(text, _html_regions(text)))


def _html_plain(visible: str) -> str:
    return _decode_entities(_HTML_TAG.sub(_blank_tag, visible), _HTML_ENTITY)


_META_TAG = re.compile(r"<meta(?![^\s/<>])" + _ATTRS + ">", re.IGNORECASE)
_TIME_TAG = re.compile(r"<time(?![^\s/<>])" + _ATTRS + ">", re.IGNORECASE)
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
    """Attribute names (lower-cased) -> values, entities decoded; the first of a name wins."""
    found: dict[str, str] = {}
    for match in _ATTR.finditer(attrs):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _element_text(visible: str, name: str) -> str | None:
    """Text of the first <name> element, tags removed, entities decoded, spaces collapsed."""
    opening = re.search(rf"<{name}(?![^\s/<>]){_ATTRS}>", visible, re.IGNORECASE)
    if not opening:
        return None
    closing = re.compile(rf"</{name}\s*+>", re.IGNORECASE).search(visible, opening.end())
    if not closing:
        return None
    inner = _HTML_TAG.sub(" ", visible[opening.end():closing.start()])
    return " ".join(html.unescape(inner).split()) or None


def _html_date(text: str, visible: str) -> str | None:
    """The page's publication date: article:published_time and similar meta tags, JSON-LD
    datePublished, else the first <time datetime>. A page is taken as found, so a value that is no
    date (a <time> may hold a duration, a CMS may write "yesterday") is skipped, not an error.
    Navigation and asides are blanked in `visible`, so related articles' dates are not taken."""
    stated: list[tuple[int, int, str]] = []  # (rank, offset, value)
    for match in _META_TAG.finditer(visible):
        attrs = _attributes(match.group("attrs"))
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_META:
            stated.append((_DATE_META[key], match.start(), attrs.get("content", "")))
    json_ld = _JSON_LD_DATE.search(text)
    if json_ld:
        stated.append((1, json_ld.start(), json_ld.group(1)))
    times = (_attributes(m.group("attrs")).get("datetime", "") for m in _TIME_TAG.finditer(visible))
    candidates = itertools.chain((value for _, _, value in sorted(stated)), times)
    return next((value for value in candidates if _is_date(value)), None)


def _html_metadata(text: str, visible: str) -> _Metadata:
    title = _element_text(visible, "title") or _element_text(visible, "h1")
    return _Metadata(title, _html_date(text, visible))


def html_metadata(text: str) -> tuple[str | None, str | None]:
    """(title, published) as the page declares them: <title> or else the first <h1>; the date from
    meta tags, JSON-LD or <time datetime>, ignoring navigation, asides and scripts."""
    meta = _html_metadata(text, blank_spans(text, _html_regions(text)))
    return meta.title, meta.published


# --- Markdown -------------------------------------------------------------------------------------

# Escaped punctuation is hidden as a private-use character while the patterns run, so none takes it
# for markup. The backslash goes first: in "\\*" it escapes the backslash, and the * is emphasis.
_ESCAPABLE = "\\!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"
_HIDE = tuple(("\\" + c, " " + chr(0xE000 + ord(c))) for c in _ESCAPABLE)
_UNHIDE = {0xE000 + ord(c): c for c in _ESCAPABLE}
_HIDDEN = re.compile("[\ue000-\ue07f]")
_MD_HARD_BREAK = re.compile(r"\\(?=\r?\n)")
_MD_FRONT_MATTER = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)^(?:(?P=fence)|\.\.\.)[ \t]*$",
    re.DOTALL | re.MULTILINE)
_FRONT_FIELD = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*(?P<value>[^\r\n]*)",
                          re.MULTILINE)
_FRONT_DATE_KEYS = ("published", "date", "publishdate", "pubdate", "published_at", "date_published")
_MD_FENCE = re.compile(  # an unclosed fence runs to the end, as in CommonMark
    r"^[ \t]{0,3}(?P<fence>`{3,}(?=[^`\r\n]*+\r?$)|~{3,}).*?(?:^[ \t]{0,3}(?P=fence)[`~]*+[ \t]*+\r?$|\Z)",
    re.DOTALL | re.MULTILINE)
_BACKTICKS = re.compile(r"`++")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*+\r?\n")
_MD_CODE_SPAN = re.compile(  # a run of n backticks up to the next run of exactly n, in one paragraph
    r"(?<!`)(?P<ticks>`++)(?!`)(?:[^`\n]++|\n(?![ \t]*+\r?\n)|(?!(?P=ticks)(?!`))`++)*+(?P=ticks)(?!`)")
_MD_LINK_DEFS = re.compile(  # [id]: url lines go; a footnote definition loses only its [^1]: mark
    r"^[ \t]{0,3}\[(?:(?!\^)[^\[\]\r\n]{1,999}\]:[^\r\n]*+|\^[^\[\]\s]{1,64}\]:)", re.MULTILINE)
_MD_LINKS = re.compile(  # each alternative starts with a literal: the engine skips ahead at C speed
    r"!\[[^\[\]\r\n]*+\](?:\((?:[^()\r\n]++|\([^()\r\n]*+\))*+\)|\[[^\[\]\r\n]*+\])?"  # images
    r"|\[\^[^\[\]\s]{1,64}\]"  # footnote references
    r"|\]\((?:[^()\r\n]++|\([^()\r\n]*+\))*+\)"  # "](target)": URLs may hold one pair of parens
    r"|\]\[[^\[\]\r\n]*+\]")  # "][label]" of reference-style links
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|\r?$)[^\r\n]*+", re.MULTILINE)
_MD_LINE_MARKS = re.compile(  # setext underlines, thematic breaks ("* * *" is not a list), quotes
    r"^[ \t]*+(?:=++[ \t]*+\r?$|(?:[-*_][ \t]*+){3,}+\r?$|(?:>[ \t]?)++)", re.MULTILINE)
_MD_LIST = re.compile(r"^[ \t]*+(?:[-*+]|(?P<num>\d{1,9})[.)])[ \t]++", re.MULTILINE)
_MD_TABLE_RULE = re.compile(
    r"^[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+\r?$", re.MULTILINE)
_MD_TABLE_ROWS = re.compile(r"(?:\n[^\n|]*+\|[^\n]*+)*+")  # following lines that hold a pipe
# Emphasis one character at a time, so the replacement is a constant (no Python call per match):
# a * goes unless spaces surround it ("2 * 3"), a _ unless letters do (snake_case), ~~ beside text.
_MD_STAR = re.compile(r"\*(?:(?=\S)|(?<=\S\*))")
_MD_UNDERSCORE = re.compile(r"_(?:(?![^\W_])|(?<![^\W_]_))")
_MD_STRIKE = re.compile(r"~~(?:(?=\S)|(?<=\S~~))")
_BRACKETS = str.maketrans("[]", "  ")


def blank_markdown(text: str) -> str:
    """Markdown -> same-length plain text with markup replaced by spaces: front matter, code, raw
    HTML (script and style contents, comments), link targets and images, heading, list, quote and
    table marks, emphasis. Link text, footnote text and escaped characters stay."""
    work = _blank_front_matter(_hide_escapes(text))
    if "```" in work or "~~~" in work:
        work = _MD_FENCE.sub(_blank, work)
    work = _blank_code_spans(work)
    if "<" in work:
        work = blank_spans(work, [m.span() for m in _MD_HTML_DROP.finditer(ascii_lower(work))])
        work = _HTML_TAG.sub(_blank, work)  # inline HTML and <autolinks>
    if "]" in work:
        work = _MD_LINKS.sub(_blank, _MD_LINK_DEFS.sub(_blank, work) if "]:" in work else work)
    if "#" in work:
        work = _MD_HEADING.sub(_blank_heading, work)
    work = _MD_LIST.sub(_blank_list_marker, _MD_LINE_MARKS.sub(_blank, work))
    work = _blank_tables(work)
    work = _MD_STAR.sub(" ", work) if "*" in work else work
    work = _MD_UNDERSCORE.sub(" ", work) if "_" in work else work
    work = _MD_STRIKE.sub("  ", work) if "~~" in work else work
    work = _decode_entities(work.translate(_BRACKETS), _MD_ENTITY)
    return _restore_escapes(work, text)


def _hide_escapes(text: str) -> str:
    """Blank the backslash of each escape and hide the escaped character; blank the backslash of a
    hard line break. Plain `str.replace` calls: hostile input full of backslashes stays fast."""
    if "\\" not in text:
        return text
    for escape, hidden in _HIDE:
        text = text.replace(escape, hidden)
    return _MD_HARD_BREAK.sub(" ", text)


def _restore_escapes(work: str, text: str) -> str:
    """Give hidden characters back where no pattern blanked them (code and URLs stay blank). Where
    the input itself holds such a private-use character, it is taken from the input unchanged."""
    plain = work.translate(_UNHIDE)
    if not _HIDDEN.search(text):
        return plain
    pieces, last = [], 0
    for match in _HIDDEN.finditer(text):
        pieces += (plain[last:match.start()], work[match.start()])
        last = match.end()
    pieces.append(plain[last:])
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
    """Inline code. The regex rescans a paragraph once per distinct backtick-run length, which is
    fine for real text; input with many lengths takes the one-pass route instead."""
    if "`" not in text:
        return text
    if len(set(_BACKTICKS.findall(text))) <= 8:
        return _MD_CODE_SPAN.sub(_blank, text)
    return blank_spans(text, _code_spans(text))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans in one pass over the backtick runs: each run closes at the next run of the same
    length unless a paragraph break comes first."""
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    next_same, last_seen = [0] * len(runs), {}  # index of the next run of the same length, or 0
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        next_same[index], last_seen[length] = last_seen.get(length, 0), index
    spans, skip_to = [], 0
    for index, (start, end) in enumerate(runs):
        close = next_same[index]
        if index < skip_to or not close:
            continue
        first_break = bisect.bisect_left(breaks, end)
        if first_break == len(breaks) or breaks[first_break] >= runs[close][0]:
            spans.append((start, runs[close][1]))
            skip_to = close + 1
    return spans


# --- code: examples shown to the reader, not prose ----------------------------------------------

_CODE_OPEN = re.compile(r"<!--|<(?P<name>pre|code)(?![^\s/<>])" + _ATTRS + ">")
_CODE_CLOSE = {name: re.compile(rf"</{name}(?![^\s/>])[^<>]*+>") for name in ("pre", "code")}


def code_spans(text: str, markup: str) -> list[tuple[int, int]]:
    """The [start, end) spans of `text` a reader sees as code: in Markdown fenced and indented code
    blocks and code spans, in HTML and in Markdown's raw HTML <pre> and <code> elements. Plain text
    has no code. Sorted by start; they may overlap."""
    spans = []
    if markup == "md":
        work = _blank_front_matter(_hide_escapes(text))  # as blank_markdown reads it
        fences = [m.span() for m in _MD_FENCE.finditer(work)] if "```" in work or "~~~" in work else []
        work = blank_spans(work, fences)
        spans = fences + _indented_code(work) + (_code_spans(work) if "`" in work else [])
    if markup in ("md", "html") and "<" in text:
        spans += _code_elements(ascii_lower(text))
    return sorted(spans)


def _code_elements(low: str) -> list[tuple[int, int]]:
    """<pre> and <code> elements, each to its closing tag (a <code> inside a <pre> is in it) or, when
    unclosed, to the end, as a browser shows them. Comments are passed over: a tag in one is none."""
    spans, pos = [], 0
    while (match := _CODE_OPEN.search(low, pos)) is not None:
        start, pos = match.span()
        name = match.group("name")
        if name is None:
            end = low.find("-->", pos)
            pos = len(low) if end < 0 else end + 3
            continue
        close = _CODE_CLOSE[name].search(low, pos)
        pos = close.end() if close else len(low)
        spans.append((start, pos))
    return spans


def _indented_code(text: str) -> list[tuple[int, int]]:
    """Indented code blocks, line by line: a line indented four columns past the open list item's
    content (or the margin) is code unless it continues a paragraph (an indented code block cannot
    interrupt one). A list item stays open over lines indented to its content, and closes at a
    less indented line after a blank one. Nested lists are followed to the innermost item only."""
    spans: list[tuple[int, int]] = []
    paragraph, content, end = False, 0, 0  # content: the open list item's content column
    for line in text.splitlines(keepends=True):
        start, end = end, end + len(line)
        body = line.rstrip("\r\n").expandtabs(4)
        if not body.strip():
            paragraph = False
            continue
        indent = len(body) - len(body.lstrip(" "))
        if indent >= content + 4 and not paragraph:
            spans.append((start, end))
            continue
        if (item := _MD_LIST.match(body)) is not None:
            content = len(item.group(0))
        elif indent < content and not paragraph:
            content = 0
        paragraph = True
    return spans


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
    """List markers. An ordered marker other than 1 only continues a list (after a blank, indented
    or list-item line), so a wrapped sentence's "...9 to\\n6. Russia..." keeps its figure."""
    marker, num = match.group(0, 1)
    if num is None or num == "1" or _continues_list(match.string, match.start()):
        return " " * len(marker)
    return marker


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
    pieces, last = [], 0
    while (rule := _MD_TABLE_RULE.search(text, last)) is not None:
        start, end = rule.span()
        header = text.rfind("\n", 0, max(0, start - 1)) + 1
        if "|" in rule.group(0) and start > 0 and "|" in text[header:start]:
            header, rows_end = max(last, header), _MD_TABLE_ROWS.match(text, end).end()
            pieces += (text[last:header], text[header:start].replace("|", " "),
                       _spaces(rule.group(0)), text[end:rows_end].replace("|", " "))
            end = rows_end
        else:
            pieces.append(text[last:end])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


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
    if title is None and "#" in text:
        for match in _MD_HEADING.finditer(text):
            shown = plain[match.start():match.end()]
            if match.group(0).lstrip(" \t").startswith("# ") and shown.strip() \
                    and not shown.lstrip().lower().startswith("verify:"):  # a suppression line
                title = " ".join(shown.split())
                break
    return _Metadata(title, published, line)


# --- loaders --------------------------------------------------------------------------------------

def guess_format(name: str) -> str:
    """The format a file name implies; anything unknown (and standard input) is plain text."""
    return SUFFIX_FORMAT.get(Path(name).suffix.lower(), "txt")


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
        visible = blank_spans(text, _html_regions(text))
        plain, meta = _html_plain(visible), _html_metadata(text, visible)
    else:
        plain, meta = text, _Metadata()
    if not plain.strip():
        raise LoadError(source, "no article text found (only markup)")
    date, date_source = _date(published, meta.published, source, meta.line)
    return Document(id=doc_id or Path(source).name, source=source, text=text, plain=plain,
                    title=meta.title, published=date, date_source=date_source, markup=fmt)


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
    """A record `{"id", "text", "published", "title"}` -> Document. The text is taken as plain text
    and offsets index it. `published`, when given, wins over the record's."""
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
    data = read_file(path, max_bytes)
    return load_bytes(data, source=str(path), fmt=fmt, max_bytes=max_bytes, encoding=encoding,
                      published=published)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refusing directories, unreadable and oversized files with a LoadError."""
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
    return data
