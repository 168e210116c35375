"""Badges for a big folder on every core: its reports read and checked in worker processes.

The badge worker (a thread of the app) hands the files to a process pool and
posts each result as it comes back, in the folder's order. The pool's processes
are started afresh (forkserver or spawn), never forked from the app: a fork
would copy the app's threads' locks in whatever state they were in. A folder
too small to repay starting them is read in the thread, as before.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from nianbao.tui import loader

# Below this many files to read, starting processes (each imports the parser) costs
# more than it saves.
POOL_MIN_FILES = 48


def pool_size(jobs: int, files: int, cost: int | None = None) -> int:
    """Worker processes for ``files`` reports to read (0: read them in the thread).

    ``cost``: what reading them is worth in text reports (``core.files.read_cost``; a
    PDF is worth 16), when known: a few PDFs already repay starting the processes.
    """
    from nianbao.parser.core.pool import worker_count

    workers = worker_count(jobs, files)
    worth = files if cost is None else max(files, cost)
    return workers if workers >= 2 and files >= 2 and worth >= POOL_MIN_FILES else 0


def read_all(paths: list[Path], jobs: int) -> Generator[loader.Loaded, None, None]:
    """:func:`nianbao.tui.loader.load` of each path, in order; on worker processes when worth it.

    Where no process can start (no /dev/shm, a sandbox) or one dies, the rest are
    read here. Close the iterator when stopping early: that stops the pool.
    """
    results: Iterator[loader.Loaded] | None = None
    pool: BadgePool | None = None
    from nianbao.parser.core.files import read_cost

    workers = pool_size(jobs, len(paths), sum(read_cost(path) for path in paths))
    if workers:
        try:
            pool = BadgePool(workers)
            results = pool.load_all(paths)
        except Exception:
            if pool is not None:
                pool.close()
            pool = None
    try:
        for path in paths:
            loaded = None
            if results is not None:
                try:
                    loaded = next(results)
                except Exception:
                    results = None
            yield loaded if loaded is not None else loader.load(path)
    finally:
        if pool is not None:
            pool.close()


class BadgePool:
    """A process pool that reads reports with :func:`nianbao.tui.loader.load`."""

    def __init__(self, workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods
                                              else "spawn")
        if context.get_start_method() == "forkserver":
            # The server imports the parser once and every worker is forked from it
            # ready to read; and it does not import the app's own __main__.
            context.set_forkserver_preload(["nianbao.tui.loader", "nianbao.parser.core.check"])
        _start_helpers(context.get_start_method())
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def load_all(self, paths: list[Path]) -> Iterator[loader.Loaded]:
        """Each path's result, in the order of ``paths``.

        Raises :class:`concurrent.futures.process.BrokenProcessPool` if a worker
        dies (killed, out of memory); the caller reads the rest itself.
        """
        # Small chunks: the first badges come quickly, and a cancel wastes little.
        return self._executor.map(loader.load, paths, chunksize=2)

    def close(self) -> None:
        """Stop: queued files are dropped; the workers exit after their current one."""
        self._executor.shutdown(wait=False, cancel_futures=True)


def _start_helpers(method: str) -> None:
    """Start multiprocessing's helper processes with the real standard error.

    They are handed ``sys.stderr``'s file descriptor, and while the app runs
    ``sys.stderr`` is Textual's stand-in, which has none (``bad value(s) in
    fds_to_keep``). Swapped back for the moment it takes to start them; nothing
    else writes to standard error meanwhile.
    """
    from multiprocessing import forkserver, resource_tracker

    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        if method == "forkserver":
            forkserver.ensure_running()
    finally:
        sys.stderr = saved
