"""The layers of ARCHITECTURE.md hold, and the linter that holds them can fail.

CI runs ``lint-imports`` on the tree (the contracts live in pyproject.toml). These
tests run it too, and run it again on a copy of the package with one import that
breaks a contract, to see it fail: a linter that cannot fail proves nothing.
"""

from __future__ import annotations

import ast
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
    assert "5 kept, 0 broken" in result.stdout


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
    # The TUI reading a file itself instead of through the core.
    ("tui/loader.py", "import nianbao.parser.document.parse",
     "Front ends read files only through the core"),
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


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_positions_are_made_in_one_place() -> None:
    """line:column comes from reading/positions.py (LineIndex) and outputs/sources.py."""
    makers = set()
    for path in _modules("parser") + _modules("tui") + _modules("nianbao"):
        if path.is_symlink() or "nianbao/parser" in str(path) or "nianbao/tui" in str(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "Position":
                makers.add(str(path.relative_to(ROOT)))
    assert makers == {"parser/reading/positions.py", "parser/outputs/sources.py"}


def test_the_core_never_prints() -> None:
    offenders = []
    for path in _modules("parser"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("print", "input"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") \
                    and isinstance(node.value, ast.Name) and node.value.id == "sys":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _shell_modules() -> list[Path]:
    """The shell's own modules (nianbao/ without the mounted core and TUI)."""
    return [path for path in _modules("nianbao")
            if not {"parser", "tui", "sample_reports"} & set(path.relative_to(ROOT).parts[1:2])]


def test_the_shell_speaks_on_stderr_only_through_diagnostics() -> None:
    """Every stderr message and exit status of the shell is nianbao/diagnostics.py's (issue 10):
    no other module of the shell prints, touches ``sys.stderr`` or exits, but
    ``sys.exit(main())`` handing main's status over. The progress bar
    (nianbao/progress.py) asks whether stderr is a terminal."""
    offenders = []
    allowed = {"nianbao/diagnostics.py"}
    for path in _shell_modules():
        name = str(path.relative_to(ROOT))
        if name in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        handing_over = {id(node.func) for node in ast.walk(tree)
                        if isinstance(node, ast.Call) and len(node.args) == 1
                        and isinstance(node.args[0], ast.Call)
                        and isinstance(node.args[0].func, ast.Name)
                        and node.args[0].func.id == "main"}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "print":
                offenders.append(f"{name}:{node.lineno} print")
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "sys"):
                continue
            if node.attr == "exit" and id(node) not in handing_over:
                offenders.append(f"{name}:{node.lineno} sys.exit")
            if node.attr in ("stderr", "__stderr__") and name != "nianbao/progress.py":
                offenders.append(f"{name}:{node.lineno} sys.{node.attr}")
    assert _shell_modules() and offenders == []


def test_the_exit_statuses_are_declared_once() -> None:
    """One set of EXIT_* constants, in nianbao/diagnostics.py."""
    declared = []
    for path in _shell_modules() + _modules("parser") + _modules("tui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                declared += [f"{path.relative_to(ROOT)}:{target.id}" for target in node.targets
                             if isinstance(target, ast.Name) and target.id.startswith("EXIT_")]
    assert declared and all(d.startswith("nianbao/diagnostics.py:") for d in declared), declared


def _is_worker(function: ast.FunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Name) and target.id == "work":
            return True
    return False


def test_tui_workers_only_post_messages() -> None:
    """Inside a worker, the only method of its widget or screen called is post_message."""
    workers = 0
    offenders = []
    for path in _modules("tui"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or not _is_worker(function):
                continue
            workers += 1
            for node in ast.walk(function):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "self"
                        and node.func.attr != "post_message"):
                    offenders.append(f"{path.name}:{node.lineno} self.{node.func.attr}()")
    assert workers >= 3
    assert offenders == []


def test_the_template_is_decided_in_one_place() -> None:
    """Only the pipeline (document/parse.py) calls the functions that decide a template;
    every later stage reads ``meta.template``."""
    deciders = {"detect_template", "template_of_cells"}
    callers = set()
    for path in _modules("parser") + _modules("tui") + _modules("nianbao"):
        if "nianbao/parser" in str(path) or "nianbao/tui" in str(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else (
                    node.func.attr if isinstance(node.func, ast.Attribute) else "")
                if name in deciders:
                    callers.add(str(path.relative_to(ROOT)))
    assert callers == {"parser/document/parse.py"}
