"""Spread work over the machine's cores with forked workers (big books only).

Forking shares everything the caller has already loaded without copying or pickling
it; only each worker's result travels back, pickled, through a pipe. Where ``fork``
is missing, or a worker fails, the work is done in the calling process instead, so
the result never depends on how it ran.
"""

from __future__ import annotations

import gc
import os
import pickle
import selectors
import signal
from contextlib import contextmanager
from typing import Callable, Generic, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4


def worker_count(items: int, min_items: int) -> int:
    """How many workers ``items`` pieces of work deserve (1: do it here)."""
    if items < min_items or not hasattr(os, "fork"):
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` in consecutive chunks of at most ``size``, at most 255 chunks."""
    size = max(size, -(-len(items) // 255), 1)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


class Shared(Generic[T, R]):
    """Chunks of work shared out between forked workers and the caller.

    Every process calls ``func`` with an iterator over the items of the chunks it
    claims, one chunk at a time, as it gets to them: so a process slowed by the
    machine simply claims fewer. Each chunk is claimed by exactly one process (one
    byte read from a pipe all of them share). Workers start at once; the caller can
    do other work, then joins in with :meth:`results`. Chunks claimed by a worker that
    failed are done again by the caller, so the results never depend on how it ran.
    Used as a context manager, it stops workers left running if the caller fails.
    """

    def __init__(self, func: Callable[[Iterator[T]], R], chunks: list[list[T]],
                 workers: int) -> None:
        if len(chunks) > 255:
            raise ValueError("at most 255 chunks")
        self.func = func
        self.chunks = chunks
        self.workers: list[tuple[int, int]] = []
        self._queue, write_fd = os.pipe()
        os.write(write_fd, bytes(range(len(chunks))))
        os.close(write_fd)  # once the chunks are all claimed, a read finds the end
        if workers < 2 or len(chunks) < 2 or not hasattr(os, "fork"):
            return
        try:
            for _ in range(workers):
                self.workers.append(_start(self._work, None))
        except OSError:  # no processes to be had: the caller does the rest
            pass

    def _claims(self, claimed: list[int]) -> Iterator[T]:
        while True:
            got = os.read(self._queue, 1)
            if not got:
                return
            claimed.append(got[0])
            yield from self.chunks[got[0]]

    def _work(self, _: object) -> tuple[R, list[int]]:
        claimed: list[int] = []
        return self.func(self._claims(claimed)), claimed

    def __enter__(self) -> Shared[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        for pid, fd in self.workers:  # results never asked for: the caller failed
            os.close(fd)
            _kill(pid)
        self.workers = []
        if self._queue >= 0:
            os.close(self._queue)
            self._queue = -1

    def results(self) -> list[R]:
        """Join in until every chunk is claimed, then gather every process's result."""
        out = [self._work(None)]
        workers, self.workers = self.workers, []  # _collect reaps them, come what may
        for blob in _collect(workers):
            if blob:
                out.append(pickle.loads(blob))
        done = {number for _, claimed in out for number in claimed}
        lost = [c for number, c in enumerate(self.chunks) if number not in done]
        if lost:  # claimed by a worker that failed
            out.append((self.func(item for chunk in lost for item in chunk), []))
        self.__exit__()
        return [result for result, _ in out]


def _start(func: Callable[[T], R], chunk: T) -> tuple[int, int]:
    """Fork a worker that sends back ``func(chunk)``, pickled; its pid and pipe."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: compute, send, and leave without running the parent's exit code
        status = 1
        try:
            os.close(read_fd)
            data = pickle.dumps(func(chunk), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _collect(workers: list[tuple[int, int]]) -> list[bytes | None]:
    """Read every worker's pipe to its end at once (no worker waits on a full pipe)."""
    parts: dict[int, list[bytes]] = {fd: [] for _, fd in workers}
    sel = selectors.DefaultSelector()
    try:
        for _, fd in workers:
            sel.register(fd, selectors.EVENT_READ)
        open_fds = len(workers)
        while open_fds:
            for key, _ in sel.select():
                data = os.read(key.fd, 1 << 20)
                if data:
                    parts[key.fd].append(data)
                else:
                    sel.unregister(key.fd)
                    open_fds -= 1
    except BaseException:
        for pid, _ in workers:
            _kill(pid)
        raise
    finally:
        sel.close()
        for _, fd in workers:
            os.close(fd)
    out: list[bytes | None] = []
    for pid, fd in workers:
        _, status = os.waitpid(pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
        out.append(b"".join(parts[fd]) if ok else None)
    return out


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Loading a big book creates hundreds of thousands of objects that all survive; each
    collection would re-scan them for nothing (the model holds no reference cycles).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
