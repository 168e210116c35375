"""``nianbao serve``: the TUI in a web browser (textual-serve), read-only.

The server runs as a user would start it; headless Chromium opens the page, and
what the page receives and draws is read back: the file list, a table, and the
refusals when a key asks to edit the report, accept a finding or export a file.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.commands.serve import app_command
from nianbao.parser.review.book import REVIEW_FILE
from tests import chromium
from tests.conftest import SAMPLES, seed

SLIP = SAMPLES / "005_arithmetic_slip.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, int, subprocess.Popen[bytes]]]:
    """``nianbao serve FOLDER --port N``, running until the test ends."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed("004"), folder / seed("004").name)
    shutil.copy(SLIP, folder / SLIP.name)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "nianbao", "serve", str(folder),
                               "--port", str(port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not listening("127.0.0.1", port):
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield folder, port, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


async def test_the_served_tui_shows_files_and_a_table_and_refuses_to_write(
        served: tuple[Path, int, subprocess.Popen[bytes]],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    folder, port, _ = served
    before = digests(folder)
    out = tmp_path_factory.mktemp("browser")
    async with chromium.Browser(out / "profile") as page:
        await page.call("Network.enable")
        await page.call("Page.enable")
        await page.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        # The file list (both reports) and table 3 of the open one.
        await page.until_received(seed("004").name, SLIP.name, "本年新收", "商业企业")
        png = await page.screenshot(out / "served.png")
        counts = chromium.colours(png)
        assert len(counts) > 20  # drawn, not a blank or a single-colour page
        assert max(counts.values()) < sum(counts.values()) * 0.95
        await page.call("Runtime.evaluate",
                        expression="document.querySelector('.xterm-helper-textarea').focus()")
        # e: edit the report in $EDITOR — refused.
        mark = len(page.events)
        await page.press("e")
        await page.until_received("Read-only here", since=mark)
        # a on a finding: accept it — refused, no review file.
        mark = len(page.events)
        await page.press("4", "a")
        await page.until_received("Read-only here", since=mark)
        # x: export the findings report — refused.
        mark = len(page.events)
        await page.press("x")
        await page.until_received("Read-only here", since=mark)
        await page.screenshot(out / "refused.png")
    assert digests(folder) == before
    assert not (folder / REVIEW_FILE).exists()
    assert not any(p.suffix in (".html", ".csv", ".xlsx") for p in folder.parent.iterdir())


def test_serve_listens_on_the_loopback_address_by_default(
        served: tuple[Path, int, subprocess.Popen[bytes]]) -> None:
    _, port, _ = served
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)
                 if info[0] == socket.AF_INET} - {"127.0.0.1", "127.0.1.1"}
    for address in addresses:
        assert not listening(address, port), f"the server answers on {address}"
    assert listening("127.0.0.1", port)


def test_the_served_command_is_the_read_only_tui_quoted() -> None:
    import shlex

    path = Path("/tmp/a folder; rm -rf ~")
    words = shlex.split(app_command(path))
    assert words[-3:] == ["tui", "--read-only", str(path.resolve())]
    assert words[:3] == [sys.executable, "-m", "nianbao"]


def test_a_missing_path_or_a_bad_port_is_one_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nope")]) == 2
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "nope" in err and "--port" in err


def test_served_means_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.commands.tui import served

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not served()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert served()
