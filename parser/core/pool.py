"""Spread work on many files across all cores, in a stable order.

``check`` and ``export`` call :func:`map_paths` with a module-level function
(picklable) that takes a path plus fixed arguments. Results come back in the
order of the paths whatever the scheduling, so output is deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# Below this many text reports' worth of reading (``files.read_cost``: a PDF is
# worth 16) a pool costs more to start than it saves.
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
) -> Iterator[T]:
    """``func(path, *extra)`` for every path, yielded in the order of ``paths``.

    Files are spread over the cores when their reading is worth it: two dozen text
    reports, or two PDFs. PDFs and Word files go in small chunks, so one slow file
    does not hold a core's queue.
    """
    from nianbao.parser.core.files import read_cost

    workers = worker_count(jobs, len(paths))
    cost = sum(read_cost(path) for path in paths)
    if workers == 1 or len(paths) < 2 or cost < _POOL_THRESHOLD:
        for path in paths:
            yield func(path, *extra)
        return
    heavy = cost > 2 * len(paths)  # mostly PDFs and Word files
    chunk = 1 if heavy else max(1, min(64, len(paths) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        columns = [list(paths)] + [[arg] * len(paths) for arg in extra]
        yield from pool.map(func, *columns, chunksize=chunk)
