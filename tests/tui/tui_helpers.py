from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from nianbao.tui import loader
from nianbao.tui.app import NianbaoApp
from nianbao.tui.shoot import settle

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_reports"


def sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*"))


def screen_text(app: App[object]) -> str:
    """What the terminal shows, as plain text (no styles)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False,
                      safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


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
