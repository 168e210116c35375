"""Reading and checking one report, off the UI thread, into one immutable result.

Nothing here touches Textual: workers call :func:`load` and post what it returns.
The parser is imported inside the functions so that starting the TUI does not wait
for pydantic; the first worker pays for it while the screen is being drawn.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.errors import ReportError
    from nianbao.parser.model.findings import Finding, Severity
    from nianbao.parser.model.refs import CellRef
    from nianbao.parser.model.report import Report
    from nianbao.parser.rules.context import YearView

Signature = tuple[int, int]  # (mtime_ns, size): what "the file changed" means here


def signature(path: Path) -> Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Counts:
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


def count(findings: tuple[Finding, ...] | list[Finding]) -> Counts:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    return Counts(errors, warnings, len(findings) - errors - warnings)


@dataclass(frozen=True)
class Summary:
    """What a badge needs: a folder of hundreds keeps these, not the reports."""

    counts: Counts
    unreadable: bool

    def plus(self, findings: tuple[Finding, ...]) -> Summary:
        more = count(findings)
        return Summary(Counts(self.counts.errors + more.errors,
                              self.counts.warnings + more.warnings,
                              self.counts.infos + more.infos), self.unreadable)


@dataclass(frozen=True)
class Loaded:
    """A report and its findings, or why it could not be read."""

    path: Path
    report: Report | None
    findings: tuple[Finding, ...]
    # Why the file could not be read or checked, one line without the path (the
    # views name the file themselves, relative to the folder); None when all went well.
    error: str | None = None
    signature: Signature | None = None
    # Findings that came from checking several reports together (Y rules); kept
    # apart so a reload of this one file can carry them over.
    cross: tuple[Finding, ...] = field(default=())
    # What the cross-year rules compare of this report: a few kilobytes, so a folder
    # of ten thousand can be checked together without keeping ten thousand reports.
    view: YearView | None = None
    # What the folder views keep of this file, without the findings across reports
    # (computed where the file was read: a worker process sends back this much).
    summary: ReportSummary | None = None

    @property
    def unreadable(self) -> bool:
        return self.report is None

    @cached_property
    def counts(self) -> Counts:
        return count(self.findings)

    @property
    def own_summary(self) -> Summary:
        """The badge of this file alone, without the findings across reports."""
        own = [f for f in self.findings if f not in self.cross]
        return Summary(count(own), self.unreadable)

    @cached_property
    def by_cell(self) -> dict[CellRef, list[Finding]]:
        """A cell → the findings it takes part in, most severe first."""
        index: dict[CellRef, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            refs = list(finding.cells)
            refs.extend(r.cell for r in finding.related if r.cell and r.cell not in refs)
            for ref in refs:
                index[ref].append(finding)
        return dict(index)

    def cell_severity(self, ref: CellRef) -> Severity | None:
        found = self.by_cell.get(ref)
        return found[0].severity if found else None

    def section_key(self, finding: Finding) -> str:
        """Where a finding belongs in the section navigator."""
        report = self.report
        if finding.start is None or report is None:
            return "file"
        section = report.section_at(finding.start)
        if section is None:
            return "preamble" if finding.start < report.preamble_end or not report.sections \
                else f"s{report.sections[-1].number}"
        return f"s{section.number}"

    @cached_property
    def by_section(self) -> dict[str, Counts]:
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            grouped[self.section_key(finding)].append(finding)
        return {key: count(found) for key, found in grouped.items()}

    def with_cross(self, cross: tuple[Finding, ...]) -> Loaded:
        own = tuple(f for f in self.findings if f not in self.cross)
        return Loaded(self.path, self.report, _sorted(own + cross), self.error,
                      self.signature, cross, self.view, self.summary)

    def own_report_summary(self) -> ReportSummary:
        """The folder views' summary of this file alone (no findings across reports)."""
        if self.summary is not None:
            return self.summary
        from nianbao.parser.core.summary import summarize

        own = [f for f in self.findings if f not in self.cross]
        return summarize(str(self.path), self.report, own, self.error)


def _sorted(findings: tuple[Finding, ...] | list[Finding]) -> tuple[Finding, ...]:
    from nianbao.parser.rules.checker import finding_order

    return tuple(sorted(findings, key=finding_order))


@dataclass(frozen=True)
class Checked:
    """What the badge worker learns of a file.

    Its badge and what the cross-year rules compare of it (a few kilobytes); and
    the whole report when it was read in this process, kept so that opening it
    later is instant. A pool's worker process sends back only the rest: pickling
    the report, its findings and its text cost several times the file's size.
    """

    path: Path
    signature: Signature | None
    summary: Summary  # the file's own findings, without those across reports
    view: YearView | None
    loaded: Loaded | None = None
    # What the folder views show of the file (its own findings counted by rule).
    report_summary: ReportSummary | None = None


def checked(loaded: Loaded, *, keep: bool = True) -> Checked:
    """The badge worker's view of ``loaded`` (``keep``: with the report itself)."""
    view = loaded.view
    if view is None and loaded.report is not None:  # read when opened, without it
        try:
            view = view_of(loaded.report)
        except Exception:  # cross-report rules are extra; never fatal
            view = None
    return Checked(loaded.path, loaded.signature, loaded.own_summary, view,
                   loaded if keep else None, loaded.own_report_summary())


def load(path: Path, *, view: bool = True) -> Loaded:
    """Read and check ``path``. Never raises: every failure becomes a shown error.

    ``view``: also what the cross-year rules need (:func:`view_of`), cheaper here
    than later; a file opened alone does without (seconds on a 5 MB line).
    """
    from nianbao.parser.core.check import Options, check_file

    before = signature(path)
    outcome = check_file(path, Options(year_view=view))
    if outcome.report is None:
        if outcome.error is not None:
            return unreadable(path, outcome.error, before)
        return Loaded(path, None, outcome.findings, outcome.unreadable, before,
                      summary=outcome.summary())
    return Loaded(path, outcome.report, outcome.findings, outcome.error, before,
                  view=outcome.view, summary=outcome.summary())


def unreadable(path: Path, reason: str, sig: Signature | None = None) -> Loaded:
    """A file that could not be read at all, shown as its E001 finding."""
    from nianbao.parser.errors import ReportError

    try:
        findings: tuple[Finding, ...] = (unreadable_finding(ReportError(str(path), reason)),)
    except Exception:
        findings = ()
    return Loaded(path, None, findings, reason, sig)


# The checker is looked up at call time so tests can stand in for it.
def unreadable_finding(error: ReportError) -> Finding:
    from nianbao.parser.rules.checker import unreadable_finding as real

    return real(error)


def view_of(report: Report) -> YearView:
    from nianbao.parser.rules.context import year_view

    return year_view(report)


def check_across(views: list[YearView]) -> dict[str, list[Finding]]:
    """Only the findings that need several reports at once (Y rules), by path."""
    from nianbao.parser.core.check import check_across as across

    return across(views)


def finding_key(finding: Finding) -> tuple[str, tuple[CellRef, ...]]:
    """What identifies "the same finding" across a reload, when offsets and numbers move."""
    return (finding.code, finding.cells)
