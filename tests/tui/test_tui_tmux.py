"""The TUI in a real terminal: scripts/tmux_smoke.sh, when tmux is installed.

The script itself fails (it does not skip) without tmux. CI installs tmux and sets
CI=true, so there the check always runs; on a developer's machine without tmux it
is skipped with the command to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import ROOT


@pytest.mark.skipif(shutil.which("tmux") is None and not os.environ.get("CI"),
                    reason="tmux is not installed (apt-get install -y tmux)")
def test_nianbao_in_tmux_at_120x40_and_80x24() -> None:
    assert shutil.which("tmux"), "CI must install tmux (.ci/run does)"
    env = dict(os.environ, NIANBAO=f"{sys.executable} -m nianbao.cli")
    result = subprocess.run([str(ROOT / "scripts" / "tmux_smoke.sh")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "120x40 ok" in result.stdout and "80x24 ok" in result.stdout


class Tmux:
    """One tmux server of our own (its socket named for this test), driven by keys."""

    def __init__(self, name: str) -> None:
        self.socket = f"nianbao-test-{name}-{os.getpid()}"

    def __call__(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=30)
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "main")

    def wait_for(self, found: Callable[[str], bool], timeout: float = 30) -> str:
        """The screen once ``found`` holds (a terminal has nothing to wait on but the
        screen itself: polled), or the last screen after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        shown = self.screen()
        while not found(shown) and time.monotonic() < deadline:
            time.sleep(0.2)
            shown = self.screen()
        return shown

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=30)


_FRAME = re.compile(r"[\s│─╭╮╰╯▁▂▃▄▅▆▇█▉▊▋▌▍▎▏↪]")
_GUTTER = re.compile(r"^\s*(?:\d+|↪)?\s\s")


def _source_pane(screen: str) -> str:
    """The text of the source pane's rows, read across its wrapped rows (80×24: the
    pane runs from its titled top edge to the status line, without side frames)."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if "Source " in line and "lines" in line),
               None)
    if top is None:
        return ""
    return _FRAME.sub("", "".join(_GUTTER.sub("", row) for row in lines[top + 1:-2]))


@pytest.mark.skipif(shutil.which("tmux") is None and not os.environ.get("CI"),
                    reason="tmux is not installed (apt-get install -y tmux)")
def test_a_finding_on_a_one_line_page_is_on_screen_in_tmux(tmp_path: Path) -> None:
    from nianbao.parser.core.check import Options, check_file

    assert shutil.which("tmux"), "CI must install tmux (.ci/run does)"
    path = tmp_path / "pingtan_2019_oneline.txt"
    shutil.copyfile(ROOT / "tests" / "data" / "real" / "texts" / path.name, path)
    outcome = check_file(path, Options())
    report = outcome.report
    assert report is not None
    findings = outcome.findings
    # A finding far into the one long line (the parser's findings on a real page
    # change as it improves: pick one, do not name it). ] reaches it from the first,
    # which is chosen on opening; if it is the first, ] goes round the list to it.
    deep = [i for i, f in enumerate(findings)
            if f.start is not None and f.end is not None and f.end - f.start >= 4
            and report.position(f.start).column > 400]
    assert deep, [(f.code, f.start) for f in findings]
    index = next((i for i in deep if i), deep[0])
    presses = index or len(findings)
    target = findings[index]
    needle = _FRAME.sub("", report.text[target.start:target.end])[:8]

    tmux = Tmux("oneline")
    try:
        command = (f"TERM=xterm-256color {sys.executable} -m nianbao.cli {path}; "
                   "echo nianbao exited with $?; sleep 60")
        tmux("new-session", "-d", "-s", "main", "-x", "80", "-y", "24", "-c", str(ROOT), command)
        shown = tmux.wait_for(lambda s: "Findings" in s and findings[0].code in s)
        assert findings[0].code in shown, shown
        tmux("send-keys", "-t", "main", *["]"] * presses)
        shown = tmux.wait_for(lambda s: target.code in s.splitlines()[-2]
                              and needle in _source_pane(s))
        # In the source pane itself: the list and the status line quote cells too.
        assert needle in _source_pane(shown), f"{needle!r} not in the source pane:\n{shown}"
        tmux("send-keys", "-t", "main", "C-q")
        assert "nianbao exited with 0" in tmux.wait_for(lambda s: "exited with" in s)
    finally:
        tmux.close()
