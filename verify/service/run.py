"""`verify serve`: uvicorn with `workers` server processes, each running `app_from_environ`."""

from __future__ import annotations

import os
import sys

import uvicorn

from verify.service.settings import Settings


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    os.environ.update(settings.to_environ())  # uvicorn starts each worker from an import string
    shown = f"[{host}]" if ":" in host else host
    print(f"verify: serving on http://{shown}:{port}/ ({workers} worker{'s' * (workers != 1)} x "
          f"{settings.processes} check process{'es' * (settings.processes != 1)}); Ctrl+C stops",
          file=sys.stderr, flush=True)
    uvicorn.run("verify.service.app:app_from_environ", factory=True, host=host, port=port, workers=workers,
                access_log=False, log_level="warning", server_header=False)
