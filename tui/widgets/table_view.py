"""Tables 2, 3 and 4 as the printed template shows them, with a cell cursor.

A line-API widget rather than a DataTable: the templates need group rows, column
headers that span columns and wrap, a row-label column that stays put while the
numbers scroll sideways, and a cursor that skips the rows that hold no cells.
The tables are small (at most 30 rows), so every line is built at once and
``render_line`` only crops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click, Resize
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip

from nianbao.parser.i18n import N_, _
from nianbao.parser.model.refs import CellRef
from nianbao.parser.template import rows_template
from nianbao.tui.grid import Grid, build_grid
from nianbao.tui.messages import TableCellChosen, TableCursorMoved, TableSwitched
from nianbao.tui.text import clean

if TYPE_CHECKING:
    from nianbao.parser.model.findings import Severity
    from nianbao.parser.model.report import Cell
    from nianbao.parser.template import TableId, TemplateId
    from nianbao.tui.loader import Loaded

TABLE_ORDER: tuple[TableId, ...] = ("active_disclosure", "applications", "review_litigation")
PAD = 2  # one blank cell either side of a value, so the cursor reads as a box
MIN_LABEL = 16  # below this many cells of row label, the cells lose their right padding
MAX_VALUE_WIDTH = 12
Line = tuple[Text, Text]  # (row-label part, cells part)


def wrap_label(label: str, width: int, lines: int = 2) -> list[str]:
    """Break a header label into at most ``lines`` pieces of at most ``width`` cells."""
    out: list[str] = []
    current = ""
    for char in label:
        if cell_len(current + char) > width and current:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    if len(out) > lines:
        rest = "".join(out[lines - 1:])
        out = out[:lines - 1] + [_fit(rest, width)]
    return out


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, never splitting a wide character."""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + "…"


def _wrapped_width(label: str, floor: int) -> int:
    """The narrowest width (≥ floor) at which ``label`` fits on two lines.

    Labels of up to four characters (自然人, 总计) stay whole: breaking them reads badly
    and saves next to nothing.
    """
    if cell_len(label) <= 8:
        return max(floor, cell_len(label))
    width = max(floor, (cell_len(label) + 1) // 2)
    while len(wrap_label(label, width, lines=99)) > 2:
        width += 1
    return width


class TableView(ScrollView, can_focus=True, inherit_bindings=False):
    """One of the report's tables; the cursor moves cell by cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1, 0)", N_("Up"), show=False),
        Binding("down,j", "cursor(1, 0)", N_("Down"), show=False),
        Binding("left,h", "cursor(0, -1)", N_("Left"), show=False),
        Binding("right,l", "cursor(0, 1)", N_("Right"), show=False),
        Binding("g,home", "first_row", N_("First row"), show=False),
        Binding("G,end", "last_row", N_("Last row"), show=False),
        Binding("0,^", "first_column", N_("First column"), show=False),
        Binding("$", "last_column", N_("Last column"), show=False),
        Binding("pageup,ctrl+u", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d", "page(1)", N_("Page down"), show=False),
        Binding("enter", "choose", N_("Finding"), tooltip=N_("Choose the finding about this cell"),
                id="table.choose"),
        Binding("t", "switch(1)", N_("Table"), tooltip=N_("Next table"), id="table.next"),
        Binding("T", "switch(-1)", N_("Previous table"), show=False, id="table.previous"),
        Binding("y", "copy", N_("Copy"), tooltip=N_("Copy the cell's text"), id="table.copy"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "table-view--header",
        "table-view--span",
        "table-view--group",
        "table-view--label",
        "table-view--blank",
        "table-view--missing",
        "table-view--text",
        "table-view--error",
        "table-view--warning",
        "table-view--info",
        "table-view--chosen-error",
        "table-view--chosen-warning",
        "table-view--chosen-info",
        "table-view--related",
        "table-view--cursor",
        "table-view--cursor-blurred",
        "table-view--message",
    }

    DEFAULT_CSS = """
    TableView {
        background: $surface;
        & > .table-view--header { color: $text-accent; text-style: bold; }
        & > .table-view--span { color: $text-muted; }
        & > .table-view--group { color: $text-muted; text-style: bold; }
        & > .table-view--label { color: $foreground; }
        & > .table-view--blank { color: $text-disabled; }
        & > .table-view--missing { color: $text-error; text-style: dim; }
        & > .table-view--text { color: $text-warning; }
        & > .table-view--error { color: $text-error; text-style: bold; }
        & > .table-view--warning { color: $text-warning; text-style: bold; }
        & > .table-view--info { color: $text-primary; }
        & > .table-view--chosen-error { background: $error; color: $background; text-style: bold; }
        & > .table-view--chosen-warning { background: $warning; color: $background; text-style: bold; }
        & > .table-view--chosen-info { background: $primary; color: $background; text-style: bold; }
        & > .table-view--related { text-style: bold underline; }
        & > .table-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .table-view--cursor-blurred {
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .table-view--message { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._loaded: Loaded | None = None
        self._grid: Grid | None = None
        self._message: str | None = N_("No report open.")
        self._cursor: tuple[int, int] = (0, 0)  # (index into grid.rows, column)
        self._primary: frozenset[CellRef] = frozenset()
        self._related: frozenset[CellRef] = frozenset()
        self._chosen_severity: Severity = "error"
        self._header: list[Line] = []
        self._body: list[Line] = []
        self._row_line: dict[int, int] = {}  # grid row → its first body line
        self._line_row: list[int] = []  # body line → grid row
        self._cell_x: list[int] = []
        self._widths: list[int] = []
        self._label_width = 0
        self._pad = PAD
        self._built_for: tuple[object, ...] | None = None

    # ------------------------------------------------------------ public API

    @property
    def table(self) -> TableId | None:
        return self._grid.table if self._grid else None

    @property
    def grid(self) -> Grid | None:
        return self._grid

    @property
    def cursor_cell(self) -> str | None:
        """The cell id under the cursor (``new_received.commercial``), if any."""
        grid = self._grid
        if grid is None or not grid.rows:
            return None
        row, column = self._cursor
        cells = grid.rows[row].cells
        return cells[column] if column < len(cells) else None

    def cell(self, cell_id: str) -> Cell | None:
        report = self._loaded.report if self._loaded else None
        if report is None or self._grid is None:
            return None
        return report.tables[self._grid.table].cells.get(cell_id)

    def show(self, loaded: Loaded | None, table: TableId | None) -> None:
        """Show ``table`` of ``loaded``; keeps the cursor on the same cell id if it can."""
        previous = self.cursor_cell
        same_table = table is not None and table == self.table
        self._loaded = loaded
        report = loaded.report if loaded else None
        if loaded is None:
            self._grid, self._message = None, N_("No report open.")
        elif report is None:
            self._grid, self._message = None, _("This file cannot be read: {error}").format(
                error=loaded.error or "")
        elif table is None:
            self._grid, self._message = None, N_("This section has no table; its text is below.")
        else:
            self._grid, self._message = build_grid(table, _template(loaded, table)), None
        if self._grid is not None:
            place = self._grid.locate(previous) if (previous and same_table) else None
            self._cursor = place or self._first_cell()
        self._invalidate()
        if self.scrollable_content_region.width:
            # Built now, not when first drawn: the pane's height follows the table's
            # and, learnt in the middle of a frame, took more frames to settle.
            self._ensure_built()
        if self._grid is not None and not same_table:
            self.scroll_to(0, 0, animate=False, immediate=True)

    @property
    def marks(self) -> tuple[frozenset[CellRef], frozenset[CellRef]]:
        """The chosen finding's cells: (those at fault, the others it names)."""
        return self._primary, self._related

    def set_marks(self, primary: frozenset[CellRef], related: frozenset[CellRef],
                  severity: Severity) -> None:
        """Mark the chosen finding's cells (``TABLE:ROW.COL``)."""
        self._primary, self._related, self._chosen_severity = primary, related, severity
        self._invalidate()

    def move_to(self, cell_id: str) -> bool:
        if self._grid is None:
            return False
        place = self._grid.locate(cell_id)
        if place is None:
            return False
        self._set_cursor(place)
        return True

    def switch(self, step: int) -> TableId | None:
        current = self.table
        index = TABLE_ORDER.index(current) if current in TABLE_ORDER else -step
        target = TABLE_ORDER[(index + step) % len(TABLE_ORDER)]
        self.show(self._loaded, target)
        return target

    # ------------------------------------------------------------ actions

    def action_cursor(self, rows: int, columns: int) -> None:
        grid = self._grid
        if grid is None:
            return
        row, column = self._cursor
        if rows:
            data = grid.data_rows()
            position = data.index(row) if row in data else 0
            row = data[max(0, min(len(data) - 1, position + rows))]
        column = max(0, min(len(grid.rows[row].cells) - 1, column + columns))
        self._set_cursor((row, column))

    def action_first_row(self) -> None:
        if self._grid and self._grid.data_rows():
            self._set_cursor((self._grid.data_rows()[0], self._cursor[1]))

    def action_last_row(self) -> None:
        if self._grid and self._grid.data_rows():
            self._set_cursor((self._grid.data_rows()[-1], self._cursor[1]))

    def action_first_column(self) -> None:
        self._set_cursor((self._cursor[0], 0))

    def action_last_column(self) -> None:
        if self._grid:
            self._set_cursor((self._cursor[0], len(self._grid.rows[self._cursor[0]].cells) - 1))

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - len(self._header) - 1)
        self.action_cursor(direction * height, 0)

    def action_choose(self) -> None:
        cell_id = self.cursor_cell
        if self._grid is not None and cell_id is not None:
            self.post_message(TableCellChosen(self._grid.table, cell_id))

    def action_switch(self, step: int) -> None:
        if self._loaded is None or self._loaded.report is None:
            return
        table = self.switch(step)
        if table is not None:
            self.post_message(TableSwitched(table))
            self._announce()

    def action_copy(self) -> None:
        cell_id = self.cursor_cell
        if cell_id is None or self._grid is None:
            return
        from nianbao.parser.template import cell_place

        cell = self.cell(cell_id)
        place = cell_place(self._grid.table, self._grid.template, cell_id)
        title = _("Clipboard")
        # Report text is never markup: a cell may hold [brackets].
        if cell is None:
            self.notify(_("Nothing copied: {place} is not in the text.").format(place=place),
                        title=title, timeout=3, markup=False)
        elif not cell.raw.strip():
            self.notify(_("Nothing copied: {place} is blank.").format(place=place),
                        title=title, timeout=3, markup=False)
        else:
            self.app.copy_to_clipboard(cell.raw)
            self.notify(_("Copied “{text}” ({place})").format(text=clean(cell.raw), place=place),
                        title=title, timeout=3, markup=False)

    # ------------------------------------------------------------ cursor

    def _first_cell(self) -> tuple[int, int]:
        data = self._grid.data_rows() if self._grid else []
        return (data[0], 0) if data else (0, 0)

    def _set_cursor(self, place: tuple[int, int]) -> None:
        changed = place != self._cursor
        self._cursor = place
        self._invalidate()
        self._scroll_to_cursor()
        if changed:
            self._announce()

    def _announce(self) -> None:
        if self._grid is not None:
            self.post_message(TableCursorMoved(self._grid.table, self.cursor_cell))

    def _scroll_to_cursor(self) -> None:
        self._ensure_built()
        row, column = self._cursor
        line = self._row_line.get(row)
        if line is None or column >= len(self._cell_x):
            return
        region = Region(self._cell_x[column], line, self._widths[column] + self._pad, 1)
        self.scroll_to_region(
            region, spacing=Spacing(0, self._label_width, len(self._header), 0),
            animate=False, force=True, immediate=True,
        )

    # ------------------------------------------------------------ events

    # The lines are built for a width and a focus (see _ensure_built), so these
    # only redraw: a pane that grows taller or gains the focus is not built again.
    def on_resize(self, event: Resize) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._grid is None:
            return
        self._ensure_built()
        line = offset.y - len(self._header) + round(self.scroll_y)
        if offset.y < len(self._header) or not 0 <= line < len(self._line_row):
            return
        row = self._line_row[line]
        if self._grid.rows[row].kind != "data":
            return
        x = offset.x - self._label_width + round(self.scroll_x)
        for column, start in enumerate(self._cell_x):
            if start <= x < start + self._widths[column] + self._pad:
                if (row, column) == self._cursor and event.chain > 1:
                    self.action_choose()
                self._set_cursor((row, column))
                return

    # ------------------------------------------------------------ layout

    def _invalidate(self) -> None:
        self._built_for = None
        self.refresh()

    def _ensure_built(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        key = (width, self.has_focus)
        if self._built_for == key:
            return
        self._built_for = key
        self._build(width)

    def _build(self, width: int) -> None:
        self._header, self._body, self._row_line, self._line_row = [], [], {}, []
        grid = self._grid
        if grid is None:
            style = self.get_component_rich_style("table-view--message", partial=True)
            message = Text(clean(_(self._message) if self._message else ""), style=style)
            wrapped = message.wrap(self.app.console, max(10, width - 2))
            self._body = [(Text(" ", end="") + line, Text(end="")) for line in wrapped]
            self._line_row = [0] * len(self._body)
            self._label_width = max((t.cell_len for t, _ in self._body), default=0)
            self._widths, self._cell_x = [], []
            self._set_virtual(self._label_width)
            return
        columns = grid.width
        shown = {cell_id: self._value(cell_id) for row in grid.rows for cell_id in row.cells}
        value_widths = [1] * columns
        for row in grid.rows:
            for index, cell_id in enumerate(row.cells):
                value_widths[index] = max(value_widths[index], cell_len(shown[cell_id][0]))
        heads: list[list[str]] = [[] for _ in range(columns)]
        for index, label in enumerate(grid.columns):
            heads[index].append(label)
        for row in grid.rows:
            for index, label in enumerate(row.headers):
                heads[index].append(label)
        natural = [max([value_widths[i]] + [cell_len(h) for h in heads[i]]) for i in range(columns)]
        label_natural = max(row.depth * 2 + cell_len(row.label) for row in grid.rows) + 1
        wrap = min(label_natural, 26) + sum(natural) + PAD * columns > width
        if wrap:
            widths = [max([value_widths[i]] + [_wrapped_width(h, value_widths[i]) for h in heads[i]])
                      for i in range(columns)]
        else:
            widths = natural
        pad = PAD
        if width - (sum(widths) + pad * columns) < min(MIN_LABEL, label_natural):
            pad = 1  # a narrow terminal: room for the row labels before air between cells
        body_width = sum(widths) + pad * columns
        label_width = max(min(label_natural, width - body_width), min(12, label_natural))
        self._widths, self._label_width, self._pad = widths, label_width, pad
        self._cell_x = []
        x = 0
        for w in widths:
            self._cell_x.append(x)
            x += w + pad

        header_style = self.get_component_rich_style("table-view--header", partial=True)
        blank_label = Text(" " * label_width, end="")
        if grid.spans:
            self._header.append((blank_label, self._span_line(grid.spans)))
        if grid.columns:
            for piece in self._header_lines(grid.columns, wrap, header_style):
                self._header.append((blank_label, piece))

        for index, row in enumerate(grid.rows):
            self._row_line[index] = len(self._body)
            if row.kind == "group":
                style = self.get_component_rich_style("table-view--group", partial=True)
                lines = [(self._label(row.label, row.depth, style), Text(" " * body_width, end=""))]
            elif row.kind == "header":
                pieces = self._header_lines(row.headers, wrap, header_style)
                lines = [(self._label(row.label if n == 0 else "", row.depth, header_style), piece)
                         for n, piece in enumerate(pieces)]
            else:
                style = self.get_component_rich_style("table-view--label", partial=True)
                lines = [(self._label(row.label, row.depth, style), self._cells(index, shown))]
            self._body.extend(lines)
            self._line_row.extend([index] * len(lines))
        # The narrowest the table can be drawn, not its width here: the row labels
        # take what room is left, so a vertical scrollbar coming or going changes
        # no size (and lays out no frame again); scrolling sideways starts where
        # the labels cannot shrink any more, as before.
        self._set_virtual(min(12, label_natural) + body_width)

    def _set_virtual(self, width: int) -> None:
        size = Size(width, len(self._header) + len(self._body))
        if size != self.virtual_size:
            self.virtual_size = size

    def _label(self, label: str, depth: int, style: Style) -> Text:
        width = self._label_width
        text = Text(" " * (depth * 2) + clean(label), style=style, end="", no_wrap=True)
        if text.cell_len > width - 1:
            text.truncate(max(1, width - 1), overflow="ellipsis")
        text.pad_right(width - text.cell_len)
        return text

    def _header_lines(self, labels: tuple[str, ...], wrap: bool, style: Style) -> list[Text]:
        pieces = [wrap_label(label, self._widths[i]) if wrap else [_fit(label, self._widths[i])]
                  for i, label in enumerate(labels)]
        height = max((len(p) for p in pieces), default=1)
        lines = []
        for n in range(height):
            line = Text(end="", no_wrap=True)
            for index, width in enumerate(self._widths):
                part = pieces[index][n] if index < len(pieces) and n < len(pieces[index]) else ""
                left = (width - cell_len(part)) // 2
                line.append(" " * (1 + left))
                line.append(part, style)
                line.append(" " * (width - cell_len(part) - left + self._pad - 1))
            lines.append(line)
        return lines

    def _span_line(self, spans: tuple[tuple[str, int], ...]) -> Text:
        style = self.get_component_rich_style("table-view--span", partial=True)
        line = Text(end="", no_wrap=True)
        column = 0
        for label, count in spans:
            width = sum(self._widths[column:column + count]) + self._pad * count
            column += count
            if not label:
                line.append(" " * width)
                continue
            label = _fit(label, max(1, width - 4))
            rule = max(0, width - cell_len(label) - 4)
            left = rule // 2
            line.append(" ╶" + "─" * left + " ", style)
            line.append(label, style + Style(bold=True))
            line.append(" " + "─" * (rule - left) + "╴", style)
        return line

    def _value(self, cell_id: str) -> tuple[str, str]:
        """What a cell shows, and the component that styles it."""
        cell = self.cell(cell_id)
        if cell is None:
            return "?", "table-view--missing"
        if cell.kind == "blank":
            return "·", "table-view--blank"
        raw = _fit(clean(cell.raw), MAX_VALUE_WIDTH)
        return raw, ("table-view--text" if cell.kind == "text" else "")

    def _cells(self, row_index: int, shown: dict[str, tuple[str, str]]) -> Text:
        assert self._grid is not None and self._loaded is not None
        table = self._grid.table
        row = self._grid.rows[row_index]
        line = Text(end="", no_wrap=True)
        cursor_row, cursor_column = self._cursor
        for column, width in enumerate(self._widths):
            if column >= len(row.cells):
                line.append(" " * (width + self._pad))
                continue
            cell_id = row.cells[column]
            value, component = shown[cell_id]
            ref = CellRef.of(table, cell_id)
            severity = self._loaded.cell_severity(ref)
            value_style = Style()
            if component:
                value_style += self.get_component_rich_style(component, partial=True)
            if severity is not None:
                value_style += self.get_component_rich_style(f"table-view--{severity}", partial=True)
            box = Style()
            if ref in self._primary:
                box += self.get_component_rich_style(
                    f"table-view--chosen-{self._chosen_severity}", partial=True)
            elif ref in self._related:
                box += self.get_component_rich_style("table-view--related", partial=True)
            if (row_index, column) == (cursor_row, cursor_column):
                box += self.get_component_rich_style(
                    "table-view--cursor" if self.has_focus else "table-view--cursor-blurred",
                    partial=True)
            start = len(line)
            line.append(" " * (width - cell_len(value) + 1))
            line.append(value, value_style)
            line.append(" " * (self._pad - 1))
            if box:
                line.stylize(box, start, len(line))
        return line

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        self._ensure_built()
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        header_height = len(self._header)
        if y < header_height:
            label, body = self._header[y]
        else:
            index = y - header_height + round(self.scroll_y)
            if not 0 <= index < len(self._body):
                return Strip.blank(width, base)
            label, body = self._body[index]
        console = self.app.console
        label_strip = Strip(list(label.render(console)), label.cell_len).crop(0, width)
        body_width = max(0, width - label_strip.cell_length)
        scroll_x = round(self.scroll_x)
        body_strip = Strip(list(body.render(console)), body.cell_len).crop(
            scroll_x, scroll_x + body_width)
        strip = Strip.join([label_strip, body_strip]).extend_cell_length(width)
        return strip.apply_style(base)


def _template(loaded: Loaded, table: TableId) -> TemplateId:
    """The report's template as the parser decided it (2021 when nothing told); for
    table 3 the template of its rows (2019's when a 2021 table keeps the old single
    （六）其他处理 row, so that row is shown)."""
    report = loaded.report
    assert report is not None
    template = report.meta.template or "2021"
    if table == "applications":
        return rows_template(template, (row.id for row in report.tables[table].rows))
    return template

