"""A real `verify serve` app under uvicorn, in a thread of the test process, listening on a free
port of 127.0.0.1; shared by the service tests and the editor page's browser test."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator

import requests
import uvicorn

from verify.service.app import create_app
from verify.service.run import listen
from verify.service.settings import Settings

HANG_GUARD = 120.0  # seconds before a wait gives up: a guard against hanging, not a speed test


def wait_until(ready: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + HANG_GUARD
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def all_ready(base: str) -> bool:
    health = requests.get(f"{base}/healthz", timeout=30)
    processes = health.json()["processes"]
    return health.status_code == 200 and processes["ready"] == processes["total"]


@contextlib.contextmanager
def serving(settings: Settings, ready: bool = True) -> Iterator[str]:
    """The base URL of a server running `settings`; with `ready`, once every check process is up."""
    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        wait_until(lambda: server.started or not thread.is_alive(), "the server to start")
        assert server.started, "the server did not start"
        if ready:
            wait_until(lambda: all_ready(base), "every check process to load the tables")
        yield base
    finally:
        server.should_exit = True
        thread.join(HANG_GUARD)
        sock.close()
