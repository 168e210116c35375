"""Ruled tables rebuilt from a page's ruling lines, merged cells resolved.

Lines that touch form one table. Its grid has a column boundary at every
vertical line and a row boundary at every horizontal one, and two neighbouring
slots of the grid belong to one cell when no line is drawn between them: a
merged cell is whatever rectangle of slots no line cuts. The outer edge of a
table is where its lines end, drawn or not, so a table continued from the
previous page without its top rule is still whole.

A table the lines do not settle (a merged region that is not a rectangle, text
drawn across a line) is reported as such; the reader then asks the slow path.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nianbao.parser.i18n import N_

from .pdf_geometry import Box, Char, Rule

# Lines this close are one line (strokes are drawn twice, shading edges beside them).
SAME = 1.5
# Collinear pieces with a gap this small are one line.
BRIDGE = 2.5
# A boundary is drawn when lines cover this much of it.
COVERED = 0.5
# A character is drawn across a line when this much of it lies past the line.
ACROSS = 0.35
# ... and a table with this many such characters (and this share) is not settled.
ACROSS_AT_LEAST = 3
ACROSS_SHARE = 0.05
MAX_RULES = 600
MAX_SLOTS = 20_000


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rows: int
    cols: int
    box: Box
    # No line is drawn along the cell's top edge (a table continued from the
    # previous page often has none).
    open_top: bool
    chars: tuple[Char, ...] = ()


@dataclass(frozen=True, slots=True)
class Grid:
    box: Box
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]  # by row, then column
    # Why the lines do not settle the table, or None.
    problem: str | None = None


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_rules(rules: Sequence[Rule]) -> tuple[list[Rule], list[Rule]]:
    """(horizontal, vertical) lines with collinear overlapping pieces made one."""
    return _merge([r for r in rules if r.horizontal]), _merge([r for r in rules if not r.horizontal])


def _merge(rules: list[Rule]) -> list[Rule]:
    out: list[Rule] = []
    rules.sort(key=lambda r: r.at)
    group: list[Rule] = []
    for rule in rules:
        # Measured from the group's first line: lines a point apart each do not chain
        # into one.
        if group and rule.at - group[0].at > SAME:
            out.extend(_merge_collinear(group))
            group = []
        group.append(rule)
    if group:
        out.extend(_merge_collinear(group))
    return out


def _merge_collinear(group: list[Rule]) -> list[Rule]:
    at = sum(r.at for r in group) / len(group)
    horizontal = group[0].horizontal
    out: list[Rule] = []
    start = end = 0.0
    for rule in sorted(group, key=lambda r: r.start):
        if out and rule.start <= end + BRIDGE:
            end = max(end, rule.end)
            out[-1] = Rule(horizontal, at, start, end)
        else:
            start, end = rule.start, rule.end
            out.append(rule if rule.at == at else Rule(horizontal, at, start, end))
    return out


def _touch(h: Rule, v: Rule) -> bool:
    return (h.start - BRIDGE <= v.at <= h.end + BRIDGE
            and v.start - BRIDGE <= h.at <= v.end + BRIDGE)


def components(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of lines that touch, each (horizontal, vertical)."""
    count = len(horizontal) + len(vertical)
    union = _Union(count)
    offset = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _touch(h, v):
                union.join(i, offset + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(union.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(union.find(offset + j), ([], []))[1].append(v)
    return list(groups.values())


def _cluster(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][0] <= SAME * 2:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _coverage(rules: Sequence[Rule], lo: float, hi: float) -> float:
    """How much of [lo, hi] the (collinear) lines cover."""
    covered = 0.0
    for rule in rules:
        covered += max(0.0, min(hi, rule.end) - max(lo, rule.start))
    return covered / (hi - lo) if hi > lo else 1.0


def _on(positions: Sequence[float], rules: Sequence[Rule]) -> dict[int, list[Rule]]:
    """Lines by the (sorted) grid position they lie on."""
    out: dict[int, list[Rule]] = {}
    last = len(positions) - 1
    for rule in rules:
        right = bisect_right(positions, rule.at)
        index = right if right <= last and (
            right == 0 or positions[right] - rule.at < rule.at - positions[right - 1]) else right - 1
        if abs(positions[index] - rule.at) <= SAME * 2:
            out.setdefault(index, []).append(rule)
    return out


@dataclass(frozen=True, slots=True)
class Lattice:
    """A table's grid positions and its cells before text is put in them."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    grid: Grid

    def filled(self, chars: Sequence[Char]) -> Grid:
        return fill(self.grid, chars, self.xs, self.ys)


def lattice(horizontal: list[Rule], vertical: list[Rule]) -> Lattice | None:
    """The table these touching lines draw, or None when they draw no table
    (fewer than two cells: a frame, an underline). One horizontal line is enough
    when the vertical ones rise above it: the one row left of a table continued
    on a new page, drawn without its top rule."""
    if not horizontal or len(vertical) < 2:
        return None
    xs = _cluster([v.at for v in vertical])
    ys = _cluster([h.at for h in horizontal])
    left, right = min(h.start for h in horizontal), max(h.end for h in horizontal)
    top, bottom = min(v.start for v in vertical), max(v.end for v in vertical)
    # Where the lines run past the outermost line across them, the table's edge is
    # where they end: a table continued without its top rule still has a top.
    if left < xs[0] - 2 * SAME - BRIDGE:
        xs.insert(0, left)
    if right > xs[-1] + 2 * SAME + BRIDGE:
        xs.append(right)
    if top < ys[0] - 2 * SAME - BRIDGE:
        ys.insert(0, top)
    if bottom > ys[-1] + 2 * SAME + BRIDGE:
        ys.append(bottom)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2 or n_rows * n_cols > MAX_SLOTS:
        return None
    at_x, at_y = _on(xs, vertical), _on(ys, horizontal)

    def drawn_v(col: int, row: int) -> bool:  # the line left of slot (row, col)
        return _coverage(at_x.get(col, ()), ys[row], ys[row + 1]) >= COVERED

    def drawn_h(row: int, col: int) -> bool:  # the line above slot (row, col)
        return _coverage(at_y.get(row, ()), xs[col], xs[col + 1]) >= COVERED

    union = _Union(n_rows * n_cols)
    for row in range(n_rows):
        for col in range(n_cols):
            here = row * n_cols + col
            if col + 1 < n_cols and not drawn_v(col + 1, row):
                union.join(here, here + 1)
            if row + 1 < n_rows and not drawn_h(row + 1, col):
                union.join(here, here + n_cols)
    cells, problem = _cells(union, n_rows, n_cols, xs, ys, drawn_h)
    if len(cells) < 2:
        return None
    grid = Grid((xs[0], ys[0], xs[-1], ys[-1]), n_rows, n_cols, tuple(cells), problem)
    return Lattice(tuple(xs), tuple(ys), grid)


def _cells(union: _Union, n_rows: int, n_cols: int, xs: Sequence[float], ys: Sequence[float],
           drawn_h: Callable[[int, int], bool]) -> tuple[list[GridCell], str | None]:
    members: dict[int, list[int]] = {}
    for slot in range(n_rows * n_cols):
        members.setdefault(union.find(slot), []).append(slot)
    cells: list[GridCell] = []
    problem: str | None = None
    for slots in members.values():
        rows = [s // n_cols for s in slots]
        cols = [s % n_cols for s in slots]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        if (r1 - r0 + 1) * (c1 - c0 + 1) != len(slots):
            problem = N_("a merged cell that is not a rectangle")
        open_top = r0 == 0 and not all(drawn_h(0, c) for c in range(c0, c1 + 1))
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                              (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]), open_top))
    cells.sort(key=lambda c: (c.row, c.col))
    return cells, problem


def cells_from_boxes(boxes: Sequence[Box]) -> Lattice | None:
    """A grid from cell rectangles found elsewhere (the slow path's table finder)."""
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols > MAX_SLOTS:
        return None

    def nearest(positions: Sequence[float], value: float) -> int:
        return min(range(len(positions)), key=lambda i: abs(positions[i] - value))

    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for x0, top, x1, bottom in boxes:
        c0, c1 = nearest(xs, x0), nearest(xs, x1)
        r0, r1 = nearest(ys, top), nearest(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        slots = {(r, c) for r in range(r0, r1) for c in range(c0, c1)}
        if slots & taken:
            continue
        taken |= slots
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, (xs[c0], ys[r0], xs[c1], ys[r1]),
                              False))
    # Slots no cell covers (pdfplumber leaves them where a rule is missing) get a
    # cell of their own, so their text is not dropped.
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) not in taken:
                cells.append(GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]),
                                      r == 0))
    if len(cells) < 2:
        return None
    cells.sort(key=lambda c: (c.row, c.col))
    grid = Grid((xs[0], ys[0], xs[-1], ys[-1]), n_rows, n_cols, tuple(cells))
    return Lattice(tuple(xs), tuple(ys), grid)


def fill(grid: Grid, chars: Sequence[Char], xs: Sequence[float], ys: Sequence[float]) -> Grid:
    """The grid with each character in the cell its centre lies in.

    A character drawn across a cell's left or right edge (a cramped label's last
    comma) joins the text it touches on either side; many characters across
    lines make the grid unsettled.
    """
    owner: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(grid.cells):
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.col, cell.col + cell.cols):
                owner[(r, c)] = index
    held: list[list[Char]] = [[] for _ in grid.cells]
    spilled: list[tuple[Char, int, int]] = []  # (char, its cell, the cell across the edge)
    across = 0
    last_col, last_row = len(xs) - 2, len(ys) - 2
    for char in chars:
        col = bisect_right(xs, (char.x0 + char.x1) / 2) - 1
        row = bisect_right(ys, (char.top + char.bottom) / 2) - 1
        if col < 0:
            col = 0
        elif col > last_col:
            col = last_col
        if row < 0:
            row = 0
        elif row > last_row:
            row = last_row
        found = owner.get((row, col))
        if found is None:
            continue
        held[found].append(char)
        cell = grid.cells[found]
        if _across(cell, char):
            across += 1
            side = cell.col - 1 if char.x0 < cell.box[0] else cell.col + cell.cols
            other = owner.get((row, side))
            if other is not None and other != found:
                spilled.append((char, found, other))
    for char, found, other in spilled:
        if _gap(char, held[other]) < _gap(char, held[found]):
            held[found].remove(char)
            held[other].append(char)
    cells = tuple(
        GridCell(c.row, c.col, c.rows, c.cols, c.box, c.open_top, tuple(h))
        for c, h in zip(grid.cells, held, strict=True))
    problem = grid.problem
    # A character or two spilling over a cell's edge is a cramped cell; many are
    # lines that are not cell borders (strike-through, a frame drawn over text).
    if problem is None and across >= max(ACROSS_AT_LEAST, ACROSS_SHARE * len(chars)):
        problem = N_("text drawn across ruling lines")
    return Grid(grid.box, grid.n_rows, grid.n_cols, cells, problem)


def _gap(char: Char, others: Sequence[Char]) -> float:
    """How far ``char`` is from the nearest other character on its line."""
    best = float("inf")
    for other in others:
        if other is char or other.bottom <= char.top or other.top >= char.bottom:
            continue
        gap = max(other.x0 - char.x1, char.x0 - other.x1, 0.0)
        best = min(best, gap)
    return best


def _across(cell: GridCell, char: Char) -> bool:
    x0, top, x1, bottom = cell.box
    width, height = char.x1 - char.x0, char.bottom - char.top
    return (x0 - char.x0 > ACROSS * width or char.x1 - x1 > ACROSS * width
            or top - char.top > ACROSS * height or char.bottom - bottom > ACROSS * height)


def find_lattices(rules: Sequence[Rule]) -> tuple[list[Lattice], bool]:
    """The page's ruled tables, and whether it had too many lines to look at."""
    horizontal, vertical = merge_rules(rules)
    if len(horizontal) + len(vertical) > MAX_RULES:
        return [], True
    found = []
    for h, v in components(horizontal, vertical):
        built = lattice(h, v)
        if built is not None:
            found.append(built)
    return found, False
