"""Tables whose labels and numbers come in separate blocks (``pdftotext`` default mode).

poppler's default mode writes a table as text blocks: the labels of a few rows as one
run of lines, then their numbers, one a line, column by column (a run per column,
as many numbers as rows), or row by row when a block holds one row (each number on
a line of its own, blank lines between). The numbers still come in the table's own
order, top to bottom, so the grid is rebuilt from the template's row order and the
count of numbers: a run of *k* numbers opens a block of *k* rows whose other columns
are the runs that follow; single numbers fill a row in order.

Nothing is guessed: the runs must make exactly the template's rows and cells, or
the table is not read this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nianbao.parser.layout.fields import Field, is_page_mark, line_field
from nianbao.parser.layout.numbers import PLACEHOLDERS, read_number
from nianbao.parser.reading.lines import Line

# The share of a region's number-bearing lines that must hold one number and nothing
# else before the region is read as blocks.
_SHARE = 0.8
Check = Callable[[list[Field]], bool]


# A line that may be one number and nothing else (checked fully by read_number).
_LONE = re.compile(r"\s*[+-]?\d[\d,.]*\s*\S{0,8}\s*")
_DIGIT = re.compile(r"\d")


def _lone_number(line: Line) -> Field | None:
    """The line's one field, when it is a number (or a placeholder) and nothing else."""
    text = line.text.strip()
    if not text or is_page_mark(line.text):
        return None
    if read_number(text).kind != "number" and text not in PLACEHOLDERS:
        return None
    first = line.text.index(text[0])
    return line_field(line, first, first + len(text))


def number_runs(lines: Sequence[Line]) -> list[list[Field]] | None:
    """The region's numbers as runs of consecutive one-number lines, when the region is
    written in blocks; None when its numbers stand beside their labels."""
    # A first look that builds nothing: most regions are not written in blocks.
    lone = mixed = 0
    count = len(lines)
    for seen, line in enumerate(lines, start=1):
        text = line.text
        if line.blank or _DIGIT.search(text) is None:
            continue
        if _LONE.fullmatch(text) is not None:
            lone += 1
        else:
            mixed += 1
            # Even if every line left held one number alone, too few would.
            best = lone + count - seen
            if best < _SHARE * (best + mixed):
                return None
    if lone < 2 or lone < _SHARE * (lone + mixed):
        return None
    runs: list[list[Field]] = []
    current: list[Field] = []
    lone = mixed = 0
    for line in lines:
        number = _lone_number(line)
        if number is not None:
            lone += 1
            current.append(number)
            continue
        if current:
            runs.append(current)
            current = []
        if not line.blank and not is_page_mark(line.text) and _DIGIT.search(line.text):
            mixed += 1
    if current:
        runs.append(current)
    if lone < 2 or lone < _SHARE * (lone + mixed):
        return None
    return runs


def rows_from_runs(runs: list[list[Field]], widths: Sequence[int],
                   check: Check | None = None) -> list[list[Field]] | None:
    """The runs cut into rows of ``widths`` cells, in order; None when they do not fit.

    A run of one number adds a cell to the row being filled; a run of *k* > 1 numbers
    is the first column of *k* rows of one width, and the runs after it their other
    columns. When a run could also be one whole row (as long as the row is wide), the
    reading that more rows' ``check`` (their sums) accepts is taken, and neither
    when they tie.
    """
    rows: list[list[Field]] = []
    current: list[Field] = []
    index = 0
    while index < len(runs):
        run = runs[index]
        row = len(rows)
        if row >= len(widths):
            return None
        width = widths[row]
        if len(run) == 1 or current:
            current.extend(run)
            index += 1
            while len(rows) < len(widths) and len(current) >= widths[len(rows)]:
                cut = widths[len(rows)]
                rows.append(current[:cut])
                current = current[cut:]
            if current and len(rows) == len(widths):
                return None
            continue
        block = _column_block(runs, index, widths, row)
        whole = _whole_rows(run, widths, row)
        if block is not None and whole is not None:
            # The same runs read row by row, one row a run: which reading adds up?
            by_rows = [r for k in range(width) for r in (_whole_rows(
                runs[index + k], widths, row + k) or [])]
            if check is not None and len(by_rows) == len(block):
                by_column = sum(1 for r in block if check(r))
                by_row = sum(1 for r in by_rows if check(r))
                if by_column == by_row:
                    return None
                if by_row > by_column:
                    block = None
        if block is not None:
            rows.extend(block)
            index += width
        elif whole is not None:
            rows.extend(whole)
            index += 1
        else:
            return None
    if current or len(rows) != len(widths):
        return None
    return rows


def _column_block(runs: list[list[Field]], index: int, widths: Sequence[int],
                  row: int) -> list[list[Field]] | None:
    """Rows ``row…`` read column by column from the runs at ``index``."""
    height = len(runs[index])
    width = widths[row]
    if row + height > len(widths) or any(w != width for w in widths[row:row + height]):
        return None
    columns = runs[index:index + width]
    if len(columns) < width or any(len(c) != height for c in columns):
        return None
    return [[column[k] for column in columns] for k in range(height)]


def _whole_rows(run: list[Field], widths: Sequence[int], row: int) -> list[list[Field]] | None:
    """Rows ``row…`` read row by row from one run."""
    out: list[list[Field]] = []
    at = 0
    while at < len(run):
        if row + len(out) >= len(widths):
            return None
        width = widths[row + len(out)]
        if at + width > len(run):
            return None
        out.append(run[at:at + width])
        at += width
    return out
