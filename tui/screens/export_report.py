"""``x``: write the findings report (CSV, XLSX or HTML, by the file's extension)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Static

from nianbao.parser.i18n import N_, _

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class ExportRequest:
    target: Path
    fmt: str  # csv, xlsx or html
    folder: bool  # every report of the folder, not only the open one
    force: bool  # overwrite the file if it exists


class ExportScreen(ModalScreen[ExportRequest | None]):
    """The file to write, whether the open report or the folder, and overwrite or not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="export.cancel"),
    ]

    def __init__(self, default: Path, *, folder: bool, can_choose: bool) -> None:
        super().__init__()
        self._default = default
        self._folder = folder
        self._can_choose = can_choose  # a folder was opened: the report or the folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = Text(_("Export the findings report"))
            yield Input(value=str(self._default), id="export-path")
            with RadioSet(id="export-scope", disabled=not self._can_choose):
                yield RadioButton(_("the open report"), value=not self._folder,
                                  id="export-one")
                yield RadioButton(_("every report of the folder"), value=self._folder,
                                  id="export-folder")
            yield Checkbox(_("overwrite the file if it exists"), id="export-force")
            yield Static(Text(_(".html, .xlsx or .csv · enter: write · esc: cancel"),
                              style="dim"), id="export-keys")
            yield Static("", id="export-problem")

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        target = Path(event.value.strip()).expanduser()
        fmt = FORMATS.get(target.suffix.lower())
        if fmt is None:
            self.query_one("#export-problem", Static).update(Text(
                _("the file name must end in .html, .xlsx or .csv"), style="bold red"))
            return
        folder = self.query_one("#export-folder", RadioButton).value
        force = self.query_one("#export-force", Checkbox).value
        self.dismiss(ExportRequest(target, fmt, folder, force))

    def action_cancel(self) -> None:
        self.dismiss(None)
