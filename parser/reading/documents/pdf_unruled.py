"""Tables drawn without lines, found by the alignment of their columns.

Consecutive lines that each break into pieces at column-wide gaps, with the
pieces of every line standing in the same columns, are rows of a table; so are
short lines between them that stay left of the numbers (the other lines of a
wrapped label). A letter-spaced title (every piece one character, none a digit)
is not a row.

A row of the table is a line holding numbers, with the label lines around it:
a label wrapped over three lines is set with the numbers on its middle line, so
each label-only line joins the line of numbers nearest to it — unless it goes
on the cell line over it (a label wrapped over an even number of lines), or it
is not its row's label at all (a row label is set centred on its numbers: one
standing off-centre is a row of labels alone whose numbers are all blank, and
is written without made-up blanks) — save in table 2 of the 2019 template,
where a line of labels alone ending in a whole field label (上一年项目数量), in the
column where every row of numbers has its own, is that field's row, blank: the
template gives each row one field label. Lines with words over the numbers' columns
are the header, one row each. A number alone on its line (a row blank but for its
total, its label wrapped over two lines round it) is a row when it stands in one
of the table's columns of numbers.

Columns are where the numbers stand in any row, and where the header's words
name a column in which no row has a number (leaf headers taken narrowest first,
whether set on one line, wrapped, or one character a line; a header spanning
several columns says nothing). A cell the columns cannot place is not guessed:
its row comes out short and the parser reports the cells it lacks.

Across a page break (:func:`find_unruled`'s ``carried``): the rows at the top of
the next page are read in the columns of the table that ended the page before,
even a row alone or a number alone; a header left alone at the foot of a page
names the columns of the table the next page starts with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...template import ACTIVE_ITEMS, FIELD_ALIASES
from .pdf_geometry import chars_box, union
from .pdf_grid import Grid, GridCell
from .pdf_lines import SPACE_GAP, TextLine, is_number, make_line, split_columns

# Rows further apart than this many line heights are not one table.
ROW_GAP = 2.5
# Column extents this close are one column.
COLUMN_SLACK = 2.0
# A label line joins a line of numbers at most this many line heights away.
ATTACH = 2.5
# At most this many label-only lines stand between two lines of a table.
LABEL_LINES = 6
# Lines of one wrapped label stand at most this many line heights apart (a
# caption or heading over the table stands farther).
WRAP_GAP = 0.8
# Labels in two columns stand at least this many line heights apart.
LABEL_GAP = 0.8
# Single characters this many line heights apart or less are one letter-spaced word.
LETTER_SPACED = 1.0


# A report's section heading (四、政府信息公开行政复议、行政诉讼情况) standing alone;
# a row label such as 三、本年度办理结果 is not one.
_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*、.*(?:情况|事项)\s*$")


# A table's column extents and how many of the first ones hold labels.
Columns = tuple[tuple[tuple[float, float], ...], int]


@dataclass(frozen=True, slots=True)
class UnruledTable:
    first: int  # index of its first line in the page's lines
    last: int  # index of its last line
    grid: Grid
    columns: Columns


def _is_row(pieces: Sequence[TextLine]) -> bool:
    if len(pieces) < 2:
        return False
    return not all(len(p.text) == 1 and not p.text.isdigit() for p in pieces)


def _merged(spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping extents as one."""
    columns: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if columns and x0 <= columns[-1][1] + COLUMN_SLACK:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _columns(rows: Sequence[Sequence[TextLine]], header: Sequence[TextLine] = ()
             ) -> tuple[list[tuple[float, float]], int]:
    """Column extents, and how many of the first ones hold labels.

    The numbers' columns come from every row's numbers (a blank cell leaves no
    piece, so no single row shows them all), the labels' columns from the words
    left of them, cut at gaps narrower than between numbers (a group label such
    as （三）不予公开 and its item labels stand a cell's padding apart). A header
    centred over several columns would join them if it had a say; it is put
    across the columns it overlaps instead. Without numbers, the rows with the
    most pieces say. The ``header`` lines (those above the first line of numbers)
    add the columns their words name one by one where no number stands
    (:func:`_header_columns`).
    """
    numbers = [(p.x0, p.x1) for pieces in rows for p in pieces if is_number(p.text)]
    if not numbers:
        most = max(len(pieces) for pieces in rows)
        spans = [(p.x0, p.x1) for pieces in rows if len(pieces) == most for p in pieces]
        return _merged(spans), 0
    values = _merged(numbers)
    start = values[0][0]
    # Labels are the words left of the numbers in rows that hold numbers: a table
    # whose rows hold numbers alone (table 4) has none, and a header word over a
    # column blank in every row names a column of numbers, not one of labels —
    # nor does a header word over the labels (统计项目 over 本年新制作数量) name a
    # column of numbers.
    labels = _merged([(w.x0, w.x1) for pieces in rows if any(is_number(q.text) for q in pieces)
                      for p in pieces if p.x1 < start - COLUMN_SLACK and not is_number(p.text)
                      for w in split_columns(p, LABEL_GAP)])
    label_right = labels[-1][1] if labels else float("-inf")
    if header:
        # The header's words one by one: a header line cut only at column gaps
        # can hold several columns' words as one piece (纠 结果 审结), which
        # would pass for one wide column.
        values = _merged(values + _header_columns(header, values, label_right, bool(labels)))
    else:
        values = _merged(values + [(x0, x1) for x0, x1 in _named_only(rows, values)
                                   if x0 > label_right + COLUMN_SLACK])
    return labels + values, len(labels)


def _header_columns(header: Sequence[TextLine], values: Sequence[tuple[float, float]],
                    label_right: float, labelled: bool) -> list[tuple[float, float]]:
    """Columns named by header words where no number stands in any row.

    A column blank in every row leaves no number to show where it is, but its
    header word does, whether the header is set on one line, wrapped over
    several or one character a line. Words are taken narrowest first: a word
    standing over no column yet is a column of its own (a leaf of the header),
    one over a column already known adds nothing, and one over two or more is a
    header spanning them (行政复议 over its five columns), which says nothing
    about where each of them is. Only words right of the labels count; in a
    table with row labels, a header line's first word left of the numbers is
    the labels' own header (信息内容, centred over labels shorter than it), not a
    column of numbers.
    """
    found: list[TextLine] = []
    first_number = values[0][0] if values else float("inf")
    for line in header:
        words = [w for w in _header_words(line) if not is_number(w.text)]
        if labelled and words and words[0].x1 < first_number - COLUMN_SLACK:
            words = words[1:]
        found.extend(w for w in words if w.x0 > label_right + COLUMN_SLACK)
    words = sorted(found, key=lambda w: (w.x1 - w.x0, w.x0))
    known = list(values)
    extra: list[tuple[float, float]] = []
    for word in words:
        if not any(word.x0 < x1 + COLUMN_SLACK and word.x1 > x0 - COLUMN_SLACK
                   for x0, x1 in known):
            known.append((word.x0, word.x1))
            extra.append((word.x0, word.x1))
    return extra


def _named_only(rows: Sequence[Sequence[TextLine]],
                values: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Columns blank in every row that a header names one by one.

    A header row (its first word names the labels) whose other words each stand
    over at most one column of numbers, over different ones, most of them over
    one, puts a column under each word that stands over none — when that word
    stands as far from the numbers' columns as the header's words stand from
    each other (a misaligned header word is not a column).
    """
    centres = [(x0 + x1) / 2 for x0, x1 in values]
    extra: list[tuple[float, float]] = []
    for pieces in rows:
        heads = [p for p in pieces[1:] if not is_number(p.text)]
        hits = [[i for i, (x0, x1) in enumerate(values)
                 if p.x0 < x1 + COLUMN_SLACK and p.x1 > x0 - COLUMN_SLACK] for p in heads]
        named = [h[0] for h in hits if h]
        unnamed = [p for p, h in zip(heads, hits, strict=True) if not h]
        if (len(heads) < 2 or len(heads) < len(pieces) - 1 or len(named) < len(unnamed)
                or any(len(h) > 1 for h in hits) or len(set(named)) != len(named)):
            continue
        middles = [(p.x0 + p.x1) / 2 for p in heads]
        steps = sorted(b - a for a, b in zip(middles, middles[1:], strict=False))
        pitch = steps[len(steps) // 2]
        extra.extend((p.x0, p.x1) for p in unnamed
                     if all(abs((p.x0 + p.x1) / 2 - c) >= 0.6 * pitch for c in centres))
    return extra


def _header_words(line: TextLine) -> list[TextLine]:
    """A header line's words: cut at every space (header words in narrow cells
    stand little more than half a character apart), single characters a space
    apart joined again (a letter-spaced word: 信 息 内 容) — but not characters a
    column apart (a header set one character a line shows one of each column)."""
    out: list[TextLine] = []
    single = False
    for word in split_columns(line, SPACE_GAP):
        one = len(word.chars) == 1
        if (out and one and single
                and word.x0 - out[-1].x1 < LETTER_SPACED * max(word.em, out[-1].em)):
            out[-1] = make_line(out[-1].chars + word.chars)
        else:
            out.append(word)
            single = one
    return out


def _header_fragment(line: TextLine, widest: float) -> bool:
    """A line of a header over the numbers' columns: short words only, none a
    number (the other lines of header words wrapped in narrow cells, or set one
    character a line, which the line grouping gives back as scraps)."""
    if _HEADING.match(line.text):
        return False
    pieces = split_columns(line)
    return all(not is_number(p.text) and p.x1 - p.x0 <= widest for p in pieces)


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


Placed = tuple[int, int, TextLine]  # (first column, last column, piece)


def _place(line_pieces: Sequence[TextLine], columns: Sequence[tuple[float, float]],
           label_count: int) -> list[Placed]:
    """Each piece (cut at the gutters) with the columns it stands in. Labels may
    share the label columns; a second number in a taken column moves right."""
    placed: list[Placed] = []
    taken: set[int] = set()
    for piece in (cut for part in line_pieces for cut in _at_gutters(part, columns)):
        hit = [i for i, (x0, x1) in enumerate(columns)
               if piece.x0 < x1 + COLUMN_SLACK and piece.x1 > x0 - COLUMN_SLACK]
        if not hit:  # in a gap between columns: the nearest one
            middle = (piece.x0 + piece.x1) / 2
            hit = [min(range(len(columns)),
                       key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - middle))]
        first, last = min(hit), max(hit)
        if last < label_count:
            placed.append((first, last, piece))
            continue
        while first in taken and first < len(columns) - 1:
            first += 1
        last = max(first, last)
        taken.update(range(first, last + 1))
        placed.append((first, last, piece))
    return placed


def _first_number(placed: Sequence[Placed]) -> int | None:
    """The first column holding a number, after the line's first piece."""
    columns = [first for first, _, piece in placed[1:] if is_number(piece.text)]
    if placed and is_number(placed[0][2].text) and placed[0][0] > 0:
        columns.append(placed[0][0])
    return min(columns) if columns else None


# Table 2's field labels in the 2019 template (上一年项目数量, 本年增/减, …), each
# item's fields set one a row; with the wordings seen in real reports.
_FIELD_LABELS = frozenset(
    name for item in ACTIVE_ITEMS["2019"] for _, label in item.fields
    for name in (label, *FIELD_ALIASES.get(label, ())))


def _field_label(placed: Sequence[Placed], label_count: int) -> TextLine | None:
    """The line's last label word when it is, whole, one of table 2's field labels."""
    labels = [piece for _, last, piece in placed if last < label_count]
    if not labels:
        return None
    word = split_columns(labels[-1], LABEL_GAP)[-1]
    return word if "".join(word.text.split()) in _FIELD_LABELS else None


def _blank_fields(lines: Sequence[TextLine], placed: Sequence[Sequence[Placed]],
                  label_count: int, valued: Sequence[int]) -> set[int]:
    """Lines that are table 2's blank field rows (2019 template): in a table whose
    every line of numbers carries its own field label, whole, in the label column
    (本年增/减 5), a line of labels alone whose last word is a field label, whole
    and in that same column, is a row of that field with its cells blank — one row
    has one field label, so it cannot be another row's wrapped label (上一年项目数量
    over 行政许可 本年增/减 0). Geometry alone cannot tell it from a wrapped label;
    the template can."""
    if not valued:
        return set()
    own = [_field_label(placed[v], label_count) for v in valued]
    if any(word is None for word in own):
        return set()
    column = [(w.x0, w.x1) for w in own if w is not None]
    found: set[int] = set()
    for index in range(len(lines)):
        if index in valued or not placed[index] \
                or any(last >= label_count for _, last, _ in placed[index]):
            continue
        word = _field_label(placed[index], label_count)
        if word is not None and all(word.x0 < x1 and word.x1 > x0 for x0, x1 in column):
            found.add(index)
    return found


def _rows(lines: Sequence[TextLine], placed: Sequence[Sequence[Placed]],
          label_count: int, blank: set[int] | None = None) -> list[list[int]]:
    """The table's rows as lists of line indices: each line of numbers with the
    label-only lines nearest to it (within ``ATTACH`` line heights); header lines
    (words over the numbers' columns) and lines farther away stand alone."""
    numbers = [_first_number(p) for p in placed]
    valued = [i for i, n in enumerate(numbers) if n is not None]
    owner: dict[int, int] = {i: i for i in valued}
    words: dict[int, list[TextLine]] = {}
    fields = _blank_fields(lines, placed, label_count, valued)
    if blank is not None:
        blank.update(fields)
    owner.update((i, i) for i in fields)
    if not valued:  # a table blank throughout: each label its row, wrapped ones joined
        for index in range(1, len(lines)):
            above = _continued_from(lines, index, words)
            if above is not None and above >= 1:
                owner[index] = owner.get(above, above)
    for index in range(len(lines)):
        if index in owner or not valued:
            continue
        middle = (lines[index].top + lines[index].bottom) / 2
        nearest = min(valued, key=lambda v: (abs((lines[v].top + lines[v].bottom) / 2 - middle),
                                             -v))
        reach = ATTACH * max(lines[index].em, lines[nearest].em)
        close = abs((lines[nearest].top + lines[nearest].bottom) / 2 - middle) <= reach
        # Only label columns: a line reaching into the numbers' columns (a
        # sub-heading such as 第二十条第（五）项) is a row of its own.
        if close and all(last < label_count for _, last, _ in placed[index]):
            owner[index] = nearest
            # The nearest numbers are not always its row's: a label wrapped over
            # an even number of lines has its numbers between two of them, and
            # its last line can stand as near the next row's. A line closer to
            # the cell line over it than to the one under it goes on that cell.
            above = _continued_from(lines, index, words)
            if above is not None and above in owner:
                owner[index] = owner[above]
    for row in valued:
        _detach_strays(placed, owner, row, label_count, 0.35 * lines[row].em)
    rows: dict[int, list[int]] = {}
    for index in range(len(lines)):
        rows.setdefault(owner.get(index, index), []).append(index)
    return sorted(rows.values(), key=lambda members: members[0])


def _detach_strays(placed: Sequence[Sequence[Placed]], owner: dict[int, int], row: int,
                   label_count: int, tolerance: float) -> None:
    """Label lines given to a row of numbers that are not its label's: a row's
    label is set centred on its numbers, so when the label words in the column
    of the row's own label stand off-centre, the one farthest away is the label
    of a row of its own whose numbers are all blank (行政处罚, blank, over 行政强制
    and its number). It becomes a row of labels alone: no blank cells are made
    up for it (its cells are reported missing), and no number of the row below
    is given to it. Where a line cannot be told apart so, it stays: a label read
    whole with a stray line matches no row and is reported, never misread."""
    labels = [(first, piece) for first, last, piece in placed[row] if last < label_count]
    numbers = [piece for _, last, piece in placed[row] if last >= label_count]
    if not labels or not numbers:
        return  # numbers between the lines of their label, or no numbers
    column = max(first for first, _ in labels)
    middle = sum((p.top + p.bottom) / 2 for p in numbers) / len(numbers)

    def words(index: int) -> list[TextLine]:
        return [piece for first, last, piece in placed[index]
                if last < label_count and first == column]

    def off(members: Sequence[int]) -> float:
        boxes = [w for index in (row, *members) for w in words(index)]
        return abs((min(w.top for w in boxes) + max(w.bottom for w in boxes)) / 2 - middle)

    # Only lines whose words all stand in that column: a group label beside them
    # (规范性文件 over its three rows, set on the middle one) would be taken to
    # the wrong rows, and the rows after it read as the group's before.
    current = [i for i, o in owner.items() if o == row and i != row and words(i)
               and all(first == column for first, last, _ in placed[i] if last < label_count)]
    while current and off(current) > tolerance:
        far = max(current, key=lambda i: max(abs((w.top + w.bottom) / 2 - middle)
                                             for w in words(i)))
        rest = [i for i in current if i != far]
        if off(rest) >= off(current):
            return
        owner[far] = far
        current = rest


def _continued_from(lines: Sequence[TextLine], index: int,
                    words: dict[int, list[TextLine]] | None = None) -> int | None:
    """The line whose cell a label line goes on: the nearest line with a word over
    its last word (the label next to the numbers), when that word stands a
    wrapped line's distance above and nearer than the nearest word under it.
    Words are measured by their own boxes: a line's band can be stretched by a
    group label set between two rows. ``words``: the lines' words by index, kept
    between calls."""
    known = {} if words is None else words

    def words_of(i: int) -> list[TextLine]:
        if i not in known:
            known[i] = split_columns(lines[i], LABEL_GAP)
        return known[i]

    word = words_of(index)[-1]

    def over(i: int) -> list[TextLine]:
        return [w for w in words_of(i) if w.x0 < word.x1 and w.x1 > word.x0]

    above = next((i for i in range(index - 1, max(-1, index - LABEL_LINES - 2), -1)
                  if over(i)), None)
    if above is None:
        return None
    upper = over(above)
    gap_above = word.top - max(w.bottom for w in upper)
    if gap_above > WRAP_GAP * max(word.em, *(w.em for w in upper)):
        return None
    below = next((i for i in range(index + 1, min(len(lines), index + LABEL_LINES + 2))
                  if over(i)), None)
    if below is not None and min(w.top for w in over(below)) - word.bottom <= gap_above:
        return None
    return above


def _label_cells(pieces: Sequence[TextLine]) -> list[list[TextLine]]:
    """A row's label words grouped into cells by where they stand: words of
    different lines standing over each other are one cell, read top to bottom
    (a group label （六）/其他处/理 beside its item label, each wrapped)."""
    words = sorted((w for piece in pieces for w in split_columns(piece, LABEL_GAP)),
                   key=lambda w: w.x0)
    groups: list[list[TextLine]] = []
    right = 0.0
    for word in words:
        if groups and word.x0 < right - COLUMN_SLACK:
            groups[-1].append(word)
            right = max(right, word.x1)
        else:
            groups.append([word])
            right = word.x1
    return groups


def _grid(lines: Sequence[TextLine], pieces: Sequence[Sequence[TextLine]],
          columns: Sequence[tuple[float, float]], label_count: int,
          blank_rows: bool = False) -> Grid:
    placed = [_place(p, columns, label_count) for p in pieces]
    cells: list[GridCell] = []
    blank_fields: set[int] = set()
    rows = _rows(lines, placed, label_count, blank_fields)
    for row, members in enumerate(rows):
        top = min(lines[i].top for i in members)
        bottom = max(lines[i].bottom for i in members)
        items = [p for i in members for p in placed[i]]
        labels = _label_cells([piece for _, last, piece in items if last < label_count])
        for col, group in enumerate(labels):
            cells.append(GridCell(row, col, 1, 1, union([w.box for w in group]), False,
                                  tuple(c for w in group for c in w.chars)))
        # Columns of numbers, after the labels; pieces standing in overlapping
        # columns are one cell.
        shift = len(labels) - label_count
        merged: list[list[Placed]] = []
        for item in sorted((p for p in items if p[1] >= label_count), key=lambda p: p[0]):
            if merged and item[0] <= max(last for _, last, _ in merged[-1]):
                merged[-1].append(item)
            else:
                merged.append([item])
        taken: set[int] = set()
        for group_items in merged:
            first, last = group_items[0][0], max(g[1] for g in group_items)
            taken.update(range(first, last + 1))
            chars = tuple(c for _, _, piece in group_items for c in piece.chars)
            cells.append(GridCell(row, max(first + shift, len(labels)), 1, last - first + 1,
                                  union([piece.box for _, _, piece in group_items]), False,
                                  chars))
        # Blank cells are written where numbers stand; an empty label column adds
        # nothing (labels are read by their words, a blank field between a label
        # and its numbers would pass for a blank number). A row of labels alone
        # gets no blanks either: without lines, a row whose numbers are all blank
        # cannot be told from a label line that found no numbers to join, and
        # blanks would give its neighbour's numbers away as blanks.
        for col in range(label_count, len(columns)):
            if col not in taken and (merged or not labels or blank_rows
                                     or bool(blank_fields.intersection(members))):
                x0, x1 = columns[col]
                cells.append(GridCell(row, col + shift, 1, 1, (x0, top, x1, bottom), False))
    cells.sort(key=lambda c: (c.row, c.col))
    box = union([chars_box(line.chars) for line in lines])
    return Grid(box, len(rows), len(columns), tuple(cells))


def find_unruled(lines: Sequence[TextLine], carried: Columns | None = None,
                 carried_header: Sequence[TextLine] = ()) -> list[UnruledTable]:
    """The tables drawn without lines among a page's ``lines``.

    ``carried``: the columns of a table that ended the page before. Its rows
    that go on at the top of this page are read in those columns — a row or two
    cannot show where the columns of their blank cells are, and a row alone
    (or numbers alone, in one column) would not pass for a table at all.
    ``carried_header``: the header lines of a table that the page before ended
    with, its rows all on this page; they name the columns of the table this
    page starts with.
    """
    pieces = [split_columns(line) for line in lines]
    rows = [_is_row(p) for p in pieces]
    found: list[UnruledTable] = []
    index = 0
    previous_end = -1
    start = _carried_start(lines, pieces, carried) if carried is not None else None
    while index < len(lines):
        carry = carried is not None and index == start
        if not (rows[index] or carry):
            index += 1
            continue
        last = index
        probe = index + 1
        columns, label_count = _columns([pieces[index]])
        if carry and carried is not None:
            columns, label_count = list(carried[0]), carried[1]
        # Extend over label-only lines (left of the numbers) up to the next row
        # line; a section heading ends the table.
        while probe < len(lines):
            gap = lines[probe].top - lines[probe - 1].bottom
            if gap > ROW_GAP * max(lines[probe].em, lines[probe - 1].em):
                break
            if rows[probe - 1] and probe - 1 > index and not carry:
                columns, label_count = _columns([pieces[i] for i in range(index, probe)
                                                 if rows[i]])
            if (carry or not rows[probe] and _numbers_in(pieces, index, probe)) and \
                    _fits(pieces[probe], columns, label_count):
                # A row whose only number is its total (the label wrapped round it,
                # every other cell blank) is one piece, no row by itself: it goes on
                # the table when the number stands in one of its columns of numbers.
                rows[probe] = True
            if rows[probe]:
                last = probe
            elif len(_at_gutters(lines[probe], columns)) >= 2:
                # Words closer than a column gap, but one at each column: a header.
                rows[probe] = True
                last = probe
            elif (probe - last > LABEL_LINES
                  or _HEADING.match(lines[probe].text)
                  or not (_left_of(lines[probe], columns, label_count)
                          or (not _numbers_in(pieces, index, probe)
                              and _header_fragment(lines[probe],
                                                   _widest(pieces, index, probe))))):
                break
            probe += 1
        # The header of a table blank throughout, right under this one (the last
        # of table 2's small tables), is that table's, not a row of this one.
        for head in range(last, index, -1):
            if _numbers_in(pieces, head, last + 1):
                break
            if header_line(lines[head]) and _blank_table(lines, pieces, head) is not None:
                last = max(i for i in range(index, head) if rows[i] or i == index)
                break
        blank = None if carry or _numbers_in(pieces, index, last + 1) else \
            _blank_table(lines, pieces, index)
        if blank is not None:
            last, grid, columns, label_count = blank
            found.append(UnruledTable(index, last, grid, (tuple(columns), label_count)))
            previous_end = last
            index = last + 1
            continue
        row_lines = [i for i in range(index, last + 1) if rows[i]]
        if len(row_lines) >= 2 or carry:
            if not carry:
                header = _header(lines, pieces, index, last)
                columns, label_count = _columns([pieces[i] for i in row_lines], header)
                if carried_header and not found and _starts_page(lines, index, columns,
                                                                 label_count):
                    columns, label_count = _columns([pieces[i] for i in row_lines],
                                                    [*carried_header, *header])
            if len(columns) >= 2:
                first = _label_lines_before(lines, index, previous_end, columns, label_count)
                last = _label_lines_after(lines, last, columns, label_count)
                span = range(first, last + 1)
                grid = _grid([lines[i] for i in span], [pieces[i] for i in span], columns,
                             label_count)
                found.append(UnruledTable(first, last, grid, (tuple(columns), label_count)))
                previous_end = last
        index = last + 1
    return found


def _blank_table(lines: Sequence[TextLine], pieces: Sequence[Sequence[TextLine]], index: int
                 ) -> tuple[int, Grid, list[tuple[float, float]], int] | None:
    """A table whose cells are all blank: a header line (words at column gaps, no
    number) over lines of labels alone, with nothing under the header's last
    words — the columns of numbers, blank in every row (行政许可 under 信息内容 ·
    本年处理决定数量). Each label, its wrapped lines joined, is a row of blank
    cells: with not a number in the table, there is none to give away, and none
    to guess. ``(last line, grid, columns, how many hold labels)`` or ``None``."""
    if not header_line(lines[index]):
        return None
    heads = pieces[index]
    end = index
    while (end + 1 < len(lines) and end - index < 2 * LABEL_LINES
           and lines[end + 1].top - lines[end].bottom
           <= ROW_GAP * max(lines[end + 1].em, lines[end].em)
           and not _HEADING.match(lines[end + 1].text)
           and not any(is_number(p.text) for p in pieces[end + 1])
           and lines[end + 1].x1 < heads[-1].x0 - COLUMN_SLACK):
        end += 1
    if end == index or (end + 1 < len(lines)
                        and any(is_number(p.text) for p in pieces[end + 1])):
        return None  # no labels, or the rows of numbers come next: not blank throughout
    words = [w for i in range(index + 1, end + 1) for w in split_columns(lines[i], LABEL_GAP)]
    right = max(w.x1 for w in words)
    values = [(h.x0, h.x1) for h in heads if h.x0 > right + COLUMN_SLACK]
    if not values or len(values) == len(heads):
        return None
    labels = _merged([(w.x0, w.x1) for w in words])
    columns = labels + values
    span = range(index, end + 1)
    grid = _grid([lines[i] for i in span], [pieces[i] for i in span], columns, len(labels),
                 blank_rows=True)
    return end, grid, columns, len(labels)


def _fits(pieces: Sequence[TextLine], columns: Sequence[tuple[float, float]],
          label_count: int) -> bool:
    """Whether a line is a row of numbers in these columns: a number or more,
    each standing in one column of numbers (pieces cut at the columns' gutters),
    and any words left of them."""
    if label_count >= len(columns):
        return False
    start = columns[label_count][0]
    numbers = 0
    # Numbers that fill narrow columns stand closer than a column gap (``55 1359``):
    # cut at the gutters between the columns, each must stand in one column.
    for piece in (cut for part in pieces for cut in _at_gutters(part, columns)):
        if not is_number(piece.text):
            if piece.x1 >= start - COLUMN_SLACK:
                return False
            continue
        hits = [i for i, (x0, x1) in enumerate(columns)
                if piece.x0 < x1 + COLUMN_SLACK and piece.x1 > x0 - COLUMN_SLACK]
        if len(hits) != 1 or hits[0] < label_count:
            return False
        numbers += 1
    return numbers > 0


def _starts_page(lines: Sequence[TextLine], index: int,
                 columns: Sequence[tuple[float, float]], label_count: int) -> bool:
    """Whether the table starting at ``index`` is the first thing on its page: only
    label lines above it."""
    return index <= LABEL_LINES and all(_left_of(lines[i], columns, label_count)
                                        for i in range(index))


def header_line(line: TextLine) -> bool:
    """A line that can be a table's header: words at column gaps, none a number."""
    pieces = split_columns(line)
    return _is_row(pieces) and not any(is_number(p.text) for p in pieces)


def header_grid(line: TextLine) -> Grid:
    """A header line standing alone (at the foot of a page, its table's rows on the
    next) as a one-row table, one cell a word, so that it is written as the rows
    under it are."""
    pieces = split_columns(line)
    return _grid([line], [pieces], [(p.x0, p.x1) for p in pieces], 0)


def _carried_start(lines: Sequence[TextLine], pieces: Sequence[Sequence[TextLine]],
                   carried: Columns) -> int | None:
    """The line where the table carried over from the page before goes on: the
    first line of the page that is a row of numbers in its columns, with only
    label lines above it; ``None`` when the page starts otherwise."""
    columns, label_count = carried
    for index in range(min(len(lines), LABEL_LINES + 1)):
        if _fits(pieces[index], columns, label_count):
            return index
        if not _left_of(lines[index], columns, label_count) or _HEADING.match(lines[index].text):
            return None
    return None


def _numbers_in(pieces: Sequence[Sequence[TextLine]], first: int, end: int) -> bool:
    return any(is_number(p.text) for i in range(first, end) for p in pieces[i])


def _widest(pieces: Sequence[Sequence[TextLine]], first: int, end: int) -> float:
    """The widest piece of the table's rows so far (lines that break into pieces)."""
    return max((p.x1 - p.x0 for i in range(first, end) if len(pieces[i]) >= 2
                for p in pieces[i]), default=0.0)


def _header(lines: Sequence[TextLine], pieces: Sequence[Sequence[TextLine]], first: int,
            last: int) -> list[TextLine]:
    """The table's lines above its first line of numbers."""
    out: list[TextLine] = []
    for index in range(first, last + 1):
        if any(is_number(p.text) for p in pieces[index]):
            break
        out.append(lines[index])
    return out


def _left_of(line: TextLine, columns: Sequence[tuple[float, float]], label_count: int) -> bool:
    """Whether the line stays in the label columns, left of every number."""
    if label_count >= len(columns):
        return True
    return line.x1 < columns[label_count][0] - COLUMN_SLACK


def _label_lines_after(lines: Sequence[TextLine], last: int,
                       columns: Sequence[tuple[float, float]], label_count: int) -> int:
    """The last line of the table: label lines set close under its last row (the
    bottom line of a label wrapped round its numbers, at the foot of a page or
    before the text that follows) belong to it."""
    if label_count >= len(columns):
        return last
    values_start = columns[label_count][0]
    end = last
    while (end + 1 < len(lines) and end + 1 - last <= LABEL_LINES
           and lines[end + 1].x1 < values_start - COLUMN_SLACK
           and not _HEADING.match(lines[end + 1].text)
           and _wraps_on(lines, end + 1)):
        end += 1
    return end


def _wraps_on(lines: Sequence[TextLine], index: int) -> bool:
    """Whether the line goes on with the words standing over it, as the next line
    of one wrapped cell: the nearest line above with words over the same place
    stands a wrapped line's distance away. (A label a row's distance under the
    one above it is a row of its own, blank; a group label set between two rows
    stands beside them, not over.)"""
    line = lines[index]
    for above in reversed(lines[max(0, index - LABEL_LINES - 2):index]):
        if any(w.x0 < line.x1 and w.x1 > line.x0 for w in split_columns(above, LABEL_GAP)):
            return line.top - above.bottom <= WRAP_GAP * max(line.em, above.em)
    return False


def _label_lines_before(lines: Sequence[TextLine], index: int, previous_end: int,
                        columns: Sequence[tuple[float, float]], label_count: int) -> int:
    """The first line of the table: label lines set close above its first row (the
    top line of a label wrapped round its numbers) belong to it."""
    if label_count >= len(columns):
        return index
    values_start = columns[label_count][0]
    first = index
    while (first - 1 > previous_end and index - (first - 1) <= LABEL_LINES
           and lines[first - 1].x1 < values_start - COLUMN_SLACK
           and lines[first].top - lines[first - 1].bottom
           <= WRAP_GAP * max(lines[first].em, lines[first - 1].em)):
        first -= 1
    return first
