"""Where the chunks are checked: in this process (`--jobs 1`), a local process pool, or Dask.

Every engine runs `check_chunk` on chunks of items and yields each chunk's rows as soon as it is
done (completion order). At most a few chunks per worker are in flight, so memory stays flat however
long the input: the reader waits while the workers are busy.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import logging
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from verify.batch.inputs import Item
from verify.batch.worker import ChunkRows, Settings, check_chunk, init_worker

LOCAL_CHUNK = 16  # ~0.1 s of work per chunk: the pool's per-task cost is well under 1%
DASK_CHUNK = 64  # a Dask task costs more (scheduler round trip): bigger partitions
IN_FLIGHT = 2  # chunks per worker queued or running: one working, one waiting

# Dask's defaults suit an interactive cluster watched on its dashboard; a batch run wants its CPU for
# the checks. Measured on 4,000 documents with two workers: the driving process (client, LocalCluster
# scheduler and nannies) went from 1.18 to 0.37 ms of CPU a document with these and inline chunks.
DASK_CONFIG = {
    # every message under 1 MB sent on a worker's stream is kept for debugging, the last 1,000 per
    # worker: with the documents inside the tasks, ~270 MB per worker (the driver grew ~9 KB a document)
    "distributed.admin.low-level-log-length": 8,
    "distributed.worker.profile.enabled": False,  # samples the running check's stack every 10 ms
    "distributed.admin.tick.interval": "1s",  # event-loop latency probe, every 20 ms in every server
    "distributed.worker.memory.monitor-interval": "1s",  # psutil every 100 ms, in workers and nannies
    "distributed.admin.system-monitor.interval": "5s",  # CPU, memory and network counters for the dashboard
    "distributed.deploy.cluster-repr-interval": "10s",
    "distributed.client.scheduler-info-interval": "10s",
}


class EngineError(Exception):
    """The engine could not start or lost a worker; the message is one line."""


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class LocalEngine:
    """A process pool of `jobs` workers, each loading the reference index once; this very process
    when `jobs` is 1."""

    name = "local"

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings, self.jobs = settings, jobs
        self._pool = cf.ProcessPoolExecutor(jobs, initializer=_init_pool_worker, initargs=(settings,)) \
            if jobs > 1 else None

    def run(self, items: Iterable[Item]) -> Iterator[ChunkRows]:
        if self._pool is None:
            init_worker(self.settings)
            return (check_chunk(chunk, self.settings) for chunk in chunked(items, LOCAL_CHUNK))
        return self._run_pool(items)

    def _run_pool(self, items: Iterable[Item]) -> Iterator[ChunkRows]:
        try:
            yield from _bounded(lambda chunk: self._pool.submit(check_chunk, chunk, self.settings),
                                lambda pending: cf.wait(pending, return_when=cf.FIRST_COMPLETED),
                                chunked(items, LOCAL_CHUNK), self.jobs * IN_FLIGHT)
        except cf.process.BrokenProcessPool:
            raise EngineError("a worker process died (out of memory, or killed); "
                              "rerun with --resume to continue") from None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """The same chunks as Dask tasks: on the cluster at `scheduler`, or on a LocalCluster of `jobs`
    single-threaded worker processes. Results come back as one compact ChunkRows per partition."""

    name = "dask"

    def __init__(self, settings: Settings, jobs: int, scheduler: str | None) -> None:
        try:
            import dask
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs dask.distributed: pip install 'verify[dask]'") from None
        self.settings, self._cluster = settings, None
        try:
            with dask.config.set(DASK_CONFIG):  # read when the servers and the client start
                if scheduler is None:
                    # the scheduler's HTTP server (health, metrics) on a free port of 127.0.0.1: on
                    # Dask's default port it warns on stderr whenever another cluster holds 8787
                    self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                 dashboard_address=None, silence_logs=logging.ERROR,
                                                 scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                self._client = Client(self._cluster or scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
        try:
            self._client.run(init_worker, settings)  # the index loaded on every worker before the first task
            self.jobs = dask_workers(self._client)
        except BaseException:
            self.__exit__()
            raise

    def run(self, items: Iterable[Item]) -> Iterator[ChunkRows]:
        from dask.distributed import wait

        return _bounded(self._submit, lambda pending: wait(pending, return_when="FIRST_COMPLETED"),
                        chunked(items, DASK_CHUNK), self.jobs * IN_FLIGHT)

    def _submit(self, chunk: list[Item]) -> Any:
        """The chunk travels inside its task: a task without dependencies waits on the scheduler
        until a worker is free, where scattered data would tie it to the worker chosen for the data
        (and scattering cost the driver ~0.5 ms of CPU a document more)."""
        return self._client.submit(check_chunk, chunk, self.settings, pure=False)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _init_pool_worker(settings: Settings) -> None:
    """Ctrl-C is the driving process's to handle: it lets the chunks running finish and stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(settings)


def dask_workers(client: Any) -> int:
    """Threads across the cluster's workers: how many tasks it runs at once."""
    return max(1, sum(client.nthreads().values()))


def _bounded(submit: Callable[[list[Item]], Any], wait_first: Callable[[set], tuple[set, set]],
             chunks: Iterable[list[Item]], window: int) -> Iterator[ChunkRows]:
    """Submit chunks while fewer than `window` are pending; yield results as they complete."""
    pending: set = set()
    for chunk in chunks:
        pending.add(submit(chunk))
        while len(pending) >= window:
            done, pending = wait_first(pending)
            yield from (future.result() for future in done)
    while pending:
        done, pending = wait_first(pending)
        yield from (future.result() for future in done)
