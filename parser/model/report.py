"""The parsed report: frozen, fully typed, every number knowing where it came from.

All positions are 0-based character offsets into ``Report.text`` (the decoded
original, never normalised, or the text rendering of a PDF, Word file or web page);
:meth:`Report.position` turns one into line:column through the report's single
:class:`~nianbao.parser.reading.positions.LineIndex`, and :meth:`Report.origin`
into a place in the published original (a page and box, a Word table cell, an HTML
line and column) through the reader's spans.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, SkipValidation

from nianbao.parser.model.refs import CellRef
from nianbao.parser.reading.origin import Kind, Place, Rendering
from nianbao.parser.reading.positions import LineIndex, Position
from nianbao.parser.template import TableId, TemplateId

if TYPE_CHECKING:
    from nianbao.parser.reading.normalize import NormalizedText

CellKind = Literal["number", "blank", "text"]
# How the template was decided: from the tables' own labels, from the year, from the
# cell ids the tables gave, or not at all.
TemplateSource = Literal["tables", "year", "cells", "none"]
AgencyKind = Literal["local_government", "department"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Cell(Frozen):
    """One table cell as found in the text."""

    table: TableId
    id: str  # ``ROW.COL`` with the ids of template.md, e.g. ``new_received.commercial``
    value: Decimal | None  # None for a blank cell and for text that is not a number
    raw: str  # the cell's original text, stripped of surrounding white space
    start: int  # offset of ``raw`` in the original text (of the field, if blank)
    kind: CellKind
    unit: str | None = None  # the unit written in the cell (``万元``, ``元``, ``件``)

    @property
    def row(self) -> str:
        return self.id.rpartition(".")[0]

    @property
    def column(self) -> str:
        return self.id.rpartition(".")[2]

    @property
    def end(self) -> int:
        return self.start + max(len(self.raw), 1)

    @property
    def ref(self) -> CellRef:
        return CellRef.of(self.table, self.id)


class RowInfo(Frozen):
    """How one template row was found, for the structure rules (S005–S008)."""

    table: TableId
    id: str  # template row id (table 3), item id (table 2) or ``review_litigation``
    label: str  # the label as written, normalised and joined across wrapped lines
    label_start: int | None  # None when the row had no readable label
    start: int  # offset where the row's first cell or label begins
    cells_found: int
    cells_expected: int
    recovered: bool = False  # placed by position because its label was missing
    assigned: bool = True  # False when the cell count made the columns ambiguous
    # Digits run together with no separators (``规范性文件7777166``): the run as written
    # (chunks that white space still separates joined by one space), the ways to cut it
    # that the template's identities allow (``77|77|166``; at most 64), where the run
    # starts, and whether there were too many ways to try them all.
    glued: str | None = None
    candidates: tuple[str, ...] = ()
    glued_start: int | None = None
    too_many: bool = False
    # Cells the text does not hold although their place is known (an empty cell a
    # converter lost in a markdown table): absent, and named by S007.
    lost: tuple[str, ...] = ()
    lost_at: int | None = None  # where the first of them would be


class StrayRow(Frozen):
    """A row of numbers whose label belongs to no template row (S008)."""

    table: TableId
    label: str
    start: int
    values: int


class Table(Frozen):
    id: TableId
    start: int | None  # where the table's region begins (None: not found, S004)
    end: int | None
    cells: dict[str, Cell]
    rows: tuple[RowInfo, ...] = ()
    stray_rows: tuple[StrayRow, ...] = ()

    @property
    def found(self) -> bool:
        return self.start is not None and bool(self.cells or self.rows)

    def value(self, cell_id: str) -> Decimal | None:
        cell = self.cells.get(cell_id)
        return None if cell is None else cell.value


class Section(Frozen):
    number: int  # 1–6
    heading: str  # as written
    start: int  # offset of the heading
    heading_end: int
    end: int  # offset where the next section (or the text) begins
    standard: bool  # heading matches the standard wording or a known variant exactly


class HeadingAnomaly(Frozen):
    """A numbered heading that repeats or goes backwards (S003)."""

    number: int
    heading: str
    start: int
    kind: Literal["repeat", "backwards"]
    previous: int  # the section number in force when it appeared


class Located(Frozen):
    """Where a metadata value was read."""

    start: int
    end: int


class NoticeCitation(Frozen):
    template: TemplateId  # which template the cited notice set
    text: str
    start: int


class Meta(Frozen):
    title: str | None = None
    title_at: Located | None = None
    agency: str | None = None
    agency_at: Located | None = None
    year: int | None = None
    year_at: Located | None = None
    template: TemplateId | None = None
    template_source: TemplateSource = "none"
    published: dt.date | None = None
    published_at: Located | None = None
    period: tuple[dt.date, dt.date] | None = None
    period_at: Located | None = None
    # Years named in the title or the statistics period, for M005.
    title_year: int | None = None
    notices: tuple[NoticeCitation, ...] = ()
    # Who publishes (条例第四十九条, M003): a local government's own report, due 31 March
    # of the next year, or a department's (any other agency, a township's or a 区政府
    # 办公室's too), due 31 January; None when the text does not tell.
    agency_kind: AgencyKind | None = None

    @property
    def is_local_government(self) -> bool:
        return self.agency_kind == "local_government"

    @property
    def deadline(self) -> dt.date | None:
        """The publication deadline that applies, when the year and the kind are known."""
        if self.year is None or self.agency_kind is None:
            return None
        if self.agency_kind == "local_government":
            return dt.date(self.year + 1, 3, 31)
        return dt.date(self.year + 1, 1, 31)


class Source(Frozen):
    path: str
    encoding: str
    bom: bool
    sha256: str
    size: int  # bytes
    lines: int
    replacements: int  # characters decoding had to replace (E002)
    # What the file is, told by its content: ``text``, or a published format whose
    # rendering was checked (``pdf``, ``docx``, ``html``, ``mht``, ``doc`` …).
    kind: Kind = "text"
    # What the reader noticed that a reviewer should know (pages left unread …).
    notes: tuple[str, ...] = ()


class Report(Frozen):
    source: Source
    text: str  # the decoded original text
    meta: Meta
    preamble_end: int  # where section 1 starts (0 when no section was found)
    sections: tuple[Section, ...]
    heading_anomalies: tuple[HeadingAnomaly, ...] = ()
    tables: dict[TableId, Table]
    # The reader's rendering, whose spans lead from offsets of ``text`` (the same
    # string) back to the original; None for a plain text file, its own original.
    # Not validated: thousands of spans built by the reader are already typed.
    rendering: SkipValidation[Rendering | None] = None

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def normalized(self) -> NormalizedText:
        """The text normalised (:mod:`nianbao.parser.reading.normalize`), for the rules that read prose."""
        from nianbao.parser.reading.normalize import normalize

        return normalize(self.text)

    def share_normalized(self, normalized: NormalizedText) -> None:
        """Keep the parser's normalisation of this very text rather than redo it."""
        if "normalized" not in self.__dict__:
            # Where cached_property keeps its value: the model's fields are untouched.
            self.__dict__["normalized"] = normalized

    def position(self, offset: int) -> Position:
        return self.line_index.position(offset)

    def origin(self, start: int, end: int | None = None) -> Place | None:
        """Where the text at ``start`` (up to ``end``) came from in the published
        original; None for a plain text file or text that came from no one place
        (a separator, a line break)."""
        rendering = self.rendering
        if rendering is None:
            return None
        return rendering.place_in(start, start + 1 if end is None else end)

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    def table(self, table_id: TableId) -> Table:
        return self.tables[table_id]

    def cells(self) -> list[Cell]:
        """Every cell of every table, in table and template order."""
        return [cell for table in self.tables.values() for cell in table.cells.values()]
