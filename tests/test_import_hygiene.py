"""parser/ must never load Textual: check/export start fast and run on servers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PARSER = Path(__file__).resolve().parent.parent / "parser"


def _modules() -> list[str]:
    names = []
    for path in sorted(PARSER.rglob("*.py")):
        parts = path.relative_to(PARSER.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("nianbao", *parts)))
    return names


def test_every_parser_module_imports_without_textual() -> None:
    modules = _modules()
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')"
        " or m.startswith('nianbao.tui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_no_textual_import_statement_in_parser() -> None:
    offenders = [
        str(path) for path in PARSER.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith(("import textual", "from textual"))
    ]
    assert offenders == []
