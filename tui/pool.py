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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.tui import loader
from nianbao.tui import review as reviewing

if TYPE_CHECKING:
    from nianbao.parser.review.book import ReviewBook

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


def workers_for(jobs: int, paths: list[Path]) -> int:
    """Worker processes to read ``paths`` with (0: read them in the thread)."""
    from nianbao.parser.core.files import read_cost

    return pool_size(jobs, len(paths), sum(read_cost(path) for path in paths))


def check_for_badge(path: Path, book: ReviewBook | None = None) -> loader.Checked:
    """In a worker process: read and check ``path``; only the badge's part comes back."""
    return reviewing.badge(loader.load(path), book, keep=False)


def read_all(paths: list[Path], workers: int, book: ReviewBook | None = None
             ) -> Generator[loader.Checked, None, None]:
    """What the badge needs of each path, in order; on ``workers`` processes (0: here).

    ``book``: the review marks; the badges count only the findings none accepts.

    Start the pool's helpers first, on the UI thread (:func:`start_helpers`). Read
    here, a report is kept whole (``Checked.loaded``), so opening it later is
    instant; from a worker process only the badge's part comes back. Where no
    process can start (no /dev/shm, a sandbox) or one dies, the rest are read
    here. Close the iterator when stopping early: that stops the pool.
    """
    results: Iterator[loader.Checked] | None = None
    pool: BadgePool | None = None
    if workers:
        try:
            pool = BadgePool(workers)
            results = pool.check_all(paths, book)
        except Exception:
            if pool is not None:
                pool.close()
            pool = None
    try:
        for path in paths:
            found = None
            if results is not None:
                try:
                    found = next(results)
                except Exception:
                    results = None
            yield found if found is not None \
                else reviewing.badge(loader.load(path), book, keep=True)
    finally:
        if pool is not None:
            pool.close()


def _start_worker() -> None:
    """In each worker process, once: what its imports built stays for good, so keep the
    cycle collector from walking it again for every report."""
    import gc

    gc.freeze()


class BadgePool:
    """A process pool that checks reports with :func:`check_for_badge`."""

    def __init__(self, workers: int) -> None:
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                             initializer=_start_worker)

    def check_all(self, paths: list[Path], book: ReviewBook | None = None
                  ) -> Iterator[loader.Checked]:
        """Each path's result, in the order of ``paths``.

        Raises :class:`concurrent.futures.process.BrokenProcessPool` if a worker
        dies (killed, out of memory); the caller reads the rest itself.
        """
        # Small chunks: the first badges come quickly, and a cancel wastes little.
        return self._executor.map(partial(check_for_badge, book=book), paths, chunksize=2)

    def close(self) -> None:
        """Stop: queued files are dropped; the workers exit after their current one."""
        self._executor.shutdown(wait=False, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # The server imports the parser once and every worker is forked from it
        # ready to read; and it does not import the app's own __main__.
        context.set_forkserver_preload(["nianbao.tui.pool", "nianbao.parser.core.check"])
    return context


def start_helpers() -> None:
    """Start multiprocessing's helper processes with the real standard error.

    Call it on the UI thread, before a badge worker starts a pool. The helpers are
    handed ``sys.stderr``'s file descriptor, and while the app runs ``sys.stderr``
    is Textual's stand-in, which has none (``bad value(s) in fds_to_keep``). It is
    swapped back for the moment it takes to start them: on the UI thread nothing
    else draws or prints meanwhile (from a worker thread, the app's own output of
    that moment would go to the terminal). Started once per process.
    """
    from multiprocessing import forkserver, resource_tracker

    method = _context().get_start_method()
    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        if method == "forkserver":
            forkserver.ensure_running()
    finally:
        sys.stderr = saved
