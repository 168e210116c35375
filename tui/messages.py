"""Every message the TUI passes around: worker results and pane-to-screen events.

Workers only post these (``post_message`` is the one thread-safe call); the main
screen's handlers own all state.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from nianbao.parser.core.aggregate import AgencyYears, YearTotals
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.review.book import ReviewBook
    from nianbao.parser.review.subject import Facts
    from nianbao.parser.template import TableId
    from nianbao.tui.loader import Checked, Loaded
    from nianbao.tui.source_text import SourceText


# ------------------------------------------------------------------ workers


@dataclass
class FilesCollected(Message):
    root: Path
    files: list[Path]
    errors: list[str]


@dataclass
class BadgeComputed(Message):
    # The file's badge (its open findings: those a review mark accepts left out),
    # what the folder views and the cross-year rules keep of it; the report too
    # when it was read in this process.
    checked: Checked
    done: int
    total: int


@dataclass
class WatchStarted(Message):
    """The folder is watched: ``mode`` is ``notify`` (the system's notifications) or
    ``poll`` (listed again every few seconds)."""

    mode: str


@dataclass
class FilesChanged(Message):
    """Report files were added, changed or removed under the folder opened."""

    added: tuple[Path, ...]
    changed: tuple[Path, ...]
    removed: tuple[Path, ...]


@dataclass
class ReviewLoaded(Message):
    """The review file was read (or could not be: ``error``)."""

    book: ReviewBook
    error: str | None = None


@dataclass
class ReviewSaved(Message):
    """A mark was written to the review file (or could not be: ``error``)."""

    book: ReviewBook | None
    finding: Finding
    accepted: bool  # True: accepted; False: the acceptance withdrawn
    error: str | None = None


@dataclass
class ReportExported(Message):
    """The findings report was written to ``target`` (or could not be: ``error``)."""

    target: Path
    rows: int
    error: str | None = None


@dataclass
class CrossChecked(Message):
    """Findings that needed several reports at once (e.g. one agency across years)."""

    cross: dict[str, tuple[Finding, ...]]
    error: str | None = None  # why checking the reports together failed, if it did
    # What those findings rest on (from the reports' views), to key their review marks.
    facts: dict[str, Facts] | None = None


@dataclass
class ReportShown(Message):
    """The panes show ``loaded`` now (read, from the cache, or again). Posted by the
    main screen once it has drawn it: what waits for a report to be on screen waits
    for this."""

    loaded: Loaded


@dataclass
class ReportLoaded(Message):
    loaded: Loaded
    generation: int
    source: SourceText | None = None  # the text as the source view shows it


# ------------------------------------------------------------------ panes


@dataclass
class FileHighlighted(Message):
    path: Path


@dataclass
class FileOpened(Message):
    path: Path


@dataclass
class SectionChosen(Message):
    key: str  # "preamble", "file" or "s1" … "s6"
    commit: bool  # enter: also move the focus there


@dataclass
class TableCursorMoved(Message):
    table: TableId
    cell_id: str | None

    def can_replace(self, message: Message) -> bool:
        # Holding j only needs the last position.
        return isinstance(message, TableCursorMoved)


@dataclass
class TableCellChosen(Message):
    table: TableId
    cell_id: str


@dataclass
class TableSwitched(Message):
    table: TableId


@dataclass
class AcceptRequested(Message):
    """Accept the finding (with a note), or withdraw its acceptance."""

    finding: Finding


@dataclass
class FindingChosen(Message):
    finding: Finding
    commit: bool  # enter: also move the focus to the cell or the line


# ------------------------------------------------------------------ the folder views


@dataclass
class FolderChanged(Message):
    """The folder's summaries changed: a badge came in, or the reports were checked
    together. Posted by the main screen to the folder views on the screen stack."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FolderChanged)


@dataclass
class OverviewComputed(Message):
    """The overview's rows and the totals per year, worked out by a worker."""

    rows: list[ReportSummary]
    totals: tuple[YearTotals, ...]
    pending: frozenset[str]  # the paths not read yet


@dataclass
class YearsComputed(Message):
    """Every agency of the folder with several years, worked out by a worker."""

    agencies: tuple[AgencyYears, ...]


@dataclass
class AgencySwitched(Message):
    """The years view shows another agency of the folder."""


@dataclass
class ReportChosen(Message):
    """Open this report (enter in a folder view)."""

    path: Path


@dataclass
class FilterAsked(Message):
    """The overview wants a filter typed: ``text`` (name or agency) or ``code`` (a rule)."""

    kind: str
    current: str
