"""Loaders and the offset contract of `verify.document`.

The contract under test: `Document.text` is the decoded input (a leading BOM removed, nothing else
changed) and `Document.plain` has the same length with markup blanked, so an offset found in `plain`
indexes `text` (and the file) too. Every bad input is a one-line `LoadError`, never a traceback.
"""

from __future__ import annotations

import codecs
import datetime as dt
import encodings.aliases
import io
import json
import os
import pickle
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.document import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    Document,
    LoadError,
    blank_html,
    blank_markdown,
    decode,
    guess_format,
    html_metadata,
    load_bytes,
    load_path,
    load_record,
    load_stream,
    parse_date,
)

ENTITY = re.compile(r"&#?[0-9A-Za-z]+;?")


def load(text: str, fmt: str = "txt", **kwargs) -> Document:
    return load_bytes(text.encode("utf-8"), source=f"story.{fmt}", fmt=fmt, **kwargs)


def assert_aligned(doc: Document) -> None:
    """Same length, and every character `plain` shows is the one `text` holds there (except where
    an entity was decoded in place)."""
    assert len(doc.plain) == len(doc.text)
    entity_positions = {i for m in ENTITY.finditer(doc.text) for i in range(*m.span())}
    for i, (shown, original) in enumerate(zip(doc.plain, doc.text)):
        if not shown.isspace() and shown != original:
            assert i in entity_positions, (i, shown, original)


def visible(doc: Document) -> str:
    """The words `plain` shows, whitespace collapsed: what an extractor reads."""
    return " ".join(doc.plain.split())


def assert_same_offset(doc: Document, needle: str) -> None:
    """A figure found in `plain` is at the same offset in `text`."""
    at = doc.plain.index(needle)
    assert doc.text[at:at + len(needle)] == needle


def error_of(excinfo: pytest.ExceptionInfo[LoadError]) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and "\r" not in message and "Traceback" not in message
    return message


# --- Document: line and column mapping -------------------------------------------------------------

def test_position_with_lf_line_ends():
    doc = Document(id="a", source="a", text="ab\ncd\n\nef")
    assert doc.position(0) == (1, 1)
    assert doc.position(2) == (1, 3)  # the \n belongs to line 1
    assert doc.position(3) == (2, 1)
    assert doc.position(6) == (3, 1)  # an empty line
    assert doc.position(7) == (4, 1)
    assert doc.position(9) == (4, 3)  # the end of the text is a valid (end) offset


def test_position_with_crlf_and_lone_cr():
    doc = Document(id="a", source="a", text="ab\r\ncd\r\n\r\nef\rgh")
    assert doc.position(2) == (1, 3)  # \r
    assert doc.position(3) == (1, 4)  # \n of the same pair
    assert doc.position(4) == (2, 1)
    assert doc.position(8) == (3, 1)
    assert doc.position(10) == (4, 1)
    assert doc.position(13) == (5, 1)  # after a lone \r


def test_position_counts_characters_not_bytes():
    doc = load("Ça coûte 5 €\nTotal: 12")
    assert doc.position(doc.text.index("5")) == (1, 10)
    assert doc.position(doc.text.index("12")) == (2, 8)


def test_position_outside_the_document_is_an_error():
    doc = Document(id="a", source="a", text="abc")
    with pytest.raises(ValueError):
        doc.position(4)
    with pytest.raises(ValueError):
        doc.position(-1)


def test_plain_must_have_the_length_of_text():
    with pytest.raises(ValueError):
        Document(id="a", source="a", text="abc", plain="ab")
    assert Document(id="a", source="a", text="abc").plain == "abc"


@given(st.text(alphabet="ab\r\n", max_size=40))
def test_line_starts_agree_with_a_regex_split(text):
    doc = Document(id="a", source="a", text=text or "x")
    expected = (0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", doc.text)))
    assert doc.line_starts == expected
    for offset in range(len(doc.text) + 1):
        line, column = doc.position(offset)
        assert doc.line_starts[line - 1] + column - 1 == offset


# --- plain text and decoding -----------------------------------------------------------------------

def test_plain_text_is_loaded_unchanged():
    text = "The Security Council voted 11 to 2.\r\n\r\nRussia vetoed *it*  <b>here</b>.\n"
    doc = load(text)
    assert doc.text == text and doc.plain == text
    assert (doc.id, doc.source, doc.title, doc.published, doc.date_source) == \
        ("story.txt", "story.txt", None, None, "none")


def test_utf8_bom_is_removed_and_offsets_count_from_after_it():
    doc = load_bytes(codecs.BOM_UTF8 + b"Vote: 11 to 2", source="a.txt")
    assert doc.text == "Vote: 11 to 2"
    assert doc.text.index("11") == 6 and doc.position(6) == (1, 7)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                                   "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(codec):
    text = "Le Conseil a voté : 11 pour, 2 contre.\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    doc = load_bytes(bom + text.encode(codec), source="a.txt")
    assert doc.text == text


def test_utf16_without_a_bom_is_refused_with_a_hint_and_accepted_when_named():
    data = "Eleven votes in favour".encode("utf-16-le")
    with pytest.raises(LoadError, match="--encoding") as excinfo:
        load_bytes(data, source="a.txt")
    assert error_of(excinfo).startswith("a.txt: binary")
    assert load_bytes(data, source="a.txt", encoding="utf-16-le").text == "Eleven votes in favour"


def test_truncated_utf16_is_refused_naming_the_codec():
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00"
    with pytest.raises(LoadError, match="UTF-16") as excinfo:
        load_bytes(data, source="a.txt")
    error_of(excinfo)


def test_latin1_is_refused_with_the_file_and_line():
    data = "First line\nSecond line\nCaf\xe9 au lait: 5 euros\n".encode("latin-1")
    with pytest.raises(LoadError) as excinfo:
        load_bytes(data, source="news/cafe.txt")
    message = error_of(excinfo)
    assert message.startswith("news/cafe.txt:3: not valid UTF-8 (byte 0xe9")
    assert "--encoding" in message
    assert (excinfo.value.source, excinfo.value.line) == ("news/cafe.txt", 3)


@pytest.mark.parametrize("encoding, data, text", [
    ("latin-1", b"Caf\xe9: 5", "Café: 5"),
    ("cp1252", b"\x80 5m \x93quoted\x94", "€ 5m “quoted”"),
    ("utf-8", codecs.BOM_UTF8 + b"BOM too", "BOM too"),  # a named codec still drops the BOM
    ("UTF-16", codecs.BOM_UTF16_BE + "big".encode("utf-16-be"), "big"),
])
def test_an_explicit_encoding_is_used(encoding, data, text):
    assert load_bytes(data, source="a.txt", encoding=encoding).text == text


def test_an_explicit_encoding_that_does_not_fit_names_the_line():
    with pytest.raises(LoadError, match=r"^a\.txt:2: not valid ascii") as excinfo:
        load_bytes(b"ok\nnot \xff ok", source="a.txt", encoding="ascii")
    error_of(excinfo)


@pytest.mark.parametrize("encoding, message", [("klingon", "unknown encoding"),
                                               ("hex", "not a text encoding"),
                                               ("zlib_codec", "not a text encoding")])
def test_unknown_or_non_text_encodings_are_refused(encoding, message):
    with pytest.raises(LoadError, match=message) as excinfo:
        load_bytes(b"abc", source="a.txt", encoding=encoding)
    error_of(excinfo)


@pytest.mark.parametrize("encoding", sorted(set(encodings.aliases.aliases.values())))
def test_no_named_encoding_crashes(encoding):
    for data in (b"abc \xff\xfe def\n", b"+AGE-", b"xn--a", b"\\x", b"plain words 12"):
        try:
            load_bytes(data, source="a.txt", encoding=encoding)
        except LoadError as exc:
            assert str(exc).startswith("a.txt")


def test_decode_is_usable_on_its_own():
    assert decode("Zürich".encode(), "z.txt") == "Zürich"
    with pytest.raises(LoadError):
        decode(b"Z\xfcrich", "z.txt")


# --- refused input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b" \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n",
                                  codecs.BOM_UTF16_LE])
def test_empty_or_blank_input_is_refused(data):
    with pytest.raises(LoadError, match="empty document") as excinfo:
        load_bytes(data, source="empty.txt")
    assert error_of(excinfo) == "empty.txt: empty document"


@pytest.mark.parametrize("fmt", FORMATS)
def test_binary_input_is_refused_in_every_format(fmt):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    with pytest.raises(LoadError, match="binary") as excinfo:
        load_bytes(png, source=f"image.{fmt}")
    assert error_of(excinfo).startswith(f"image.{fmt}: binary")


def test_nul_bytes_late_in_the_file_are_refused():
    with pytest.raises(LoadError, match="NUL"):
        load_bytes(b"words " * 5000 + b"\x00", source="a.txt")


def test_nul_characters_from_a_named_encoding_are_refused_with_the_line():
    with pytest.raises(LoadError, match=r"^a\.txt:2: binary content \(NUL"):
        load_bytes(b"one\ntwo\x00", source="a.txt", encoding="latin-1")


def test_text_full_of_control_characters_is_refused():
    with pytest.raises(LoadError, match="control characters"):
        load_bytes(b"abc\x01\x02\x03\x04\x05\x06 def", source="a.txt")
    assert load("a form feed\f and a tab\t are fine").text.startswith("a form feed")


def test_oversized_bytes_are_refused_before_decoding():
    with pytest.raises(LoadError, match=r"too large: 11 bytes, limit 10") as excinfo:
        load_bytes(b"a" * 11, source="big.txt", max_bytes=10)
    assert error_of(excinfo).startswith("big.txt: ")
    assert load_bytes(b"a" * 10, source="ok.txt", max_bytes=10).text == "a" * 10


def test_the_default_limit_is_two_megabytes():
    assert DEFAULT_MAX_BYTES == 2_000_000
    with pytest.raises(LoadError, match="too large: 2,000,001 bytes, limit 2,000,000"):
        load_bytes(b"a" * 2_000_001, source="big.txt")


def test_oversized_files_are_refused_by_path(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"# Big\n" + b"x" * 100)
    with pytest.raises(LoadError, match="too large: 106 bytes, limit 50") as excinfo:
        load_path(path, max_bytes=50)
    assert error_of(excinfo).startswith(f"{path}: ")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_read_only_up_to_the_limit():
    with pytest.raises(LoadError, match="too large: more than 1,000 bytes"):
        load_path("/dev/zero", max_bytes=1000)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(LoadError, match="is a directory") as excinfo:
        load_path(tmp_path)
    assert error_of(excinfo).startswith(str(tmp_path))


def test_a_missing_file_is_refused(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(LoadError) as excinfo:
        load_path(missing)
    assert error_of(excinfo) == f"{missing}: no such file"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("classified 5")
    path.chmod(0)
    try:
        with pytest.raises(LoadError, match="permission denied"):
            load_path(path)
    finally:
        path.chmod(0o600)


def test_unknown_formats_are_refused_and_aliases_accepted():
    with pytest.raises(LoadError, match="unknown format 'pdf'"):
        load_bytes(b"text", source="a.pdf", fmt="pdf")
    assert load_bytes(b"**5**", source="x", fmt="Markdown").plain == "  5  "
    assert load_bytes(b"<p>5</p>", source="x", fmt=".htm").plain.strip() == "5"


@pytest.mark.parametrize("name, fmt", [("a.txt", "txt"), ("a.MD", "md"), ("a.markdown", "md"),
                                       ("a.html", "html"), ("a.htm", "html"), ("a.json", "json"),
                                       ("a.csv", "txt"), ("<stdin>", "txt"), ("noext", "txt")])
def test_format_is_guessed_from_the_suffix(name, fmt):
    assert guess_format(name) == fmt


def test_messages_stay_on_one_line_whatever_the_file_name():
    with pytest.raises(LoadError) as excinfo:
        load_bytes(b"", source="evil\nname.txt")
    error_of(excinfo)


def test_load_errors_survive_pickling_for_worker_processes():
    error = LoadError("a.json", "invalid JSON: Expecting value (column 1)", 3)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.source, copy.message, copy.line, str(copy)) == \
        ("a.json", error.message, 3, "a.json:3: invalid JSON: Expecting value (column 1)")


# --- paths and standard input ----------------------------------------------------------------------

def test_load_path_reads_and_guesses_the_format(tmp_path):
    path = tmp_path / "vote.md"
    path.write_bytes(codecs.BOM_UTF8 + b"The vote was **11** to 2.\r\n")
    doc = load_path(path)
    assert doc.text == "The vote was **11** to 2.\r\n"
    assert doc.plain == "The vote was   11   to 2.\r\n"
    assert (doc.id, doc.source) == ("vote.md", str(path))


def test_load_path_takes_an_explicit_format_and_date(tmp_path):
    path = tmp_path / "vote.txt"
    path.write_text("<p>The vote</p>", encoding="utf-8")
    doc = load_path(path, fmt="html", published=dt.date(2016, 10, 8))
    assert visible(doc) == "The vote"
    assert (doc.published, doc.date_source) == (dt.date(2016, 10, 8), "given")


def test_load_stream_reads_bytes():
    doc = load_stream(io.BytesIO(b"# Vote\n11 to 2"), fmt="md")
    assert (doc.source, doc.id, visible(doc)) == ("<stdin>", "<stdin>", "Vote 11 to 2")


def test_load_stream_refuses_an_oversized_stream():
    with pytest.raises(LoadError, match=r"^<stdin>: too large: more than 5 bytes"):
        load_stream(io.BytesIO(b"0123456789"), max_bytes=5)


def test_dash_means_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + b"Vote: 11 to 2"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    doc = load_path("-")
    assert (doc.text, doc.source) == ("Vote: 11 to 2", "<stdin>")


def test_dash_with_empty_standard_input_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    with pytest.raises(LoadError, match="^<stdin>: empty document"):
        load_path("-")


# --- dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2016-10-08", " 2016-10-08 ", "2016-10-08T12:00:00Z",
                                   "2016-10-08T23:30:00-05:00", "2016-10-08 12:00:00 +0000",
                                   "2016-10-08T12:00:00.000+0000", "Sat, 08 Oct 2016 12:00:00 GMT"])
def test_parse_date_takes_iso_dates_and_timestamps_as_written(value):
    assert parse_date(value, "a.json") == dt.date(2016, 10, 8)


@pytest.mark.parametrize("value", ["08/10/2016", "2016-13-01", "2016-02-30", "2016-10-08garbage",
                                   "", "yesterday", "October 8, 2016", "2016-10"])
def test_parse_date_refuses_anything_else(value):
    with pytest.raises(LoadError, match=r"^a\.json:4: invalid date .*expected YYYY-MM-DD"):
        parse_date(value, "a.json", 4)


def test_parse_date_shortens_a_long_value_in_its_message():
    with pytest.raises(LoadError) as excinfo:
        parse_date("x" * 500 + "\n", "a.json")
    assert len(error_of(excinfo)) < 120


@given(st.text(max_size=60))
def test_parse_date_raises_nothing_but_load_error(value):
    try:
        assert isinstance(parse_date(value, "a"), dt.date)
    except LoadError:
        pass


@pytest.mark.parametrize("given, expected", [(dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
                                             (dt.datetime(2020, 1, 2, 23, 0), dt.date(2020, 1, 2)),
                                             ("2020-01-02", dt.date(2020, 1, 2))])
def test_a_given_date_may_be_a_date_datetime_or_string(given, expected):
    doc = load("text", published=given)
    assert (doc.published, type(doc.published), doc.date_source) == (expected, dt.date, "given")


def test_a_bad_given_date_is_refused():
    with pytest.raises(LoadError, match="invalid date '8/10'"):
        load("text", published="8/10")


# --- JSON records ----------------------------------------------------------------------------------

RECORD = {"id": "un-2016-10-08", "title": "Council vote", "published": "2016-10-08",
          "text": "The Security Council voted 11 to 2.\nRussia vetoed."}


def test_a_json_record_is_loaded():
    doc = load(json.dumps(RECORD), "json")
    assert (doc.id, doc.title, doc.published, doc.date_source) == \
        ("un-2016-10-08", "Council vote", dt.date(2016, 10, 8), "metadata")
    assert doc.text == doc.plain == RECORD["text"]
    assert doc.position(doc.text.index("Russia")) == (2, 1)  # offsets index the record's text


def test_a_given_date_wins_over_the_record():
    doc = load(json.dumps(RECORD), "json", published=dt.date(2016, 10, 9))
    assert (doc.published, doc.date_source) == (dt.date(2016, 10, 9), "given")


def test_a_given_date_means_a_bad_record_date_is_not_read():
    record = {**RECORD, "published": "last Tuesday"}
    assert load(json.dumps(record), "json", published="2016-10-09").date_source == "given"


def test_a_record_without_id_date_or_title_uses_defaults():
    doc = load(json.dumps({"text": "Only text, 5 words."}), "json")
    assert (doc.id, doc.title, doc.published, doc.date_source) == ("story.json", None, None, "none")


def test_record_ids_are_strings_and_an_explicit_id_wins():
    assert load(json.dumps({"id": 0, "text": "t"}), "json").id == "0"
    assert load(json.dumps(RECORD), "json", doc_id="mine").id == "mine"


def test_invalid_json_names_the_line():
    with pytest.raises(LoadError) as excinfo:
        load('{\n  "text": "a",\n  "id": 5,\n}\n', "json")
    message = error_of(excinfo)
    assert message.startswith("story.json:4: invalid JSON: ")
    assert excinfo.value.line == 4


@pytest.mark.parametrize("payload, message", [
    ('["a list"]', "must be an object"),
    ('"text"', "must be an object"),
    ('{"title": "no text"}', 'no "text" string'),
    ('{"text": 5}', 'no "text" string'),
    ('{"text": "   "}', "empty document"),
    ('{"text": "a\\u0000b"}', "NUL"),
    ('{"text": "ok", "published": "8 October 2016"}', "invalid date '8 October 2016'"),
    ('{"text": "ok", "published": 20161008}', "must be a YYYY-MM-DD string"),
    ("[" * 100_000, "invalid JSON"),  # deeper than the parser's recursion limit
    ('{"text": "ok", "n": ' + "1" * 5000 + "}", "invalid JSON"),  # past the int digit limit
])
def test_bad_records_are_refused(payload, message):
    with pytest.raises(LoadError, match=re.escape(message)) as excinfo:
        load(payload, "json")
    assert error_of(excinfo).startswith("story.json")


def test_load_record_takes_a_dict_and_drops_a_bom():
    doc = load_record({"text": "\ufeffVote: 11"}, source="cms:42")
    assert (doc.text, doc.id, doc.source) == ("Vote: 11", "cms:42", "cms:42")


def test_load_record_refuses_oversized_text():
    with pytest.raises(LoadError, match="too large: 40 bytes, limit 30"):
        load_record({"text": "é" * 20}, source="cms:42", max_bytes=30)


# --- Markdown --------------------------------------------------------------------------------------

def md(text: str, **kwargs) -> Document:
    doc = load(text, "md", **kwargs)
    assert_aligned(doc)
    return doc


def test_markdown_link_text_is_kept_and_the_url_blanked():
    doc = md("The [UN report](https://un.org/doc_(2016)?a=5&b=7 \"title 9\") counts 300,000 people.")
    assert visible(doc) == "The UN report counts 300,000 people."
    assert_same_offset(doc, "300,000")


def test_markdown_reference_links_and_definitions():
    doc = md("See [the vote][1] and [another][].\n\n[1]: https://example.com/11 \"Vote 11\"\n")
    assert visible(doc) == "See the vote and another ."


def test_markdown_images_and_autolinks_are_blanked():
    doc = md("Before ![chart of 15 votes](chart15.png) after <https://x.org/12> end.")
    assert visible(doc) == "Before after end."


def test_markdown_emphasis_marks_are_blanked_but_not_arithmetic_or_identifiers():
    doc = md("**11** in favour, _2_ against, ~~3~~ 4, ***bold***; 2 * 3 = 6; snake_case_name.")
    assert visible(doc) == "11 in favour, 2 against, 3 4, bold ; 2 * 3 = 6; snake_case_name."


def test_markdown_headings_quotes_lists_and_rules():
    doc = md("# Vote of 15 members #\n\n> Quoted 11\n> > nested 2\n\n- first 1\n* second 2\n"
             "10. tenth\n\n***\n\nSetext 3\n========\n")
    assert visible(doc) == "Vote of 15 members Quoted 11 nested 2 first 1 second 2 tenth Setext 3"
    assert doc.title == "Vote of 15 members"


def test_a_suppression_line_is_not_the_markdown_title():
    doc = md('# verify: ignore V101 reason="checked"\n\n# Council rejects draft\n\nNine votes to six.\n')
    assert doc.title == "Council rejects draft"
    assert md("# Verifying the vote: 9 to 6\n\nText.\n").title == "Verifying the vote: 9 to 6"


def test_a_wrapped_line_starting_with_a_number_keeps_it():
    doc = md("The resolution failed 9 to\n6. Russia and China voted against.\n\n1. A list\n2. goes on\n")
    assert "to 6. Russia" in visible(doc)
    assert "A list goes on" in visible(doc)


def test_markdown_code_is_blanked():
    doc = md("Spend `x = 500` here and ``a ` b``.\n\n```python\ntotal = 999\n```\nAfter 7.")
    assert visible(doc) == "Spend here and . After 7."


def test_an_unclosed_fence_runs_to_the_end():
    assert visible(md("Text 1\n```\ncode 2\nmore 3\n")) == "Text 1"


def test_a_stray_backtick_does_not_swallow_the_next_paragraph():
    doc = md("Don`t panic.\n\nThe vote: 11 to 2 and a `tick.\n")
    assert "11 to 2" in visible(doc)


def test_markdown_front_matter_is_blanked_and_read():
    doc = md("---\ntitle: \"Council vote\"\ndate: 2016-10-08 12:00:00 +0000\ntags: [un]\n---\n"
             "# Heading\nBody 11.\n")
    assert visible(doc) == "Heading Body 11."
    assert (doc.title, doc.published, doc.date_source) == \
        ("Council vote", dt.date(2016, 10, 8), "metadata")


def test_toml_front_matter():
    doc = md("+++\ntitle = 'Vote'\npublished = \"2016-10-08\"\n+++\nBody 11.\n")
    assert (visible(doc), doc.title, doc.published) == ("Body 11.", "Vote", dt.date(2016, 10, 8))


def test_a_bad_front_matter_date_names_the_line_unless_a_date_is_given():
    text = "---\ntitle: Vote\ndate: next week\n---\nBody\n"
    with pytest.raises(LoadError, match=r"^story\.md:3: invalid date 'next week'") as excinfo:
        md(text)
    error_of(excinfo)
    assert md(text, published="2016-10-08").date_source == "given"


def test_an_opening_rule_is_not_front_matter():
    doc = md("---\nThe vote was 11 to 2.\n---\n")
    assert visible(doc) == "The vote was 11 to 2."


def test_script_and_style_inside_markdown_are_dropped():
    doc = md("Intro 1.\n\n<script>\nvar votes = 99;\n</script>\n<style>p { width: 42px }</style>\n"
             "<!-- hidden 77 -->\nOutro <b>2</b>.\n")
    assert visible(doc) == "Intro 1. Outro 2 ."


def test_markdown_mentioning_script_tags_keeps_the_rest():
    doc = md("Writing `<script>` or a bare <script> tag is fine; 11 votes follow.\n")
    assert "11 votes follow." in visible(doc)


def test_markdown_escapes_keep_the_character_and_blank_the_backslash():
    doc = md("1986\\. A year of \\*stars\\* and \\_under\\_ \\[brackets\\] \\\\*em*\n")
    assert visible(doc) == "1986 . A year of *stars * and _under _ [brackets ] \\ em"


def test_markdown_tables_lose_their_pipes():
    doc = md("| Country | Votes |\n|:--------|------:|\n| Russia  | 2     |\n| UK \\| US | 11 |\n\nAfter.")
    assert visible(doc) == "Country Votes Russia 2 UK | US 11 After."


def test_markdown_footnotes_keep_the_note_text():
    doc = md("A claim[^1] here.\n\n[^1]: Source: 15 members.\n")
    assert visible(doc) == "A claim here. Source: 15 members."


def test_markdown_entities_are_decoded_in_place():
    doc = md("AT&amp;T paid &pound;5m and 50&#37; more&nbsp;today.")
    assert visible(doc) == "AT& T paid £5m and 50% more today."
    assert "£5m" in doc.plain and "50%" in doc.plain


def test_markdown_keeps_line_breaks_and_offsets():
    text = "# Title\r\n\r\n**Eleven** members (11) voted [yes](http://x).\r\nNext 2.\r\n"
    doc = md(text)
    assert [line.split() for line in doc.plain.split("\r\n")] == \
        [["Title"], [], ["Eleven", "members", "(11)", "voted", "yes", "."], ["Next", "2."], []]
    at = doc.plain.index("11")
    assert doc.position(at) == (3, doc.text.split("\r\n")[2].index("11") + 1)


def test_blank_markdown_on_its_own():
    assert blank_markdown("*a* [b](c)") == " a   b    "


# --- HTML ------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Security Council vote &amp; veto</title>
  <meta property="article:published_time" content="2016-10-08T14:30:00-04:00">
  <style>body { margin: 15px; }</style>
  <script>var pageViews = 123456; if (a < b && c > d) {}</script>
  <script type="application/ld+json">{"datePublished": "2001-01-01"}</script>
</head>
<body>
  <header class="site"><a href="/">The Daily 24</a>
    <nav><ul><li><a href="/world">World 1</a><nav>Inner 2</nav></li><li>After inner 3</li></ul></nav>
  </header>
  <main><article>
    <header><h1>Council fails on Aleppo</h1>
      <time datetime="2016-10-09">9 October</time></header>
    <p>The draft got 11 votes in favour,<br>2 against and 2 abstentions.</p>
    <!-- an editor's note: 99 -->
    <p data-x="a > b">Cost: &pound;5m, up 50&#37;&nbsp;on 2015 &#8212; or &#x24;6m.</p>
    <aside>Related: <time datetime="2015-01-01">2015</time> 42 more</aside>
    <form><button>Share 7</button> <select><option>8</option></select></form>
  </article></main>
  <footer>&copy; 2024 Daily 24</footer>
</body>
</html>
"""


def html_doc(text: str, **kwargs) -> Document:
    doc = load(text, "html", **kwargs)
    assert_aligned(doc)
    return doc


def test_html_article_text_keeps_title_headings_and_paragraphs():
    doc = html_doc(PAGE)
    lines = [" ".join(line.split()) for line in doc.plain.splitlines() if line.strip()]
    assert lines == ["Security Council vote & veto", "Council fails on Aleppo", "9 October",
                     "The draft got 11 votes in favour,", "2 against and 2 abstentions.",
                     "Cost: £5m, up 50% on 2015 — or $6m."]


def test_html_drops_scripts_styles_navigation_comments_and_boilerplate():
    text = visible(html_doc(PAGE))
    for dropped in ("123456", "15px", "World 1", "Inner 2", "After inner 3", "Daily 24", "99",
                    "42 more", "2001", "©", "2024", "Share 7", "8"):
        assert dropped not in text
    for kept in ("Council fails on Aleppo", "11 votes", "£5m", "50%", "$6m"):
        assert kept in text


def test_html_title_and_date_are_picked_up():
    doc = html_doc(PAGE)
    assert doc.title == "Security Council vote & veto"
    assert (doc.published, doc.date_source) == (dt.date(2016, 10, 8), "metadata")
    assert html_metadata(PAGE) == ("Security Council vote & veto", "2016-10-08T14:30:00-04:00")


def test_html_given_date_wins():
    doc = html_doc(PAGE, published=dt.date(2016, 10, 10))
    assert (doc.published, doc.date_source) == (dt.date(2016, 10, 10), "given")


def test_html_offsets_point_into_the_file_text():
    doc = html_doc(PAGE)
    for figure in ("11 votes", "2 abstentions", "2015"):
        assert_same_offset(doc, figure)
    at = doc.plain.index("11 votes")
    line, column = doc.position(at)
    assert PAGE.splitlines()[line - 1][column - 1:].startswith("11 votes")


def test_html_block_tags_keep_paragraphs_apart():
    doc = html_doc("<p>Eleven</p><p>two</p><div>three<br/>four</div><li>five</li>")
    assert [line.strip() for line in doc.plain.split("\n") if line.strip()] == \
        ["Eleven", "two", "three", "four", "five"]


def test_html_entities_are_decoded_in_place():
    doc = html_doc("<p>&pound;5m &euro;10 100&#37; 5&nbsp;km AT&amp;T &#x24;7 &lt;b&gt; &copy 2016"
                   " &#10;x &#0;y &notanentity; &amp</p>")
    shown = visible(doc)
    assert shown == "£5m €10 100% 5 km AT& T $7 <b> © 2016 x \ufffdy &notanentity; &"
    assert "£5m" in doc.plain and "€10" in doc.plain and "$7" in doc.plain


def test_html_date_from_meta_in_either_attribute_order_json_ld_or_time():
    assert html_doc('<meta content="2016-10-08" name="pubdate"><p>x</p>').published == dt.date(2016, 10, 8)
    assert html_doc('<script type="application/ld+json">{"datePublished" : "2016-10-08T10:00Z"}'
                    "</script><p>x</p>").published == dt.date(2016, 10, 8)
    doc = html_doc('<nav><time datetime="2001-01-01">x</time></nav><p><time datetime="PT2H">2h</time>'
                   '<time datetime="2016-10">Oct</time><time datetime="2016-10-08">then</time></p>')
    assert (doc.published, doc.date_source) == (dt.date(2016, 10, 8), "metadata")


def test_html_meta_article_published_time_beats_other_dates():
    page = ('<meta name="date" content="2001-01-01"><time datetime="2002-02-02"></time>'
            '<meta property="article:published_time" content="2016-10-08"><p>x</p>')
    assert html_doc(page).published == dt.date(2016, 10, 8)


def test_html_dates_that_are_no_dates_are_skipped():
    doc = html_doc('<meta property="article:published_time" content="yesterday"><p>x</p>')
    assert (doc.published, doc.date_source) == (None, "none")
    doc = html_doc('<meta property="article:published_time" content="Sat, 08 Oct 2016 12:00:00 GMT">x')
    assert doc.published == dt.date(2016, 10, 8)


def test_html_title_falls_back_to_the_first_h1_outside_navigation():
    doc = html_doc("<body><svg><title>Facebook icon</title></svg><nav><h1>Menu</h1></nav>"
                   "<h1>Vote <em>fails</em>, 9&ndash;6</h1><p>x</p></body>")
    assert doc.title == "Vote fails , 9–6"


def test_html_header_is_kept_on_pages_without_article_or_main():
    doc = html_doc("<header><h1>Vote fails 9 to 6</h1></header><p>Body</p>")
    assert visible(doc) == "Vote fails 9 to 6 Body"


def test_html_unclosed_navigation_does_not_swallow_the_article():
    assert visible(html_doc("<nav>Menu<p>The vote was 11 to 2.</p>")) == "Menu The vote was 11 to 2."


def test_html_unclosed_comment_or_script_runs_to_the_end():
    assert visible(html_doc("<p>Kept 1</p><!-- open 2 <p>gone 3</p>")) == "Kept 1"
    assert visible(html_doc("<p>Kept 1</p><script>var gone = 3;")) == "Kept 1"


def test_html_declarations_cdata_and_processing_instructions_are_dropped():
    doc = html_doc('<?xml version="1.0"?><!DOCTYPE html><p>Kept<![CDATA[ gone 5 ]]> 11</p>')
    assert visible(doc) == "Kept 11"


def test_html_tags_are_matched_in_any_case_and_with_odd_attributes():
    doc = html_doc('<SCRIPT type=x>gone()</SCRIPT ><P CLASS=\'a>b\' data-x="<nav>">Kept 5</P>'
                   "<Nav>gone</NAV><svg/>after")
    assert visible(doc) == "Kept 5 after"


def test_html_without_article_text_is_refused():
    with pytest.raises(LoadError, match="no article text") as excinfo:
        load("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>", "html")
    assert error_of(excinfo).startswith("story.html: ")


def test_blank_html_on_its_own():
    assert blank_html("<b>5</b>&amp;") == "   5    &    "


# --- hostile input: must finish (linear patterns); how fast is for bench/, not for tests ----------

SIZE = 1_990_000


@pytest.mark.parametrize("unit", ["<", "<a", "<a ", "[", "*", "&", "&amp;", "&ab", "<!--", "<script>",
                                  "<nav>", '<a "', "![", "](", "](x)", "`", "`a", "```\n", "\\*",
                                  "2. x\n", "|-|\n", "<time datetime='", " ", "\n", "_", "#"])
def test_hostile_input_loads(unit):
    data = (unit * (SIZE // len(unit))).encode()
    for fmt in ("md", "html"):
        try:
            doc = load_bytes(data, source=f"hostile.{fmt}")
        except LoadError as exc:
            assert "\n" not in str(exc)
        else:
            assert len(doc.plain) == len(doc.text)


def test_a_long_unclosed_run_loads():
    for text in ("<a" + "b" * SIZE, "<p " + "x=1 " * (SIZE // 4), " " * SIZE + "x",
                 "# " + " " * SIZE + "x", "[" + "a" * SIZE, "<!--" + "-" * SIZE):
        for fmt in ("md", "html"):
            try:
                load(text, fmt)
            except LoadError:
                pass


# --- properties ------------------------------------------------------------------------------------

MARKUP = st.lists(st.sampled_from([
    "<script>", "</script>", "<nav>", "</nav>", "<!--", "-->", "```", "`", "[", "](", ")", "**", "_",
    "&amp;", "&#36;", "&pound", "\n", "\r\n", " ", "x", "5", "# ", "> ", "1. ", "2. ", "|", "---",
    "<p>", "<br>", "\\", "\\*", "<header>", "<article>", "</article>", "<time datetime='2016-01-01'>",
    "<title>", "</title>", "<![CDATA[", "]]>", "<?", "<!", "---\n", "title: x\n", "\ue02a", "é",
    "<a href=\"", "\"", ">", "<", "~~", "![", "[^1]", "]: ", "+++\n"]), max_size=40).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.one_of(st.text(), MARKUP), fmt=st.sampled_from(FORMATS))
def test_any_text_loads_or_raises_load_error(text, fmt):
    try:
        doc = load_bytes(text.encode("utf-8"), source=f"x.{fmt}", fmt=fmt)
    except LoadError as exc:
        assert "\n" not in str(exc)
        return
    if fmt != "json":
        assert doc.text == text.removeprefix("\ufeff")
        assert_aligned(doc)


@SETTINGS
@given(data=st.binary(max_size=300), fmt=st.sampled_from(FORMATS),
       encoding=st.sampled_from([None, "utf-16", "latin-1", "cp1252", "utf-8", "ascii"]))
def test_any_bytes_load_or_raise_load_error(data, fmt, encoding):
    try:
        doc = load_bytes(data, source=f"x.{fmt}", fmt=fmt, encoding=encoding)
    except LoadError:
        return
    assert len(doc.plain) == len(doc.text)


@SETTINGS
@given(text=st.text())
def test_json_records_keep_their_text_exactly(text):
    try:
        doc = load(json.dumps({"text": text}), "json")
    except LoadError:
        return
    assert doc.text == doc.plain == text.removeprefix("\ufeff")
