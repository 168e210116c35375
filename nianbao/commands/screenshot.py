"""``nianbao screenshot PATH -o OUT.svg [--view overview|years|report]``: the full TUI on
PATH, rendered with no terminal: the report (the default), the folder overview, or an
agency's years side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2


def run(args: argparse.Namespace) -> int:
    from nianbao.parser.outputs.outfile import output_problem, write_atomically

    path = Path(args.path)
    output = Path(args.output)
    size: tuple[int, int] = args.size
    if not path.exists():
        print(f"nianbao: {path}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    problem = output_problem(output, [path] if path.is_file() else [], force=args.force)
    if problem:
        print(f"nianbao: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from nianbao.tui.shoot import render_svg

    write_atomically(output, render_svg(path, size, view=getattr(args, "view", "report")))
    print(f"nianbao: wrote {output} ({size[0]}x{size[1]})", file=sys.stderr)
    return EXIT_OK
