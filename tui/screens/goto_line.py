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


class GotoLineScreen(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="goto.cancel"),
    ]

    def __init__(self, lines: int, current: int, preview: Callable[[int], None]) -> None:
        super().__init__()
        self._lines = max(1, lines)
        self._current = current
        self._preview_line = preview

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box") as box:
            box.border_title = Text(f"Go to line (1–{self._lines})")
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
        self.dismiss(self._line(event.value))

    def action_cancel(self) -> None:
        self._preview_line(self._current)
        self.dismiss(None)
