"""The OpenAPI 3.1 description served at /openapi.json, written as data. A test holds it to the
app's routes, so an endpoint cannot be added or dropped without its description."""

from __future__ import annotations

from typing import Any

from verify import __version__
from verify.service.settings import Settings


def _ref(schema: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{schema}"}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(description, _ref("Error"))


def _get(operation: str, summary: str, responses: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "operationId": operation, "responses": responses}}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_NULLABLE_STRING = {"type": ["string", "null"]}
_REPORT_FORMAT = {"type": "string", "enum": ["json", "html"], "default": "json"}

SCHEMAS: dict[str, Any] = {
    "CheckRequest": {
        "type": "object", "required": ["text"],
        "description": "An article, read like a .json record of `verify check`. Unknown fields are ignored.",
        "properties": {
            "text": {"type": "string", "description": "The article as plain text; offsets index it."},
            "title": _NULLABLE_STRING,
            "published": {**_NULLABLE_STRING, "description": "Publication date, YYYY-MM-DD (or an ISO "
                          "timestamp); checks against the world use it."},
            "id": {"type": ["string", "integer", "null"], "description": "The story's id, echoed as "
                   "document.id."},
            "format": _REPORT_FORMAT,
        },
    },
    "Report": {
        "type": "object", "description": "The JSON report contract, schema version 1, as `verify check "
        "--format json` writes it (see the README). Fields may be added, never renamed or removed.",
        "required": ["schema_version", "tool", "document", "claims", "votes", "findings", "summary"],
        "properties": {"schema_version": {"const": 1}, "tool": {"type": "object"},
                       "document": {"type": "object"}, "claims": {"type": "array"},
                       "votes": {"type": "array"}, "findings": {"type": "array"},
                       "summary": {"type": "object"}},
    },
    "Rule": {
        "type": "object", "required": ["code", "name", "severity", "summary"],
        "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                       "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                       "summary": {"type": "string"}},
    },
    "Health": {
        "type": "object", "required": ["status", "processes", "queue"],
        "properties": {"status": {"type": "string", "enum": ["ok", "loading", "failed"]},
                       "processes": {"type": "object", "required": ["ready", "total"], "properties": {
                           "ready": {"type": "integer"}, "total": {"type": "integer"}}},
                       "queue": {"type": "object", "required": ["waiting", "limit"],
                                 "description": "Checks waiting for a busy check process, and how many may.",
                                 "properties": {"waiting": {"type": "integer"}, "limit": {"type": "integer"}}},
                       "error": {"type": "string"}},
    },
    "Error": {
        "type": "object", "required": ["status", "error"],
        "properties": {"status": {"type": "integer"}, "error": {"type": "string"},
                       "field": {"type": "string", "description": "The request field at fault (422)."},
                       "request_id": {"type": "string"}},
    },
}


def openapi_document(settings: Settings) -> dict[str, Any]:
    text_body = {"schema": {"type": "string"}}
    check = {
        "summary": "Check an article",
        "description": "A JSON body, or the article itself as text/plain, text/markdown or text/html (markup "
                       "is blanked out as for .md and .html files; give `format` and `published` in the "
                       "query). Nothing in a request is ever fetched from the network.",
        "operationId": "check",
        "parameters": [_query("format", "Report format for a text body.", _REPORT_FORMAT),
                       _query("published", "Publication date for a text body, YYYY-MM-DD.", {"type": "string"})],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("CheckRequest")},
            "text/plain": text_body, "text/markdown": text_body, "text/html": text_body}},
        "responses": {
            "200": {"description": "The report: JSON (contract v1) or one self-contained HTML page.",
                    "content": {"application/json": {"schema": _ref("Report")},
                                "text/html": {"schema": {"type": "string"}}}},
            "400": _error("The body is not valid UTF-8 (or its declared charset) or not valid JSON."),
            "413": _error(f"The body is over {settings.max_body:,} bytes."),
            "415": _error("An unsupported Content-Type."),
            "422": _error("A field of the wrong type or value, or a text that is no article (empty, binary)."),
            "500": _error("The check failed on a bug; the server log has the details."),
            "503": {**_error(f"No answer within {settings.time_limit:g} s, the service is still loading, or "
                             f"{settings.queue_limit} checks already wait for a check process (then at once, "
                             "with Retry-After): try again; the server goes on serving."),
                    "headers": {"Retry-After": {"description": "Seconds to wait, when the queue is full.",
                                                "schema": {"type": "integer"}}}},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "verify", "version": __version__,
                 "description": "Checks the figures and votes in news copy: the service behind `verify serve`."},
        "paths": {
            "/v1/check": {"post": check},
            "/v1/rules": _get("rules", "Every rule: code, name, default severity, summary",
                              {"200": _json("The rules", {"type": "array", "items": _ref("Rule")})}),
            "/healthz": _get("health", "Ready once the reference tables are loaded",
                             {"200": _json("Ready", _ref("Health")),
                              "503": _json("Loading, or no check process could start", _ref("Health"))}),
            "/openapi.json": _get("openapi", "This description",
                                  {"200": _json("OpenAPI 3.1", {"type": "object"})}),
            "/": _get("editor", "The editor's page: paste a story, see the marked-up report",
                      {"200": {"description": "One self-contained HTML page", "content": {"text/html": {}}}}),
        },
        "components": {"schemas": SCHEMAS},
    }
