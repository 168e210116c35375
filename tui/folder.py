"""What the folder views ask of the screen that reads the folder, and what they answer.

The main screen reads every file of the folder once (the badges); the overview and
the years view are drawn from what it kept of each (:class:`ReportSummary`) and
from the findings across reports, through this protocol, so neither view reads a
file again nor imports the main screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from nianbao.parser.core.summary import ReportSummary
    from nianbao.parser.model.findings import Finding

# What a folder view hands back when it closes: a report to open, another view to
# show, or nothing (back to the report that was open).
ViewResult = Path | Literal["overview", "years"] | None


class FolderSource(Protocol):
    @property
    def root(self) -> Path:
        """The folder opened."""
        ...

    def folder_summaries(self) -> tuple[list[ReportSummary], frozenset[str]]:
        """Every file's summary (with the findings across reports) in the folder's
        order, and the paths not read yet."""
        ...

    def cross_findings(self) -> dict[str, tuple[Finding, ...]]:
        """The findings across reports, by path."""
        ...

    def display_path(self, path: Path) -> str:
        """A path as the panes show it (relative to the opened folder)."""
        ...
