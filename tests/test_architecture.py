"""The layers of ARCHITECTURE.md hold, and the linter that holds them can fail.

CI runs ``lint-imports`` on the tree (the contracts live in pyproject.toml). These
tests run it too, and run it again on a copy of the package with one import that
breaks a contract, to see it fail: a linter that cannot fail proves nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with ``tree`` first on the path, so it reads that copy."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"),
                           "--no-cache"], cwd=tree, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The installed namespace as plain folders (the checkout mounts parser/ and tui/)."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "nianbao", tree / "nianbao", symlinks=False,
                    ignore=shutil.ignore_patterns("__pycache__", "sample_reports"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_contracts_hold_on_the_tree() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    # The core importing the TUI: the layers of the shell, TUI and core.
    ("parser/reading/normalize.py", "import nianbao.tui.keys",
     "The shell stands over the TUI, the TUI over the core"),
    # A low stage reaching up to the rules.
    ("parser/layout/fields.py", "import nianbao.parser.rules.catalog",
     "The core's stages, each using only the stages below it"),
    # Textual in the core.
    ("parser/model/refs.py", "import textual",
     "The core never draws: no Textual under nianbao.parser"),
    # Two rule modules importing each other.
    ("parser/rules/common.py", "import nianbao.parser.rules.values",
     "No import cycle anywhere in the installed package"),
])
def test_an_import_that_breaks_a_contract_fails_the_linter(
        package_copy: Path, tmp_path: Path, module: str, line: str, contract: str) -> None:
    tree = tmp_path / "broken"
    shutil.copytree(package_copy, tree)
    target = tree / "nianbao" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n",
                      encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout
    assert "0 broken" not in result.stdout
