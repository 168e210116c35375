"""Every finding of many reports as rows of the findings report, reviewed.

``nianbao check --format csv|xlsx|html`` and the TUI's export both call this: each
file read and checked through :func:`~nianbao.parser.core.check.check_file` (on
every core for a folder), its findings matched against the review file, turned
into :class:`~nianbao.parser.outputs.findings_report.Row` in the worker; then the
findings across years, from the reports' small cross-year views.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from nianbao.parser.core.check import Options, check_across, check_file
from nianbao.parser.core.pool import map_paths
from nianbao.parser.i18n import language, set_language
from nianbao.parser.outputs.findings_report import Row, rows_of
from nianbao.parser.outputs.sources import Checked, SourceMap, Sources, finding_ranges
from nianbao.parser.review.book import ReviewBook, ReviewFileError, marks_for
from nianbao.parser.review.subject import Facts
from nianbao.parser.rules.context import YearView


@dataclass
class FileRows:
    """One file's rows, and what the findings across years need of it."""

    path: str
    rows: list[Row] = field(default_factory=list)
    view: YearView | None = None
    view_source: SourceMap | None = None
    error: str | None = None  # the path could not be read at all: one line with the path


def file_rows(path: str, options: Options, review: tuple[str, ...],
              excerpts: bool = False, lang: str | None = None) -> FileRows:
    """Check ``path`` and make its rows; never raises (runs in a worker).

    ``lang``: the language of the messages; a worker process does not inherit it.
    """
    if lang is not None and language() != lang:
        set_language(lang)
    outcome = check_file(path, options)
    if outcome.error is not None:
        return FileRows(path, error=f"{path}: {outcome.error}")
    report, findings = outcome.report, list(outcome.findings)
    facts = Facts.of_report(report) if report is not None else Facts.unread(path)
    try:
        book = ReviewBook.cached(review) if review else ReviewBook()
    except ReviewFileError as error:
        return FileRows(path, error=str(error))
    marks = marks_for(findings, book, facts)
    source = None
    if report is not None:
        ranges = finding_ranges(findings)
        source = SourceMap.build(report.line_index, [o for pair in ranges for o in pair],
                                 texts=excerpts, report=report, ranges=ranges)
    template = report.meta.template if report is not None else None
    result = FileRows(path, rows_of(findings, marks, Sources([Checked(path, source, findings)]),
                                    facts, template, excerpts=excerpts))
    view = outcome.view
    if report is not None and view is not None and view.agency_key and view.year:
        result.view = view
        offsets = view.offsets()
        result.view_source = SourceMap.build(report.line_index, offsets, texts=excerpts,
                                             report=report,
                                             ranges=[(o, o + 1) for o in offsets])
    return result


def iter_file_rows(paths: Sequence[str], options: Options, review: tuple[str, ...], *,
                   excerpts: bool = False, jobs: int = 0) -> Iterator[FileRows]:
    """:func:`file_rows` of every path, in the order of ``paths``, on every core."""
    return map_paths(file_rows, paths, (options, review, excerpts, language()), jobs=jobs)


def add_across(results: Sequence[FileRows], options: Options, review: tuple[str, ...], *,
               excerpts: bool = False) -> None:
    """Add the findings that need several reports at once (Y rules) to their files'
    rows, then put each file's rows in the one order."""
    views = [r.view for r in results if r.view is not None]
    extra = check_across(views, options.codes) if len(views) > 1 else {}
    if extra:
        book = ReviewBook.cached(review) if review else ReviewBook()
        sources = Sources([Checked(r.path, r.view_source, []) for r in results])
        facts = {view.path: Facts.of_view(view) for view in views}
        by_path = {r.path: r for r in results}
        for path, findings in extra.items():
            here = facts[path]
            marks = marks_for(findings, book, here, facts)
            view = by_path[path].view
            template = view.template if view is not None else None
            by_path[path].rows.extend(rows_of(findings, marks, sources, here, template, facts,
                                              excerpts=excerpts))
    for result in results:
        result.rows.sort(key=Row.order)


@dataclass
class Listing:
    rows: list[Row]
    errors: list[str]  # paths that could not be read at all, one line each
    files: int  # files checked


def findings_rows(paths: Sequence[str], options: Options, review: tuple[str, ...], *,
                  excerpts: bool = False, jobs: int = 0) -> Listing:
    """Every finding of ``paths`` as rows, in the order of the paths, then the one
    order of findings. Raises :class:`ReviewFileError` for a bad review file."""
    if review:
        ReviewBook.cached(review)
    results: list[FileRows] = []
    errors: list[str] = []
    for result in iter_file_rows(paths, options, review, excerpts=excerpts, jobs=jobs):
        if result.error is not None:
            errors.append(result.error)
        else:
            results.append(result)
    add_across(results, options, review, excerpts=excerpts)
    return Listing([row for r in results for row in r.rows], errors, len(results))
