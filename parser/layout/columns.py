"""Blank cells in fixed-width text (``pdftotext -layout``), placed by column position.

When white space separates cells, a blank cell leaves no trace but a gap. In
fixed-width layouts the numbers still stand under their columns, so the rows
that have every cell give the columns' positions, and a row with fewer numbers
can be read by putting each number in the column it stands under. Positions are
measured both in characters and in display cells (CJK two wide), and whichever
lines the complete rows up better is used, since extractors differ.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from nianbao.parser.layout.fields import Field
from nianbao.parser.reading.lines import Line


def _cells_before(line: Line, offset: int) -> int:
    return _widths(line.raw)[offset - line.start]


@lru_cache(maxsize=256)
def _widths(raw: str) -> list[int]:
    """Display cells before each character of a line, computed once per line."""
    out = [0]
    for ch in raw:
        out.append(out[-1] + (2 if unicodedata.east_asian_width(ch) in "WF" else 1))
    return out


# Numbers may be aligned on their first or their last character, counted in
# characters or in display cells: each is tried, and the best-aligned one wins.
def _chars_end(line: Line, field: Field) -> int:
    return field.start - line.start + len(field.raw)


def _chars_start(line: Line, field: Field) -> int:
    return field.start - line.start


def _cells_end(line: Line, field: Field) -> int:
    return _cells_before(line, field.start + len(field.raw))


def _cells_start(line: Line, field: Field) -> int:
    return _cells_before(line, field.start)


Measure = Callable[[Line, Field], int]
_TOLERANCE = 2


def _centres(rows: Sequence[tuple[Line, list[Field]]], width: int,
             measure: Measure) -> tuple[list[float], int] | None:
    """Column positions from the complete rows, and how many rows agree with them.

    Rows that do not line up (a wrapped label pushed the numbers to the next line)
    are outvoted by the median rather than spoiling it.
    """
    positions = [[measure(line, field) for field in values] for line, values in rows]
    centres = [statistics.median(row[c] for row in positions) for c in range(width)]
    if any(b <= a for a, b in zip(centres, centres[1:], strict=False)):
        return None
    aligned = sum(1 for row in positions
                  if all(abs(p - c) <= _TOLERANCE for p, c in zip(row, centres, strict=True)))
    return centres, aligned


class ColumnModel:
    """Column positions learnt once from a table's complete rows."""

    def __init__(self, complete: Sequence[tuple[Line, list[Field]]], width: int) -> None:
        self.width = width
        self._fit: tuple[list[float], Measure, float] | None = None
        if len(complete) < 2:
            return
        best: tuple[list[float], int, Measure] | None = None
        measures: tuple[Measure, ...] = (_chars_end, _chars_start, _cells_end, _cells_start)
        for candidate in measures:
            found = _centres(complete, width, candidate)
            if found is not None and (best is None or found[1] > best[1]):
                best = (found[0], found[1], candidate)
        # Most complete rows must line up, or this is not a fixed-width layout.
        if best is None or best[1] < max(2, len(complete) // 2):
            return
        centres, _, measure = best
        gap = min(b - a for a, b in zip(centres, centres[1:], strict=False))
        if gap > _TOLERANCE * 2:
            self._fit = (centres, measure, gap)

    def place(self, line: Line, values: list[Field]) -> list[Field | None] | None:
        """The row's values spread over the columns, or None if unsure."""
        if self._fit is None:
            return None
        centres, measure, gap = self._fit
        placed: list[Field | None] = [None] * self.width
        for field in values:
            position = measure(line, field)
            column = min(range(self.width), key=lambda c: abs(centres[c] - position))
            if abs(centres[column] - position) > gap / 2 or placed[column] is not None:
                return None
            placed[column] = field
        return placed

