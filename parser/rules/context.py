"""What a rule sees: the report with a few helpers, or two years of one agency.

:class:`Context` (one report) and :class:`YearPair` (two years of one agency)
build findings with the severity and help the catalog gives each rule, so a rule
only says what is wrong and where. :class:`YearView` is the small, picklable part
of a report the cross-year rules compare; the checker builds it in the worker
that parsed the report, so folders of reports never ship whole models between
processes.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TypeVar

from nianbao.parser.document.names import CITY_PATTERN, is_city
from nianbao.parser.document.sentences import Sentence, sentences
from nianbao.parser.i18n import _
from nianbao.parser.model.findings import MAX_MESSAGE, MAX_RELATED, Finding, Related, clip
from nianbao.parser.model.refs import CellRef
from nianbao.parser.model.report import Cell, Report, Table
from nianbao.parser.reading.normalize import match_key
from nianbao.parser.rules.common import arithmetic_value, cell_name, fmt, shown
from nianbao.parser.rules.rule import Rule
from nianbao.parser.template import APPLICATION_COLUMN_IDS, TableId, TemplateId, rows_template

T = TypeVar("T")


def _finding(rules: Mapping[str, Rule], code: str, path: str, message: str,
             start: int | None, end: int | None, related: Iterable[Related],
             refs: tuple[CellRef, ...], hint: str | None) -> Finding:
    rule = rules[code]
    if start is not None and end is None:
        end = start + 1
    places = tuple(place if len(place.message) <= MAX_RELATED else
                   place.model_copy(update={"message": clip(place.message, MAX_RELATED)})
                   for place in related)
    return Finding(code=code, severity=rule.severity, message=clip(message, MAX_MESSAGE),
                   path=path, start=start, end=end, related=places,
                   help=hint if hint is not None else _(rule.help), cells=refs)


class Context:
    """One report under check; ``rules`` gives each code its severity and help."""

    def __init__(self, report: Report, rules: Mapping[str, Rule]) -> None:
        self.report = report
        self.rules = rules
        self.path = report.source.path
        self.template: TemplateId | None = report.meta.template
        self._shared: dict[str, object] = {}

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The report's prose, split once for every rule that reads it."""
        return sentences(self.report)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """Work several rules (or one rule's several passes) share, done once per report."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]  # type: ignore[return-value]

    # ------------------------------------------------------------ tables

    @cached_property
    def rows_template(self) -> TemplateId | None:
        """The template whose table-3 rows the report has: template 2019's when a
        template-2021 table keeps the single （六）其他处理 row (S010)."""
        table = self.report.tables.get("applications")
        if self.template is None or table is None:
            return self.template
        return rows_template(self.template, (row.id for row in table.rows))

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
        message = _("{label} = {raw}").format(label=text, raw=shown(cell.raw)) if value else text
        return Related(start=cell.start, end=cell.end, message=message,
                       cell=cell.ref)

    # ------------------------------------------------------------ findings

    def finding(
        self,
        code: str,
        message: str,
        start: int | None,
        end: int | None = None,
        *,
        related: Iterable[Related] = (),
        cells: Iterable[Cell | CellRef] = (),
        hint: str | None = None,
    ) -> Finding:
        refs = tuple(dict.fromkeys(
            c if isinstance(c, CellRef) else c.ref for c in cells))
        return _finding(self.rules, code, self.path, message, start, end, related, refs, hint)

    def cell_finding(self, code: str, message: str, cell: Cell, *,
                     related: Iterable[Related] = (), cells: Iterable[Cell | CellRef] = (),
                     hint: str | None = None) -> Finding:
        """A finding whose primary place is ``cell``; the cell is listed first in ``cells``."""
        return self.finding(code, message, cell.start, cell.end, related=related,
                            cells=[cell, *cells], hint=hint)


def fmt_sum(values: Sequence[Decimal]) -> str:
    return "+".join(fmt(v) for v in values)


# ---------------------------------------------------------------- across years

_AGENCY_SYNONYMS = (("科学技术", "科技"), ("人民政府办公室", "政府办"))
_DIGITS = re.compile(r"\d+")


def agency_key(agency: str | None) -> str | None:
    """One key for the spellings of an agency's name (``科学技术局`` = ``科技局``)."""
    if not agency:
        return None
    key = match_key(agency)
    for long, short in _AGENCY_SYNONYMS:
        key = key.replace(long, short)
    return key or None


# A key that opens with a city (``淮安市``) before a district, county or banner
# (``洪泽区``…, ``盱眙县``…, ``…旗``…). No province (a name with one is left whole), and
# not a county-level city (``城市管理局`` must not read as a 市 county).
_CITY_PREFIXED = re.compile(rf"^({CITY_PATTERN})([\u4e00-\u9fff]{{1,8}}?(?:区|县|旗).*)$")


def city_parts(key: str) -> tuple[str, str] | None:
    """``(city, rest)`` of an agency key that opens with a city before a county-level
    name (``淮安市洪泽区人民政府`` → ``淮安市``, ``洪泽区人民政府``); None otherwise."""
    match = _CITY_PREFIXED.match(key)
    if match is None or not is_city(match.group(1)):
        return None
    return match.group(1), match.group(2)


def same_agency_in_file(key: str | None, other: str | None) -> bool:
    """Two keys read from one and the same report: equal, or one is the other with its
    city written before it (a newer reading of the file found the city)."""
    if key is None or other is None:
        return False
    if key == other:
        return True
    for prefixed, bare in ((key, other), (other, key)):
        parts = city_parts(prefixed)
        if parts is not None and parts[1] == bare:
            return True
    return False


def agency_groups(keys: Iterable[str | None]) -> dict[str, str]:
    """The agency each key stands for among ``keys``, the reports compared together.

    The one place that decides which reports are one agency's (the Y rules' pairs, a
    file's sibling of last year, the folder views). A report may name its agency with
    its city one year (``淮安市洪泽区人民政府``) and without it another
    (``洪泽区人民政府``): the bare name is the prefixed one's when exactly one prefixed
    name among ``keys`` ends in it. When two cities' names do (``南京市鼓楼区…`` and
    ``福州市鼓楼区…``), the bare one stays on its own: no guess. Two different
    prefixed names are never one agency. Every key maps to itself unless so merged.
    """
    present = {key for key in keys if key is not None}
    cities: dict[str, set[str]] = defaultdict(set)  # a bare name → the prefixed keys
    for key in present:
        parts = city_parts(key)
        if parts is not None and parts[1] in present:
            cities[parts[1]].add(key)
    groups = {key: key for key in present}
    for bare, prefixed in cities.items():
        # A "bare" name that opens with a city itself is a prefixed name: never merged.
        if len(prefixed) == 1 and city_parts(bare) is None:
            groups[bare] = next(iter(prefixed))
    return groups


@dataclass(frozen=True, slots=True)
class CellFact:
    """The part of a :class:`~nianbao.parser.model.report.Cell` the Y rules use."""

    ref: CellRef
    kind: str
    value: Decimal | None
    raw: str
    start: int
    end: int


def _view_cell_refs() -> tuple[CellRef, ...]:
    refs = [CellRef("applications", row, col) for row in ("carried_over", "carried_forward")
            for col in APPLICATION_COLUMN_IDS]
    for item in ("regulations", "normative_documents"):
        refs += [CellRef("active_disclosure", item, f) for f in ("issued", "repealed", "in_force")]
    for item in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        refs += [CellRef("active_disclosure", item, f) for f in ("prev_count", "change")]
    return tuple(refs)


# The cells the Y rules compare: table 3's carried rows, table 2's Y002/Y003 fields.
VIEW_CELLS = _view_cell_refs()
_VIEW_INDEX = {ref: i for i, ref in enumerate(VIEW_CELLS)}
_ABSENT = -1


def _view_cells(report: Report) -> Iterator[Cell]:
    """The report's cells among :data:`VIEW_CELLS`, looked up rather than searched for."""
    for ref in VIEW_CELLS:
        table = report.tables.get(ref.table)
        cell = table.cells.get(ref.id) if table is not None else None
        if cell is not None:
            yield cell


@dataclass(frozen=True, slots=True)
class CellFacts:
    """:data:`VIEW_CELLS` of one report in flat arrays (kept by the thousand in ``check``).

    Whole-number cells live in ``values``; blanks, text and fractions in ``others``.
    """

    starts: array[int]
    ends: array[int]
    values: array[int]
    others: dict[int, tuple[str, Decimal | None, str]]  # index: (kind, value, raw)

    @classmethod
    def of(cls, cells: Iterable[Cell]) -> CellFacts:
        size = len(VIEW_CELLS)
        starts, ends, values = (array("q", [_ABSENT]) * size, array("q", [0]) * size,
                                array("q", [0]) * size)
        others: dict[int, tuple[str, Decimal | None, str]] = {}
        for cell in cells:
            index = _VIEW_INDEX.get(cell.ref)
            if index is None:
                continue
            starts[index], ends[index] = cell.start, cell.end
            value = cell.value
            if (cell.kind == "number" and value is not None and value == value.to_integral_value()
                    and abs(value) < 2**62 and cell.raw == str(int(value))):
                values[index] = int(value)
            else:
                others[index] = (cell.kind, value, cell.raw)
        return cls(starts, ends, values, others)

    def get(self, ref: CellRef) -> CellFact | None:
        index = _VIEW_INDEX.get(ref)
        if index is None or self.starts[index] == _ABSENT:
            return None
        if index in self.others:
            kind, value, raw = self.others[index]
        else:
            kind, value, raw = "number", Decimal(self.values[index]), str(self.values[index])
        return CellFact(ref, kind, value, raw, self.starts[index], self.ends[index])

    def offsets(self) -> list[int]:
        out: list[int] = []
        for start, end in zip(self.starts, self.ends, strict=True):
            if start != _ABSENT:
                out.extend((start, end))
        return out


@dataclass(frozen=True, slots=True)
class YearView:
    """What the Y rules compare of one report."""

    path: str
    agency: str | None
    agency_key: str | None
    year: int | None
    template: TemplateId | None
    cells: CellFacts
    # Each sentence of the prose, digits masked, as crc32 << 32 | length (Y004).
    fingerprint: array[int] = field(default_factory=lambda: array("Q"))
    anchor: int = 0  # where a finding about the whole text points

    def offsets(self) -> list[int]:
        """Every offset a Y finding may point at in this file."""
        return [self.anchor, self.anchor + 1, *self.cells.offsets()]


def year_view(report: Report, ctx: Context | None = None) -> YearView:
    """The Y rules' view of ``report`` (pass the checker's context to reuse its work)."""
    cells = CellFacts.of(_view_cells(report))
    first = report.sections[0].start if report.sections else 0
    prose = ctx.sentences if ctx is not None else sentences(report)
    return YearView(
        path=report.source.path,
        agency=report.meta.agency,
        agency_key=agency_key(report.meta.agency),
        year=report.meta.year,
        template=report.meta.template,
        cells=cells,
        fingerprint=fingerprint(s.text for s in prose),
        anchor=first,
    )


_MIN_SENTENCE = 12  # headings and one-liners repeat by design; they are not copying


def fingerprint(sentences: Iterable[str]) -> array[int]:
    """crc32 << 32 | length of each sentence long enough to count, digits masked.

    A sentence that differs from last year's only in its numbers (the year, the
    counts) is the same sentence; crc32 is stable across processes, unlike hash().
    """
    out = array("Q")
    for text in sentences:
        masked = _DIGITS.sub("#", text)
        if len(masked) >= _MIN_SENTENCE:
            out.append(zlib.crc32(masked.encode("utf-8")) << 32 | min(len(masked), 0xFFFFFFFF))
    return out


@dataclass(frozen=True, slots=True)
class YearPair:
    """One agency's reports for consecutive years, under a cross-year (Y) rule."""

    prev: YearView
    cur: YearView
    rules: Mapping[str, Rule]

    def finding(self, code: str, message: str, start: int | None, end: int | None = None, *,
                related: Iterable[Related] = (), cells: Iterable[CellFact] = ()) -> Finding:
        """A finding in the later report (the previous year's places go in ``related``)."""
        refs = tuple(c.ref for c in cells)
        return _finding(self.rules, code, self.cur.path, message, start, end, related, refs,
                        None)
