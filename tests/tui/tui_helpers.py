from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from nianbao.tui import loader
from nianbao.tui.app import NianbaoApp
from nianbao.tui.compat import screen_text
from nianbao.tui.shoot import settle

__all__ = ["Messages", "copy_samples", "gate_loads", "ready", "sample", "screen_text", "slip"]

M = TypeVar("M", bound=Message)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_reports"


def sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*"))


class Messages:
    """Every message the app handles, as it is handled: ``run_test(message_hook=...)``.

    ``wait`` returns once a message of a kind arrives, so a test waits for the
    event it is about rather than for a length of time.
    """

    def __init__(self) -> None:
        self.seen: list[Message] = []
        self._waiting: list[tuple[Callable[[Message], bool], asyncio.Future[Message]]] = []

    def __call__(self, message: Message) -> None:
        self.seen.append(message)
        for entry in list(self._waiting):
            matches, future = entry
            if not future.done() and matches(message):
                future.set_result(message)
                self._waiting.remove(entry)

    def mark(self) -> int:
        """Where the messages handled so far end: ``wait(..., after=mark)``."""
        return len(self.seen)

    async def wait(self, kind: type[M], where: Callable[[M], bool] = lambda _: True, *,
                   after: int = 0, timeout: float = 30.0) -> M:
        """The first message of ``kind`` (meeting ``where``) handled after ``after``."""
        def matches(message: Message) -> bool:
            return isinstance(message, kind) and where(message)

        for message in self.seen[after:]:
            if matches(message):
                return message  # type: ignore[return-value]
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._waiting.append((matches, future))
        return await asyncio.wait_for(future, timeout)  # type: ignore[return-value]

    @property
    def notes(self) -> list[str]:
        """The text of every toast raised so far."""
        return [str(m.notification.message) for m in self.seen if isinstance(m, Notify)]


def copy_samples(folder: Path, *prefixes: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for prefix in prefixes:
        source = sample(prefix)
        shutil.copyfile(source, folder / source.name)
    return folder


def slip(folder: Path) -> Path:
    """A copy of seed 004 with 一、本年新收 商业企业 changed from 3 to 5: A001 and A002 break."""
    text = sample("004").read_text(encoding="utf-8")
    line = "一、本年新收政府信息公开申请数量\t\t0\t3\t1\t0\t0\t0\t4\t"
    assert line in text
    target = folder / "004_slip.txt"
    target.write_text(text.replace(line, line.replace("\t3\t", "\t5\t")), encoding="utf-8")
    return target


async def ready(pilot: Pilot[None]) -> NianbaoApp:
    """Wait for the first complete render; return the app, typed."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, NianbaoApp)
    return app


def gate_loads(monkeypatch: pytest.MonkeyPatch, first: str, timeout: float) -> threading.Event:
    """Hold every read but ``first``'s until the returned event is set.

    Whatever is on screen before it opens did not wait for those reads. Only reads in
    the app's own thread see the gate: open the app with ``jobs=1``.
    """
    gate = threading.Event()
    real_load = loader.load

    def gated_load(path: Path, **options: bool) -> loader.Loaded:
        if path.name != first:
            gate.wait(timeout)
        return real_load(path, **options)

    monkeypatch.setattr(loader, "load", gated_load)
    return gate
