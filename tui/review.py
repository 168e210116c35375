"""The TUI's side of review marks: which findings of a report a reviewer accepted.

Plain functions over the core's :mod:`nianbao.parser.review` (no Textual here), so
the badge worker can count a folder's open findings off the UI thread and the
screen can ask again for the open report after a mark is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.tui.loader import Checked, Loaded, Summary, checked, count

if TYPE_CHECKING:
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.review.book import Mark, ReviewBook
    from nianbao.parser.review.subject import Facts, Subject
    from nianbao.parser.rules.context import YearView


@dataclass
class ReviewState:
    """The review file the TUI reads and writes, and what it knows of it."""

    path: Path
    book: ReviewBook | None = None  # None until read
    error: str | None = None  # why it could not be read
    read_only: bool = False  # served in a browser: no marks written
    # What the cross-year findings rest on, from the reports' views (by path).
    cross_facts: dict[str, Facts] = field(default_factory=dict)


def review_file(root: Path, explicit: Path | None) -> Path:
    """``--review-file``, else ``nianbao-review.json`` in the folder opened."""
    from nianbao.parser.review.book import REVIEW_FILE

    return explicit if explicit is not None else root / REVIEW_FILE


def read_book(path: Path) -> tuple[ReviewBook, str | None]:
    """The marks of ``path`` (none when it does not exist yet), and why not if unreadable."""
    from nianbao.parser.review.book import ReviewBook, ReviewFileError

    try:
        return ReviewBook.read(path), None
    except ReviewFileError as error:
        return ReviewBook(), str(error)


def facts_of_views(views: Iterable[YearView]) -> dict[str, Facts]:
    from nianbao.parser.review.subject import Facts

    return {view.path: Facts.of_view(view) for view in views}


def cross_subject(finding: Finding, cross_facts: Mapping[str, Facts]) -> Subject:
    """A cross-year finding's subject: ``nianbao check`` keys it from the reports'
    views, so the TUI does too."""
    from nianbao.parser.review.subject import subject_of

    return subject_of(finding, cross_facts[finding.path], cross_facts)


def subject(loaded: Loaded, finding: Finding, cross_facts: Mapping[str, Facts]) -> Subject:
    """What ``finding`` of ``loaded`` is about, as ``nianbao check`` keys it."""
    from nianbao.parser.review.subject import Facts, subject_of

    path = str(loaded.path)
    if finding in loaded.cross and finding.path in cross_facts:
        return cross_subject(finding, cross_facts)
    here = Facts.of_report(loaded.report) if loaded.report is not None \
        else Facts.unread(path)
    return subject_of(finding, here, cross_facts)


def accepted(loaded: Loaded, book: ReviewBook | None,
             cross_facts: Mapping[str, Facts]) -> dict[Finding, Mark]:
    """The findings of ``loaded`` a mark accepts, with their marks."""
    if book is None or not len(book):
        return {}
    out: dict[Finding, Mark] = {}
    for finding in loaded.findings:
        mark = book.match(subject(loaded, finding, cross_facts))
        if mark is not None:
            out[finding] = mark
    return out


def open_findings(loaded: Loaded, marks: Mapping[Finding, Mark]) -> list[Finding]:
    """The findings of ``loaded`` alone (without those across reports) no mark accepts."""
    return [f for f in loaded.findings if f not in loaded.cross and f not in marks]


def open_summaries(loaded: Loaded, marks: Mapping[Finding, Mark]
                   ) -> tuple[Summary, ReportSummary]:
    """The badge of ``loaded`` alone and what the folder views keep of it, both
    counting (and, for the views, listing by code) only what no mark accepts."""
    found = open_findings(loaded, marks)
    return (Summary(count(found), loaded.unreadable),
            loaded.own_report_summary().counting(found))


def open_cross(findings: Iterable[Finding], marks: Mapping[Finding, Mark]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f not in marks)


def badge(loaded: Loaded, book: ReviewBook | None, *, keep: bool) -> Checked:
    """What the badge worker posts of ``loaded``: with ``book``, its open findings
    counted (those a mark accepts left out); ``keep``: with the report itself."""
    found = checked(loaded, keep=keep)
    if book is None:
        return found
    summary, report_summary = open_summaries(loaded, accepted(loaded, book, {}))
    return replace(found, summary=summary, report_summary=report_summary)
