"""The ``nianbao`` command line: thin argument handling that dispatches to commands.

The TUI is imported only when it is asked for, so ``check`` and ``export`` start
without loading Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from nianbao.parser.i18n import _
from nianbao.version import version

COMMANDS = ("check", "export", "rules", "demo", "screenshot", "tui")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if width < 20 or height < 10:
        raise argparse.ArgumentTypeError("the size must be at least 20x10")
    return width, height


def _codes(text: str) -> list[str]:
    return [code.strip().upper() for code in text.split(",") if code.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="Inspect 政府信息公开工作年度报告: rebuild the sections and tables, and explain "
        "every inconsistency. Without a command, opens the TUI on PATH (default: the current folder).",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tui = sub.add_parser("tui", help="open the TUI on a file or a folder (the default command)")
    tui.add_argument("path", nargs="?", default=".", help="a report or a folder of reports")
    _add_jobs(tui, "worker processes for a big folder's badges (default: all cores)")

    demo = sub.add_parser("demo", help="open the TUI on the sample reports shipped with nianbao")
    _add_jobs(demo, "worker processes for the badges (default: all cores)")

    check = sub.add_parser("check", help="validate reports and print the findings")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursed)")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    check.add_argument("--select", type=_codes, default=None, metavar="CODES",
                       help="only these rule codes or prefixes, e.g. A,X001")
    check.add_argument("--ignore", type=_codes, default=None, metavar="CODES",
                       help="skip these rule codes or prefixes")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when errors are found")
    check.add_argument("--statistics", action="store_true",
                       help="print a count per rule code instead of the findings")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _add_batch_options(check)

    export = sub.add_parser("export", help="print the parsed model as JSON, JSON lines or CSV")
    export.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursed)")
    export.add_argument("--format", choices=("json", "jsonl", "csv"), default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _add_batch_options(export)

    rules = sub.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("code", nargs="?", help="a rule code such as A002")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    shot = sub.add_parser("screenshot", help="render the TUI on PATH to an SVG file")
    shot.add_argument("path", help="a report or a folder of reports")
    shot.add_argument("-o", "--output", required=True, metavar="OUT.svg")
    shot.add_argument("--size", type=_size, default=(120, 40), metavar="WxH")
    shot.add_argument("--force", action="store_true", help="overwrite OUT.svg if it exists")
    shot.add_argument("--view", choices=("report", "overview", "years"), default="report",
                      help=_("what to render: the first report (default), the folder "
                             "overview (o), or an agency's years side by side (Y)"))
    return parser


def _add_jobs(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help=text)


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    _add_jobs(parser, "worker processes for many files (default: all cores)")
    parser.add_argument("--max-size", type=int, default=None, metavar="MB",
                        help="skip files larger than this many megabytes (default 64)")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # ``nianbao PATH`` is the TUI; a first word that is no command is its path.
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        args_list = ["tui", *args_list]
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); nothing more to say.
        sys.stderr.close()
        return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    command: str = args.command
    if command == "check":
        from nianbao.commands.check import run as run_check

        return run_check(args)
    if command == "export":
        from nianbao.commands.export import run as run_export

        return run_export(args)
    if command == "rules":
        from nianbao.commands.rules import run as run_rules

        return run_rules(args)
    if command == "screenshot":
        from nianbao.commands.screenshot import run as run_screenshot

        return run_screenshot(args)
    from nianbao.commands.tui import run as run_tui

    return run_tui(args)


if __name__ == "__main__":
    sys.exit(main())
