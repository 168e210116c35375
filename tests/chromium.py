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


# ---------------------------------------------------------------- driven over CDP


class Browser:
    """Headless Chromium driven over the DevTools protocol, for pages that draw on a
    canvas (a served TUI): what the page receives is read from its WebSocket frames,
    keys are typed into it, and screenshots taken, as a person at it would.

    Every wait has a limit, only so a broken page cannot hang the run.
    """

    def __init__(self, profile: Path, *, size: tuple[int, int] = (1400, 900)) -> None:
        self.profile = profile
        self.size = size
        self.events: list[dict[str, object]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._session: object = None
        self._socket: object = None
        self._reader: object = None
        self._next_id = 0
        self._waiting: dict[int, object] = {}

    async def __aenter__(self) -> Browser:
        import asyncio
        import time

        import aiohttp

        self.profile.mkdir(parents=True, exist_ok=True)
        self._process = subprocess.Popen(
            [chromium(), *FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             f"--window-size={self.size[0]},{self.size[1]}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not (port_file.is_file() and port_file.read_text().count("\n") >= 1):
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            assert self._process.poll() is None, "chromium exited"
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        session = aiohttp.ClientSession()
        self._session = session
        async with session.put(f"http://127.0.0.1:{port}/json/new?about:blank") as response:
            target = await response.json(content_type=None)
        self._socket = await session.ws_connect(target["webSocketDebuggerUrl"],
                                                max_msg_size=0)
        self._reader = asyncio.get_running_loop().create_task(self._read())
        await self.call("Emulation.setDeviceMetricsOverride", width=self.size[0],
                        height=self.size[1], deviceScaleFactor=1, mobile=False)
        return self

    async def __aexit__(self, *exc: object) -> None:
        import contextlib

        if self._reader is not None:
            self._reader.cancel()  # type: ignore[attr-defined]
        if self._socket is not None:
            await self._socket.close()  # type: ignore[attr-defined]
        if self._session is not None:
            await self._session.close()  # type: ignore[attr-defined]
        if self._process is not None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=10)
            if self._process.poll() is None:
                self._process.kill()

    async def _read(self) -> None:
        import json

        async for message in self._socket:  # type: ignore[attr-defined]
            data = json.loads(message.data)
            if "id" in data:
                future = self._waiting.pop(data["id"], None)
                if future is not None and not future.done():  # type: ignore[attr-defined]
                    future.set_result(data)  # type: ignore[attr-defined]
            else:
                self.events.append(data)

    async def call(self, method: str, **params: object) -> dict[str, object]:
        import asyncio

        self._next_id += 1
        future = asyncio.get_running_loop().create_future()
        self._waiting[self._next_id] = future
        await self._socket.send_json(  # type: ignore[attr-defined]
            {"id": self._next_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, TIMEOUT)
        assert "error" not in reply, reply
        result = reply.get("result", {})
        assert isinstance(result, dict)
        return result

    def received(self, since: int = 0) -> str:
        """The text of every WebSocket frame the page received (events from ``since``),
        terminal control sequences taken out."""
        import base64
        import re

        chunks: list[bytes] = []
        for event in self.events[since:]:
            if event.get("method") != "Network.webSocketFrameReceived":
                continue
            response = event["params"]["response"]  # type: ignore[index]
            payload = response["payloadData"]
            chunks.append(base64.b64decode(payload) if response["opcode"] == 2
                          else payload.encode("utf-8"))
        text = b"".join(chunks).decode("utf-8", errors="replace")
        text = re.sub(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", "", text)  # OSC
        text = re.sub(r"\x1b\[[0-9;:]*m", "", text)  # SGR: colours and styles
        text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "\n", text)  # other CSI: cursor moves
        return re.sub(r"\x1b.", "", text)

    async def until_received(self, *words: str, since: int = 0) -> str:
        """Wait until the page has received every one of ``words``; its text."""
        import asyncio
        import time

        deadline = time.monotonic() + TIMEOUT
        while True:
            text = self.received(since)
            if all(word in text for word in words):
                return text
            missing = [w for w in words if w not in text]
            assert time.monotonic() < deadline, f"the page never showed {missing}"
            await asyncio.sleep(0.05)

    async def press(self, *keys: str) -> None:
        """Type keys (printable characters, or "Escape") into the focused element."""
        for key in keys:
            text = key if len(key) == 1 else ""
            for kind in ("keyDown", "keyUp"):
                params: dict[str, object] = {"type": kind, "key": key}
                if text and kind == "keyDown":
                    params["text"] = text
                if key == "Escape":
                    params["windowsVirtualKeyCode"] = 27
                    params["code"] = "Escape"
                await self.call("Input.dispatchKeyEvent", **params)

    async def screenshot(self, out: Path) -> Path:
        import base64

        result = await self.call("Page.captureScreenshot", format="png")
        out.write_bytes(base64.b64decode(str(result["data"])))
        return out
