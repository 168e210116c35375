"""Headless Chromium for the tests that look at a page as a person would.

Debian's ``chromium`` (``.ci/run`` installs it). Every run has its own profile
folder and none of the browser's own network traffic (updates, sync, QUIC). A test
that needs it fails in CI when it is missing, and is skipped on a machine without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio")
TIMEOUT = 120


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("chromium is not installed")
    return found


def _run(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False, stdin=subprocess.DEVNULL)


def screenshot(url: str, out: Path, profile: Path, *, size: tuple[int, int] = (1000, 1400),
               wait_ms: int | None = None) -> Path:
    """A PNG of ``url`` as Chromium draws it at ``size``."""
    extra = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    done = _run(profile, f"--screenshot={out}", f"--window-size={size[0]},{size[1]}", *extra,
                url)
    assert out.is_file(), f"no screenshot: {done.stderr[-2000:]}"
    return out


def dump_dom(url: str, profile: Path, *, wait_ms: int | None = None) -> str:
    """The page's DOM after it loaded (and ran its scripts), as HTML."""
    extra = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    done = _run(profile, "--dump-dom", *extra, url)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def print_pdf(url: str, out: Path, profile: Path) -> Path:
    """The page printed to PDF, as a person printing it would get it."""
    done = _run(profile, f"--print-to-pdf={out}", "--no-pdf-header-footer", url)
    assert out.is_file(), f"no PDF: {done.stderr[-2000:]}"
    return out


def colours(png: Path) -> dict[tuple[int, int, int], int]:
    """How many pixels of each colour the PNG has."""
    from PIL import Image

    with Image.open(png) as image:
        counts = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert counts is not None
    return {colour: count for count, colour in counts}


def has_colour_near(counts: dict[tuple[int, int, int], int], target: tuple[int, int, int],
                    *, within: int = 24, pixels: int = 20) -> bool:
    """At least ``pixels`` pixels within ``within`` of ``target`` on every channel."""
    total = sum(count for colour, count in counts.items()
                if all(abs(a - b) <= within for a, b in zip(colour, target, strict=True)))
    return total >= pixels
