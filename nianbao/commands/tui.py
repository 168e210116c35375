"""``nianbao [PATH]`` and ``nianbao demo``: open the TUI (Textual is imported only here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2


def demo_path() -> Path:
    """The sample reports shipped inside the package (a checkout mounts them too)."""
    from importlib.resources import files

    return Path(str(files("nianbao") / "sample_reports"))


def run(args: argparse.Namespace) -> int:
    path = demo_path() if args.command == "demo" else Path(args.path)
    if not path.exists():
        print(f"nianbao: {path}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    from nianbao.tui.app import NianbaoApp

    NianbaoApp(path, jobs=args.jobs).run()
    return EXIT_OK
