"""Every refusal the service makes, as one JSON shape: `{"status", "error", "field"?, "request_id"}`,
so a CMS shows `error` to the editor and a script branches on `status` (and `field` for a 422)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse


class ApiError(Exception):
    """A request the service refuses; `message` names the problem in one line."""

    def __init__(self, status: int, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field, self.headers = status, message, field, headers


def error_response(request: Request, status: int, message: str, field: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"status": status, "error": message}
    if field:
        body["field"] = field
    body["request_id"] = request.scope.get("state", {}).get("request_id")
    return JSONResponse(body, status_code=status, headers=headers)
