"""Driving the app without a terminal: wait until it has settled, then take an SVG.

Used by ``nianbao screenshot``, the tests and the benchmark, so all three agree on
what "the first complete render" is: the open report on screen, every badge in,
no worker running.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import suppress
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from nianbao.tui.app import NianbaoApp


async def settle(pilot: Pilot[None], timeout: float = 30.0) -> None:
    """Wait until the open report is shown, every badge is in and no worker runs."""
    app = pilot.app
    assert isinstance(app, NianbaoApp)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # A worker that a newer one replaced (exclusive=True) ends as cancelled.
        with suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if app.main.ready and not any(w.is_running for w in app.workers):
            break
        await asyncio.sleep(0.01)
    else:
        raise TimeoutError("the app did not settle")
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


VIEWS = ("report", "overview", "years")


async def show_view(pilot: Pilot[None], view: str, timeout: float = 30.0) -> None:
    """After :func:`settle`: open a folder view (``overview``, ``years``) as its key
    does, and wait until it shows the folder; ``report`` stays on the report."""
    app = pilot.app
    assert isinstance(app, NianbaoApp)
    if view == "report":
        return
    if view == "overview":
        app.main.action_overview()
    elif view == "years":
        app.main.action_years()
    else:
        raise ValueError(f"unknown view {view!r}: expected one of {', '.join(VIEWS)}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app.screen, "computed", False) and not any(w.is_running for w in app.workers):
            break
        await asyncio.sleep(0.01)
    else:
        raise TimeoutError(f"the {view} view did not settle")
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _shoot(path: Path, size: tuple[int, int], theme: str | None, view: str) -> str:
    app = NianbaoApp(path, theme=theme)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await show_view(pilot, view)
        return app.export_screenshot()


def render_svg(path: Path, size: tuple[int, int] = (120, 40), theme: str | None = None,
               view: str = "report") -> str:
    return asyncio.run(_shoot(path, size, theme, view))
