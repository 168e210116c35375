"""A progress bar on stderr while many files are read, shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from nianbao.parser.i18n import _

T = TypeVar("T")


def with_progress(items: Iterable[T], total: int) -> Iterator[T]:
    """``items`` as they come, with a rich progress bar on a terminal's stderr."""
    if total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task(_("reading reports"), total=total)
    with progress:
        for item in items:
            yield item
            progress.advance(task)
