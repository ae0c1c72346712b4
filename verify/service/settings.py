"""The service's settings, one frozen record: given to `create_app` directly, or handed from
`verify serve` to each server worker process through one environment variable (uvicorn starts its
workers by import string, so arguments cannot travel any other way)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV = "VERIFY_SERVICE_SETTINGS"
DEFAULT_MAX_BODY = 1_000_000
DEFAULT_TIME_LIMIT = 10.0
QUEUE_PER_PROCESS = 4  # checks that may wait for a check process, per process, unless max_queue says


@dataclass(frozen=True)
class Settings:
    refs_dirs: tuple[str, ...] = ()  # the newsroom's reference tables, over the bundled ones
    time_limit: float = DEFAULT_TIME_LIMIT  # seconds from a request's body being read to its answer
    max_body: int = DEFAULT_MAX_BODY  # bytes of request body
    processes: int = 1  # check processes per server worker
    # Checks that may wait for a busy check process; one more is refused at once with 503 (None:
    # QUEUE_PER_PROCESS x processes). Past it, waiting would only end in the time limit's 503.
    max_queue: int | None = None
    # Rule classes as "module:Class", added to the registry's in each check process: how tests
    # inject a slow rule into a server they reach only over HTTP.
    extra_rules: tuple[str, ...] = ()

    @property
    def queue_limit(self) -> int:
        return QUEUE_PER_PROCESS * self.processes if self.max_queue is None else self.max_queue

    def to_environ(self) -> dict[str, str]:
        return {ENV: json.dumps(asdict(self))}

    @classmethod
    def from_environ(cls) -> Settings:
        data = json.loads(os.environ.get(ENV, "{}"))
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})
