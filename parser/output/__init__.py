"""Output formats of ``nianbao check``: text, json, github and sarif (``spec/contract.md``).

Every format takes the checked files in order (:class:`Checked`) and turns
offsets into line:column through each file's :class:`~parser.positions.LineIndex`
— the one place positions are computed, so all formats agree. A related place in
another file (the previous year's report, Y rules) is resolved in that file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from parser.findings import Finding, Related
from parser.positions import LineIndex, Position

_FILE_START = Position(1, 1)


@dataclass
class Checked:
    """One file after checking: its text (None when unreadable) and findings, sorted."""

    path: str
    text: str | None
    findings: list[Finding] = field(default_factory=list)

    @cached_property
    def line_index(self) -> LineIndex | None:
        return None if self.text is None else LineIndex(self.text)


class Sources:
    """Positions and source lines of every checked file, by path."""

    def __init__(self, files: Sequence[Checked]) -> None:
        self._files = {f.path: f for f in files}

    def index(self, path: str) -> LineIndex | None:
        checked = self._files.get(path)
        return None if checked is None else checked.line_index

    def position(self, path: str, offset: int | None) -> Position:
        """1-based line and column; a finding about the whole file is at 1:1."""
        index = self.index(path)
        if index is None or offset is None:
            return _FILE_START
        return index.position(offset)

    def start(self, finding: Finding) -> Position:
        return self.position(finding.path, finding.start)

    def end(self, finding: Finding) -> Position:
        if finding.start is None:
            return _FILE_START
        end = finding.end if finding.end is not None else finding.start + 1
        return self.position(finding.path, max(end, finding.start))

    def related_path(self, finding: Finding, related: Related) -> str:
        return related.path or finding.path

    def related_start(self, finding: Finding, related: Related) -> Position:
        return self.position(self.related_path(finding, related), related.start)

    def related_end(self, finding: Finding, related: Related) -> Position:
        return self.position(self.related_path(finding, related),
                             max(related.end, related.start))

    def line_text(self, path: str, line: int) -> str | None:
        index = self.index(path)
        return None if index is None else index.line_text(line)


def all_findings(files: Sequence[Checked]) -> list[Finding]:
    return [finding for checked in files for finding in checked.findings]
