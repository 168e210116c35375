"""Tables drawn without lines, found by the alignment of their columns.

Consecutive lines that each break into pieces at column-wide gaps, with the
pieces of every line standing in the same columns, are rows of a table. Lines
in between that hold one piece (a label with blank cells, a sub-heading) are
rows too. A letter-spaced title (every piece one character, none a digit) is
not a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_geometry import chars_box, union
from .pdf_grid import Grid, GridCell
from .pdf_lines import SPACE_GAP, TextLine, make_line, split_columns

# Rows further apart than this many line heights are not one table.
ROW_GAP = 2.5
# Column extents this close are one column.
COLUMN_SLACK = 2.0


@dataclass(frozen=True, slots=True)
class UnruledTable:
    first: int  # index of its first line in the page's lines
    last: int  # index of its last line
    grid: Grid


def _is_row(pieces: Sequence[TextLine]) -> bool:
    if len(pieces) < 2:
        return False
    return not all(len(p.text) == 1 and not p.text.isdigit() for p in pieces)


def _columns(rows: Sequence[Sequence[TextLine]]) -> list[tuple[float, float]]:
    """Column extents from the rows with the most pieces (the rows of numbers).

    A header centred over several columns would join them if every row had a
    say; it is put across the columns it overlaps instead.
    """
    most = max(len(pieces) for pieces in rows)
    spans = sorted((p.x0, p.x1) for pieces in rows if len(pieces) == most for p in pieces)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + COLUMN_SLACK:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _at_gutters(piece: TextLine, columns: Sequence[tuple[float, float]]) -> list[TextLine]:
    """The piece cut at each space that falls between two columns: a header row's
    words can stand closer than a column gap and still be one word per column."""
    chars = piece.chars
    start = 0
    out: list[TextLine] = []
    for index in range(1, len(chars)):
        before, after = chars[index - 1], chars[index]
        if after.x0 - before.x1 <= SPACE_GAP * piece.em:
            continue
        if any(before.cx < right_start and after.cx > left_end
               for (_, left_end), (right_start, _) in zip(columns, columns[1:], strict=False)):
            out.append(make_line(chars[start:index]))
            start = index
    if not out:
        return [piece]
    out.append(make_line(chars[start:]))
    return out


def _grid(lines: Sequence[TextLine], pieces: Sequence[Sequence[TextLine]],
          columns: Sequence[tuple[float, float]]) -> Grid:
    cells: list[GridCell] = []
    for row, (line, parts) in enumerate(zip(lines, pieces, strict=True)):
        taken: set[int] = set()
        for piece in (cut for part in parts for cut in _at_gutters(part, columns)):
            hit = [i for i, (x0, x1) in enumerate(columns)
                   if piece.x0 < x1 + COLUMN_SLACK and piece.x1 > x0 - COLUMN_SLACK]
            if not hit:  # in a gap between columns: the nearest one
                middle = (piece.x0 + piece.x1) / 2
                hit = [min(range(len(columns)),
                           key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - middle))]
            first, last = min(hit), max(hit)
            while first in taken and first < len(columns) - 1:
                first += 1
            last = max(first, last)
            taken.update(range(first, last + 1))
            cells.append(GridCell(row, first, 1, last - first + 1, piece.box, False, piece.chars))
        for col, (x0, x1) in enumerate(columns):
            if col not in taken:
                cells.append(GridCell(row, col, 1, 1, (x0, line.top, x1, line.bottom), False))
    cells.sort(key=lambda c: (c.row, c.col))
    box = union([chars_box(line.chars) for line in lines])
    return Grid(box, len(lines), len(columns), tuple(cells))


def find_unruled(lines: Sequence[TextLine]) -> list[UnruledTable]:
    pieces = [split_columns(line) for line in lines]
    rows = [_is_row(p) for p in pieces]
    found: list[UnruledTable] = []
    index = 0
    while index < len(lines):
        if not rows[index]:
            index += 1
            continue
        last = index
        probe = index + 1
        # Extend over single-piece lines only up to the next row line.
        while probe < len(lines):
            gap = lines[probe].top - lines[probe - 1].bottom
            if gap > ROW_GAP * max(lines[probe].em, lines[probe - 1].em):
                break
            if rows[probe]:
                last = probe
            elif probe - last > 1:
                break
            probe += 1
        row_lines = [i for i in range(index, last + 1) if rows[i]]
        if len(row_lines) >= 2:
            columns = _columns([pieces[i] for i in row_lines])
            if len(columns) >= 2:
                span = range(index, last + 1)
                grid = _grid([lines[i] for i in span], [pieces[i] for i in span], columns)
                found.append(UnruledTable(index, last, grid))
        index = last + 1
    return found
