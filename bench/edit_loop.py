#!/usr/bin/env python3
"""The maintainer's edit loop on the real book: one fact edited, then the book rebuilt.

Measures, interleaved and repeated (best and median of ``--repeat`` runs):

- ``nox -s docs`` after one edit (reused virtualenv: the checks, then ``sphinx-build -E``),
  beside its floors: starting Python with Sphinx and the theme imported, the checks
  alone, and ``sphinx-build -E`` alone;
- the ``nox -s serve`` rebuild: from saving a fact file until sphinx-autobuild's
  rebuild has finished, beside an incremental ``sphinx-build`` run by hand.

Run from the repository root after ``nox -s docs`` and ``nox -s serve`` have each set up
their virtualenv once: ``python bench/edit_loop.py``. The edited fact file is restored
afterwards. Not part of the test suite (timings depend on the machine's load).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

FACT = "facts/events/1960-u2-incident.yaml"


def _edit(original: str, n: int) -> None:
    with open(FACT, "w", encoding="utf-8") as fh:
        fh.write(original.replace("title: ", f"title: Edit {n} ", 1)
                 if 'title: "' not in original else
                 original.replace('title: "', f'title: "Edit {n} ', 1))


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _serve_latency(original: str, repeat: int, out: str) -> list[float]:
    log_path = os.path.join(out, "serve.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [os.path.join(".nox", "serve", "bin", "sphinx-autobuild"), "--watch", "facts",
             "--ignore", "docs/eras/*", "--ignore", "docs/sources/*", "--port", "8765",
             "--host", "127.0.0.1", "docs", os.path.join(out, "html")],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def builds() -> int:
        with open(log_path, errors="replace") as fh:
            return fh.read().count("build succeeded")

    times = []
    try:
        deadline = time.monotonic() + 300
        while builds() == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        for n in range(repeat):
            time.sleep(3)
            before = builds()
            start = time.perf_counter()
            _edit(original, 100 + n)
            while builds() == before and time.perf_counter() - start < 120:
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
    return times


def _show(name: str, times: list[float]) -> None:
    print(f"{name:<58} best {min(times):5.2f} s   median {statistics.median(times):5.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = os.path.join(".nox", "docs", "bin", "python")
    if not os.path.exists(py) or not os.path.exists(os.path.join(".nox", "serve")):
        print("run `nox -s docs` and `nox -s serve` once first", file=sys.stderr)
        return 2
    nox = [sys.executable, "-m", "nox"] if shutil.which("nox") is None else ["nox"]
    with open(FACT, encoding="utf-8") as fh:
        original = fh.read()
    out = tempfile.mkdtemp(prefix="edit-loop-")
    rows: dict[str, list[float]] = {}
    try:  # warm-up: the incremental build's environment exists before it is timed
        _timed([py, "-m", "sphinx", "build", "-q", "docs", os.path.join(out, "i")])
        for n in range(args.repeat):
            steps = [
                ("floor: python + sphinx, myst, furo, timeline imported",
                 [py, "-c", "import sphinx.application, myst_parser, furo"]),
                ("floor: the checks alone (python -m checks)", [py, "-m", "checks", "facts"]),
                ("floor: sphinx-build -E alone",
                 [py, "-m", "sphinx", "build", "-q", "-E", "docs", os.path.join(out, "e")]),
                ("nox -s docs after one edit", [*nox, "-s", "docs"]),
                ("incremental sphinx-build after one edit (what serve runs)",
                 [py, "-m", "sphinx", "build", "-q", "docs", os.path.join(out, "i")]),
            ]
            for name, cmd in steps:
                _edit(original, n)
                rows.setdefault(name, []).append(_timed(cmd))
        rows["nox -s serve: save -> rebuilt"] = _serve_latency(original, args.repeat, out)
    finally:
        with open(FACT, "w", encoding="utf-8") as fh:
            fh.write(original)
        shutil.rmtree(out, ignore_errors=True)
    for name, times in rows.items():
        _show(name, times)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
