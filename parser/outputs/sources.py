"""Where findings are, for the output formats of ``nianbao check`` (docs/formats.md).

Every format takes the checked files in order (:class:`Checked`) and turns
offsets into line:column through each file's :class:`~nianbao.parser.reading.positions.LineIndex`
— the one place positions are computed, so all formats agree. A related place in
another file (the previous year's report, Y rules) is resolved in that file.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nianbao.parser.model.findings import Finding, Related
from nianbao.parser.model.report import Report
from nianbao.parser.reading.origin import Place
from nianbao.parser.reading.positions import LineIndex, Position
from nianbao.parser.template import TemplateId

_FILE_START = Position(1, 1)


# Characters of source kept on each side of a place the output may show: more than a
# terminal line shows, far less than a whole-report-on-one-line page.
WINDOW = 400


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Part of one source line: ``text`` starts at character ``base`` of a line of
    ``length`` characters."""

    base: int
    text: str
    length: int

    @property
    def end(self) -> int:
        return self.base + len(self.text)


@dataclass(frozen=True, slots=True)
class SourceMap:
    """The positions and source excerpts output needs from one file, and nothing more.

    Built where the file was parsed (often a worker process) from the report's own
    :class:`LineIndex`, so a folder of thousands of reports never keeps their texts;
    only a window of :data:`WINDOW` characters around each place is kept, so a finding
    on a line of megabytes costs what one on a short line does. Offsets, lines and
    columns sit in flat arrays to stay small when kept by the thousand.
    """

    offsets: array[int]  # sorted
    lines: array[int]
    columns: array[int]
    excerpts: dict[int, tuple[Excerpt, ...]]  # per line, in order, when output shows lines
    # A PDF, Word file or web page: the place in the original of each place's start
    # offset (:meth:`Report.origin`), and the template its cells are named by.
    origins: dict[int, Place] = field(default_factory=dict)
    template: TemplateId | None = None

    @classmethod
    def build(cls, index: LineIndex, offsets: Iterable[int], *, texts: bool = True,
              report: Report | None = None,
              ranges: Iterable[tuple[int, int]] = ()) -> SourceMap:
        """The positions of ``offsets``; with ``report`` (of a published original), also
        the origin of each of ``ranges`` (start, end), keyed by its start."""
        ordered = sorted(set(offsets))
        positions = [index.position(offset) for offset in ordered]
        lines = array("q", (p.line for p in positions))
        columns = array("q", (p.column for p in positions))
        excerpts = _excerpts(index, positions) if texts else {}
        origins: dict[int, Place] = {}
        template: TemplateId | None = None
        if report is not None and report.rendering is not None:
            template = report.meta.template
            for start, end in ranges:
                if start not in origins:
                    place = report.origin(start, end)
                    if place is not None:
                        origins[start] = place
        return cls(array("q", ordered), lines, columns, excerpts, origins, template)

    def position(self, offset: int) -> Position:
        at = bisect_left(self.offsets, offset)
        if at == len(self.offsets) or self.offsets[at] != offset:
            raise KeyError(f"offset {offset} was not mapped")
        return Position(self.lines[at], self.columns[at])

    def excerpt(self, line: int, at: int) -> Excerpt | None:
        """The excerpt of ``line`` that holds its character ``at`` (0-based)."""
        for part in self.excerpts.get(line, ()):
            if part.base <= at <= part.end:
                return part
        return None


def _excerpts(index: LineIndex, positions: Sequence[Position]) -> dict[int, tuple[Excerpt, ...]]:
    spans: dict[int, list[list[int]]] = {}
    for position in positions:
        at = position.column - 1
        low, high = max(0, at - WINDOW), at + WINDOW
        runs = spans.setdefault(position.line, [])
        if runs and low <= runs[-1][1]:  # positions come sorted: merge with the last run
            runs[-1][1] = max(runs[-1][1], high)
        else:
            runs.append([low, high])
    out: dict[int, tuple[Excerpt, ...]] = {}
    for line, runs in spans.items():
        start = index.line_start(line)
        length = index.line_end(line) - start
        out[line] = tuple(
            Excerpt(min(low, length),
                    index.text_between(start + min(low, length), start + min(high, length)),
                    length)
            for low, high in runs)
    return out


def finding_offsets(findings: Iterable[Finding]) -> list[int]:
    """Every offset of ``findings`` in their own file (places in other files excluded)."""
    return [offset for pair in finding_ranges(findings) for offset in pair]


def finding_ranges(findings: Iterable[Finding]) -> list[tuple[int, int]]:
    """(start, end) of every place of ``findings`` in their own file."""
    out: list[tuple[int, int]] = []
    for finding in findings:
        if finding.start is not None:
            out.append((finding.start,
                        finding.end if finding.end is not None else finding.start + 1))
        for related in finding.related:
            if related.path is None or related.path == finding.path:
                out.append((related.start, related.end))
    return out


@dataclass
class Checked:
    """One file after checking: where its places are, and its findings, sorted.

    ``source`` is None when the file could not be read (its findings are E001,
    about the whole file).
    """

    path: str
    source: SourceMap | None
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def from_report(cls, report: Report, findings: Sequence[Finding],
                    extra_offsets: Iterable[int] = ()) -> Checked:
        ranges = finding_ranges(findings)
        offsets = [*(offset for pair in ranges for offset in pair), *extra_offsets]
        return cls(report.source.path,
                   SourceMap.build(report.line_index, offsets, report=report, ranges=ranges),
                   list(findings))


class Sources:
    """Positions and source lines of every checked file, by path."""

    def __init__(self, files: Sequence[Checked]) -> None:
        self._files = {f.path: f for f in files}

    def source(self, path: str) -> SourceMap | None:
        checked = self._files.get(path)
        return None if checked is None else checked.source

    def position(self, path: str, offset: int | None) -> Position:
        """1-based line and column; a finding about the whole file is at 1:1."""
        source = self.source(path)
        if source is None or offset is None:
            return _FILE_START
        return source.position(offset)

    def origin(self, path: str, offset: int | None) -> Place | None:
        """The place in the published original of the place starting at ``offset``."""
        source = self.source(path)
        if source is None or offset is None:
            return None
        return source.origins.get(offset)

    def template(self, path: str) -> TemplateId | None:
        source = self.source(path)
        return None if source is None else source.template

    def start(self, finding: Finding) -> Position:
        return self.position(finding.path, finding.start)

    def end(self, finding: Finding) -> Position:
        if finding.start is None:
            return _FILE_START
        return self.position(finding.path, finding.end if finding.end is not None
                             else finding.start + 1)

    def related_path(self, finding: Finding, related: Related) -> str:
        return related.path or finding.path

    def related_start(self, finding: Finding, related: Related) -> Position:
        return self.position(self.related_path(finding, related), related.start)

    def related_end(self, finding: Finding, related: Related) -> Position:
        return self.position(self.related_path(finding, related), related.end)

    def excerpt(self, path: str, line: int, at: int) -> Excerpt | None:
        """The part of ``line`` around its character ``at`` (0-based), if it was kept."""
        source = self.source(path)
        return None if source is None else source.excerpt(line, at)


def all_findings(files: Sequence[Checked]) -> list[Finding]:
    return [finding for checked in files for finding in checked.findings]
