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
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

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


class FolderOverview(DataTable[Text], inherit_bindings=False):
    """The folder's reports, one a row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("left,h", "cursor_left", N_("Left"), show=False),
        Binding("right,l", "cursor_right", N_("Right"), show=False),
        Binding("g,home", "scroll_top", N_("First"), show=False),
        Binding("G,end", "scroll_bottom", N_("Last"), show=False),
        Binding("pageup,ctrl+u", "page_up", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d", "page_down", N_("Page down"), show=False),
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
        Binding("c", "filter_code", N_("Rule"),
                tooltip=N_("Only files with findings of a rule (A001) or a family (Y)"),
                id="overview.code"),
        Binding("slash", "filter_text", N_("Filter"),
                tooltip=N_("Only files whose name or agency holds a text"),
                id="overview.filter"),
        Binding("escape", "clear_filters", N_("Clear filters"), show=False,
                id="overview.clear"),
    ]

    def __init__(self, display: Callable[[Path], str], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="cell", cell_padding=0, zebra_stripes=True)
        self._display = display
        self.all_rows: list[ReportSummary] = []
        self.pending: frozenset[str] = frozenset()
        self.rows_shown: list[ReportSummary] = []
        self.sort_key = "file"
        self.sort_reverse = False
        self.errors_only = False
        self.code = ""  # a rule code or a family letter; "" none
        self.text = ""  # in the file's name or the agency; "" none
        self._width = 0

    # ------------------------------------------------------------ data

    def show(self, rows: list[ReportSummary], pending: frozenset[str] = frozenset()) -> None:
        """Every report of the folder, in the folder's order; ``pending``: the paths
        not read yet (their rows wait for their figures)."""
        self.all_rows = list(rows)
        self.pending = pending
        self._rebuild()

    def _matches(self, row: ReportSummary) -> bool:
        if self.errors_only and not row.errors and row.problem is None:
            return False
        if self.code and not any(code.startswith(self.code) for code in row.codes):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = f"{self._display(Path(row.path))} {row.agency or ''}".casefold()
            if needle not in haystack:
                return False
        return True

    def _sorted(self, rows: list[ReportSummary]) -> list[ReportSummary]:
        key = self.sort_key
        if key == "file":
            return sorted(rows, key=lambda r: self._display(Path(r.path)),
                          reverse=self.sort_reverse)
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

    # ------------------------------------------------------------ drawing

    def _widths(self, cells: list[list[Text]]) -> list[int]:
        """Numbers as wide as their widest (one cell apart); names share the rest."""
        fixed = [c.width for c in COLUMNS]
        for i, column in enumerate(COLUMNS):
            if column.width:
                widest = max((row[i].cell_len for row in cells), default=0)
                fixed[i] = max(column.width, cell_len(_(column.heading)) + 1, widest + 1)
        left = max(24, (self._width or self.size.width) - sum(fixed) - 2)
        names = max((row[0].cell_len for row in cells), default=0) + 1
        fixed[0] = max(8, min(names, left * 11 // 20))
        fixed[1] = max(8, left - fixed[0])
        return fixed

    def _rebuild(self) -> None:
        keep = self.cursor_path
        column = self.cursor_coordinate.column
        self.rows_shown = self._sorted([r for r in self.all_rows if self._matches(r)])
        self.clear(columns=True)
        cells = [self._cells(row) for row in self.rows_shown]
        widths = self._widths(cells)
        for spec, width in zip(COLUMNS, widths, strict=True):
            heading = Text(_(spec.heading), end="", justify="right" if spec.numeric else "left")
            if spec.key == self.sort_key:
                heading.stylize("bold underline")
            self.add_column(heading, width=width, key=spec.key)
        for row, texts in zip(self.rows_shown, cells, strict=True):
            for i in (0, 1):  # the names, cut to their share with … and a cell to spare
                texts[i] = Text(fit(texts[i].plain, widths[i] - 1), style=texts[i].style,
                                end="")
            self.add_row(*texts, key=row.path)
        if keep is not None:
            self.select_path(keep, column=column)
        elif self.rows_shown:
            self.move_cursor(row=0, column=column, animate=False)

    def _cells(self, row: ReportSummary) -> list[Text]:
        path = Path(row.path)
        pending = row.path in self.pending
        bad = row.problem is not None and row.year is None
        name = Text(clean(self._display(path)), end="", style="bold red" if bad else "")
        agency = Text(clean(row.problem or "" if bad else row.agency or ("" if pending else "?")),
                      end="", style="red" if bad else "")
        cells = [name, agency,
                 _number(str(row.year) if row.year is not None else "" if pending else "?"),
                 _number(row.template or ("" if pending else "?"))]
        for count, severity in ((row.errors, "error"), (row.warnings, "warning"),
                                (row.infos, "info")):
            if pending:
                cells.append(_number("…", "dim"))
                continue
            cells.append(_number(str(count) if count else "·",
                                 SEVERITY_STYLE[severity] if count else "dim"))
        for figure in KEY_FIGURES:
            value = row.value(figure.measure)
            cells.append(_number(figure_text(value), "dim" if value is None else ""))
        return cells

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a heading sorts by that column, as ``s`` on it does."""
        event.stop()
        self.move_cursor(column=event.column_index, animate=False)
        self.action_sort()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._rebuild()

    # ------------------------------------------------------------ cursor

    @property
    def cursor_row_summary(self) -> ReportSummary | None:
        row = self.cursor_coordinate.row
        return self.rows_shown[row] if 0 <= row < len(self.rows_shown) else None

    @property
    def cursor_path(self) -> str | None:
        row = self.cursor_row_summary
        return row.path if row is not None else None

    def select_path(self, path: str, *, column: int | None = None) -> bool:
        try:
            index = self.get_row_index(path)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=index, column=self.cursor_coordinate.column if column is None
                         else column, animate=False)
        return True

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
        key = COLUMNS[self.cursor_coordinate.column].key if self.columns else "file"
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
        start = self.cursor_coordinate.row
        for offset in range(1, len(rows) + 1):
            index = (start + step * offset) % len(rows)
            if rows[index].errors or rows[index].problem is not None:
                wrapped = (index <= start) if step > 0 else (index >= start)
                self.move_cursor(row=index, animate=False)
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
