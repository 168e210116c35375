"""Pages into one flow of paragraphs and tables, in reading order.

Page furniture (page numbers, running headers and footers) is left out, so it
never lands between a table's rows or inside a paragraph. A table that ends one
page and starts the next with the same outer edges is one table; a merged cell
it carries over (a row label whose cell continues, empty, at the top of the next
page) is that same cell, written once; a header row repeated at the top of the
next page is left out. A table drawn without lines that ends a page hands its
columns (or, when only its header stands at the foot of the page, that header)
to the next page (:mod:`.pdf_unruled`). A bare number at a page's edge is a page
number only when it counts the pages. A paragraph whose last line reaches the
right margin continues on the next line unless that line is indented, on the
next page too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_grid import Grid, GridCell
from .pdf_layout import PageLayout, PageTable
from .pdf_lines import TextLine, is_number
from .pdf_unruled import Columns, find_unruled, header_grid, header_line

# Page numbers as agencies print them: ``- 3 -``, ``— 3 —``, ``第 3 页``,
# ``第3页 共5页``, ``3/5``, ``3``, ``Page 3 of 5``.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–_·]*\s*\d{1,4}\s*[-—–_·]*"
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
# ``续表``, ``续表二``, ``（续）``: a caption over a table's continuation.
_CONTINUED_TABLE = re.compile(r"^\s*[（(]?\s*续\s*(?:表\s*[一二三四五六七八九十\d]*)?\s*[)）]?\s*$")
# A line that opens a heading or a numbered item starts a paragraph of its own.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）]"
                      r"|第[一二三四五六七八九十]+[章节条部分])")
# Furniture sits in this outer share of the page, above or below the body.
MARGIN_BAND = 0.12
# How far two tables' outer edges may differ and still be one table across pages.
EDGE_SLACK = 4.0


@dataclass(frozen=True, slots=True)
class Paragraph:
    pieces: tuple[tuple[int, TextLine], ...]  # (page, line), in reading order


@dataclass(frozen=True, slots=True)
class TablePart:
    page: int
    grid: Grid
    # Cells (indices into grid.cells) that continue a merged cell of the part
    # before: written there, not again here.
    continued: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Table:
    parts: tuple[TablePart, ...]


Block = Paragraph | Table


def _band(line: TextLine, height: float) -> bool:
    return line.bottom <= height * MARGIN_BAND or line.top >= height * (1 - MARGIN_BAND)


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _edges(lines: Sequence[TextLine]) -> list[TextLine]:
    """The lines that could be furniture: the first and last two of a page."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    return ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered


def furniture(layouts: Sequence[PageLayout]) -> set[tuple[int, int]]:
    """(page, id of line) of every page number and running header or footer."""
    repeated: Counter[str] = Counter()
    candidates: list[tuple[int, TextLine]] = []
    for layout in layouts:
        seen: set[str] = set()
        for line in _edges(layout.lines):
            if _band(line, layout.height):
                candidates.append((layout.page, line))
                key = _masked(line.text)
                if key not in seen:
                    seen.add(key)
                    repeated[key] += 1
    at_least = max(2, (len(layouts) + 1) // 2)
    # A bare number is a page number only when it counts the pages: its page's
    # number, or that number plus an offset it shares with another page (a cover
    # not counted). Else it is a table's cell that a page break left at the edge
    # of the page (a row whose only number is its total).
    offsets: Counter[int] = Counter(int(line.text) - page for page, line in candidates
                                    if _BARE_NUMBER.match(line.text))
    out: set[tuple[int, int]] = set()
    for page, line in candidates:
        if _BARE_NUMBER.match(line.text):
            offset = int(line.text) - page
            if offset == 0 or offsets[offset] >= 2:
                out.add((page, id(line)))
        elif _PAGE_NUMBER.match(line.text) or (
                len(layouts) > 1 and repeated[_masked(line.text)] >= at_least
                and len(line.text) <= 60):
            out.add((page, id(line)))
    return out


@dataclass(frozen=True, slots=True)
class _Margins:
    """Where a page's body text starts and ends, and how tall the page is."""

    left: float
    right: float
    height: float
    # A text block this narrow (a page of short lines) says nothing about wrapping.
    wide: bool


# A page with fewer body lines than this takes the document's usual margins.
_FEW_LINES = 4
# A text block narrower than this share of the page is not one that wraps.
_WIDE = 0.4
# A paragraph goes on over a page break only from this low on the page.
_PAGE_FOOT = 0.7


def _margins(lines: Sequence[TextLine], layout: PageLayout,
             usual: tuple[float, float] | None) -> _Margins:
    if len(lines) >= _FEW_LINES or (usual is None and lines):
        left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
    elif usual is not None:
        left, right = usual
    else:
        left = right = 0.0
    return _Margins(left, right, layout.height, right - left >= _WIDE * layout.width)


def _continues(before: TextLine, margins_before: _Margins, after: TextLine,
               margins_after: _Margins, same_page: bool) -> bool:
    """Whether ``after`` is the next line of the paragraph that ``before`` is in."""
    em = max(before.em, after.em)
    if abs(before.em - after.em) > 0.2 * em or not (margins_before.wide and margins_after.wide):
        return False
    if before.x1 < margins_before.right - 1.5 * before.em:
        return False  # the paragraph ended short of the margin
    if after.x0 > margins_after.left + 0.5 * after.em:
        return False  # the next line is indented: a new paragraph
    if _HEADING.match(after.text):
        return False  # a heading set flush left after a full line
    if same_page:
        gap = after.top - before.bottom
        return -0.2 * em <= gap <= 1.2 * em
    return before.bottom >= _PAGE_FOOT * margins_before.height


Item = tuple[float, PageTable | TextLine]


@dataclass(frozen=True, slots=True)
class _Carry:
    """What a table drawn without lines that ends a page leaves to the next: its
    columns, or — when only its header stands at the foot of the page — the
    header's lines."""

    columns: Columns | None = None
    header: tuple[TextLine, ...] = ()


def _page_items(layout: PageLayout, skip: set[tuple[int, int]], carried: _Carry
                ) -> tuple[list[Item], list[TextLine], _Carry]:
    """The page's tables and body lines in reading order, its body lines, and what
    a table drawn without lines that ends the page carries to the next."""
    lines = [ln for ln in layout.lines if (layout.page, id(ln)) not in skip]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    items: list[Item] = []
    used: set[int] = set()
    unruled = find_unruled(lines, carried.columns, carried.header)
    for found in unruled:
        items.append((found.grid.box[1], PageTable(layout.page, found.grid)))
        used.update(range(found.first, found.last + 1))
    body = [ln for i, ln in enumerate(lines) if i not in used]
    items.extend((ln.top, ln) for ln in body)
    items.extend((t.grid.box[1], t) for t in layout.tables)
    items.sort(key=lambda item: item[0])
    ends = _Carry()
    last = items[-1][1] if items else None
    if unruled and unruled[-1].last == len(lines) - 1 and isinstance(last, PageTable) \
            and last.grid is unruled[-1].grid:
        ends = _Carry(columns=unruled[-1].columns)
    elif isinstance(last, TextLine) and header_line(last) and not layout.tables:
        ends = _Carry(header=(last,))
        # Written as a row of cells, as the rows of its table on the next page.
        items[-1] = (items[-1][0], PageTable(layout.page, header_grid(last)))
        body = [ln for ln in body if ln is not last]
    return items, body, ends


def _usual(bodies: Sequence[Sequence[TextLine]]) -> tuple[float, float] | None:
    """The median margins of the pages that have enough lines to show theirs."""
    full = [(min(ln.x0 for ln in b), max(ln.x1 for ln in b)) for b in bodies
            if len(b) >= _FEW_LINES]
    if not full:
        return None
    lefts, rights = sorted(m[0] for m in full), sorted(m[1] for m in full)
    return lefts[len(lefts) // 2], rights[len(rights) // 2]


def _same_edges(a: Grid, b: Grid) -> bool:
    return abs(a.box[0] - b.box[0]) <= EDGE_SLACK and abs(a.box[2] - b.box[2]) <= EDGE_SLACK


def _bottom_cells(part: TablePart) -> list[tuple[GridCell, bool]]:
    """The cells along a part's bottom edge, with whether each is (or continues) a
    row label.

    A row label stands left of its row's values (numbers, or blanks): a header
    row along the bottom (``信息内容 | 本年制发件数 | …``, table 4's ``结果维持``
    over its column) holds text alone, and the empty cell under one of its cells
    at the top of the next page is a blank value, not that header carried on.
    """
    bottom = [(index, cell, "".join(c.text for c in cell.chars))
              for index, cell in enumerate(part.grid.cells)
              if cell.row + cell.rows == part.grid.n_rows]
    out = []
    for index, cell, text in bottom:
        label = bool(text) and not is_number(text) and any(
            other.box[0] >= cell.box[2] - EDGE_SLACK and (not words or is_number(words))
            and other_index not in part.continued
            for other_index, other, words in bottom)
        out.append((cell, label or index in part.continued))
    return out


def _continued(before: TablePart, grid: Grid) -> frozenset[int]:
    """The empty cells at the top of ``grid`` that carry on a label cell from above.

    Row labels stand left of the numbers: an empty cell with a number to its left
    is a blank value under a header, written as the blank it is.
    """
    bottom = _bottom_cells(before)
    first_row = [c for c in grid.cells if c.row == 0]
    numbers = [c.box[0] for c in first_row if is_number("".join(ch.text for ch in c.chars))]
    first_number = min(numbers, default=float("inf"))
    out: set[int] = set()
    for index, cell in enumerate(grid.cells):
        if cell.row != 0 or not cell.open_top or cell.chars or cell.box[0] > first_number:
            continue
        for above, label in bottom:
            if (label and abs(above.box[0] - cell.box[0]) <= EDGE_SLACK
                    and abs(above.box[2] - cell.box[2]) <= EDGE_SLACK):
                out.add(index)
                break
    return frozenset(out)


def _joins_table(blocks: list[Block], item: PageTable, first: bool, page: int) -> bool:
    """Whether ``item`` continues the table that ended the page before."""
    last = blocks[-1] if blocks else None
    if not first or not isinstance(last, Table):
        return False
    tail = last.parts[-1]
    return tail.page == page - 1 and _same_edges(tail.grid, item.grid)


def _row_key(grid: Grid, row: int) -> str:
    return "".join(ch.text for cell in grid.cells if cell.row == row for ch in cell.chars)


def _repeated_header(last: Block | None, item: PageTable, first: bool) -> frozenset[int]:
    """The cells of a header repeated at the top of a page over the rest of the
    table that ended the page before: left out, as the page's furniture (written
    between a group's rows, it would cut the group off from its label)."""
    if not first or not isinstance(last, Table) or last.parts[-1].page != item.page - 1:
        return frozenset()
    head = _row_key(last.parts[0].grid, 0)
    if not head or any(ch.isdigit() for ch in head) or _row_key(item.grid, 0) != head:
        return frozenset()
    return frozenset(i for i, cell in enumerate(item.grid.cells) if cell.row == 0)


def flow(layouts: Sequence[PageLayout]) -> list[Block]:
    skip = furniture(layouts)
    pages: list[tuple[list[Item], list[TextLine]]] = []
    carried = _Carry()
    for layout in layouts:
        items, body, carried = _page_items(layout, skip, carried)
        pages.append((items, body))
    usual = _usual([body for _, body in pages])
    blocks: list[Block] = []
    last_line: tuple[TextLine, _Margins] | None = None
    for layout, (items, body) in zip(layouts, pages, strict=True):
        margins = _margins(body, layout, usual)
        # A 续表 ("table continued") line above a continued table is left out: the
        # two halves are joined into one table.
        if (len(items) > 1 and isinstance(items[0][1], TextLine)
                and _CONTINUED_TABLE.match(items[0][1].text)
                and isinstance(items[1][1], PageTable)
                and _joins_table(blocks, items[1][1], True, layout.page)):
            items = items[1:]
        for position, (_, item) in enumerate(items):
            last = blocks[-1] if blocks else None
            if isinstance(item, PageTable):
                repeated = _repeated_header(last, item, position == 0)
                if _joins_table(blocks, item, position == 0, layout.page):
                    assert isinstance(last, Table)
                    tail = last.parts[-1]
                    part = TablePart(item.page, item.grid,
                                     _continued(tail, item.grid) | repeated)
                    blocks[-1] = Table(last.parts + (part,))
                else:
                    blocks.append(Table((TablePart(item.page, item.grid, repeated),)))
                last_line = None
                continue
            if isinstance(last, Paragraph) and last_line is not None:
                previous_page = last.pieces[-1][0]
                same_page = previous_page == layout.page
                if ((same_page or (position == 0 and previous_page == layout.page - 1))
                        and _continues(last_line[0], last_line[1], item, margins, same_page)):
                    blocks[-1] = Paragraph(last.pieces + ((layout.page, item),))
                    last_line = (item, margins)
                    continue
            blocks.append(Paragraph(((layout.page, item),)))
            last_line = (item, margins)
    return blocks
