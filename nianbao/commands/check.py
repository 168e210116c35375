"""``nianbao check``: validate reports and print the findings.

Exit status (docs/formats.md): 0 when no finding of severity error, 1 when
at least one (0 with ``--exit-zero``), 2 for a usage error or a path that could
not be read at all — the other paths are still checked. A file that is read but
is not a report (binary, empty, undecodable) is an E001 finding, not an error.

Each file is read, parsed, checked and its findings rendered in one worker call
(:func:`check_path`, spread over the cores by :mod:`nianbao.parser.core.pool`); what comes
back is the rendered text, the codes, and the small :class:`YearView` the
cross-year rules need. So a folder of thousands of reports never holds their
texts or models in one process, and the output order is the order of the paths.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from nianbao import diagnostics
from nianbao.diagnostics import EXIT_FINDINGS, EXIT_OK
from nianbao.parser.core.check import (
    DEFAULT_MAX_BYTES,
    MB,
    Options,
    check_across,
    check_file,
    rules_for,
)
from nianbao.parser.core.files import collect
from nianbao.parser.i18n import _, language, ngettext, set_language
from nianbao.parser.model.findings import SEVERITY_RANK, Finding, Severity
from nianbao.parser.outputs.outfile import output_problem, write_atomically
from nianbao.parser.outputs.sources import Checked, SourceMap, Sources, finding_ranges
from nianbao.parser.review.book import (
    Mark,
    ReviewBook,
    ReviewFileError,
    default_review_file,
    marks_for,
    read_marks,
)
from nianbao.parser.review.subject import Facts
from nianbao.parser.rules.catalog import INDEX, UnknownRuleError, all_rules, enabled_rules
from nianbao.parser.rules.context import YearView
from nianbao.parser.rules.rule import Rule

# The formats that show source text (text) or quote it (SARIF's fingerprints).
_WITH_TEXT = ("text", "sarif")
# The findings report to send (parser/outputs/findings_report.py), made apart.
REPORT_FORMATS = ("csv", "xlsx", "html")

_SEPARATOR = "\x1e"  # never in rendered output: every format escapes control characters


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to know; picklable."""

    options: Options
    fmt: str  # text, json, github, sarif, or statistics
    color: bool = False
    width: int = 100
    # The language of the messages: a worker process (spawn, forkserver) does not
    # inherit the parent's, so each sets it from here.
    language: str = "en"
    # The review files whose accepted findings are left out (shown as suppressions
    # in SARIF); each worker reads them once.
    review: tuple[str, ...] = ()


@dataclass
class FileResult:
    """What a worker sends back for one path, kept small for folders of thousands.

    The rendered findings travel compressed, with a packed sort key each (see
    :func:`pack_key`), so findings added later by the cross-year rules can be
    merged in order; ``codes`` holds rule indexes for the statistics and exit status.
    """

    path: str
    blob: bytes = b""
    keys: array[int] = field(default_factory=lambda: array("Q"))
    codes: array[int] = field(default_factory=lambda: array("H"))
    view: YearView | None = None
    view_source: SourceMap | None = None  # where the view's cells are, for Y findings
    error: str | None = None  # the path could not be read at all
    accepted: int = 0  # findings left out because the review file accepts them

    def items(self) -> list[str]:
        return zlib.decompress(self.blob).decode("utf-8").split(_SEPARATOR) if self.blob else []

    def store(self, keyed: list[tuple[int, str]]) -> None:
        keyed.sort(key=lambda item: item[0])  # stable: equal keys keep the checker's order
        self.keys = array("Q", (key for key, _ in keyed))
        texts = [text for _, text in keyed]
        self.blob = zlib.compress(_SEPARATOR.join(texts).encode("utf-8"), 1) if texts else b""

    def code_list(self) -> list[str]:
        rules = all_rules()
        return [rules[index].code for index in self.codes]


def pack_key(finding: Finding) -> int:
    """The one order of findings (``finding_order``) as one integer: findings come from
    the core in that order, and a stable sort keeps it for ties."""
    start = finding.start + 1 if finding.start is not None else 0
    return SEVERITY_RANK[finding.severity] << 58 | min(start, (1 << 42) - 1) << 16 | \
        INDEX[finding.code]


class Renderer:
    """One finding as output text, in the job's format."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._paint = None
        if job.fmt == "text":
            from nianbao.parser.outputs.text import Painter

            self._paint = Painter(job.color)

    def __call__(self, finding: Finding, sources: Sources, mark: Mark | None = None) -> str:
        fmt = self.job.fmt
        if fmt == "json":
            from nianbao.parser.outputs.machine import json_item

            return json_item(finding, sources)
        if fmt == "github":
            from nianbao.parser.outputs.machine import github_item

            return github_item(finding, sources)
        if fmt == "sarif":
            from nianbao.parser.outputs.machine import sarif_item

            return sarif_item(finding, sources, mark)
        if fmt == "text":
            from nianbao.parser.outputs.text import format_finding

            assert self._paint is not None
            return self._paint(format_finding(finding, sources, width=self.job.width))
        return ""  # statistics: only the codes count


_RENDERERS: dict[Job, Renderer] = {}


def review_book(paths: tuple[str, ...]) -> ReviewBook:
    """The marks of the review files ``paths`` (raises :class:`ReviewFileError`)."""
    return ReviewBook.cached(paths)


def _setup(job: Job) -> tuple[Sequence[Rule], Renderer]:
    renderer = _RENDERERS.get(job)
    if renderer is None:
        renderer = _RENDERERS[job] = Renderer(job)
    return rules_for(job.options.codes), renderer


def check_path(path: str, job: Job) -> FileResult:
    """Check and render one file through the core; never raises (runs in a worker)."""
    if language() != job.language:
        set_language(job.language)
    outcome = check_file(path, job.options)
    if outcome.error is not None:
        return FileResult(path, error=f"{path}: {outcome.error}")
    _rules, render = _setup(job)
    report, findings = outcome.report, list(outcome.findings)
    marks: list[Mark | None] = [None] * len(findings)
    if job.review and findings:
        try:
            book = review_book(job.review)
        except ReviewFileError as error:
            return FileResult(path, error=str(error))
        marks = marks_for(findings, book,
                          Facts.of_report(report) if report is not None else Facts.unread(path))
    sources = Sources([Checked(path, None, findings)])
    if report is not None and findings and job.fmt != "statistics":
        ranges = finding_ranges(findings)
        source = SourceMap.build(report.line_index, [o for pair in ranges for o in pair],
                                 texts=job.fmt in _WITH_TEXT, report=report, ranges=ranges)
        sources = Sources([Checked(path, source, findings)])
    result = _result(path, findings, marks, sources, render, job)
    view = outcome.view
    if report is not None and view is not None and view.agency_key and view.year:
        result.view = view
        offsets = view.offsets()
        result.view_source = SourceMap.build(report.line_index, offsets,
                                             texts=job.fmt in _WITH_TEXT, report=report,
                                             ranges=[(o, o + 1) for o in offsets])
    return result


def _result(path: str, findings: list[Finding], marks: list[Mark | None], sources: Sources,
            render: Renderer, job: Job) -> FileResult:
    """Only findings no mark accepts count (``codes``); SARIF lists the accepted ones too,
    with their suppression."""
    result = FileResult(path, codes=array("H", (INDEX[f.code] for f, m in zip(
        findings, marks, strict=True) if m is None)))
    result.accepted = len(findings) - len(result.codes)
    if job.fmt != "statistics":
        result.store([(pack_key(f), render(f, sources, m))
                      for f, m in zip(findings, marks, strict=True) if m is None or shows_accepted(job)])
    return result


def shows_accepted(job: Job) -> bool:
    """Formats that list accepted findings, marked as such."""
    return job.fmt == "sarif"


def run(args: argparse.Namespace) -> int:
    from nianbao.parser.core.pool import map_paths
    from nianbao.progress import with_progress

    try:
        rules = enabled_rules(args.select, args.ignore)
    except UnknownRuleError as error:
        return diagnostics.problem(str(error), "check")
    if args.max_size is not None and args.max_size <= 0:
        return diagnostics.max_size_not_positive("check")
    fmt: str = "statistics" if args.statistics else args.format
    terminal = sys.stdout.isatty()
    # NO_COLOR (no-color.org) and FORCE_COLOR as most tools read them.
    color = args.color == "always" or (args.color == "auto" and "NO_COLOR" not in os.environ and (
        bool(os.environ.get("FORCE_COLOR")) or (terminal and os.environ.get("TERM") != "dumb")))
    width = 100
    if terminal:
        width = max(40, shutil.get_terminal_size((108, 24)).columns - 8)
    options = Options(max_bytes=DEFAULT_MAX_BYTES if args.max_size is None else args.max_size * MB,
                      codes=tuple(rule.code for rule in rules))
    review = review_files(args)
    try:
        if review and getattr(args, "review_file", None) is not None:
            read_marks(Path(review[0]), missing_ok=False)  # a name mistyped is an error
        book = review_book(review)
    except ReviewFileError as error:
        return diagnostics.problem(str(error), "check")
    job = Job(options, fmt=fmt, color=color, width=width, review=review,
              language=language())

    collected = collect(args.paths)
    status = EXIT_OK
    output: str | None = getattr(args, "output", None)
    if output is not None:
        # Never over a report, nor over the review file being honoured.
        problem = output_problem(Path(output), [*collected.files, *map(Path, review)],
                                 force=args.force)
        if problem:
            return diagnostics.problem(problem, "check")
    elif fmt == "xlsx" and sys.stdout.isatty():
        return diagnostics.problem(_("--format xlsx writes a binary file: give -o FILE"),
                                   "check")
    for message in collected.errors:
        status = diagnostics.problem(message)
    if fmt in REPORT_FORMATS:
        return _run_report(args, options, review, [str(p) for p in collected.files], status)

    results: list[FileResult] = []
    paths = [str(p) for p in collected.files]
    for result in with_progress(map_paths(check_path, paths, (job,), jobs=args.jobs),
                                len(paths)):
        if result.error is not None:
            status = diagnostics.problem(result.error)
            continue
        results.append(result)
    _add_cross_year(results, rules, job, book)

    if output is None:
        _print(args, job, results, sys.stdout)
    else:
        buffer = io.StringIO()
        _print(args, job, results, buffer)
        write_atomically(Path(output), buffer.getvalue())
    rules_by_index = all_rules()
    if status == EXIT_OK and not args.exit_zero and any(
            rules_by_index[index].severity == "error" for result in results
            for index in result.codes):
        status = EXIT_FINDINGS
    return status


def review_files(args: argparse.Namespace) -> tuple[str, ...]:
    """The review files ``check`` honours: ``--review-file``, else the one beside each
    PATH (in a folder given, or in a file's folder) that exists; none with ``--no-review``."""
    if getattr(args, "no_review", False):
        return ()
    explicit: str | None = getattr(args, "review_file", None)
    if explicit is not None:
        return (explicit,)
    found: list[str] = []
    for raw in args.paths:
        candidate = default_review_file(Path(raw))
        if candidate.is_file() and str(candidate) not in found:
            found.append(str(candidate))
    return tuple(found)


def _add_cross_year(results: Sequence[FileResult], rules: Sequence[Rule], job: Job,
                    book: ReviewBook) -> None:
    views = [r.view for r in results if r.view is not None]
    extra = check_across(views, job.options.codes)
    if not extra:
        return
    _rules, render = _setup(job)
    sources = Sources([Checked(r.path, r.view_source, []) for r in results])
    by_path = {r.path: r for r in results}
    facts = {view.path: Facts.of_view(view) for view in views}
    for path, findings in extra.items():
        result = by_path[path]
        marks = marks_for(findings, book, facts[path], facts)
        result.codes.extend(INDEX[f.code] for f, m in zip(findings, marks, strict=True)
                            if m is None)
        result.accepted += sum(1 for m in marks if m is not None)
        if job.fmt != "statistics":
            keyed = list(zip(result.keys, result.items(), strict=True))
            keyed += [(pack_key(f), render(f, sources, m))
                      for f, m in zip(findings, marks, strict=True)
                      if m is None or shows_accepted(job)]
            result.store(keyed)


def _run_report(args: argparse.Namespace, options: Options, review: tuple[str, ...],
                paths: list[str], status: int) -> int:
    """``--format csv|xlsx|html``: the findings report, accepted findings marked as such."""
    from nianbao.parser.core.listing import FileRows, add_across, iter_file_rows
    from nianbao.parser.outputs.findings_report import (
        MissingLibrary,
        csv_text,
        html_text,
        xlsx_bytes,
    )
    from nianbao.progress import with_progress

    fmt: str = args.format
    excerpts = fmt == "html"
    results: list[FileRows] = []
    for result in with_progress(iter_file_rows(paths, options, review, excerpts=excerpts,
                                               jobs=args.jobs), len(paths)):
        if result.error is not None:
            status = diagnostics.problem(result.error)
        else:
            results.append(result)
    add_across(results, options, review, excerpts=excerpts)
    rows = [row for result in results for row in result.rows]
    data: str | bytes
    try:
        data = (csv_text(rows) if fmt == "csv" else html_text(rows) if fmt == "html"
                else xlsx_bytes(rows))
    except MissingLibrary as error:
        return diagnostics.problem(str(error), "check")
    output: str | None = args.output
    if output is not None:
        write_atomically(Path(output), data)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()
    if status == EXIT_OK and not args.exit_zero and any(
            row.severity == "error" and row.review == "open" for row in rows):
        status = EXIT_FINDINGS
    return status


def _print(args: argparse.Namespace, job: Job, results: Sequence[FileResult],
           out: TextIO) -> None:
    if job.fmt == "statistics":
        from nianbao.parser.outputs.machine import dumps, format_statistics_text, statistics

        rows = statistics([code for result in results for code in result.code_list()])
        out.write(dumps(rows) if args.format == "json" else format_statistics_text(rows))
        out.flush()
        return
    items = (text for result in results for text in result.items())
    if job.fmt == "json":
        from nianbao.parser.outputs.machine import write_json

        write_json(out, items)
    elif job.fmt == "github":
        from nianbao.parser.outputs.machine import write_github

        write_github(out, items)
    elif job.fmt == "sarif":
        from nianbao.parser.outputs.machine import write_sarif
        from nianbao.version import version

        write_sarif(out, items, version())
    else:
        from nianbao.parser.outputs.text import Painter, summary

        for text in items:
            out.write(text)
            out.write("\n")
        if not results:
            return  # every path failed (said on stderr): "all checks passed" would mislead
        rules = all_rules()
        counts: Counter[Severity] = Counter(rules[i].severity for r in results for i in r.codes)
        with_findings = sum(1 for r in results if r.codes)
        out.write(Painter(job.color)(summary(counts, with_findings, len(results))) + "\n")
        accepted = sum(r.accepted for r in results)
        if accepted:
            out.write(ngettext(
                "{n} finding accepted in the review file is left out (--no-review shows it).",
                "{n} findings accepted in the review file are left out (--no-review shows them).",
                accepted).format(n=accepted) + "\n")
    out.flush()
