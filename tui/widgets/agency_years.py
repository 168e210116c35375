"""One agency's years side by side: the key cells of tables 2–4, a sparkline each.

A column per year, a row per key cell (:data:`~nianbao.parser.core.summary.YEAR_MEASURES`),
the carry-over link under 二、上年结转 (✓ when it equals last year's 四、结转下年度), and
the trend of each row drawn in block characters. A row the 2021 template gives
differently from the 2019 one (（六）其他处理 split into three, 现行有效件数 new) is
marked ``†`` in the first year of the new template and its sparkline is broken there
(``┊``): a change of template, not a break. Cells that a cross-year finding is about
are shown reversed in red with ``!``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from nianbao.parser.core.aggregate import AgencyYears, Link, YearRow
from nianbao.parser.i18n import N_, _
from nianbao.tui.messages import AgencySwitched, ReportChosen
from nianbao.tui.text import clean
from nianbao.tui.widgets.folder_overview import figure_text, fit

BLOCKS = "▁▂▃▄▅▆▇█"
CHANGE = "┊"
LINK_ROW = "carry-over"
LABEL_WIDTH = 15
YEAR_COLUMN = 2  # the label, the trend, then a column a year


def sparkline(values: tuple[Decimal | None, ...], changed_at: tuple[int, ...] = ()) -> str:
    """One block a value, scaled from the row's least to its greatest; a space for no
    number, ``┊`` before a year where the row's meaning changed."""
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    out = []
    for index, value in enumerate(values):
        if index in changed_at:
            out.append(CHANGE)
        if value is None:
            out.append(" ")
        elif high == low:
            out.append(BLOCKS[3])
        else:
            step = (value - low) / (high - low) * (len(BLOCKS) - 1)
            out.append(BLOCKS[int(step.to_integral_value())])
    return "".join(out)


def compact(value: Decimal | None) -> str:
    """A figure in a year's narrow column: a fraction (万元) rounded to a whole with ≈
    before it; the status line gives the value as written."""
    if value is None or value == value.to_integral_value():
        return figure_text(value)
    return "≈" + figure_text(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class AgencyYearsTable(DataTable[Text], inherit_bindings=False):
    """The years of one agency (``a``/``A``: the next/previous agency of the folder)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("left,h", "cursor_left", N_("Left"), show=False),
        Binding("right,l", "cursor_right", N_("Right"), show=False),
        Binding("g,home", "scroll_top", N_("First"), show=False),
        Binding("G,end", "scroll_bottom", N_("Last"), show=False),
        Binding("pageup,ctrl+u", "page_up", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d", "page_down", N_("Page down"), show=False),
        Binding("enter", "open", N_("Open"), tooltip=N_("Open the report of the cursor's year"),
                id="years.open"),
        Binding("a", "agency(1)", N_("Next agency"), tooltip=N_("Next agency of the folder"),
                id="years.next_agency"),
        Binding("A", "agency(-1)", N_("Previous agency"), show=False,
                tooltip=N_("Previous agency of the folder"), id="years.previous_agency"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="cell", cell_padding=1, zebra_stripes=True)
        self.agencies: tuple[AgencyYears, ...] = ()
        self.index = 0
        self._rows: list[YearRow | None] = []  # None: the carry-over row  # per table row: what it shows

    @property
    def agency(self) -> AgencyYears | None:
        return self.agencies[self.index] if self.agencies else None

    def show(self, agencies: tuple[AgencyYears, ...]) -> None:
        """Every agency with several years; the one shown stays if it is still there."""
        current = self.agency
        self.agencies = agencies
        keys = [a.agency_key for a in agencies]
        if current is None:
            self.index = 0
        elif current.agency_key in keys:
            self.index = keys.index(current.agency_key)
        else:
            # Its key changed as more reports came in (a year naming the agency with
            # its city joined it): the agency that holds one of its reports.
            paths = {r.path for r in current.reports}
            self.index = next((i for i, a in enumerate(agencies)
                               if paths.intersection(r.path for r in a.reports)), 0)
        self._draw()

    def _draw(self) -> None:
        coordinate = self.cursor_coordinate
        self.clear(columns=True)
        self._rows = []
        agency = self.agency
        if agency is None:
            return
        self.add_column(Text("", end=""), key="label", width=LABEL_WIDTH)
        # The trend beside the label, where a narrow terminal still shows it.
        self.add_column(Text(_("Trend"), end=""), key="trend")
        for index, year in enumerate(agency.years):
            # The first year of another template: its column opens with the change mark.
            switch = index and None not in agency.templates[index - 1:index + 1] \
                and agency.templates[index] != agency.templates[index - 1]
            heading = Text(CHANGE if switch else "", "bold magenta", end="", justify="right")
            heading.append(str(year), "bold")
            self.add_column(heading, key=str(year))
        links = {link.year: link for link in agency.links}
        for row in agency.rows:
            self._add(row, agency)
            if row.measure.id == "carried_over":
                self._add_links(agency, links)
        if coordinate.row < self.row_count:
            self.move_cursor(row=coordinate.row, column=coordinate.column, animate=False)

    def _add(self, row: YearRow, agency: AgencyYears) -> None:
        label = Text(fit(row.measure.name, LABEL_WIDTH), end="")
        if row.measure.changed:
            label.stylize("italic")
        cells = [label, Text(sparkline(row.values, row.changed_at), style="cyan", end="")]
        for index in range(len(agency.years)):
            cells.append(self._value(row, index))
        self._rows.append(row)
        self.add_row(*cells, key=row.measure.id)

    def _value(self, row: YearRow, index: int) -> Text:
        if not row.in_template[index]:
            return Text("—", "dim", end="", justify="right")
        value = row.values[index]
        text = Text(compact(value), "dim" if value is None else "", end="", justify="right")
        if index in row.changed_at:
            text.append("†", "bold magenta")
        if row.breaks[index]:
            text.append("!")
            text.stylize("bold reverse red")
        return text

    def _add_links(self, agency: AgencyYears, links: dict[int, Link]) -> None:
        cells = [Text(fit(_("↳ = last year's 四"), LABEL_WIDTH), style="dim", end=""),
                 Text("", end="")]
        for year in agency.years:
            link = links.get(year)
            if link is None:
                cells.append(Text("", end=""))
            elif link.holds is None:
                cells.append(Text("?", "yellow", end="", justify="right"))
            elif link.holds:
                cells.append(Text("✓", "green", end="", justify="right"))
            else:
                text = Text("✗", "bold red", end="", justify="right")
                if link.carried_over is not None and link.carried_forward is not None \
                        and link.carried_over != link.carried_forward:
                    delta = link.carried_over - link.carried_forward
                    text.append(f"{'+' if delta > 0 else '−'}{figure_text(abs(delta))}",
                                "bold red")
                cells.append(text)
        self._rows.append(None)
        self.add_row(*cells, key=LINK_ROW)

    # ------------------------------------------------------------ the cursor's cell

    def year_at(self, column: int) -> int | None:
        agency = self.agency
        if agency is None or not YEAR_COLUMN <= column < YEAR_COLUMN + len(agency.years):
            return None
        return agency.years[column - YEAR_COLUMN]

    def describe(self) -> Text:
        """The cursor's cell in full, for the status line."""
        agency = self.agency
        row, column = self.cursor_coordinate
        if agency is None or not 0 <= row < len(self._rows):
            return Text("", end="")
        year = self.year_at(column)
        index = column - YEAR_COLUMN
        shown = self._rows[row]
        out = Text(end="", no_wrap=True)
        if year is not None:
            template = agency.templates[index]
            out.append(f"{year}", "bold")
            out.append(" · " + (_("template {template}").format(template=template)
                                if template else _("template ?")) + " · ")
        if shown is None:
            link = next((lk for lk in agency.links if lk.year == year), None)
            if link is None:
                out.append(_("no report of the year before in this folder"), "dim")
                return out
            out.append(_("二、上年结转 {now} · {year}: 四、结转下年度 {before}").format(
                now=figure_text(link.carried_over), year=year - 1 if year else "?",
                before=figure_text(link.carried_forward)))
            for finding in link.findings:
                out.append(f" · {finding.code} {clean(finding.message)}", "red")
            return out
        out.append(clean(shown.measure.label), "bold")
        if year is None:
            return out
        if not shown.in_template[index]:
            out.append(" · " + _("not in this template"), "dim")
            return out
        out.append(f" = {figure_text(shown.values[index])}")
        if index in shown.changed_at:
            out.append(" · " + _("† counted differently from the year before: the template "
                                 "changed"), "magenta")
        for finding in agency.findings[index]:
            if finding.code in shown.breaks[index]:
                out.append(f" · {finding.code} {clean(finding.message)}", "red")
        return out

    # ------------------------------------------------------------ actions

    def action_open(self) -> None:
        agency = self.agency
        year = self.year_at(self.cursor_coordinate.column)
        if agency is None:
            return
        if year is None:
            year = agency.years[-1]
        self.post_message(ReportChosen(Path(agency.reports[agency.years.index(year)].path)))

    def action_agency(self, step: int) -> None:
        if len(self.agencies) < 2:
            self.notify(_("The folder holds several years of this agency only."), timeout=2)
            return
        self.index = (self.index + step) % len(self.agencies)
        self._draw()
        self.post_message(AgencySwitched())
