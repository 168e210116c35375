"""A ``layout.GTable`` resolved to grid slots: where each cell starts, how many
columns and rows it covers, and which cells only continue a merge from above.

Every document format starts from this: Word writes ``gridSpan`` and ``vMerge``
(restart / continue), HTML ``colspan`` and ``rowspan`` (continuations left out), and
the PDF drawer boxes over the merged slots.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import GCell, GTable


@dataclass(frozen=True, slots=True)
class Slot:
    cell: GCell
    row: int  # from 0, in the table's rows
    col: int  # first grid column, from 0
    colspan: int
    rowspan: int  # rows covered from here down (1 for continuations)
    continues: bool  # a vertical-merge continuation: no content of its own
    restarts: bool  # the first cell of a vertical merge with continuations below


def slots(table: GTable) -> list[list[Slot]]:
    """The cells of each row in order, with grid positions and spans."""
    rows = [r for r in table.rows if r.kind != "break"]
    starts: list[list[int]] = []
    for row in rows:
        col = 0
        cols = []
        for cell in row.cells:
            cols.append(col)
            col += cell.span
        if col != table.width:
            raise ValueError(f"{table.id}: a row covers {col} of {table.width} columns")
        starts.append(cols)
    out: list[list[Slot]] = []
    for r, row in enumerate(rows):
        line = []
        for cell, col in zip(row.cells, starts[r], strict=True):
            below = 0
            if not cell.vmerge:
                k = r + 1
                while k < len(rows) and _continues_at(rows[k].cells, starts[k], col):
                    below += 1
                    k += 1
            line.append(Slot(cell, r, col, cell.span, 1 + below, cell.vmerge, below > 0))
        out.append(line)
    return out


def _continues_at(cells: tuple[GCell, ...], cols: list[int], col: int) -> bool:
    return any(c.vmerge and at == col for c, at in zip(cells, cols, strict=True))
