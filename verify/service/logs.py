"""The service's error log in the access log's shape: every warning or error logged in a server
process (ours, uvicorn's own, asyncio's) is one JSON object a line on standard error, with time,
level, logger, message, the request id when it is logged while a request is served, and the
traceback, if any, as `exception`. One collector reads both logs, and a traceback stays one line."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from contextvars import ContextVar
from typing import Any

# The id of the request being served; set by the access log, per request task (uvicorn runs each
# request in a task of its own, so the value ends with it and is still there when uvicorn logs the
# request's unhandled exception).
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def timestamp(seconds: float | None = None) -> str:
    """UTC, ISO 8601 to the millisecond: the `time` of every log line."""
    moment = time.time() if seconds is None else seconds
    return dt.datetime.fromtimestamp(moment, dt.timezone.utc).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {"time": timestamp(record.created), "level": record.levelname.lower(),
                                "logger": record.name, "message": record.getMessage()}
        if (current := request_id.get()) is not None:
            line["request_id"] = current
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif (text := getattr(record, "traceback", None)) is not None:  # one from a check process, as text
            line["exception"] = str(text).rstrip()
        return json.dumps(line)


# For uvicorn's `log_config` (it applies it in every server process): warnings and errors of every
# logger, uvicorn's included, through one JSON handler. uvicorn's access log stays off (ours is kept).
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "verify.service.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}
