"""A few check processes per server worker, each with the reference index loaded once.

Checks are CPU-bound Python: in a thread, one that overran its time limit could not be stopped and
would keep burning a core, and it would hold the GIL the server needs to answer anyone else. Here a
job that overruns is abandoned by killing its process, and a fresh process (started and warmed in
the background) takes its place, so the worker keeps serving. A thread per job in flight waits on
the pipe, so the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from verify.service.worker import ERROR, FAILED, INVALID, OK, READY, Job, Setup, serve_jobs

START_TIMEOUT = 120.0  # seconds for a new process to load the tables; far above the usual 1-2 s
log = logging.getLogger("verify.service")


class CheckTimeout(Exception):
    """The job did not finish within its time: it was `waiting` for a free process, or its process
    has been killed and is being replaced."""

    def __init__(self, waiting: bool = False) -> None:
        super().__init__()
        self.waiting = waiting


class CheckFailed(Exception):
    """The check process died or hit a bug; `str()` says which, for the server log."""


class InvalidInput(Exception):
    """A loader refused the document (empty, binary, only markup); `str()` is its one-line reason."""


class _Process:
    """One check process and the server's end of its pipe. Its blocking methods run in threads."""

    def __init__(self, setup: Setup) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: forking a threaded server is unsafe
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve_jobs, args=(child, setup), daemon=True,
                                   name="verify-check")
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        reply = self._reply(START_TIMEOUT, "did not load the reference tables in time")
        if reply[0] != READY:
            raise CheckFailed(f"a check process could not start: {reply[1]}")

    def call(self, job: Job, timeout: float) -> tuple[str, bytes]:
        try:
            self.conn.send(job)
        except OSError as exc:
            raise CheckFailed(f"the check process is gone: {exc}") from None
        status, value = self._reply(timeout, None)
        if status == OK:
            return value
        if status == INVALID:
            raise InvalidInput(value)
        raise CheckFailed(f"the check failed: {value}" if status == ERROR else f"unexpected reply {status!r}")

    def _reply(self, timeout: float, late: str | None) -> tuple[str, Any]:
        try:
            if not self.conn.poll(max(timeout, 0.0)):
                if late:
                    raise CheckFailed(f"a check process {late}")
                raise CheckTimeout
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise CheckFailed(f"the check process died (exit code {self.process.exitcode})") from None

    def stop(self, grace: float) -> None:
        """Close the pipe (an idle process sees end of file and returns); kill it after `grace` s."""
        self.conn.close()
        self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class CheckPool:
    """`size` check processes behind an asyncio queue of idle ones."""

    def __init__(self, size: int, setup: Setup) -> None:
        self.size, self.setup = size, setup
        self.failure: str | None = None  # why a process could not start, for /healthz
        self._started: set[_Process] = set()  # every process not yet stopped
        self._live: set[_Process] = set()  # started and ready, idle or busy
        self._idle: asyncio.Queue[_Process] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(max_workers=2 * size, thread_name_prefix="verify-check")
        self._tasks: set[asyncio.Task] = set()

    @property
    def ready(self) -> int:
        return len(self._live)

    def start(self) -> None:
        """Start every process in the background; each joins the queue once it has loaded."""
        for _ in range(self.size):
            self._background(self._spawn())

    async def run(self, job: Job, timeout: float) -> tuple[str, bytes]:
        """(media type, body) of the rendered report, or CheckTimeout when `timeout` seconds (waiting
        for a free process included) run out, InvalidInput or CheckFailed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            proc = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise CheckTimeout(waiting=True) from None
        future = loop.run_in_executor(self._threads, proc.call, job, deadline - loop.time())
        future.add_done_callback(lambda f: self._done(proc, f))
        return await asyncio.shield(future)  # a cancelled request must not free a busy process

    def _done(self, proc: _Process, future: Future) -> None:
        error = CheckFailed("the check was cancelled") if future.cancelled() else future.exception()
        if error is None or isinstance(error, InvalidInput):
            self._idle.put_nowait(proc)
        else:  # timed out (still checking) or broken: replace it
            self._live.discard(proc)
            if isinstance(error, CheckFailed):
                log.error("%s", error)
            self._background(self._replace(proc))

    async def _replace(self, proc: _Process) -> None:
        await self._stop(proc, grace=0)  # it is stuck in a check or broken: no waiting
        await self._spawn()

    async def _spawn(self) -> None:
        loop = asyncio.get_running_loop()
        proc = await loop.run_in_executor(self._threads, _Process, self.setup)
        self._started.add(proc)
        try:
            await loop.run_in_executor(self._threads, proc.wait_ready)
        except CheckFailed as exc:
            self.failure = str(exc)
            log.error("%s", exc)
            await self._stop(proc, grace=0)
            return
        self._live.add(proc)
        self._idle.put_nowait(proc)

    def _background(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._tasks.discard)

    async def _stop(self, proc: _Process, grace: float) -> None:
        self._started.discard(proc)
        await asyncio.get_running_loop().run_in_executor(self._threads, proc.stop, grace)

    async def close(self) -> None:
        """Stop every process, those still starting included."""
        for task in list(self._tasks):
            task.cancel()
        self._live.clear()
        await asyncio.gather(*(self._stop(p, grace=2) for p in list(self._started)))
        self._threads.shutdown(wait=False, cancel_futures=True)
