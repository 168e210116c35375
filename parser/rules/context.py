"""What a rule sees: the report with a few helpers, or two years of one agency.

:class:`Context` builds findings with the rule's registered severity and help,
so a rule only says what is wrong and where. :class:`YearView` is the small,
picklable part of a report the cross-year rules compare; the checker builds it
in the worker that parsed the report, so folders of reports never ship whole
models between processes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from parser.findings import Finding, Related, cell_ref
from parser.model import Cell, Report, Table
from parser.normalize import match_key
from parser.rules.common import arithmetic_value, cell_name, fmt, shown
from parser.rules.registry import get_rule
from parser.template import TableId, TemplateId


def infer_template(report: Report) -> TemplateId | None:
    """The template the report follows: its metadata, else the ids of its cells."""
    if report.meta.template is not None:
        return report.meta.template
    ids = {cid for table in report.tables.values() for cid in table.cells}
    if any(cid.startswith(("other.no_correction.", "other.no_fee.", "other.other.",
                           "regulations.issued", "normative_documents.in_force"))
           for cid in ids):
        return "2021"
    if any(cid.startswith(("regulations.new_made", "procurement.", "licensing.prev_count"))
           or (cid.startswith("other.") and cid.count(".") == 1) for cid in ids):
        return "2019"
    return None


class Context:
    """One report under check."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.path = report.source.path
        self.template: TemplateId | None = infer_template(report)
        # Work several rules share (the narrative's sentences), done once per report.
        self.cache: dict[str, Any] = {}

    # ------------------------------------------------------------ tables

    def table(self, table_id: TableId) -> Table | None:
        table = self.report.tables.get(table_id)
        return table if table is not None and table.found else None

    def cell(self, table_id: TableId, cell_id: str) -> Cell | None:
        table = self.report.tables.get(table_id)
        return None if table is None else table.cells.get(cell_id)

    def cells(self, table_id: TableId, cell_ids: Iterable[str]) -> list[Cell] | None:
        """All the cells, or None when any is missing (the rule cannot be evaluated)."""
        found: list[Cell] = []
        for cell_id in cell_ids:
            cell = self.cell(table_id, cell_id)
            if cell is None:
                return None
            found.append(cell)
        return found

    @staticmethod
    def values(cells: Sequence[Cell]) -> list[Decimal] | None:
        """Their arithmetic values, or None when any cannot be told."""
        out: list[Decimal] = []
        for cell in cells:
            value = arithmetic_value(cell)
            if value is None:
                return None
            out.append(value)
        return out

    def name(self, cell: Cell) -> str:
        return cell_name(cell.table, cell.id, self.template)

    def related(self, cell: Cell, label: str | None = None, *, value: bool = True) -> Related:
        """A related place for a cell: ``label = raw`` (the label defaults to the cell's name)."""
        text = label if label is not None else self.name(cell)
        message = f"{text} = {shown(cell.raw)}" if value else text
        return Related(start=cell.start, end=cell.end, message=message,
                       cell=cell_ref(cell.table, cell.id))

    # ------------------------------------------------------------ findings

    def finding(
        self,
        code: str,
        message: str,
        start: int | None,
        end: int | None = None,
        *,
        related: Iterable[Related] = (),
        cells: Iterable[Cell | str] = (),
        hint: str | None = None,
    ) -> Finding:
        rule = get_rule(code)
        if rule is None:
            raise KeyError(f"no rule {code}")
        if start is not None and end is None:
            end = start + 1
        refs = tuple(dict.fromkeys(
            c if isinstance(c, str) else cell_ref(c.table, c.id) for c in cells))
        return Finding(code=code, severity=rule.severity, message=message, path=self.path,
                       start=start, end=end, related=tuple(related),
                       help=hint if hint is not None else rule.help, cells=refs)

    def cell_finding(self, code: str, message: str, cell: Cell, *,
                     related: Iterable[Related] = (), cells: Iterable[Cell | str] = (),
                     hint: str | None = None) -> Finding:
        """A finding whose primary place is ``cell``; the cell is listed first in ``cells``."""
        return self.finding(code, message, cell.start, cell.end, related=related,
                            cells=[cell, *cells], hint=hint)

    # ------------------------------------------------------------ text

    @cached_property
    def line_starts(self) -> list[int]:
        return [start for start, _ in self.report.line_index.lines()]


def fmt_sum(values: Sequence[Decimal]) -> str:
    return "+".join(fmt(v) for v in values)


# ---------------------------------------------------------------- across years

_AGENCY_SYNONYMS = (("科学技术", "科技"), ("人民政府办公室", "政府办"))
_SHINGLE = 10
_DIGITS = re.compile(r"\d+")


def agency_key(agency: str | None) -> str | None:
    """One key for the spellings of an agency's name (``科学技术局`` = ``科技局``)."""
    if not agency:
        return None
    key = match_key(agency)
    for long, short in _AGENCY_SYNONYMS:
        key = key.replace(long, short)
    return key or None


@dataclass(frozen=True, slots=True)
class YearView:
    """What the Y rules compare of one report."""

    path: str
    agency: str | None
    agency_key: str | None
    year: int | None
    template: TemplateId | None
    # Table-3 carried_over.* / carried_forward.* and all of table 2.
    cells: dict[str, Cell] = field(default_factory=dict)
    # Character shingles of the narrative (digits masked), for Y004.
    shingles: frozenset[str] = frozenset()
    anchor: int = 0  # where a finding about the whole text points

    def value(self, key: str) -> Decimal | None:
        cell = self.cells.get(key)
        return None if cell is None else arithmetic_value(cell)


def year_view(report: Report) -> YearView:
    cells: dict[str, Cell] = {}
    apps = report.tables.get("applications")
    if apps is not None:
        for cid, cell in apps.cells.items():
            if cid.startswith(("carried_over.", "carried_forward.")):
                cells[f"applications:{cid}"] = cell
    active = report.tables.get("active_disclosure")
    if active is not None:
        for cid, cell in active.cells.items():
            cells[f"active_disclosure:{cid}"] = cell
    first = report.sections[0].start if report.sections else 0
    return YearView(
        path=report.source.path,
        agency=report.meta.agency,
        agency_key=agency_key(report.meta.agency),
        year=report.meta.year,
        template=infer_template(report),
        cells=cells,
        shingles=narrative_shingles(report),
        anchor=first,
    )


def narrative_text(report: Report) -> str:
    """The report's prose: every line outside the tables, normalised and compacted."""
    skip = table_lines(report)
    index = report.line_index
    parts: list[str] = []
    for number, (start, end) in enumerate(index.lines(), start=1):
        if number in skip:
            continue
        parts.append(report.text[start:end])
    return match_key("".join(parts))


def narrative_shingles(report: Report) -> frozenset[str]:
    text = _DIGITS.sub("#", narrative_text(report))
    if len(text) < _SHINGLE:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i:i + _SHINGLE] for i in range(0, len(text) - _SHINGLE + 1))


def table_lines(report: Report) -> set[int]:
    """1-based numbers of the lines that hold table cells, row labels or table rows.

    Lines laid out as table rows (tab- or pipe-separated) count too, so the
    narrative rules never read a table as prose.
    """
    index = report.line_index
    lines: set[int] = set()
    for table in report.tables.values():
        for cell in table.cells.values():
            lines.add(index.line_of(cell.start) + 1)
        for row in table.rows:
            lines.add(index.line_of(row.start) + 1)
            if row.label_start is not None:
                lines.add(index.line_of(row.label_start) + 1)
        for stray in table.stray_rows:
            lines.add(index.line_of(stray.start) + 1)
    text = report.text
    if "\t" not in text and "|" not in text:
        return lines
    for number, (start, end) in enumerate(index.lines(), start=1):
        line = text[start:end]
        if ("\t" in line or "|" in line) and (
                line.startswith("\t") or line.count("\t") >= 2 or line.count("|") >= 2):
            lines.add(number)
    return lines
