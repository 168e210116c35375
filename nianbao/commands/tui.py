"""``nianbao [PATH]`` and ``nianbao demo``: open the TUI (Textual is imported only here)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_OK


def demo_path() -> Path:
    """The sample reports shipped inside the package (a checkout mounts them too)."""
    from importlib.resources import files

    return Path(str(files("nianbao") / "sample_reports"))


def served() -> bool:
    """Running under a web server (textual-serve, ``textual serve``): Textual's web
    driver draws the app in a browser. Read-only then, whoever started it."""
    return "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")


def run(args: argparse.Namespace) -> int:
    path = demo_path() if args.command == "demo" else Path(args.path)
    if not path.exists():
        return diagnostics.no_such_path(path)
    from nianbao.tui.app import NianbaoApp

    review: str | None = getattr(args, "review_file", None)
    if review is None and args.command == "demo":
        # The samples live inside the installed package: marks go to the user's folder.
        from nianbao.parser.userdirs import config_dir

        review = str(config_dir() / "demo-review.json")
    read_only = bool(getattr(args, "read_only", False)) or served()
    NianbaoApp(path, jobs=args.jobs, review_file=review, read_only=read_only,
               watch=getattr(args, "watch", None)).run()
    return EXIT_OK
