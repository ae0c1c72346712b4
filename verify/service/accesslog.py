"""Each request gets an id (the client's X-Request-ID when it is a sane token, else a new one),
echoed in the response's X-Request-ID, and one access log line: a JSON object on standard error
with time, method, path, status, bytes sent, milliseconds and the request id."""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from verify.service import logs

_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class AccessLog:
    """Pure ASGI middleware, outermost, so it sees every response, errors included."""

    def __init__(self, app: ASGIApp, stream: TextIO | None = None) -> None:
        self.app, self.stream = app, stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        logs.request_id.set(request_id)  # for the error log lines of this request
        sent = {"status": 500, "bytes": 0, "logged": False}

        def write_line() -> None:
            sent["logged"] = True
            line = {"time": logs.timestamp(), "method": scope["method"], "path": scope["path"],
                    "status": sent["status"], "bytes": sent["bytes"],
                    "ms": round((time.perf_counter() - start) * 1000, 2), "request_id": request_id}
            stream = self.stream or sys.stderr
            stream.write(json.dumps(line) + "\n")
            stream.flush()

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                sent["bytes"] += len(message.get("body", b""))
                if not message.get("more_body"):
                    write_line()  # before the last bytes leave: a client that has its answer finds the line
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            if not sent["logged"]:  # no complete response (the client went, or the app failed)
                write_line()
