"""One line under the panes that says what the cursor is on, in full."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from nianbao.parser.i18n import _
from nianbao.tui.text import SEVERITY_STYLE, clean, severity_letter

if TYPE_CHECKING:
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.model.report import Cell, Report
    from nianbao.parser.review.book import Mark


class StatusLine(Static):
    """The cell under the cursor, its text, ``line:col`` and findings; or the chosen finding."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    """

    def say(self, text: str | Text, style: str = "") -> None:
        self.update(text if isinstance(text, Text) else Text(clean(text), style=style, end=""))

    def show_cell(self, report: Report, place: str, cell: Cell | None,
                  findings: list[Finding]) -> None:
        """The cell as the template names it (``表3 （一）予以公开 × 总计``), its text,
        its line:column and its findings."""
        text = Text(end="", no_wrap=True)
        text.append(clean(place), "bold")
        text.append("  ")
        if cell is None:
            text.append(_("not found in the text"), "red")
        else:
            raw = clean(cell.raw)
            text.append(f"“{raw}”" if raw else _("blank"), "" if raw else "dim")
            text.append(f"  {report.position(cell.start)}", "dim")
            _origin(text, report, cell.start, cell.end)
        for finding in findings[:3]:
            text.append("  ")
            text.append(f"{severity_letter(finding.severity)} {finding.code}",
                        SEVERITY_STYLE[finding.severity])
        if len(findings) == 1:
            text.append(" " + clean(findings[0].message))
        if not findings:
            text.append("  " + _("no finding"), "dim")
        self.update(text)

    def show_finding(self, report: Report | None, finding: Finding,
                     mark: Mark | None = None) -> None:
        """The finding on one line; an accepted one (``mark``) with who accepted it and
        the note instead of how to fix it."""
        text = Text(end="", no_wrap=True)
        if mark is not None:
            text.append(f"✓ {finding.code}", "green")
        else:
            text.append(f"{severity_letter(finding.severity)} {finding.code}",
                        SEVERITY_STYLE[finding.severity])
        if finding.start is not None and report is not None:
            text.append(f"  {report.position(finding.start)}", "dim")
            _origin(text, report, finding.start, finding.end)
        text.append("  " + clean(finding.message))
        if mark is not None:
            text.append("  — " + clean(_("accepted by {by}: {note}").format(
                by=mark.by, note=mark.note or "—")), "green")
        elif finding.help:
            text.append("  — " + clean(finding.help), "dim")
        self.update(text)


def _origin(text: Text, report: Report, start: int, end: int | None) -> None:
    """A PDF's, Word file's or web page's place in the original, in words that cannot
    be taken for the report's own 表二/表三 (``PDF 第4页``); nothing for a text file."""
    place = report.origin(start, end)
    if place is not None:
        from nianbao.parser.outputs.origins import origin_words

        text.append(f"  {origin_words(place)}", "dim")
