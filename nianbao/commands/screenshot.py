"""``nianbao screenshot PATH -o OUT.svg [--view overview|years|report]``: the full TUI on
PATH, rendered with no terminal: the report (the default), the folder overview, or an
agency's years side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from nianbao.parser.outputs.outfile import output_problem, write_atomically

    path = Path(args.path)
    output = Path(args.output)
    size: tuple[int, int] = args.size
    if not path.exists():
        return diagnostics.no_such_path(path)
    problem = output_problem(output, [path] if path.is_file() else [], force=args.force)
    if problem:
        return diagnostics.problem(problem)
    from nianbao.tui.shoot import render_svg

    write_atomically(output, render_svg(path, size, view=getattr(args, "view", "report")))
    diagnostics.wrote(output, *size)
    return EXIT_OK
