"""``nianbao check``: validate reports and print the findings.

Exit status (``spec/contract.md``): 0 when no finding of severity error, 1 when
at least one (0 with ``--exit-zero``), 2 for a usage error or a path that could
not be read at all — the other paths are still checked. A file that is read but
is not a report (binary, empty, undecodable) is an E001 finding, not an error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from parser.checker import (
    cross_year_findings,
    enabled_rules,
    run_rules,
    sort_findings,
    unreadable_finding,
)
from parser.errors import ReportError
from parser.files import collect
from parser.findings import Finding
from parser.output import Checked
from parser.read import DEFAULT_MAX_BYTES, parse_bytes
from parser.rules.context import YearView, year_view
from parser.rules.registry import Rule, UnknownRuleError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


@dataclass
class FileResult:
    """What a worker sends back for one path: small and picklable."""

    path: str
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
    view: YearView | None = None
    error: str | None = None  # the path could not be read at all


def check_path(path: str, max_bytes: int, codes: tuple[str, ...]) -> FileResult:
    """Read, parse and check one file; never raises (runs in a worker process)."""
    try:
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            return FileResult(path, error=f"{path}: cannot read the file "
                                          f"({error.strerror or error})")
        if len(data) > max_bytes:
            return FileResult(path, error=f"{path}: larger than the {max_bytes / 1e6:.0f} MB "
                                          "limit (--max-size); not checked")
        rules = _rules(codes)
        try:
            report = parse_bytes(data, path)
        except ReportError as error:
            found = [unreadable_finding(error)] if "E001" in codes else []
            return FileResult(path, findings=found)
        findings = run_rules(report, rules)
        view = year_view(report) if any(r.scope == "years" for r in rules) else None
        return FileResult(path, text=report.text, findings=findings, view=view)
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a folder
        return FileResult(path, error=f"{path}: internal error while checking "
                                      f"({type(error).__name__}: {error}); please report it")


_RULE_CACHE: dict[tuple[str, ...], list[Rule]] = {}


def _rules(codes: tuple[str, ...]) -> list[Rule]:
    rules = _RULE_CACHE.get(codes)
    if rules is None:
        rules = _RULE_CACHE[codes] = enabled_rules(list(codes)) if codes else []
    return rules


def run(args: argparse.Namespace) -> int:
    from parser.batch import map_paths

    try:
        rules = enabled_rules(args.select, args.ignore)
    except UnknownRuleError as error:
        print(f"nianbao check: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.max_size is not None and args.max_size <= 0:
        print("nianbao check: --max-size must be a positive number of megabytes",
              file=sys.stderr)
        return EXIT_USAGE
    codes = tuple(rule.code for rule in rules)
    max_bytes = DEFAULT_MAX_BYTES if args.max_size is None else args.max_size * 1024 * 1024

    collected = collect(args.paths)
    status = EXIT_OK
    for message in collected.errors:
        print(f"nianbao: {message}", file=sys.stderr)
        status = EXIT_USAGE

    results = list(map_paths(check_path, [str(p) for p in collected.files],
                             (max_bytes, codes), jobs=args.jobs))
    checked: list[Checked] = []
    views: list[YearView] = []
    for result in results:
        if result.error is not None:
            print(f"nianbao: {result.error}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        checked.append(Checked(result.path, result.text, result.findings))
        if result.view is not None:
            views.append(result.view)
    extra = cross_year_findings(views, rules)
    for item in checked:
        if item.path in extra:
            item.findings = sort_findings([*item.findings, *extra[item.path]])

    _print(args, checked)
    if status == EXIT_OK and not args.exit_zero and any(
            f.severity == "error" for item in checked for f in item.findings):
        status = EXIT_FINDINGS
    return status


def _print(args: argparse.Namespace, checked: Sequence[Checked]) -> None:
    fmt: str = args.format
    out = sys.stdout
    if args.statistics:
        from parser.output.machine import dumps, format_statistics_text, statistics

        rows = statistics(checked)
        out.write(dumps(rows) if fmt == "json" else format_statistics_text(rows))
        out.flush()
        return
    if fmt == "json":
        from parser.output.machine import format_json

        out.write(format_json(checked))
    elif fmt == "github":
        from parser.output.machine import format_github

        out.write(format_github(checked))
    elif fmt == "sarif":
        from parser.cli import _version
        from parser.output.machine import format_sarif

        out.write(format_sarif(checked, _version()))
    else:
        _print_text(args, checked)
    out.flush()


def _print_text(args: argparse.Namespace, checked: Sequence[Checked]) -> None:
    from rich.console import Console

    from parser.output.text import DEFAULT_WIDTH, format_text

    color: str = args.color
    terminal = sys.stdout.isatty()
    width = DEFAULT_WIDTH
    if terminal:
        width = max(40, shutil.get_terminal_size((DEFAULT_WIDTH + 8, 24)).columns - 8)
    console = Console(
        file=sys.stdout,
        force_terminal=True if color == "always" else (False if color == "never" else None),
        no_color=color == "never" or (color == "auto" and "NO_COLOR" in os.environ),
        color_system="standard" if color == "always" and not terminal else "auto",
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        width=10_000,
    )
    for text in format_text(checked, width=width):
        console.print(text, end="\n")
