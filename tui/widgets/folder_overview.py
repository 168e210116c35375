"""Every report of the folder in one table: agency, year, template, counts, key figures.

Sorted by any column (``s`` on the column under the cursor; again: the other
way), filtered (``e`` errors only, ``c`` a rule code or family, ``/`` a text in the
name or the agency), ``n``/``N`` to the next/previous file with errors, ``enter``
opens the report. The rows are :class:`~nianbao.parser.core.summary.ReportSummary`
values that the screen's worker hands over; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from nianbao.parser.core.summary import KEY_FIGURES, ReportSummary
from nianbao.parser.i18n import N_, _
from nianbao.tui.messages import FilterAsked, ReportChosen
from nianbao.tui.text import SEVERITY_STYLE, clean


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # a message id (N_), translated when drawn
    numeric: bool
    width: int = 0  # 0: shares what the fixed columns leave


# The file and agency columns share the room the others leave; the rest are narrow.
COLUMNS: tuple[Column, ...] = (
    Column("file", N_("File"), False),
    Column("agency", N_("Agency"), False),
    Column("year", N_("Year"), True, 5),
    Column("template", N_("Tmpl"), True, 5),
    Column("errors", N_("E"), True, 3),
    Column("warnings", N_("W"), True, 3),
    Column("infos", N_("I"), True, 3),
    *(Column(figure.measure, figure.heading, True, 4) for figure in KEY_FIGURES),
)
_FIGURES = frozenset(figure.measure for figure in KEY_FIGURES)


def figure_text(value: Decimal | None) -> str:
    """A figure as the table shows it; "·" for no number (never a made-up 0)."""
    if value is None:
        return "·"
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, with … where it was cut."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


class FolderOverview(ScrollView, can_focus=True):
    """The folder's reports, one a row, drawn line by line (only the rows on screen:
    a folder of ten thousand sorts and scrolls as fast as one of ten)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "folder-overview--header",
        "folder-overview--sorted",
        "folder-overview--cursor",
        "folder-overview--cursor-cell",
        "folder-overview--even-row",
    }

    DEFAULT_CSS = """
    FolderOverview {
        background: $surface;
        color: $foreground;
        & > .folder-overview--header { text-style: bold; background: $panel; }
        & > .folder-overview--sorted { text-style: bold underline; }
        & > .folder-overview--even-row { background: $surface-lighten-1 50%; }
        & > .folder-overview--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        & > .folder-overview--cursor-cell {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: bold;
        }
        &:focus > .folder-overview--cursor { background: $block-cursor-background 50%; }
        &:focus > .folder-overview--cursor-cell {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:ansi > .folder-overview--header { background: ansi_bright_blue; color: ansi_default; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1, 0)", N_("Up"), show=False),
        Binding("down,j", "cursor(1, 0)", N_("Down"), show=False),
        Binding("left,h", "cursor(0, -1)", N_("Left"), show=False),
        Binding("right,l", "cursor(0, 1)", N_("Right"), show=False),
        Binding("g,home", "first", N_("First"), show=False),
        Binding("G,end", "last", N_("Last"), show=False),
        Binding("pageup,ctrl+u", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d", "page(1)", N_("Page down"), show=False),
        Binding("enter", "open", N_("Open"), tooltip=N_("Open this report"),
                id="overview.open"),
        Binding("s", "sort", N_("Sort"),
                tooltip=N_("Sort by the cursor's column (again: the other way)"),
                id="overview.sort"),
        Binding("n", "next_error(1)", N_("Next ✗"), tooltip=N_("Next file with errors"),
                id="overview.next_error"),
        Binding("N", "next_error(-1)", N_("Previous ✗"),
                tooltip=N_("Previous file with errors"), show=False,
                id="overview.previous_error"),
        Binding("e", "errors_only", N_("Errors"),
                tooltip=N_("Only files with errors (again: every file)"), id="overview.errors"),
        # Not in the footer, which has no room left at 80 columns (help and palette list it).
        Binding("c", "filter_code", N_("Rule"),
                tooltip=N_("Only files with findings of a rule (A001) or a family (Y)"),
                show=False, id="overview.code"),
        Binding("slash", "filter_text", N_("Filter"),
                tooltip=N_("Only files whose name or agency holds a text"),
                id="overview.filter"),
        Binding("escape", "clear_filters", N_("Clear filters"), show=False,
                id="overview.clear"),
    ]

    @dataclass
    class CursorMoved(Message):
        """The cursor is on another row or column (the screen's status line follows)."""

        overview: FolderOverview

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FolderOverview.CursorMoved)

    def __init__(self, display: Callable[[Path], str], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._display = display
        self.all_rows: list[ReportSummary] = []
        self.pending: frozenset[str] = frozenset()
        self.rows_shown: list[ReportSummary] = []
        self.sort_key = "file"
        self.sort_reverse = False
        self.errors_only = False
        self.code = ""  # a rule code or a family letter; "" none
        self.text = ""  # in the file's name or the agency; "" none
        self.cursor_row = 0
        self.cursor_column = 0
        self.widths: list[int] = [c.width or 8 for c in COLUMNS]
        self._index: dict[str, int] = {}  # path → its row in rows_shown
        self._lines: dict[int, list[Text]] = {}  # row → its cells, drawn once
        # path → (the summary, its cells as plain text): worked out once per summary,
        # so sorting and measuring ten thousand rows makes no Path and no Text.
        self._texts: dict[str, tuple[ReportSummary, tuple[str, ...]]] = {}

    # ------------------------------------------------------------ data

    def show(self, rows: list[ReportSummary], pending: frozenset[str] = frozenset()) -> None:
        """Every report of the folder, in the folder's order; ``pending``: the paths
        not read yet (their rows wait for their figures)."""
        self.all_rows = list(rows)
        self.pending = pending
        self._rebuild()

    def texts(self, row: ReportSummary) -> tuple[str, ...]:
        """The row's cells as plain text, in the order of COLUMNS."""
        found = self._texts.get(row.path)
        if found is not None and found[0] is row:
            return found[1]
        pending = row.path in self.pending
        bad = row.problem is not None and row.year is None
        counts = (("…",) * 3 if pending else
                  tuple(str(n) if n else "·" for n in (row.errors, row.warnings, row.infos)))
        texts = (clean(self._display(Path(row.path))),
                 clean(row.problem or "" if bad else row.agency or ("" if pending else "?")),
                 str(row.year) if row.year is not None else "" if pending else "?",
                 row.template or ("" if pending else "?"),
                 *counts,
                 *(figure_text(row.value(figure.measure)) for figure in KEY_FIGURES))
        self._texts[row.path] = (row, texts)
        return texts

    def _matches(self, row: ReportSummary) -> bool:
        if self.errors_only and not row.errors and row.problem is None:
            return False
        if self.code and not any(code.startswith(self.code) for code in row.codes):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = f"{self.texts(row)[0]} {row.agency or ''}".casefold()
            if needle not in haystack:
                return False
        return True

    def _sorted(self, rows: list[ReportSummary]) -> list[ReportSummary]:
        key = self.sort_key
        if key == "file":
            return sorted(rows, key=lambda r: self.texts(r)[0], reverse=self.sort_reverse)
        if key == "agency":
            known = [r for r in rows if r.agency]
            rest = [r for r in rows if not r.agency]
            return sorted(known, key=lambda r: r.agency or "", reverse=self.sort_reverse) + rest
        if key in ("errors", "warnings", "infos"):
            return sorted(rows, key=lambda r: int(getattr(r, key)), reverse=self.sort_reverse)
        # Year, template, figures: rows without a value come last either way.
        def value(row: ReportSummary) -> Decimal | None:
            if key == "year":
                return None if row.year is None else Decimal(row.year)
            if key == "template":
                return None if row.template is None else Decimal(row.template)
            return row.value(key)

        known_values = [(value(r), r) for r in rows]
        ordered = sorted(((v, r) for v, r in known_values if v is not None),
                         key=lambda pair: pair[0], reverse=self.sort_reverse)
        return [r for _value, r in ordered] + [r for v, r in known_values if v is None]

    def _rebuild(self) -> None:
        keep = self.cursor_path
        self.rows_shown = self._sorted([r for r in self.all_rows if self._matches(r)])
        self._index = {row.path: i for i, row in enumerate(self.rows_shown)}
        self._lines.clear()
        self._measure()
        self.virtual_size = Size(self.size.width, len(self.rows_shown) + 1)
        row = self._index.get(keep, 0) if keep is not None else 0
        self._move(row, self.cursor_column, force=True)
        self.refresh()

    # ------------------------------------------------------------ drawing

    def _measure(self) -> None:
        """Numbers as wide as their widest (one cell apart); names share the rest."""
        widths = [c.width for c in COLUMNS]
        for i, column in enumerate(COLUMNS):
            if column.width:
                widths[i] = max(column.width, cell_len(_(column.heading)) + 1)
        names = 0
        for row in self.rows_shown:
            texts = self.texts(row)
            names = max(names, cell_len(texts[0]))
            for i in range(2, len(COLUMNS)):
                widths[i] = max(widths[i], len(texts[i]) + 1)
        left = max(24, self.scrollable_content_region.width - sum(widths[2:]))
        widths[0] = max(8, min(names + 1, left * 11 // 20))
        widths[1] = max(8, left - widths[0])
        self.widths = widths

    def _cells(self, row: ReportSummary) -> list[Text]:
        texts = self.texts(row)
        pending = row.path in self.pending
        bad = row.problem is not None and row.year is None
        cells = [Text(texts[0], end="", style="bold red" if bad else ""),
                 Text(texts[1], end="", style="red" if bad else ""),
                 _number(texts[2]), _number(texts[3])]
        for text, count, severity in zip(texts[4:7], (row.errors, row.warnings, row.infos),
                                         ("error", "warning", "info"), strict=True):
            cells.append(_number(text, "dim" if pending or not count
                                 else SEVERITY_STYLE[severity]))
        for text in texts[7:]:
            cells.append(_number(text, "dim" if text == "·" else ""))
        return cells

    def _line(self, cells: list[Text], styles: list[Style | None], base: Style) -> Strip:
        line = Text(end="", no_wrap=True, overflow="crop")
        for cell, width, spec, style in zip(cells, self.widths, COLUMNS, styles, strict=True):
            if not spec.numeric:
                cell = Text(fit(cell.plain, width - 1), style=cell.style, end="")
            part = cell.copy()
            if spec.numeric:
                part.pad_left(max(0, width - part.cell_len))
            else:
                part.pad_right(max(0, width - part.cell_len))
            if style is not None:
                part.stylize(style)
            line.append_text(part)
        width = self.scrollable_content_region.width
        line.truncate(width, pad=True)
        segments = list(line.render(self.app.console))
        return Strip(segments, line.cell_len).apply_style(base).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:  # the headings stay on top while the rows scroll under them
            header = self.get_component_rich_style("folder-overview--header")
            sorted_style = self.get_component_rich_style("folder-overview--sorted")
            headings = [Text(_(c.heading), end="") for c in COLUMNS]
            styles: list[Style | None] = [sorted_style if c.key == self.sort_key else None
                                          for c in COLUMNS]
            return self._line(headings, styles, header)
        index = int(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self.rows_shown):
            return Strip.blank(width, self.rich_style)
        cells = self._lines.get(index)
        if cells is None:
            cells = self._lines[index] = self._cells(self.rows_shown[index])
        base = self.rich_style
        if index % 2:
            base = base + self.get_component_rich_style("folder-overview--even-row")
        cell_styles: list[Style | None] = [None] * len(COLUMNS)
        if index == self.cursor_row:
            base = base + self.get_component_rich_style("folder-overview--cursor")
            cell_styles[self.cursor_column] = self.get_component_rich_style(
                "folder-overview--cursor-cell")
        return self._line(cells, cell_styles, base)

    def on_resize(self, event: Resize) -> None:
        self._measure()
        self.virtual_size = Size(event.size.width, len(self.rows_shown) + 1)
        self.refresh()

    # ------------------------------------------------------------ cursor

    @property
    def cursor_row_summary(self) -> ReportSummary | None:
        row = self.cursor_row
        return self.rows_shown[row] if 0 <= row < len(self.rows_shown) else None

    @property
    def cursor_path(self) -> str | None:
        row = self.cursor_row_summary
        return row.path if row is not None else None

    def select_path(self, path: str) -> bool:
        index = self._index.get(path)
        if index is None:
            return False
        self._move(index, self.cursor_column)
        return True

    def _move(self, row: int, column: int, *, force: bool = False) -> None:
        row = max(0, min(row, len(self.rows_shown) - 1))
        column = max(0, min(column, len(COLUMNS) - 1))
        if (row, column) == (self.cursor_row, self.cursor_column) and not force:
            return
        self.cursor_row, self.cursor_column = row, column
        # Keep the cursor's row in view, under the headings.
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False)
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def action_cursor(self, rows: int, columns: int) -> None:
        self._move(self.cursor_row + rows, self.cursor_column + columns)

    def action_first(self) -> None:
        self._move(0, self.cursor_column)

    def action_last(self) -> None:
        self._move(len(self.rows_shown) - 1, self.cursor_column)

    def action_page(self, pages: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self._move(self.cursor_row + pages * height, self.cursor_column)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, column = offset.x, 0
        for index, width in enumerate(self.widths):
            if x < width:
                column = index
                break
            x -= width
        else:
            column = len(COLUMNS) - 1
        if offset.y == 0:
            # A click on a heading sorts by that column, as s on it does.
            self.cursor_column = column
            self.action_sort()
            return
        self._move(int(self.scroll_offset.y) + offset.y - 1, column)

    @property
    def description(self) -> str:
        """What the table shows, for the pane's title: the order and the filters."""
        heading = next(_(c.heading) for c in COLUMNS if c.key == self.sort_key)
        parts = [_("by {column} {arrow}").format(column=heading,
                                                 arrow="▼" if self.sort_reverse else "▲")]
        if self.errors_only:
            parts.append(_("errors only"))
        if self.code:
            parts.append(_("rule {code}").format(code=self.code))
        if self.text:
            parts.append(f"“{clean(self.text)}”")  # the same quotes in both languages
        return " · ".join(parts)

    # ------------------------------------------------------------ actions

    def action_open(self) -> None:
        row = self.cursor_row_summary
        if row is not None:
            self.post_message(ReportChosen(Path(row.path)))

    def action_sort(self) -> None:
        key = COLUMNS[self.cursor_column].key
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key = key
            # Counts and figures: the largest first is what a reviewer looks for.
            self.sort_reverse = key in ("errors", "warnings", "infos") or key in _FIGURES
        self._rebuild()

    def action_next_error(self, step: int) -> None:
        rows = self.rows_shown
        if not rows:
            return
        start = self.cursor_row
        for offset in range(1, len(rows) + 1):
            index = (start + step * offset) % len(rows)
            if rows[index].errors or rows[index].problem is not None:
                wrapped = (index <= start) if step > 0 else (index >= start)
                self._move(index, self.cursor_column)
                if wrapped and index != start:
                    self.notify(_("Back at the top: no file with errors below.") if step > 0
                                else _("Back at the bottom: no file with errors above."),
                                timeout=2)
                return
        self.notify(_("No file with errors here."), timeout=2)

    def action_errors_only(self) -> None:
        self.errors_only = not self.errors_only
        self._rebuild()

    def action_filter_code(self) -> None:
        self.post_message(FilterAsked("code", self.code))

    def action_filter_text(self) -> None:
        self.post_message(FilterAsked("text", self.text))

    def set_filter(self, kind: str, value: str) -> None:
        value = value.strip()
        if kind == "code":
            self.code = value.upper()
        else:
            self.text = value
        self._rebuild()

    def action_clear_filters(self) -> None:
        self.errors_only, self.code, self.text = False, "", ""
        self._rebuild()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            # Nothing to clear: escape goes on to the screen (back to the report).
            return self.errors_only or bool(self.code) or bool(self.text)
        return True


def _number(text: str, style: str = "") -> Text:
    return Text(text, style=style, end="", justify="right")
