"""The validation panel: the open report's findings, errors first, with a filter.

Moving through the list previews each finding (its cells and its line light up);
``enter`` goes to it. ``/`` narrows the list to findings whose code, severity,
message or help contain every word typed. ``z`` enlarges the pane: the list on top,
the highlighted finding read whole under it (:mod:`nianbao.tui.widgets.finding_detail`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.geometry import Size
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from nianbao.parser.i18n import N_, _, ngettext
from nianbao.tui.keys import LIST_MOVES
from nianbao.tui.messages import AcceptRequested, FindingChosen
from nianbao.tui.text import SEVERITY_STYLE, clean, severity_letter
from nianbao.tui.widgets.finding_detail import FindingDetail

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nianbao.parser.model.findings import Finding
    from nianbao.parser.model.report import Report
    from nianbao.parser.review.book import Mark


def describe(finding: Finding, report: Report | None) -> str:
    """``path:line:col: CODE message``, the way compilers print it."""
    where = finding.path
    if finding.start is not None and report is not None:
        where = f"{where}:{report.position(finding.start)}"
    return f"{where}: {finding.code} [{finding.severity}] {finding.message}"


def matches(finding: Finding, query: str) -> bool:
    haystack = " ".join((finding.code, finding.severity, finding.message, finding.help)).lower()
    return all(word in haystack for word in query.lower().split())


class FindingsList(OptionList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_MOVES,
        Binding("enter", "select", N_("Go to"), id="findings.go"),
        Binding("y", "copy", N_("Copy"), tooltip=N_("Copy the finding as path:line:col: CODE message"),
                id="findings.copy"),
        # The screen's z (zoom) under a name that says what it shows here.
        Binding("z", "screen.zoom", N_("Details"),
                tooltip=N_("Read the finding whole: its cells, help and rule"),
                id="findings.details"),
        Binding("a", "accept", N_("Accept"),
                tooltip=N_("Accept the finding with a note (again: withdraw)"),
                id="findings.accept"),
    ]

    # Read-only (served in a browser): a is refused, so not listed (tui/keys.shown).
    read_only = False

    def shows_action(self, action: str) -> bool:
        return not (self.read_only and action == "accept")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Every option is one line (the list does not wrap). OptionList measures them
        # all on each layout instead: a second or more for thousands of findings.
        return self.option_count

    def action_copy(self) -> None:
        panel = self.panel
        finding = panel.current
        if finding is None:
            return
        text = describe(finding, panel.report)
        self.app.copy_to_clipboard(text)
        self.notify(_("Copied {code}: {message}").format(code=finding.code,
                                                          message=clean(finding.message)),
                    title=_("Clipboard"),
                    timeout=3)

    def action_accept(self) -> None:
        finding = self.panel.current
        if finding is None:
            self.notify(_("No finding to accept."), timeout=2)
            return
        self.post_message(AcceptRequested(finding))

    @property
    def panel(self) -> FindingsPanel:
        return self.query_ancestor(FindingsPanel)


FILTER_PLACEHOLDER = N_("filter: words to match (esc clears)")


class FindingsPanel(Vertical):
    """Findings of the open report; a hidden filter line above them."""

    ALLOW_MAXIMIZE = True  # z zooms the whole panel, filter line included; the detail shows

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", N_("Clear filter"), show=False, id="findings.clear"),
    ]

    DEFAULT_CSS = """
    FindingsPanel {
        height: auto;
        /* By id: Input's own :focus rule would otherwise bring its tall border back. */
        & > #findings-filter, & > #findings-filter:focus {
            display: none; height: 1; border: none; padding: 0 1;
        }
        &.-filtering > #findings-filter { display: block; }
        & > #findings-list, & > #findings-list:focus {
            border: none; height: auto; text-wrap: nowrap; text-overflow: ellipsis;
        }
        & > #finding-detail { display: none; }
        &.-maximized > #finding-detail { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._all: tuple[Finding, ...] = ()
        self._shown: list[Finding] = []
        self._report: Report | None = None
        self._accepted: Mapping[Finding, Mark] = {}
        # The finding last announced, so a highlight that merely follows a
        # programmatic move does not announce it a second time.
        self._announced: Finding | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_(FILTER_PLACEHOLDER), id="findings-filter")
        yield FindingsList(id="findings-list")
        yield FindingDetail(id="finding-detail")

    def retranslate(self) -> None:
        """The language changed (the screen shows the findings again itself)."""
        self.query_one(Input).placeholder = _(FILTER_PLACEHOLDER)

    # ------------------------------------------------------------ public API

    @property
    def report(self) -> Report | None:
        return self._report

    @property
    def findings(self) -> list[Finding]:
        """The findings as listed (after the filter)."""
        return list(self._shown)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return self._all

    @property
    def current(self) -> Finding | None:
        index = self.query_one(FindingsList).highlighted
        if index is None or not 0 <= index < len(self._shown):
            return None
        return self._shown[index]

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    @property
    def accepted(self) -> Mapping[Finding, Mark]:
        """The listed findings a reviewer accepted, with their marks."""
        return self._accepted

    def show(self, findings: tuple[Finding, ...], report: Report | None,
             select: Finding | None = None,
             accepted: Mapping[Finding, Mark] | None = None) -> None:
        """Replace the list; highlight ``select`` (without announcing it). Accepted
        findings stay listed, marked ✓, and do not count in the title."""
        self._all, self._report = findings, report
        if accepted is not None:
            self._accepted = accepted
        self._refill(select)
        # The screen shows ``select`` itself; the list only has to agree.
        self._announced = self.current

    def step(self, delta: int) -> Finding | None:
        """Move to the next (or previous) finding, wrapping, and choose it."""
        if not self._shown:
            return None
        option_list = self.query_one(FindingsList)
        current = option_list.highlighted
        index = 0 if current is None and delta > 0 else (
            len(self._shown) - 1 if current is None else (current + delta) % len(self._shown))
        if current is not None and current + delta != index:
            # Past either end: say so, or the jump to the far end reads as a new finding.
            self.notify(_("Wrapped around to the first finding.") if delta > 0
                        else _("Wrapped around to the last finding."), timeout=2)
        self._highlight(index)
        finding = self._shown[index]
        self._announce(finding, commit=False)
        return finding

    def start_filter(self) -> None:
        self.add_class("-filtering")
        # Focus now, not after the next refresh: what is typed right after / must
        # land in the filter, not in the list.
        self.screen.set_focus(self.query_one(Input))

    def action_clear_filter(self) -> None:
        filter_input = self.query_one(Input)
        if not filter_input.value and not self.has_class("-filtering"):
            return
        current = self.current
        filter_input.value = ""
        self.remove_class("-filtering")
        self._refill(current)
        self.screen.set_focus(self.query_one(FindingsList))

    # ------------------------------------------------------------ internals

    def _refill(self, select: Finding | None) -> None:
        query = self.query_one(Input).value
        self._shown = [f for f in self._all if matches(f, query)] if query else list(self._all)
        option_list = self.query_one(FindingsList)
        options = [Option(self._prompt(f), id=str(i)) for i, f in enumerate(self._shown)]
        if not options:
            options = [Option(self._empty_prompt(query), disabled=True)]
        option_list.set_options(options)
        index = self._shown.index(select) if select in self._shown else (0 if self._shown else None)
        if index is not None:
            self._highlight(index)
        self._update_title()

    def _highlight(self, index: int) -> None:
        self.query_one(FindingsList).highlighted = index
        self.update_detail()

    def update_detail(self) -> None:
        """Show the highlighted finding whole, when the pane is enlarged to show it."""
        if self.is_maximized:
            self.query_one(FindingDetail).show(self.current, self._report)

    def _announce(self, finding: Finding, *, commit: bool) -> None:
        if commit or finding is not self._announced:
            self._announced = finding
            self.post_message(FindingChosen(finding, commit=commit))

    def _empty_prompt(self, query: str) -> Text:
        if query:
            return Text(_("Nothing matches “{query}” (esc clears the filter).").format(
                query=clean(query)),
                        style="italic", end="")
        if self._report is None and not self._all:
            return Text("No report open.", style="dim", end="")
        return Text("✓ No findings: the tables add up and nothing is missing.", style="green",
                    end="")

    def _prompt(self, finding: Finding) -> Text:
        report = self._report
        line = report.position(finding.start).line if (report and finding.start is not None) else None
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        accepted = finding in self._accepted
        if accepted:
            text.append("✓ ", "green")
        else:
            text.append(f"{severity_letter(finding.severity)} ", SEVERITY_STYLE[finding.severity])
        text.append(f"{finding.code} ", "dim" if accepted else "bold")
        text.append(f"{'L' + str(line) if line else '—':>5} ", "dim")
        text.append(clean(finding.message), "dim strike" if accepted else "")
        return text

    def _update_title(self) -> None:
        shown = [f for f in self._all if f not in self._accepted]
        errors = sum(1 for f in shown if f.severity == "error")
        warnings = sum(1 for f in shown if f.severity == "warning")
        infos = len(shown) - errors - warnings
        title = Text(_("Findings") + " ", end="")
        if not shown:
            title.append(_("none"), "green")
        else:
            for number, letter in ((errors, "error"), (warnings, "warning"), (infos, "info")):
                if number:
                    title.append(f"{number}{severity_letter(letter)} ", SEVERITY_STYLE[letter])
        accepted = len(self._all) - len(shown)
        if accepted:
            title.append(ngettext("✓{n} accepted ", "✓{n} accepted ", accepted).format(n=accepted),
                         "green")
        query = self.query_text
        if query:
            title.append(_("· filter “{query}” {shown}/{total}").format(
                query=clean(query), shown=len(self._shown), total=len(self._all)), "italic")
        self.border_title = title

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#findings-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refill(self.current)
        if self.current is not None:
            self._announce(self.current, commit=False)

    @on(Input.Submitted, "#findings-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self.remove_class("-filtering")
        self.screen.set_focus(self.query_one(FindingsList))

    def on_key(self, event: Key) -> None:
        # Down from the filter line goes into the list, as in a search box.
        if event.key == "down" and self.query_one(Input).has_focus:
            event.stop()
            self.screen.set_focus(self.query_one(FindingsList))

    @on(OptionList.OptionHighlighted, "#findings-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.update_detail()
        finding = self.current
        if finding is not None and event.option_list.has_focus:
            self._announce(finding, commit=False)

    @on(OptionList.OptionSelected, "#findings-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.current
        if finding is not None:
            self._announce(finding, commit=True)
