"""An agency's years side by side: key cells, sparklines, carry-over links, breaks."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable

from nianbao.parser.core.summary import ReportSummary
from nianbao.parser.i18n import N_, _, ngettext
from nianbao.parser.model.findings import Finding
from nianbao.tui.folder import FolderSource, ViewResult
from nianbao.tui.messages import AgencySwitched, FolderChanged, ReportChosen, YearsComputed
from nianbao.tui.text import clean
from nianbao.tui.widgets.agency_years import AgencyYearsTable
from nianbao.tui.widgets.key_footer import KeyFooter
from nianbao.tui.widgets.status_line import StatusLine
from nianbao.tui.widgets.years_notes import YearsNotes

REFRESH_DELAY = 0.3


class YearsScreen(Screen[ViewResult]):
    """``Y`` from the report or the overview; ``enter`` opens the cursor's year."""

    AUTO_FOCUS = "#years"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,Y", "close", N_("Report"), tooltip=N_("Back to the open report"),
                id="years.close"),
        Binding("o", "overview", N_("Overview"), tooltip=N_("Every report of the folder"),
                id="years.overview"),
    ]

    def __init__(self, folder: FolderSource) -> None:
        super().__init__()
        self.folder = folder
        self._timer: Timer | None = None
        self.computed = False

    def compose(self) -> ComposeResult:
        yield AgencyYearsTable(id="years")
        with VerticalScroll(id="years-notes-box"):
            yield YearsNotes(id="years-notes")
        yield StatusLine(id="years-status")
        yield KeyFooter(id="years-footer")

    @property
    def table(self) -> AgencyYearsTable:
        return self.query_one(AgencyYearsTable)

    def on_mount(self) -> None:
        self.table.border_title = Text(_("Years"), end="")
        self.refresh_rows()

    def retranslate(self) -> None:
        """The language changed (F2): the words again, with the rows worked out anew."""
        self.table.border_title = Text(_("Years"), end="")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        self._timer = None
        rows, _pending = self.folder.folder_summaries()
        self._compute(rows, self.folder.cross_findings())

    @work(thread=True, exclusive=True, exit_on_error=False, group="years")
    def _compute(self, rows: list[ReportSummary],
                 cross: dict[str, tuple[Finding, ...]]) -> None:
        from nianbao.parser.core.aggregate import agency_years

        self.post_message(YearsComputed(agency_years(rows, cross)))

    @on(YearsComputed)
    def _computed(self, message: YearsComputed) -> None:
        self.table.show(message.agencies)
        self.computed = True
        self._show_agency()

    @on(FolderChanged)
    def _folder_changed(self) -> None:
        if self._timer is None:
            self._timer = self.set_timer(REFRESH_DELAY, self.refresh_rows)

    def _show_agency(self) -> None:
        table = self.table
        agency = table.agency
        notes = self.query_one(YearsNotes)
        notes.show(agency, len(table.agencies))
        status = self.query_one(StatusLine)
        if agency is None:
            table.border_title = Text(_("Years"), end="")
            table.border_subtitle = None
            status.say(_("No agency has reports of several years in this folder."), "italic")
            return
        title = Text(clean(agency.agency or agency.agency_key), "bold", end="")
        count = len(agency.years)
        title.append(" · " + ngettext("{n} year", "{n} years", count).format(n=count))
        if len(table.agencies) > 1:
            title.append(f" · {table.index + 1}/{len(table.agencies)}", "dim")
        table.border_title = title
        broken = sum(1 for link in agency.links if link.holds is False)
        table.border_subtitle = Text(
            ngettext("{n} carry-over broken", "{n} carry-overs broken", broken).format(n=broken)
            if broken else _("every carry-over holds"), "red" if broken else "green", end="")
        status.say(table.describe())

    @on(DataTable.CellHighlighted, "#years")
    def _cursor_moved(self) -> None:
        table = self.table
        if table.agency is not None:
            self.query_one(StatusLine).say(table.describe())

    @on(AgencySwitched)
    def _agency_switched(self) -> None:
        self._show_agency()

    @on(ReportChosen)
    def _report_chosen(self, message: ReportChosen) -> None:
        message.stop()
        self.dismiss(message.path)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_overview(self) -> None:
        self.dismiss("overview")
