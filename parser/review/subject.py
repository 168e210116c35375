"""What a finding is about, in terms that outlive the text around it.

A review mark must still apply after the report is re-typed, re-wrapped or edited
elsewhere, and must stop applying when a number the finding rests on changes. So a
mark is keyed not by places (offsets, lines) nor by messages (they change with the
language and with rewording), but by a :class:`Subject`: the report's agency and
year, the rule, and every cell the finding names with the value written in it; for
a finding about no cell, the text it points at, reduced to letters and digits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from nianbao.parser.model.findings import Finding, clip
from nianbao.parser.model.refs import CellRef
from nianbao.parser.model.report import Report
from nianbao.parser.reading.normalize import match_key
from nianbao.parser.rules.context import YearView, agency_key, same_agency_in_file

# A quote longer than this is kept as its head and tail (``clip``): a finding about a
# whole section must not copy the section into the review file.
MAX_QUOTE = 200

# A cell's value as the key writes it: the number (``3``, ``21.83``), the text of a
# cell that is not a number (``无``), ``""`` for a blank cell, None for a cell that
# is not in the text at all.
CellValue = str | None


def value_text(kind: str, value: Decimal | None, raw: str) -> str:
    """One spelling per value: ``3``, ``3.0`` and ``３`` are the same number."""
    if kind == "blank":
        return ""
    if value is None:
        return "".join(raw.split())
    # Decimal("21.830").normalize() is 21.83, but Decimal("100").normalize() is 1E+2.
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True, slots=True)
class Facts:
    """What a subject needs of one report: who, which year, its cells, its text."""

    path: str
    agency: str | None
    year: int | None
    value: Callable[[CellRef], CellValue]
    text: str | None = None  # None when only a summary of the report is at hand

    @classmethod
    def of_report(cls, report: Report) -> Facts:
        def value(ref: CellRef) -> CellValue:
            table = report.tables.get(ref.table)
            cell = table.cells.get(ref.id) if table is not None else None
            return None if cell is None else value_text(cell.kind, cell.value, cell.raw)

        return cls(report.source.path, report.meta.agency, report.meta.year, value, report.text)

    @classmethod
    def unread(cls, path: str) -> Facts:
        """A file that could not be read as a report: known by its path alone."""
        return cls(path, None, None, lambda ref: None)

    @classmethod
    def of_view(cls, view: YearView) -> Facts:
        """From the cross-year rules' summary: the cells those rules compare, no text."""
        def value(ref: CellRef) -> CellValue:
            fact = view.cells.get(ref)
            return None if fact is None else value_text(fact.kind, fact.value, fact.raw)

        return cls(view.path, view.agency, view.year, value)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a finding is about; equal subjects are the same finding to a reviewer."""

    agency: str | None  # as written in the report (matched through agency_key)
    year: int | None
    file: str  # the path checked; it identifies the report only when agency or year is unknown
    code: str
    # ``table:row.column`` (``@YEAR`` for a cell of another year's report) → its value,
    # sorted by cell.
    cells: tuple[tuple[str, CellValue], ...]
    quote: str | None  # a finding without cells: the text it points at, as a key

    @property
    def by_file(self) -> bool:
        """The report is known only by its file (its agency or year was not found)."""
        return agency_key(self.agency) is None or self.year is None

    def identity(self, file: str | None = None) -> tuple[object, ...]:
        """What must be equal for two subjects to be the same finding.

        ``file`` is this subject's file as the caller compares files (resolved, made
        relative); it counts only for a report known by its file.
        """
        who: tuple[object, ...] = ((file if file is not None else self.file),) if self.by_file \
            else (agency_key(self.agency), self.year)
        return (*who, self.code, self.cells, self.quote)

    def in_file(self, file: str | None = None) -> tuple[object, ...] | None:
        """What else must be equal for a mark to follow the report's *file* when the
        agency is read another way: with its city, or without it (a newer version of
        the parser read ``淮安市洪泽区人民政府`` where a mark says ``洪泽区人民政府``).
        None for a report known by its file (:meth:`identity` is all there is).

        Only in the same file: a city left out is no proof that two files are one
        agency's (``鼓楼区`` is Nanjing's and Fuzhou's), one file is one report.
        """
        if self.by_file:
            return None
        return ((file if file is not None else self.file), self.year, self.code, self.cells,
                self.quote)

    def same_as(self, other: Subject, file: str | None = None,
                other_file: str | None = None) -> bool:
        """The same finding to a reviewer: equal :meth:`identity`, or the same file,
        year, rule, cells and quote with the agency read with and without its city."""
        if self.identity(file) == other.identity(other_file):
            return True
        here = self.in_file(file)
        return here is not None and here == other.in_file(other_file) and \
            same_agency_in_file(agency_key(self.agency), agency_key(other.agency))


def quote_key(text: str) -> str | None:
    """The text a finding points at as letters and digits only, clipped; None if none."""
    key = match_key(text)
    return clip(key, MAX_QUOTE) if key else None


def cell_values(finding: Finding, here: Facts,
                others: Mapping[str, Facts] | None = None) -> list[tuple[str, CellValue]]:
    """Every cell ``finding`` names, as ``table:row.column`` (``@YEAR`` for a cell of
    another report) with its value, in the finding's order: its own cells first."""
    cells: dict[str, CellValue] = {}
    for ref in finding.cells:
        cells[str(ref)] = here.value(ref)
    for place in finding.related:
        if place.cell is None:
            continue
        if place.path is None or place.path == finding.path:
            cells.setdefault(str(place.cell), here.value(place.cell))
            continue
        other = (others or {}).get(place.path)
        year = other.year if other is not None and other.year is not None else "other"
        cells.setdefault(f"{place.cell}@{year}",
                         other.value(place.cell) if other is not None else None)
    return list(cells.items())


def subject_of(finding: Finding, here: Facts,
               others: Mapping[str, Facts] | None = None) -> Subject:
    """The subject of ``finding``, a finding on the report ``here`` describes.

    ``others``: the facts of the other reports a cross-year finding points into, by
    path; a cell there whose report is not given keys as not found.
    """
    cells = cell_values(finding, here, others)
    quote = None
    if not cells and finding.start is not None and here.text is not None:
        end = finding.end if finding.end is not None else finding.start + 1
        quote = quote_key(here.text[finding.start:max(end, finding.start + 1)])
    return Subject(agency=here.agency, year=here.year, file=here.path, code=finding.code,
                   cells=tuple(sorted(cells)), quote=quote)


def display_file(path: str, folder: Path) -> str:
    """``path`` relative to ``folder`` (POSIX), or resolved when it is outside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()
