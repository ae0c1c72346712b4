"""What a POST /v1/check asks for: the body read within the size limit, decoded, and turned into a
`Job`. Every refusal is an ApiError naming the problem: 413 too large, 400 not UTF-8 or not JSON,
415 an unknown content type, 422 a field of the wrong type or value. Unknown fields are ignored."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from verify.document import LoadError, parse_date
from verify.service.errors import ApiError
from verify.service.worker import Job

OUTPUTS = ("json", "html")
TEXT_TYPES = {"text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md", "text/html": "html"}
ACCEPTED = "application/json, text/plain, text/markdown or text/html"
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
# Bodies up to this size are parsed on the event loop: a thread's hand-off costs more than they take.
PARSE_IN_THREAD = 64 * 1024


# Sent with a 413: the server closes the connection instead of reading the rest of the body to keep it.
_CLOSE = {"Connection": "close"}


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `limit` bytes: from its declared
    Content-Length before reading anything, else while the chunks arrive (chunked or lying clients)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body of {int(declared):,} bytes is over the limit of {limit:,} bytes",
                       headers=_CLOSE)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body is over the limit of {limit:,} bytes", headers=_CLOSE)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_job(request: Request, limit: int) -> Job:
    """The request's Job. A body over PARSE_IN_THREAD bytes is decoded, parsed and validated in a
    worker thread: the event loop goes on serving other requests meanwhile (a 1 MB body takes ~6 ms)."""
    body = await read_body(request, limit)
    args = (body, request.headers.get("content-type", ""), request.query_params)
    if len(body) > PARSE_IN_THREAD:
        return await run_in_threadpool(parse_job, *args)
    return parse_job(*args)


def parse_job(body: bytes, content_type: str, query: Mapping[str, str]) -> Job:
    media = content_type.partition(";")[0].strip().lower()
    charset = match.group(1) if (match := _CHARSET.search(content_type)) else "utf-8"
    if media == "application/json" or media.endswith("+json"):
        return _json_job(_decode(body, charset))
    if media in TEXT_TYPES:
        return Job(_decode(body, charset), TEXT_TYPES[media], _output(query.get("format", "json")),
                   published=_published(query.get("published")))
    shown = f"Content-Type {media!r}" if media else "no Content-Type"
    raise ApiError(415, f"{shown}: send {ACCEPTED}")


def _decode(body: bytes, charset: str) -> str:
    try:
        return body.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise ApiError(400, f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"request body is not valid {charset}: byte 0x{body[exc.start]:02x} at offset "
                            f"{exc.start}") from None


def _json_job(text: str) -> Job:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(400, f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # huge integers, deep nesting
        raise ApiError(400, f"invalid JSON: {str(exc)[:80]}") from None
    if not isinstance(data, dict):
        raise ApiError(422, "the body must be a JSON object with a \"text\" field")
    if "text" not in data:
        raise ApiError(422, "\"text\" is required", "text")
    doc_id = data.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        raise ApiError(422, "\"id\" must be a string or an integer", "id")
    fmt = data.get("format")
    return Job(_string(data, "text"), "record", _output("json" if fmt is None else fmt),
               published=_published(_string(data, "published", optional=True)),
               title=_string(data, "title", optional=True), doc_id=None if doc_id is None else str(doc_id))


def _string(data: dict[str, Any], field: str, optional: bool = False) -> str | None:
    value = data.get(field)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        kind = "a string or null" if optional else "a string"
        raise ApiError(422, f"\"{field}\" must be {kind}, not {_json_type(value)}", field)
    try:
        value.encode("utf-8")  # finds an unpaired surrogate many times faster than a pattern search
    except UnicodeEncodeError as exc:
        raise ApiError(422, f"\"{field}\" has an unpaired surrogate \\u{ord(value[exc.start]):04x} at character "
                            f"{exc.start}", field) from None
    return value


def _json_type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object",
            type(None): "null"}.get(type(value), type(value).__name__)


def _output(value: Any) -> str:
    if value not in OUTPUTS:
        raise ApiError(422, f"\"format\" must be \"json\" or \"html\", not {json.dumps(value)[:40]}", "format")
    return value


def _published(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_date(value, "published")
        except LoadError as exc:
            raise ApiError(422, str(exc), "published") from None
    return value
