"""Atomic writes: a reader never sees half a file, and ``write_new`` never overwrites."""

from __future__ import annotations

import os
import tempfile


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_beside(path: str, data: bytes) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would make it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path``, replacing it in one step.

    :param path: the file to (re)write; its folder is created if missing
    :param data: the complete content
    """
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = _temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_new(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step; never replace an existing file.

    :raises FileExistsError: when ``path`` exists (nothing is written)
    """
    tmp = _temp_beside(path, data)
    try:
        os.link(tmp, path)  # atomic, and fails when the name is taken
    finally:
        os.unlink(tmp)
