"""The ``nianbao`` command line: thin argument handling that dispatches to commands.

The TUI is imported only when it is asked for, so ``check`` and ``export`` start
without loading Textual. The language (``--lang`` on every command, else
NIANBAO_LANG, the TUI's saved setting, the locale) is chosen before the arguments
are parsed, so argparse's own words (usage, help, errors) are in it too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from nianbao import diagnostics
from nianbao.parser.i18n import _, choose_language, parse_language, set_language
from nianbao.parser.i18n.argparse_words import (
    ArgumentParser,
    language_in_argv,
    translate_argparse,
)
from nianbao.version import version

COMMANDS = ("check", "export", "rules", "demo", "screenshot", "serve", "tui")


class _Parser(ArgumentParser):
    """argparse in the chosen language, with its errors said through
    :mod:`nianbao.diagnostics` (made safe)."""

    def error(self, message: str) -> NoReturn:
        diagnostics.usage_error(self, message)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected WIDTHxHEIGHT, got {text}").format(text=repr(text))) from None
    if width < 20 or height < 10:
        raise argparse.ArgumentTypeError(_("the size must be at least 20x10"))
    return width, height


def _codes(text: str) -> list[str]:
    return [code.strip().upper() for code in text.split(",") if code.strip()]


def _language(text: str) -> str:
    chosen = parse_language(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(
            _("unknown language {value}: expected zh or en").format(value=repr(text)))
    return chosen


def _add_language(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--lang", type=_language, default=default, metavar="{zh,en}",
        help=_("language of messages and screens: zh or en (default: NIANBAO_LANG, "
               "the saved setting, the locale)"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nianbao",
        description=_("Inspect 政府信息公开工作年度报告: rebuild the sections and tables, and "
                      "explain every inconsistency. Without a command, opens the TUI on PATH "
                      "(default: the current folder)."),
    )
    parser.add_argument("--version", action="version", version=f"nianbao {version()}",
                        help=_("show the version and exit"))
    _add_language(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        found = sub.add_parser(name, help=text, description=text)
        # SUPPRESS: a --lang given before the command is not overwritten by a default.
        _add_language(found, default=argparse.SUPPRESS)
        return found

    tui = command("tui", _("open the TUI on a file or a folder (the default command)"))
    tui.add_argument("path", nargs="?", default=".", help=_("a report or a folder of reports"))
    _add_jobs(tui, _("worker processes for a big folder's badges (default: all cores)"))
    _add_review_file(tui)
    tui.add_argument("--read-only", action="store_true",
                     help=_("write no file: no review marks, no export, no editor "
                            "(always so when served in a browser)"))
    tui.add_argument("--watch", choices=("auto", "notify", "poll", "off"), default=None,
                     help=_("how the folder stays current: the system's notifications, "
                            "polling (network folders), or not at all (default: auto, "
                            "or NIANBAO_WATCH)"))

    demo = command("demo", _("open the TUI on the sample reports shipped with nianbao"))
    _add_jobs(demo, _("worker processes for the badges (default: all cores)"))
    _add_review_file(demo)

    check = command("check", _("validate reports and print the findings"))
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help=_("files or folders (recursed)"))
    check.add_argument("--format",
                       choices=("text", "json", "github", "sarif", "csv", "xlsx", "html"),
                       default="text", help=_("output format (default: text)"))
    check.add_argument("--select", type=_codes, default=None, metavar="CODES",
                       help=_("only these rule codes or prefixes, e.g. A,X001"))
    check.add_argument("--ignore", type=_codes, default=None, metavar="CODES",
                       help=_("skip these rule codes or prefixes"))
    check.add_argument("--exit-zero", action="store_true",
                       help=_("exit 0 even when errors are found"))
    check.add_argument("--statistics", action="store_true",
                       help=_("print a count per rule code instead of the findings"))
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help=_("colour the text output (default: auto, on a terminal)"))
    _add_review_options(check)
    _add_output_options(check)
    _add_batch_options(check)

    export = command("export", _("print the parsed model as JSON, JSON lines or CSV, or the "
                                  "text that was checked"))
    export.add_argument("paths", nargs="+", metavar="PATH",
                        help=_("files or folders (recursed)"))
    export.add_argument("--format", choices=("json", "jsonl", "csv", "text"), default="json",
                        help=_("output format (default: json); text: the text that was "
                               "checked, a PDF's, Word file's or web page's rendering"))
    export.add_argument("-o", "--output", metavar="FILE",
                        help=_("write here instead of stdout"))
    export.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    _add_batch_options(export)

    serve = command("serve", _("serve the TUI in a web browser, read-only (needs textual-serve)"))
    serve.add_argument("path", nargs="?", default=".", help=_("a report or a folder of reports"))
    serve.add_argument("--host", default="127.0.0.1",
                       help=_("the address to listen on (default: 127.0.0.1, this machine "
                              "only; 0.0.0.0 for every network)"))
    serve.add_argument("--port", type=int, default=8000, help=_("the port (default: 8000)"))
    serve.add_argument("--public-url", default=None, metavar="URL",
                       help=_("the address browsers reach the server at, when it is not "
                              "http://HOST:PORT (behind a proxy)"))

    rules = command("rules", _("list the rules, or explain one"))
    rules.add_argument("code", nargs="?", help=_("a rule code such as A002"))
    rules.add_argument("--format", choices=("text", "json"), default="text",
                       help=_("output format (default: text)"))

    shot = command("screenshot", _("render the TUI on PATH to an SVG file"))
    shot.add_argument("path", help=_("a report or a folder of reports"))
    shot.add_argument("-o", "--output", required=True, metavar="OUT.svg",
                      help=_("the SVG file to write"))
    shot.add_argument("--size", type=_size, default=(120, 40), metavar="WxH",
                      help=_("the terminal size to render (default: 120x40)"))
    shot.add_argument("--force", action="store_true",
                      help=_("overwrite OUT.svg if it exists"))
    shot.add_argument("--view", choices=("report", "overview", "years"), default="report",
                      help=_("what to render: the first report (default), the folder "
                             "overview (o), or an agency's years side by side (Y)"))
    return parser


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    from nianbao.parser.i18n import _

    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help=_("write here instead of stdout (never over a report)"))
    parser.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))


def _add_review_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--review-file", metavar="FILE", default=None,
        help=_("where review marks are kept (default: nianbao-review.json in the folder "
               "opened); for a folder you cannot write to"))


def _add_review_options(parser: argparse.ArgumentParser) -> None:
    from nianbao.parser.i18n import _

    parser.add_argument(
        "--review-file", metavar="FILE", default=None,
        help=_("the review file to honour (default: nianbao-review.json beside the reports); "
               "for a folder you cannot write to"))
    parser.add_argument("--no-review", action="store_true",
                        help=_("ignore the review file: report accepted findings too"))


def _add_jobs(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help=text)


def _add_batch_options(parser: argparse.ArgumentParser) -> None:
    _add_jobs(parser, _("worker processes for many files (default: all cores)"))
    parser.add_argument("--max-size", type=int, default=None, metavar="MB",
                        help=_("skip files larger than this many megabytes (default: 64)"))


def _with_default_command(argv: list[str]) -> list[str]:
    """``nianbao [--lang L] PATH`` is the TUI: a first word (after ``--lang``) that is no
    command and no option is its path."""
    index = 0
    while index < len(argv):
        if argv[index] == "--lang":
            index += 2
        elif argv[index].startswith("--lang="):
            index += 1
        else:
            break
    rest = argv[index:]
    if not rest or (rest[0] not in COMMANDS and not rest[0].startswith("-")):
        return [*argv[:index], "tui", *rest]
    return argv


def _choose_language(argv: Sequence[str]) -> None:
    """The language, before argparse speaks. An unknown ``--lang`` is left to argparse,
    which says so in the language the environment chooses."""
    given = language_in_argv(argv)
    try:
        chosen = choose_language(given if parse_language(given) else None)
    except ValueError:
        chosen = choose_language(None)
    set_language(chosen)
    translate_argparse()


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # ``nianbao PATH`` is the TUI; a first word that is no command is its path.
    args_list = _with_default_command(args_list)
    _choose_language(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.lang is not None:  # an abbreviation (``--la zh``) the first look did not see
        set_language(args.lang)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return diagnostics.EXIT_INTERRUPTED
    except BrokenPipeError:
        return diagnostics.reader_went_away()


def _dispatch(args: argparse.Namespace) -> int:
    command: str = args.command
    if command == "check":
        from nianbao.commands.check import run as run_check

        return run_check(args)
    if command == "export":
        from nianbao.commands.export import run as run_export

        return run_export(args)
    if command == "serve":
        from nianbao.commands.serve import run as run_serve

        return run_serve(args)
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
