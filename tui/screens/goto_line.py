"""``ctrl+g`` / ``:``: jump the source view to a line; the view follows as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from nianbao.parser.i18n import N_, _


class GotoLineScreen(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="goto.cancel"),
    ]

    def __init__(self, lines: int, current: int, preview: Callable[[int], None]) -> None:
        super().__init__()
        self._lines = max(1, lines)
        self._current = current
        self._preview_line = preview

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box") as box:
            box.border_title = Text(_("Go to line (1–{n})").format(n=self._lines))
            yield Input(placeholder=str(self._current), type="integer", id="goto-input")

    def _line(self, value: str) -> int | None:
        try:
            line = int(value)
        except ValueError:
            return None
        return max(1, min(self._lines, line))

    @on(Input.Changed)
    def _preview(self, event: Input.Changed) -> None:
        line = self._line(event.value)
        if line is not None:
            self._preview_line(line)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        line = self._line(event.value)
        if line is not None and str(line) != event.value.strip().lstrip("+"):
            # Clamped: say where the cursor went instead of the line asked for.
            self.app.notify(_("There is no line {asked}: the text has {count} lines; went to "
                              "line {line}.").format(asked=event.value.strip(),
                                                     count=self._lines, line=line),
                            timeout=4, markup=False)
        self.dismiss(line)

    def action_cancel(self) -> None:
        self._preview_line(self._current)
        self.dismiss(None)
