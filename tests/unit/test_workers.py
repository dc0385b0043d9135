"""Work spread over forked workers gives exactly what one process gives."""

from __future__ import annotations

import gc
import json
import os
import shutil
import time

import pytest

import checks.book
import checks.rules
from checks import workers
from checks.api import check_path
from checks.export import book_json
from tests.helpers import REAL_FACTS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _squares(items) -> dict[int, int]:
    return {n: n * n for n in items}


def _merged(parts: list[dict[int, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    for part in parts:
        assert not set(part) & set(out)  # no item done twice
        out.update(part)
    return out


def test_chunks_are_consecutive_and_at_most_255() -> None:
    assert workers.chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    many = workers.chunked(list(range(10_000)), 1)
    assert len(many) <= 255 and sum(many, []) == list(range(10_000))


def test_shared_work_does_every_item_once() -> None:
    chunks = workers.chunked(list(range(1000)), 7)
    with workers.Shared(_squares, chunks, 3) as shared:
        assert len(shared.workers) == 3
        parts = shared.results()
    assert _merged(parts) == _squares(range(1000))
    assert shared.workers == []


def test_the_caller_does_the_work_when_alone() -> None:
    parts = workers.Shared(_squares, workers.chunked(list(range(10)), 3), 1).results()
    assert parts == [_squares(range(10))]


def test_chunks_of_a_worker_that_dies_are_redone_here() -> None:
    parent = os.getpid()

    calls_here: list[list[int]] = []

    def dies_in_worker(items) -> dict[int, int]:
        if os.getpid() == parent:
            time.sleep(0.5)  # the workers claim every chunk first...
            calls_here.append(list(items))
            return _squares(calls_here[-1])
        out = _squares(items)
        os._exit(3)  # ...and crash: nothing sent back
        return out

    chunks = workers.chunked(list(range(500)), 5)
    parts = workers.Shared(dies_in_worker, chunks, 2).results()
    assert _merged(parts) == _squares(range(500))
    # nothing was left for the caller to claim; every chunk came back as lost, redone here
    assert [sorted(c) for c in calls_here] == [[], list(range(500))]


def test_an_error_in_the_work_is_not_hidden() -> None:
    def broken(items) -> dict[int, int]:
        raise ValueError("a bug in the work itself")

    with pytest.raises(ValueError, match="a bug"):
        workers.Shared(broken, [[1], [2]], 2).results()


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
    def slow(items) -> dict[int, int]:
        import time

        time.sleep(30)
        return _squares(items)

    with pytest.raises(RuntimeError):
        with workers.Shared(slow, [[1], [2]], 2) as shared:
            pids = [pid for pid, _ in shared.workers]
            assert len(pids) == 2
            raise RuntimeError("the caller's own work failed")
    for pid in pids:  # reaped: no such child any more
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
