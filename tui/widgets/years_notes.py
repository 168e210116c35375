"""Under an agency's years: what the marks mean and every cross-year finding, by year."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from nianbao.parser.core.aggregate import AgencyYears
from nianbao.parser.i18n import _
from nianbao.tui.text import SEVERITY_STYLE, clean


class YearsNotes(Static):
    """The legend, then each finding across years as ``2023 Y001 message``."""

    def show(self, agency: AgencyYears | None, total: int) -> None:
        text = Text(end="")
        if agency is None:
            self.update(text)
            return
        if any(row.changed_at for row in agency.rows):
            text.append("† ", "bold magenta")
            text.append(_("the 2021 template gives this row differently: a change of "
                          "template, not a break"), "dim")
            text.append("\n")
        found = [(year, finding) for year, findings in zip(agency.years, agency.findings,
                                                           strict=True)
                 for finding in findings]
        if not found:
            text.append("✓ ", "green")
            text.append(_("No finding across these years."), "dim")
        for index, (year, finding) in enumerate(found):
            if index:
                text.append("\n")
            text.append(f"{year} ", "bold")
            text.append(f"{finding.code} ", SEVERITY_STYLE[finding.severity])
            text.append(clean(finding.message))
        if agency.copies:
            names = ", ".join(clean(c.path.rsplit("/", 1)[-1]) for c in agency.copies)
            text.append("\n")
            text.append(_("Left out as copies of a year already shown: {names}").format(
                names=names), "yellow")
        if total > 1:
            text.append("\n")
            text.append(_("{count} agencies with several years: a / A for the next").format(
                count=total), "dim")
        self.update(text)
