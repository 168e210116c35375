"""One finding read whole: its message, every cell it is about, its help and its rule.

The list of findings shows one line a finding and cuts the rest; this pane, under
the list when the findings pane is enlarged (``z``), shows all of it: the whole
message, each cell with its place in the template (``表3 （一）予以公开 × 总计``), its
value and its line:column, the other places the finding names, the help, and the
rule's explanation exactly as ``nianbao rules CODE`` prints it. The list keeps the
focus, so ``j``/``k`` walk the findings and this follows; ``tab`` comes here to scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from nianbao.parser.i18n import N_, _, pgettext
from nianbao.tui.text import SEVERITY_STYLE, clean, severity_letter

if TYPE_CHECKING:
    from nianbao.parser.model.findings import Finding
    from nianbao.parser.model.refs import CellRef
    from nianbao.parser.model.report import Report


class FindingDetail(VerticalScroll, can_focus=True):
    """The chosen finding in full; scrolls when it is taller than the pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", N_("Up"), show=False),
        Binding("down,j", "scroll_down", N_("Down"), show=False),
        Binding("pageup,ctrl+u", "page_up", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d,space", "page_down", N_("Page down"), show=False),
        Binding("g,home", "scroll_home", N_("Top"), show=False),
        Binding("G,end", "scroll_end", N_("Bottom"), show=False),
    ]

    DEFAULT_CSS = """
    FindingDetail {
        height: 1fr;
        padding: 0 1;
        & > #finding-detail-text { width: 100%; height: auto; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._shown: tuple[Finding | None, Report | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="finding-detail-text")

    def show(self, finding: Finding | None, report: Report | None) -> None:
        """Show ``finding`` of ``report`` from its top (nothing to do if shown already)."""
        if self._shown == (finding, report):
            return
        self._shown = (finding, report)
        self.query_one("#finding-detail-text", Static).update(describe(finding, report))
        self.scroll_home(animate=False, immediate=True)


def describe(finding: Finding | None, report: Report | None) -> RenderableType:
    """Everything there is to say about ``finding``, top to bottom."""
    if finding is None:
        return Text(_("No finding chosen."), style="dim")
    parts: list[RenderableType] = [_header(finding, report), Text(clean(finding.message)),
                                   Text("")]
    cells = _cells(finding, report)
    if cells:
        parts += [_heading(_("Cells")), *cells, Text("")]
    places = _places(finding, report)
    if places:
        parts += [_heading(_("Other places")), *places, Text("")]
    if finding.help:
        parts += [_heading(pgettext("finding", "Help")), Text(clean(finding.help)), Text("")]
    rule = _rule_text(finding.code)
    if rule is not None:
        parts += [_heading(_("Rule")), rule]
    return Group(*parts)


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _header(finding: Finding, report: Report | None) -> Text:
    from nianbao.parser.rules.catalog import get_rule

    text = Text()
    text.append(f"{severity_letter(finding.severity)} {finding.code}",
                SEVERITY_STYLE[finding.severity])
    rule = get_rule(finding.code)
    if rule is not None:
        text.append(f" {rule.name}", "bold")
    if finding.start is not None and report is not None:
        text.append(f" · {report.position(finding.start)}", "dim")
    else:
        text.append(" · " + _("the whole file"), "dim")
    return text


def _cells(finding: Finding, report: Report | None) -> list[Text]:
    """Each cell of the finding: where it sits in the template, its value and its place."""
    from nianbao.parser.template import cell_place

    refs: list[CellRef] = list(finding.cells)
    refs += [place.cell for place in finding.related
             if place.cell is not None and place.path is None and place.cell not in refs]
    notes = {place.cell: place.message for place in finding.related
             if place.cell is not None and place.path is None}
    template = (report.meta.template if report is not None else None) or "2021"
    lines: list[Text] = []
    for ref in refs:
        cell = report.tables[ref.table].cells.get(ref.id) if report is not None else None
        lines.append(Text(cell_place(ref.table, template, ref.id), style="bold"))
        line = Text("    ")
        if cell is None:
            line.append(_("not in the text"), "red")
        elif cell.kind == "blank":
            line.append(_("blank"), "dim")
            line.append(f" {report.position(cell.start)}" if report is not None else "", "dim")
        else:
            line.append(f"“{clean(cell.raw)}”")
            if report is not None:
                line.append(f" {report.position(cell.start)}", "dim")
        if cell is not None and cell.start == finding.start:
            line.append("  " + _("at fault"), SEVERITY_STYLE[finding.severity])
        elif ref in notes:
            line.append("  " + clean(notes[ref]), "italic")
        lines.append(line)
    return lines


def _places(finding: Finding, report: Report | None) -> list[Text]:
    """The finding's other places that are not cells of this report."""
    lines: list[Text] = []
    for place in finding.related:
        if place.cell is not None and place.path is None:
            continue
        line = Text()
        if place.path is not None:
            line.append(clean(place.path), "dim")
        elif report is not None:
            line.append(str(report.position(place.start)), "dim")
        line.append("  " + clean(place.message))
        lines.append(line)
    return lines


def _rule_text(code: str) -> RenderableType | None:
    """The rule's explanation, the same text ``nianbao rules CODE`` prints, as markdown."""
    from rich.markdown import Markdown

    from nianbao.parser.rules.catalog import get_rule
    from nianbao.parser.rules.rule import explanation

    rule = get_rule(code)
    if rule is None:
        return None
    return Markdown(explanation(rule))
