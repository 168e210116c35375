"""``a`` on a finding: accept it with a short note for the review file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from nianbao.parser.i18n import N_, _
from nianbao.tui.text import clean


class AcceptScreen(ModalScreen[str | None]):
    """Ask for the note; enter accepts (the note may be empty), escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="accept.cancel"),
    ]

    def __init__(self, code: str, message: str) -> None:
        super().__init__()
        self._code = code
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="accept-box") as box:
            box.border_title = Text(_("Accept finding {code}").format(code=self._code))
            yield Static(Text(clean(self._message)), id="accept-finding")
            yield Input(placeholder=_("note, e.g. 报告原文如此，已电话核实"), id="accept-note")
            yield Static(Text(_("enter: accept · esc: cancel"), style="dim"), id="accept-keys")

    @on(Input.Submitted, "#accept-note")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
