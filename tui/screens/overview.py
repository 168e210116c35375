"""The folder overview: every report in one table, and the totals per year under it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from nianbao.parser.core.summary import ReportSummary
from nianbao.parser.i18n import N_, _, ngettext
from nianbao.tui.folder import FolderSource, ViewResult
from nianbao.tui.messages import FilterAsked, FolderChanged, OverviewComputed, ReportChosen
from nianbao.tui.text import clean
from nianbao.tui.widgets.folder_overview import FolderOverview
from nianbao.tui.widgets.key_footer import KeyFooter
from nianbao.tui.widgets.status_line import StatusLine
from nianbao.tui.widgets.year_totals import YearTotalsTable

REFRESH_DELAY = 0.3  # seconds: badges arriving by the hundred redraw the table once
# A big folder's table takes a good part of a second to sort and measure again: while
# its badges come in, it is redrawn less often.
BIG_FOLDER, BIG_REFRESH_DELAY = 2000, 2.0


class OverviewScreen(Screen[ViewResult]):
    """``o`` from the report; ``enter`` opens a report, ``Y`` shows an agency's years."""

    AUTO_FOCUS = "#overview"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o", "close", N_("Report"), tooltip=N_("Back to the open report"),
                id="overview.close"),
        Binding("Y", "years", N_("Years"), tooltip=N_("One agency's years side by side"),
                id="overview.years"),
    ]

    def __init__(self, folder: FolderSource) -> None:
        super().__init__()
        self.folder = folder
        self._filter_kind = "text"
        self._timer: Timer | None = None
        self.computed = False  # the first rows are in

    def compose(self) -> ComposeResult:
        yield FolderOverview(self.folder.display_path, id="overview")
        yield YearTotalsTable(self.folder.display_path, id="year-totals")
        yield Input(id="overview-filter")
        yield StatusLine(id="overview-status")
        yield KeyFooter(id="overview-footer")

    @property
    def table(self) -> FolderOverview:
        return self.query_one(FolderOverview)

    @property
    def totals(self) -> YearTotalsTable:
        return self.query_one(YearTotalsTable)

    def on_mount(self) -> None:
        self.totals.border_title = Text(_("Per year"), end="")
        self.totals.display = False
        self._title()
        self.refresh_rows()

    def retranslate(self) -> None:
        """The language changed (F2): the words again, with the rows worked out anew."""
        self.totals.border_title = Text(_("Per year"), end="")
        self.refresh_rows()

    # ------------------------------------------------------------ data

    def refresh_rows(self) -> None:
        self._timer = None
        rows, pending = self.folder.folder_summaries()
        self._compute(rows, pending)

    @work(thread=True, exclusive=True, exit_on_error=False, group="overview")
    def _compute(self, rows: list[ReportSummary], pending: frozenset[str]) -> None:
        from nianbao.parser.core.aggregate import year_totals

        self.post_message(OverviewComputed(rows, year_totals(rows), pending))

    @on(OverviewComputed)
    def _computed(self, message: OverviewComputed) -> None:
        self.table.show(message.rows, message.pending)
        self.totals.show(message.totals)
        self.totals.display = bool(self.totals.years)
        self.computed = True
        self._title()

    @on(FolderChanged)
    def _folder_changed(self) -> None:
        if self._timer is None:
            big = len(self.table.all_rows) >= BIG_FOLDER
            self._timer = self.set_timer(BIG_REFRESH_DELAY if big else REFRESH_DELAY,
                                         self.refresh_rows)

    def _title(self) -> None:
        table = self.table
        shown, total = len(table.rows_shown), len(table.all_rows)
        title = Text(clean(self.folder.display_path(self.folder.root)) + "/ ", end="")
        title.append(ngettext("{n} report", "{n} reports", total).format(n=total), "bold")
        if shown != total:
            title.append(" · " + _("{n} shown").format(n=shown))
        table.border_title = title
        subtitle = Text(table.description, end="")
        if table.pending:
            subtitle.append(" · " + _("checking {n} …").format(n=len(table.pending)), "italic")
        table.border_subtitle = subtitle

    # ------------------------------------------------------------ filters

    @on(FilterAsked)
    def _filter_asked(self, message: FilterAsked) -> None:
        self._filter_kind = message.kind
        box = self.query_one(Input)
        box.placeholder = (_("rule code or family, e.g. A001 or Y; empty: every rule")
                           if message.kind == "code"
                           else _("text in the file's name or agency; empty: every file"))
        box.value = message.current
        self.add_class("-filtering")
        self.set_focus(box)

    @on(Input.Submitted, "#overview-filter")
    def _filter_typed(self, message: Input.Submitted) -> None:
        self._end_filter()
        self.table.set_filter(self._filter_kind, message.value)
        self._title()

    def _end_filter(self) -> None:
        self.remove_class("-filtering")
        self.set_focus(self.table)

    @on(FolderOverview.CursorMoved)
    def _cursor_moved(self) -> None:
        self._title()
        row = self.table.cursor_row_summary
        status = self.query_one(StatusLine)
        if row is None:
            status.say(_("No report matches the filters (escape clears them)."), "italic")
            return
        text = Text(clean(self.folder.display_path(Path(row.path))), "bold", end="")
        if row.agency:
            text.append(" · " + clean(row.agency))
        if row.problem:
            text.append(" · " + clean(row.problem), "red")
        if row.codes:
            text.append(" · " + " ".join(row.codes), "dim")
        status.say(text)

    # ------------------------------------------------------------ leaving

    @on(ReportChosen)
    def _report_chosen(self, message: ReportChosen) -> None:
        message.stop()
        self.dismiss(message.path)

    def action_close(self) -> None:
        if self.has_class("-filtering"):
            self._end_filter()
            return
        self.dismiss(None)

    def action_years(self) -> None:
        self.dismiss("years")
