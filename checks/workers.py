"""Spread work over the machine's cores with forked workers (big books only).

Forking shares everything the caller has already loaded (sources, facts, the
gazetteer) without copying or pickling it; only each worker's result travels back,
pickled, through a pipe. Where ``fork`` is missing, or a worker fails, the work is
done in the calling process instead, so the result never depends on how it ran.
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


def split(items: Sequence[T], parts: int) -> list[list[T]]:
    """Deal ``items`` round-robin into ``parts`` lists (balances mixed heavy/light items)."""
    return [list(items[i::parts]) for i in range(parts)]


class Forked(Generic[T, R]):
    """``func(chunk)`` for each chunk, started at once in forked workers (one per chunk)
    while the caller goes on with other work; :meth:`results` waits for them. Used as a
    context manager, it stops workers left running if the caller fails meanwhile."""

    def __init__(self, func: Callable[[T], R], chunks: Sequence[T]) -> None:
        self.func = func
        self.chunks = list(chunks)
        self.workers: list[tuple[int, int]] = []
        if len(self.chunks) < 2 or not hasattr(os, "fork"):
            return  # one chunk: done here, in results()
        try:
            for chunk in self.chunks:
                self.workers.append(_start(func, chunk))
        except OSError:  # no processes to be had: the rest is done here
            pass

    def __enter__(self) -> Forked[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        """Workers whose results were never asked for (the caller failed) are stopped."""
        for pid, fd in self.workers:
            os.close(fd)
            _kill(pid)
        self.workers = []

    def results(self) -> list[R]:
        """Each chunk's result, in order (chunks whose worker failed are done here)."""
        blobs = _collect(self.workers)
        self.workers = []
        out: list[R] = []
        for i, chunk in enumerate(self.chunks):
            blob = blobs[i] if i < len(blobs) else None
            out.append(pickle.loads(blob) if blob else self.func(chunk))
        return out


def fork_map(func: Callable[[T], R], chunks: Sequence[T]) -> list[R]:
    """``[func(chunk) for chunk in chunks]``, one forked worker per chunk, in order."""
    return Forked(func, chunks).results()


def _start(func: Callable[[T], R], chunk: T) -> tuple[int, int]:
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
