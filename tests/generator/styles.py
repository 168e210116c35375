"""Flattening styles: how a Word table (``layout.GTable``) arrives as plain text.

A rendered line is a tuple of segments ``(text, ref)``; ``ref`` is set on the
segment that holds a value's text, so the final assembly knows each number's line
and column. Renderers only append segments; nothing edits a line after a
``ref`` segment is placed except 1:1 character disguises, so positions stay exact.

Styles and what they model:

``cell_lines``  seeds 000/003: one cell per line, tab-indented; a blank line ends a
                row; merged cells as empty ``\\t`` lines; blank values as U+3000;
                NBSP around numbers; header and label cells broken across lines.
``pipe``        seed 001: one row per line, `` | `` between cells; merged
                continuation cells dropped (the columns shift); ragged trailing
                pipes; a row that lost its label.
``tab``         seed 004: one row per line on the full grid, tabs between cells,
                leading empty cells for merged labels; rows without blanks may be
                shifted as 004's are.
``markdown``    a markdown table with a ``|---|`` separator under the first row.
``pdf``         seed 002: PDF text, cells separated by single spaces, group labels
                and long labels wrapped onto lines of their own, radicals.
``fixed``       ``pdftotext -layout``: columns aligned with spaces by display width,
                labels wrapped inside their column, form feeds at page breaks.

In ``pdf`` and ``fixed`` a blank cell cannot be written unambiguously: it is
either written as 0 (and the truth says 0), or — quirk ``omitted_blanks``, what
real PDFs do — left out, and the truth marks every cell of that row ambiguous.
(``fixed`` keeps the column alignment, so a parser could in principle recover
them, but the test does not demand it.)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .chars import width
from .layout import GCell, GRow, GTable, grid_cells, word_cells
from .truth import CellRef, Truth

Seg = tuple[str, CellRef | None]
Line = tuple[Seg, ...]


def plain(text: str) -> Line:
    return ((text, None),) if text else ()


@dataclass
class Ctx:
    """What a renderer may consult: the report's random source and quirks."""

    rng: random.Random
    quirks: frozenset[str]
    page: int = 1
    # Per-report choices, fixed once so every table of a report looks alike.
    choices: dict[str, object] = field(default_factory=dict)

    def on(self, quirk: str) -> bool:
        return quirk in self.quirks

    def choice(self, key: str, make: Callable[[], object]) -> object:
        if key not in self.choices:
            self.choices[key] = make()
        return self.choices[key]

    def page_header(self) -> list[Line]:
        """A PDF's running header at the top of the next page (quirk ``running_header``):
        the report's title again, year digits and all, in the middle of a table."""
        title = self.choices.get("running_title")
        return [plain(str(title))] if self.on("running_header") and title else []

    def page_marker(self) -> str:
        self.page += 1
        form = self.choice("page_form", lambda: self.rng.randrange(3))
        return (f"- {self.page} -", f"第 {self.page} 页 共 {self.page + 5} 页",
                f"— {self.page} —")[form]  # type: ignore[index]


# ---------------------------------------------------------------- wrapping

# Never wrap inside a number (with its unit) or a date: a number split over two
# lines is a different number, and PDFs keep a date phrase's glyph run together
# often enough that the meta extraction would otherwise be untestable.
_PROTECT = re.compile(
    r"自[^。；，]*?至[^。；，]*?日止?|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|"
    r"[0-9０-９][0-9０-９.．]*\s*(?:万元|元|件|条|次|起|项|个|%)?|[（(][一二三四五六七八九十]+[）)]"
)


def _breakable(text: str) -> list[bool]:
    """ok[i]: a line may break before character i."""
    ok = [True] * (len(text) + 1)
    for m in _PROTECT.finditer(text):
        for i in range(m.start() + 1, m.end()):
            ok[i] = False
    return ok


def wrap(text: str, cols: int, by_width: bool = False) -> list[str]:
    """Break ``text`` into pieces of at most ``cols`` characters (or display columns)."""
    if not text:
        return [""]
    ok = _breakable(text)
    pieces: list[str] = []
    start = 0
    while start < len(text):
        size = 0
        end = start
        while end < len(text):
            step = width(text[end]) if by_width else 1
            if size + step > cols:
                break
            size += step
            end += 1
        if end >= len(text):
            pieces.append(text[start:])
            break
        cut = end
        while cut > start + 1 and not ok[cut]:
            cut -= 1
        if cut <= start + 1:  # one protected run longer than a line: let it run on
            cut = end
            while cut < len(text) and not ok[cut]:
                cut += 1
        pieces.append(text[start:cut])
        start = cut
    return pieces


def split_cell(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Where a Word cell's text breaks inside its cell (seed 003: 结果 / 维持).

    Never in the first characters, so a leading ``1.`` or ``（三）`` stays whole and
    the first piece never looks like a number.
    """
    ok = _breakable(text)
    low = max(2, len(text) // 3)
    if text[:1].isdigit() or text[:1] in "（(":
        low = max(low, text.find(".") + 2, text.find("）") + 2, text.find(")") + 2)
    cuts = [i for i in range(low, len(text)) if ok[i]]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    return text[:cut], text[cut:]


# ---------------------------------------------------------------- cell per line


def _cell_lines_table(table: GTable, ctx: Ctx) -> list[Line]:
    out: list[Line] = []
    for row in table.rows:
        if row.kind == "break":
            for head in table.head:
                out += _cell_lines_row(head, ctx)
            continue
        out += _cell_lines_row(row, ctx)
    return out


def _cell_lines_row(row: GRow, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    blank_mark = str(ctx.choice("blank_mark", lambda: rng.choice(("\u3000", "\u3000", ""))))
    out: list[Line] = []
    for cell in word_cells(row):
        if cell.kind == "value":
            if cell.blank:
                out.append((("\t" + blank_mark, None),))
                continue
            before = after = ""
            if ctx.on("nbsp") and rng.random() < 0.5:
                # seed 000 table 4: '\t\xa00' and '\t0\xa0'
                before, after = rng.choice((("\xa0", ""), ("", "\xa0")))
            out.append((("\t" + before, None), (cell.text, cell.ref), (after, None)))
            continue
        text = cell.text
        piece = None
        if ctx.on("wrapped_cells") and len(text) >= 4 and rng.random() < 0.3:
            piece = split_cell(text, rng)
        if piece:
            # seed 003: the rest of the cell on a line of its own, after a blank
            # line and without the tab.
            out += [plain("\t" + piece[0]), (), plain(piece[1])]
        else:
            out.append((("\t" + text, None),))
    out.append(())
    return out


# ---------------------------------------------------------------- pipes


def _pipe_table(table: GTable, ctx: Ctx) -> list[Line]:
    out: list[Line] = []
    lost = ctx.choices.get("lost_label_row")
    for row in table.rows:
        if row.kind == "break":
            out += [_pipe_row(h, ctx, False) for h in table.head]
            continue
        refs = {c.ref for c in row.values}
        out.append(_pipe_row(row, ctx, lost is not None and lost in refs))
    return out


def _pipe_row(row: GRow, ctx: Ctx, lose_label: bool) -> Line:
    # Merged continuation cells vanish, so later cells shift left (seed 001).
    cells = [c for c in word_cells(row) if not c.vmerge]
    if lose_label:
        cells = [c for c in cells if c.kind == "value"]
    segs: list[Seg] = []
    for n, cell in enumerate(cells):
        if n == 0:
            segs.append((cell.text, cell.ref))
        elif cell.text:
            segs += [(" | ", None), (cell.text, cell.ref)]
        else:
            segs.append((" |", None))
    segs.append((ctx.rng.choice(("", " |", " | |", " ||", " |||", " | ||", " ||||")), None))
    return tuple(s for s in segs if s[0])


# ---------------------------------------------------------------- tab grid


def _tab_table(table: GTable, ctx: Ctx) -> list[Line]:
    trailing = bool(ctx.choice("tab_trailing", lambda: ctx.rng.random() < 0.5))
    out: list[Line] = []
    for row in table.rows:
        if row.kind == "break":
            out += [_tab_row(h, ctx, trailing) for h in table.head]
            continue
        out.append(_tab_row(row, ctx, trailing))
    return out


def _tab_row(row: GRow, ctx: Ctx, trailing: bool) -> Line:
    cells = grid_cells(row)
    if trailing:
        cells.append(GCell(kind="pad"))
    has_blank = any(c.blank for c in cells)
    if ctx.on("irregular_grid") and row.kind == "data" and not has_blank and row.labels \
            and ctx.rng.random() < 0.4:
        cells = _shift(cells, ctx.rng)
    segs: list[Seg] = []
    for n, cell in enumerate(cells):
        if n:
            segs.append(("\t", None))
        if cell.text:
            segs.append((cell.text, cell.ref))
    return tuple(segs)


def _shift(cells: list[GCell], rng: random.Random) -> list[GCell]:
    """Seed 004's irregular rows: only on rows with no blank, where the values are
    still the row's only numbers and nothing becomes ambiguous."""
    first_label = next(i for i, c in enumerate(cells) if c.kind == "label" and c.text)
    first_value = next(i for i, c in enumerate(cells) if c.kind == "value")
    op = rng.randrange(3)
    if op == 0 and first_label > 0:  # '5. 要求…\t\t0' lost its leading empties
        return cells[first_label:]
    if op == 1:  # an extra empty cell between the label and the values
        return [*cells[:first_value], GCell(kind="pad"), *cells[first_value:]]
    return [*cells, GCell(kind="pad")]  # one more trailing empty cell


# ---------------------------------------------------------------- markdown


def _markdown_table(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    out: list[Line] = [()]
    rule = str(ctx.choice("md_rule", lambda: rng.choice(("---", " --- ", ":---:", "----"))))
    for n, row in enumerate(table.rows):
        if row.kind == "break":
            out += [_markdown_row(h) for h in table.head]
            continue
        out.append(_markdown_row(row))
        if n == 0:
            out.append(plain("|" + "|".join([rule] * table.width) + "|"))
    out.append(())
    return out


def _markdown_row(row: GRow) -> Line:
    segs: list[Seg] = [("|", None)]
    for cell in grid_cells(row):
        if cell.text:
            segs += [(" ", None), (cell.text, cell.ref), (" |", None)]
        else:
            segs.append(("  |", None))
    return tuple(segs)


# ---------------------------------------------------------------- PDF text


def _pdf_table(table: GTable, ctx: Ctx) -> list[Line]:
    out: list[Line] = []
    for row in table.rows:
        if row.kind == "break":
            out.append(plain(ctx.page_marker()))
            out += ctx.page_header()
            for head in table.head:
                out += _pdf_texts([c.text for c in head.cells if c.text and not c.vmerge], ctx)
            continue
        if row.kind in ("head", "title"):
            out += _pdf_texts([c.text for c in row.cells if c.text and not c.vmerge], ctx)
            continue
        out += _pdf_data_row(row, ctx)
    return out


def _pdf_texts(texts: list[str], ctx: Ctx) -> list[Line]:
    """Header cells as PDF text shows them: some share a line, some break (002)."""
    rng = ctx.rng
    out: list[Line] = []
    n = 0
    while n < len(texts):
        take = rng.randint(1, 5) if len(texts[n]) < 8 else 1
        group = texts[n:n + take]
        n += take
        if len(group) == 1 and ctx.on("wrapped_labels") and len(group[0]) >= 4 \
                and rng.random() < 0.3:
            piece = split_cell(group[0], rng)
            if piece:
                out += [plain(piece[0]), plain(piece[1])]
                continue
        out.append(plain(" ".join(group)))
    return out


def _pdf_data_row(row: GRow, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    out: list[Line] = []
    labels = row.labels
    own = labels[-1].text if labels else ""
    for group in labels[:-1]:  # rowspan labels sit on lines of their own (002)
        piece = split_cell(group.text, rng) if ctx.on("wrapped_labels") and rng.random() < 0.5 \
            else None
        out += [plain(p) for p in (piece or (group.text,))]
    values = [c for c in row.values if c.text]  # a blank leaves no trace in PDF text
    head = own
    if own and ctx.on("wrapped_labels") and len(own) > 22 and rng.random() < 0.7:
        pieces = wrap(own, rng.randint(14, 26))
        out += [plain(p) for p in pieces[:-1]]
        head = pieces[-1]
        if rng.random() < 0.5:  # 002: the numbers on a line after the label's last piece
            out.append(plain(head))
            head = ""
    segs: list[Seg] = [(head, None)] if head else []
    for value in values:
        segs += [(" ", None)] if segs else []
        segs.append((value.text, value.ref))
    out.append(tuple(segs))
    return out


# ---------------------------------------------------------------- pdftotext -layout


def _fixed_table(table: GTable, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    gap = int(ctx.choice("gap", lambda: rng.randint(2, 4)))  # type: ignore[call-overload]
    # How wide a label column may grow before its text wraps: narrow label columns
    # (long labels over two to four lines) are as common in real PDFs as wide ones.
    cap = int(ctx.choice("label_cap", lambda: rng.choice((20, 24, 30, 40))))  # type: ignore[call-overload]
    widths = _fixed_widths(table, cap)
    xs = [sum(widths[:j]) + gap * j for j in range(table.width)]
    row_gap = ctx.on("row_gaps")
    out: list[Line] = []
    for row in table.rows:
        if row.kind == "break":
            out.append(plain(" " * (xs[-1] // 2) + ctx.page_marker()))
            heads = ctx.page_header()
            heads += [line for h in table.head for line in _fixed_row(h, widths, xs, gap)]
            if ctx.on("formfeed") and heads:
                heads[0] = (("\x0c", None), *heads[0])  # pdftotext starts a page with \f
            out += heads
            continue
        out += _fixed_row(row, widths, xs, gap)
        if row_gap:
            out.append(())
    return out


def _fixed_widths(table: GTable, cap: int) -> list[int]:
    value_cols = set()
    for row in table.rows:
        j = 0
        for cell in row.cells:
            if cell.kind == "value":
                value_cols.add(j)
            j += cell.span
    widths = [1] * table.width
    for row in table.rows:
        j = 0
        for cell in row.cells:
            if cell.span == 1 and cell.text and not cell.vmerge:
                w = width(cell.text)
                if cell.kind != "value":
                    w = min(w, 8 if j in value_cols else cap)
                widths[j] = max(widths[j], w)
            j += cell.span
    return widths


def _fixed_row(row: GRow, widths: list[int], xs: list[int], gap: int) -> list[Line]:
    placed: list[tuple[int, list[str], CellRef | None]] = []  # (x, lines, ref)
    j = 0
    for cell in row.cells:
        box = sum(widths[j:j + cell.span]) + gap * (cell.span - 1)
        if cell.text and not cell.vmerge:
            if cell.kind == "value":
                x = xs[j] + max(0, (box - width(cell.text)) // 2)
                placed.append((x, [cell.text], cell.ref))
            else:
                pieces = wrap(cell.text, box, by_width=True)
                if cell.kind == "head":  # headers are centred over their columns
                    x = xs[j] + max(0, (box - max(width(p) for p in pieces)) // 2)
                else:
                    x = xs[j]
                placed.append((x, pieces, None))
        j += cell.span
    height = max((len(p[1]) for p in placed), default=0)
    out: list[Line] = []
    for k in range(height):  # cells are top-aligned, as Word's default
        segs: list[Seg] = []
        at = 0
        for x, pieces, ref in placed:
            if k >= len(pieces):
                continue
            x = max(x, at + 1) if at else x
            segs.append((" " * (x - at), None))
            segs.append((pieces[k], ref))
            at = x + width(pieces[k])
        out.append(tuple(s for s in segs if s[0]))
    return out


# ---------------------------------------------------------------- prose


def _one_line(text: str, ctx: Ctx) -> list[Line]:
    return [plain(text)]


def _spaced_para(text: str, ctx: Ctx) -> list[Line]:
    return [plain(text), ()]


def _pdf_para(text: str, ctx: Ctx) -> list[Line]:
    cols = int(ctx.choice("pdf_cols", lambda: ctx.rng.randint(36, 62)))  # type: ignore[call-overload]
    return [plain(p) for p in wrap(text, cols)]


def _fixed_para(text: str, ctx: Ctx) -> list[Line]:
    cols = int(ctx.choice("fixed_cols", lambda: ctx.rng.randint(34, 44)))  # type: ignore[call-overload]
    pieces = wrap(text, cols)
    return [plain(("    " if n == 0 else "") + p) for n, p in enumerate(pieces)]


def _plain_heading(text: str, ctx: Ctx) -> list[Line]:
    rng = ctx.rng
    if ctx.on("heading_spaces") and rng.random() < 0.5:  # seed 000: '     二、…', '五、…  '
        return [plain(rng.choice(("     ", " ", "")) + text + rng.choice(("", "  ", " ")))]
    return [plain(text)]


def _markdown_heading(text: str, ctx: Ctx) -> list[Line]:
    if ctx.on("md_headings"):
        return [plain("## " + text), ()]
    return [plain(text), ()]


def _pipe_truth(truth: Truth) -> Truth:
    """A ``|`` row that starts with an empty cell begins with ``|``, which reads as
    a table border just as well (markdown); nothing in the line tells which. The
    only such row is table 4's (table 2 and 3 rows start with their label), so its
    first cell is written as 0 when blank, and the truth says 0."""
    review = truth.cells["review_litigation"]
    if review["review.upheld"] is not None:
        return truth
    cells = {**truth.cells, "review_litigation": {**review, "review.upheld": 0}}
    return replace(truth, cells=cells)


@dataclass(frozen=True)
class Style:
    name: str
    can_blank: bool  # a blank cell can be written so that a parser can tell
    table: Callable[[GTable, Ctx], list[Line]]
    paragraph: Callable[[str, Ctx], list[Line]]
    heading: Callable[[str, Ctx], list[Line]]
    # Quirks this style may show, with how often a report gets each.
    quirks: dict[str, float]
    # Cells this style cannot show as blank, written as 0 (truth adjusted to match).
    adjust: Callable[[Truth], Truth] | None = None
    # The flattenings learnt from real reports (``real_styles``): the whole document's
    # lines once rendered (a one-line page joins them and puts a crawler's header on).
    finish: Callable[[list[Line], Truth, Ctx], list[Line]] | None = None


_COMMON = {
    "chrome": 0.3, "notice": 0.2, "page_break": 0.3, "spaced_labels": 0.3,
    "ascii_brackets": 0.3, "space_after_number": 0.2, "fullwidth_digits": 0.15,
    "amount_units": 0.6, "aliases": 0.3, "truncated_heads": 0.05, "subheading_trap": 0.2,
    "narrative_after_table": 0.3, "long_table2": 0.3, "heading_spaces": 0.3,
}

STYLES: dict[str, Style] = {
    s.name: s for s in (
        Style("cell_lines", True, _cell_lines_table, _one_line, _plain_heading,
              {**_COMMON, "nbsp": 0.4, "wrapped_cells": 0.4, "long_table2": 0.5}),
        Style("pipe", True, _pipe_table, _one_line, _plain_heading,
              {**_COMMON, "lost_label": 0.3}, _pipe_truth),
        Style("tab", True, _tab_table, _spaced_para, _plain_heading,
              {**_COMMON, "irregular_grid": 0.6}),
        Style("markdown", True, _markdown_table, _spaced_para, _markdown_heading,
              {**_COMMON, "md_headings": 0.5}),
        Style("pdf", False, _pdf_table, _pdf_para, _plain_heading,
              {**_COMMON, "radicals": 0.9, "blank_lines": 0.7, "wrapped_labels": 0.7,
               "omitted_blanks": 0.3, "running_header": 0.3}),
        Style("fixed", False, _fixed_table, _fixed_para, _plain_heading,
              {**_COMMON, "omitted_blanks": 0.3, "row_gaps": 0.5, "formfeed": 0.6,
               "running_header": 0.3}),
    )
}
STYLE_NAMES: tuple[str, ...] = tuple(STYLES)


def choose_quirks(rng: random.Random, style: Style) -> frozenset[str]:
    return frozenset(q for q, p in style.quirks.items() if rng.random() < p)


def refs_in(lines: Iterable[Line]) -> list[CellRef]:
    return [ref for line in lines for _, ref in line if ref is not None]
