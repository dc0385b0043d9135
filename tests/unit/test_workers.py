"""Work spread over forked workers gives exactly what one process gives."""

from __future__ import annotations

import gc
import json
import os
import shutil

import pytest

import checks.book
import checks.rules
from checks import workers
from checks.api import check_path
from checks.export import book_json
from tests.helpers import REAL_FACTS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _square_all(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def test_fork_map_keeps_order_and_matches_serial() -> None:
    chunks = workers.split(list(range(101)), 3)
    assert chunks[0][:3] == [0, 3, 6] and sum(map(len, chunks)) == 101
    assert workers.fork_map(_square_all, chunks) == [_square_all(c) for c in chunks]


def test_a_worker_that_dies_is_redone_here() -> None:
    parent = os.getpid()

    def dies_in_worker(chunk: list[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # a crash: nothing sent back
        return _square_all(chunk)

    assert workers.fork_map(dies_in_worker, [[1, 2], [3]]) == [[1, 4], [9]]


def test_an_error_in_the_work_is_not_hidden() -> None:
    def broken(chunk: list[int]) -> list[int]:
        raise ValueError("a bug in the work itself")

    with pytest.raises(ValueError, match="a bug"):
        workers.fork_map(broken, [[1], [2]])


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with workers.paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def _book_with_problems(tmp_path) -> str:
    facts = tmp_path / "facts"
    shutil.copytree(REAL_FACTS, facts)
    events = facts / "events"
    (events / "broken-yaml.yaml").write_text("id: broken-yaml\ntitle: [unclosed\n",
                                             encoding="utf-8")
    for path in sorted(events.iterdir())[:5]:  # five quotes that are not in their source
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("quote: ", "quote: Not in any source, ", 1), encoding="utf-8")
    return str(facts)


@pytest.mark.parametrize("explained", [2, checks.rules.MAX_EXPLAINED])
def test_parallel_load_equals_serial(tmp_path, monkeypatch, explained: int) -> None:
    monkeypatch.setattr(checks.rules, "MAX_EXPLAINED", explained)
    facts = _book_with_problems(tmp_path)
    serial = book_json(check_path(facts, use_cache=False))
    assert serial["summary"]["errors"] >= 6 and serial["summary"]["contested"] > 10
    not_found = [p["message"] for p in serial["problems"] if p["code"] == "BB501"]
    assert len(not_found) == 5
    assert sum("nearest passage (" in m for m in not_found) == min(explained, 5)
    monkeypatch.setattr(checks.book, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 3)
    parallel = book_json(check_path(facts, use_cache=False))
    assert json.dumps(parallel, sort_keys=True) == json.dumps(serial, sort_keys=True)


def test_workers_are_stopped_when_the_caller_fails() -> None:
    def slow(chunk: list[int]) -> list[int]:
        import time

        time.sleep(30)
        return chunk

    with pytest.raises(RuntimeError):
        with workers.Forked(slow, [[1], [2]]) as pending:
            pids = [pid for pid, _ in pending.workers]
            assert len(pids) == 2
            raise RuntimeError("the caller's own work failed")
    for pid in pids:  # reaped: no such child any more
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
