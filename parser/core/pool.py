"""Spread work on many files across all cores, in a stable order.

``check`` and ``export`` call :func:`map_paths` with a module-level function
(picklable) that takes a path plus fixed arguments. Results come back in the
order of the paths whatever the scheduling, so output is deterministic. A
progress bar goes to stderr only when stderr is a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many files a pool costs more to start than it saves.
_POOL_THRESHOLD = 24


def worker_count(jobs: int, files: int) -> int:
    if jobs and jobs > 0:
        wanted = jobs
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
            os.cpu_count() or 1)
    return max(1, min(wanted, files))


def map_paths(
    func: Callable[..., T],
    paths: Sequence[str],
    extra: tuple[Any, ...] = (),
    *,
    jobs: int = 0,
    progress: bool | None = None,
) -> Iterator[T]:
    """``func(path, *extra)`` for every path, yielded in the order of ``paths``."""
    workers = worker_count(jobs, len(paths))
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(len(paths)) if show and len(paths) > 1 else None
    try:
        if workers == 1 or len(paths) < _POOL_THRESHOLD:
            for path in paths:
                yield func(path, *extra)
                if bar:
                    bar.advance()
            return
        chunk = max(1, min(64, len(paths) // (workers * 8)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            columns = [list(paths)] + [[arg] * len(paths) for arg in extra]
            for result in pool.map(func, *columns, chunksize=chunk):
                yield result
                if bar:
                    bar.advance()
    finally:
        if bar:
            bar.close()


class _Progress:
    """A rich progress bar on stderr, imported only when one is shown."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("reading reports", total=total)

    def advance(self) -> None:
        self._progress.advance(self._task)

    def close(self) -> None:
        self._progress.stop()
