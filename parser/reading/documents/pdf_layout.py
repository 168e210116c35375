"""One page laid out: its ruled tables with their text, and the lines outside them.

The fast path rebuilds each table from the page's lines (:mod:`.pdf_grid`). A
table its lines do not settle goes to the slow path (a table finder given the
page and the table's box); if that cannot settle it either, the table's text
stays in the page's lines, where it is read as text, and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nianbao.parser.i18n import _

from .pdf_geometry import Box, Char
from .pdf_grid import Grid, Lattice, find_lattices
from .pdf_lines import TextLine, group_lines
from .pdf_page import PageContent

# The slow path: (page number, box of the unsettled table) → a table, or None.
SlowPath = Callable[[int, Box], Lattice | None]


def note_unsettled(page: int, problem: str) -> str:
    return _("page {page}: a table could not be rebuilt ({problem}); its text is read as "
             "lines").format(page=page, problem=_(problem))


def note_too_many_lines(page: int) -> str:
    return _("page {page}: too many ruling lines to look for tables; its text is read as "
             "lines").format(page=page)


def note_truncated(page: int) -> str:
    return _("page {page}: too many drawing objects; only the first ones were looked at for "
             "tables").format(page=page)


@dataclass(frozen=True, slots=True)
class PageTable:
    page: int
    grid: Grid
    slow: bool = False  # rebuilt by the slow path


@dataclass(frozen=True, slots=True)
class PageLayout:
    page: int
    width: float
    height: float
    tables: tuple[PageTable, ...]
    lines: tuple[TextLine, ...]
    notes: tuple[str, ...]


def _take(chars: Sequence[Char], free: list[bool], box: Box) -> list[int]:
    """The free characters whose centre lies in ``box`` (or within a point of it)."""
    x0, top, x1, bottom = box[0] * 2 - 2, box[1] * 2 - 2, box[2] * 2 + 2, box[3] * 2 + 2
    return [i for i, c in enumerate(chars)
            if free[i] and x0 <= c.x0 + c.x1 <= x1 and top <= c.top + c.bottom <= bottom]


def lay_out(content: PageContent, slow: SlowPath) -> PageLayout:
    chars = content.chars
    free = [True] * len(chars)
    notes: list[str] = []
    tables: list[PageTable] = []
    if content.truncated_objects:
        notes.append(note_truncated(content.number))
    lattices, too_many = find_lattices(content.rules)
    if too_many:
        notes.append(note_too_many_lines(content.number))
    for found in sorted(lattices, key=lambda lat: (lat.grid.box[1], lat.grid.box[0])):
        held = _take(chars, free, found.grid.box)
        if not held:
            continue  # lines with no text in them: a drawing, not a table
        grid = found.filled([chars[i] for i in held])
        took_slow = False
        if grid.problem is not None:
            other = slow(content.number, grid.box)
            regrid = None
            if other is not None:
                held = sorted(set(held) | set(_take(chars, free, other.grid.box)))
                regrid = other.filled([chars[i] for i in held])
            if regrid is None or regrid.problem is not None:
                notes.append(note_unsettled(content.number, grid.problem))
                continue
            grid, took_slow = regrid, True
        for i in held:
            free[i] = False
        tables.append(PageTable(content.number, grid, took_slow))
    lines = group_lines([char for char, keep in zip(chars, free, strict=True) if keep])
    return PageLayout(content.number, content.width, content.height, tuple(tables),
                      tuple(lines), tuple(notes))
