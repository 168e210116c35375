"""The folder's figures per year: the departments' reports added up, and each local
government's own report beside the totals with its difference from them.

A year with one department's report and no government's adds nothing to that
report's own row, so it is left out; when no year is left, the screen hides the pane.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from nianbao.parser.core.aggregate import Total, YearTotals
from nianbao.parser.core.summary import KEY_FIGURES
from nianbao.parser.i18n import N_, _, ngettext
from nianbao.tui.messages import ReportChosen
from nianbao.tui.text import clean
from nianbao.tui.widgets.folder_overview import figure_text, fit


def worth_showing(year: YearTotals) -> bool:
    return len(year.departments) > 1 or bool(year.governments)


def total_text(total: Total) -> Text:
    """The sum; ``+`` after it when some reports gave no number (the sum leaves them out)."""
    text = Text(figure_text(total.value), end="", justify="right")
    if not total.complete:
        text.append("+", "bold yellow")
    return text


def difference_text(value: Decimal | None) -> Text:
    if value is None:
        return Text("·", "dim", end="", justify="right")
    if value == 0:
        return Text("=", "green", end="", justify="right")
    sign = "+" if value > 0 else "−"
    return Text(f"{sign}{figure_text(abs(value))}", "bold", end="", justify="right")


class YearTotalsTable(DataTable[Text], inherit_bindings=False):
    """One block per year: the totals row, then each government's figures and difference."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("g,home", "scroll_top", N_("First"), show=False),
        Binding("G,end", "scroll_bottom", N_("Last"), show=False),
        Binding("enter", "open", N_("Open"), tooltip=N_("Open the government's report"),
                id="totals.open"),
    ]

    def __init__(self, display: Callable[[Path], str], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", cell_padding=1, zebra_stripes=False)
        self._display = display
        self.years: tuple[YearTotals, ...] = ()
        self._paths: dict[int, str] = {}  # row index → the government report's path

    def show(self, years: tuple[YearTotals, ...]) -> None:
        self.years = tuple(y for y in years if worth_showing(y))
        self.clear(columns=True)
        self._paths.clear()
        self.add_column(Text(_("Year"), end=""), key="year")
        self.add_column(Text(_("Reports"), end=""), key="what")
        for figure in KEY_FIGURES:
            self.add_column(Text(_(figure.heading), end="", justify="right"), key=figure.measure)
        for year in self.years:
            count = len(year.departments)
            what = ngettext("Σ {n} department", "Σ {n} departments", count).format(n=count)
            self.add_row(Text(str(year.year), style="bold", end=""), Text(what, end=""),
                         *(total_text(total) for total in year.totals))
            for beside in year.governments:
                name = clean(beside.report.agency or self._display(Path(beside.report.path)))
                self._paths[self.row_count] = beside.report.path
                self.add_row(Text(""), Text(fit(name, 24), style="bold", end=""),
                             *(Text(figure_text(beside.report.value(f.measure)), end="",
                                    justify="right") for f in KEY_FIGURES))
                self.add_row(Text(""), Text(_("  difference"), style="italic", end=""),
                             *(difference_text(d) for d in beside.differences))
            if year.repeated:
                names = "、".join(clean(name) for name in year.repeated)
                self.add_row(Text(""), Text(_("counted twice: {names}").format(names=names),
                                            style="yellow", end=""),
                             *(Text("") for _figure in KEY_FIGURES))

    def action_open(self) -> None:
        row = self.cursor_coordinate.row
        path = self._paths.get(row) or self._paths.get(row - 1)
        if path is not None:
            self.post_message(ReportChosen(Path(path)))
