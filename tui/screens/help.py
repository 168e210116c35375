"""``?``: every key, by pane, generated from the bindings the panes declare."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nianbao.parser.i18n import N_, _
from nianbao.tui.keys import KeyHelp
from nianbao.tui.language import SWITCH_LANGUAGE
from nianbao.tui.text import badge

INTRO = N_(
    "nianbao checks 政府信息公开工作年度报告. Pick a file, read its tables, and walk "
    "through its findings: each one lights up the cells it is about and the line it comes "
    "from. The open file is re-read when it changes on disk. Keys below; ctrl+p searches "
    "every command and every file.\n"
    "y copies with OSC 52, which works over SSH (in tmux: set -g set-clipboard on). "
    "16-colour terminals get the ansi-dark theme; NIANBAO_THEME=<name> picks another. "
    "F2 switches between Chinese and English."
)
# What the file list's badges say; {badge} is drawn as the list draws it (2E 1W, 2错 1警).
BADGES = N_("Badges: {badge}: 2 errors and 1 warning; ✓: no problem; ✗: cannot be read; "
            "…: not checked yet.")
KEYS = N_("Keys")
ESC_TO_CLOSE = N_("esc to close")


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", N_("Close"), id="help.close"),
        # A modal screen cuts the app's bindings off: the switch is declared again.
        Binding("f2", "app.switch_language", SWITCH_LANGUAGE, id="help.language"),
        Binding("up,k", "scroll(-1)", N_("Up"), show=False),
        Binding("down,j", "scroll(1)", N_("Down"), show=False),
        Binding("pageup,ctrl+u", "scroll(-10)", N_("Page up"), show=False),
        Binding("pagedown,ctrl+d,space", "scroll(10)", N_("Page down"), show=False),
        Binding("g,home", "scroll(-9999)", N_("Top"), show=False),
        Binding("G,end", "scroll(9999)", N_("Bottom"), show=False),
    ]

    def __init__(self, groups: Callable[[], list[tuple[str, list[KeyHelp]]]]) -> None:
        super().__init__()
        self._groups = groups  # asked each time it is drawn: in the language of that moment

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(id="help-text")

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Draw the help again, in the current language."""
        body = self.query_one("#help-body", VerticalScroll)
        body.border_title = Text(_(KEYS))
        body.border_subtitle = Text(_(ESC_TO_CLOSE))
        self.query_one("#help-text", Static).update(self._render_help())

    def _render_help(self) -> Group:
        parts: list[Text | Table] = [Text(_(INTRO), style="italic"),
                                     Text(_(BADGES).format(badge=badge(2, 1, width=0).plain),
                                          style="italic"), Text("")]
        for title, keys in self._groups():
            if not keys:
                continue
            table = Table.grid(padding=(0, 2))
            table.add_column(min_width=12, style="bold")
            table.add_column()
            for item in keys:
                table.add_row(Text(" ".join(item.keys), end=""),
                              Text(_(item.description), end=""))
            parts.extend([Text(_(title), style="bold underline"), table, Text("")])
        return Group(*parts)

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)
