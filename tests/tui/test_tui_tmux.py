"""The TUI in a real terminal: scripts/tmux_smoke.sh, when tmux is installed.

The script itself fails (it does not skip) without tmux. CI installs tmux and sets
CI=true, so there the check always runs; on a developer's machine without tmux it
is skipped with the command to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

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
