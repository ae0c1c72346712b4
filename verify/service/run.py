"""`verify serve`: uvicorn with `workers` server processes, each running `app_from_environ`."""

from __future__ import annotations

import os
import socket
import sys

import uvicorn
from uvicorn.supervisors import Multiprocess

from verify.service.logs import LOG_CONFIG
from verify.service.settings import Settings


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, made here with its protocol named. uvicorn's own leaves it 0, and then
    asyncio does not set TCP_NODELAY on the connections: with several workers every keep-alive answer
    waited ~40 ms for a delayed ACK (uvicorn issue 3149). Raises OSError (address in use, ...)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)  # the worker processes accept on it
    return sock


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    sock = listen(host, port)
    os.environ.update(settings.to_environ())  # uvicorn starts each worker from an import string
    shown = f"[{host}]" if ":" in host else host
    print(f"verify: serving on http://{shown}:{port}/ ({workers} worker{'s' * (workers != 1)} x "
          f"{settings.processes} check process{'es' * (settings.processes != 1)}); Ctrl+C stops",
          file=sys.stderr, flush=True)
    config = uvicorn.Config("verify.service.app:app_from_environ", factory=True, workers=workers,
                            access_log=False, log_level="warning", log_config=LOG_CONFIG, server_header=False)
    server = uvicorn.Server(config)
    if workers > 1:  # uvicorn's own supervisor, as `uvicorn.run` uses it, with our socket
        Multiprocess(config, sockets=[sock]).run()
    else:
        server.run(sockets=[sock])
