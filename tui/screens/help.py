"""``?``: every key, by pane, generated from the bindings the panes declare."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nianbao.tui.keys import KeyHelp

INTRO = (
    "nianbao checks 政府信息公开工作年度报告. Pick a file, read its tables, and walk "
    "through its findings: each one lights up the cells it is about and the line it comes "
    "from. The open file is re-read when it changes on disk. Keys below; ctrl+p searches "
    "every command and every file.\n"
    "y copies with OSC 52, which works over SSH (in tmux: set -g set-clipboard on). "
    "16-colour terminals get the ansi-dark theme; NIANBAO_THEME=<name> picks another."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("pageup,ctrl+u", "scroll(-10)", "Page up", show=False),
        Binding("pagedown,ctrl+d,space", "scroll(10)", "Page down", show=False),
        Binding("g,home", "scroll(-9999)", "Top", show=False),
        Binding("G,end", "scroll(9999)", "Bottom", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[KeyHelp]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Text("Keys")
            body.border_subtitle = Text("esc to close")
            yield Static(self._render_help(), id="help-text")

    def _render_help(self) -> Group:
        parts: list[Text | Table] = [Text(INTRO, style="italic"), Text("")]
        for title, keys in self._groups:
            if not keys:
                continue
            table = Table.grid(padding=(0, 2))
            table.add_column(min_width=12, style="bold")
            table.add_column()
            for item in keys:
                table.add_row(Text(" ".join(item.keys), end=""), Text(item.description, end=""))
            parts.extend([Text(title, style="bold underline"), table, Text("")])
        return Group(*parts)

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)
