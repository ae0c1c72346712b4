"""A few check processes per server worker, each with the reference index loaded once.

Checks are CPU-bound Python: in a thread, one that overran its time limit could not be stopped and
would keep burning a core, and it would hold the GIL the server needs to answer anyone else. Here a
job that overruns is abandoned by killing its process, and a fresh process (started and warmed in
the background) takes its place, so the worker keeps serving. The event loop waits for replies by
watching the pipes, so a job in flight costs no thread; only starting and stopping a process, which
block briefly, run in threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing

from verify.service.worker import ERROR, INVALID, OK, READY, Job, Setup, serve_jobs

START_TIMEOUT = 120.0  # seconds for a new process to load the tables; far above the usual 1-3 s
log = logging.getLogger("verify.service")


class CheckTimeout(Exception):
    """The job did not finish within its time: it was `waiting` for a free process, or its process
    has been killed and is being replaced."""

    def __init__(self, waiting: bool = False) -> None:
        super().__init__()
        self.waiting = waiting


class QueueFull(Exception):
    """Every process is busy and `limit` jobs already wait for one: refused at once, not queued."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit


class CheckFailed(Exception):
    """The check process died or hit a bug; `str()` says which, for the server log."""


class InvalidInput(Exception):
    """A loader refused the document (empty, binary, only markup); `str()` is its one-line reason."""


class _Process:
    """One check process and the server's end of its pipe."""

    def __init__(self, setup: Setup) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: forking a threaded server is unsafe
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve_jobs, args=(child, setup), daemon=True, name="verify-check")
        self.process.start()
        child.close()

    async def wait_ready(self) -> None:
        """Until the process has loaded the tables and the rules."""
        try:
            status, value = await asyncio.wait_for(self._receive(), START_TIMEOUT)
        except TimeoutError:
            raise CheckFailed("a check process did not load the reference tables in time") from None
        if status != READY:
            raise CheckFailed(f"a check process could not start: {value}")

    async def call(self, job: Job) -> tuple[str, object]:
        """Send `job` and wait for the reply. A large job or reply moves through the pipe in one go
        once it starts (blocking the loop that long): the other end is always reading or writing it."""
        try:
            self.conn.send(job)
        except OSError:
            raise self._died() from None
        return await self._receive()

    async def _receive(self) -> tuple[str, object]:
        """The next message, read once the pipe has something: waiting costs no thread."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        try:
            await readable
            return self.conn.recv()
        except (EOFError, OSError):
            raise self._died() from None
        finally:
            loop.remove_reader(fd)

    def _died(self) -> CheckFailed:
        self.process.join(1)
        return CheckFailed(f"the check process died (exit code {self.process.exitcode})")

    def stop(self, grace: float) -> None:
        """Close the pipe (an idle process sees end of file and returns); kill it after `grace` s."""
        self.conn.close()
        self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class CheckPool:
    """`size` check processes behind an asyncio queue of idle ones, for which at most `max_waiting`
    jobs wait."""

    def __init__(self, size: int, setup: Setup, max_waiting: int) -> None:
        self.size, self.setup, self.max_waiting = size, setup, max_waiting
        self.waiting = 0  # jobs waiting for an idle process now
        self.failure: str | None = None  # why a process could not start, for /healthz
        self._started: set[_Process] = set()  # every process not yet stopped
        self._live: set[_Process] = set()  # started and ready, idle or busy
        self._idle: asyncio.Queue[_Process] = asyncio.Queue()
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
        for a free process included) run out, QueueFull, InvalidInput or CheckFailed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        proc = await self._acquire(timeout)
        if loop.time() >= deadline:  # the wait used it all: the process never saw the job
            self._idle.put_nowait(proc)
            raise CheckTimeout(waiting=True)
        try:
            status, value = await asyncio.wait_for(proc.call(job), deadline - loop.time())
        except BaseException as exc:  # out of time, cancelled or dead: the process may be mid-check
            self._live.discard(proc)
            self._background(self._replace(proc))
            if isinstance(exc, TimeoutError):
                log.warning("a check ran past the time limit of %g s; its process is stopped and replaced", timeout)
                raise CheckTimeout from None
            if isinstance(exc, CheckFailed):
                log.error("%s", exc)
            raise
        self._idle.put_nowait(proc)  # it answered, so it is ready for the next job
        if status == OK:
            return value
        if status == INVALID:
            raise InvalidInput(value)
        log.error("the check failed: %s", str(value).rstrip().rpartition("\n")[2], extra={"traceback": value})
        raise CheckFailed(f"the check failed: {value}" if status == ERROR else f"unexpected reply {status!r}")

    async def _acquire(self, timeout: float) -> _Process:
        """An idle process, at once if there is one, else after waiting at most `timeout` seconds
        behind fewer than `max_waiting` other jobs."""
        with contextlib.suppress(asyncio.QueueEmpty):
            return self._idle.get_nowait()
        if self.waiting >= self.max_waiting:
            raise QueueFull(self.max_waiting)
        self.waiting += 1
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise CheckTimeout(waiting=True) from None
        finally:
            self.waiting -= 1

    async def _replace(self, proc: _Process) -> None:
        await self._stop(proc, grace=0)  # it is stuck in a check or broken: no waiting
        await self._spawn()

    async def _spawn(self) -> None:
        proc = await asyncio.to_thread(_Process, self.setup)
        self._started.add(proc)
        try:
            await proc.wait_ready()
        except CheckFailed as exc:
            self.failure = str(exc)
            log.error("%s", exc)
            await self._stop(proc, grace=0)
            return
        self._live.add(proc)
        self._idle.put_nowait(proc)

    async def _stop(self, proc: _Process, grace: float) -> None:
        self._started.discard(proc)
        await asyncio.to_thread(proc.stop, grace)

    def _background(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stop every process, those still starting included."""
        for task in list(self._tasks):
            task.cancel()
        self._live.clear()
        await asyncio.gather(*(self._stop(p, grace=2) for p in list(self._started)))
