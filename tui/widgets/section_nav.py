"""The report's parts in order — preamble, sections 1–6 — each with its findings count."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from nianbao.parser.i18n import N_, _
from nianbao.tui.messages import SectionChosen
from nianbao.tui.text import badge, clean, severity_letter

if TYPE_CHECKING:
    from nianbao.tui.loader import Counts, Loaded

# Sections whose content is a table, and which table.
SECTION_TABLES = {2: "active_disclosure", 3: "applications", 4: "review_litigation"}


class SectionNav(OptionList, inherit_bindings=False):
    """Preamble and sections; moving previews, ``enter`` goes there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("g,home", "first", N_("First"), show=False),
        Binding("G,end", "last", N_("Last"), show=False),
        Binding("enter", "select", N_("Go to"), id="sections.go"),
    ]

    DEFAULT_CSS = """
    SectionNav {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._keys: list[str] = []

    @property
    def keys(self) -> list[str]:
        return list(self._keys)

    @property
    def current_key(self) -> str | None:
        index = self.highlighted
        return self._keys[index] if index is not None and index < len(self._keys) else None

    def show(self, loaded: Loaded | None) -> None:
        current = self.current_key
        self._keys = []
        options: list[Option] = []
        report = loaded.report if loaded else None
        if loaded is not None and report is not None:
            counts = loaded.by_section
            entries: list[tuple[str, str]] = []
            if "file" in counts:
                entries.append(("file", _("整个文件 (whole file)")))
            if report.preamble_end > 0 or not report.sections:
                entries.append(("preamble", _("前言 (preamble)")))
            entries.extend((f"s{s.number}", s.heading) for s in report.sections)
            badges = {key: self._badge(counts.get(key)) for key, _ in entries}
            # As wide as the widest count, so headings line up and a clean report
            # spends no room on an empty column.
            width = max(b.cell_len for b in badges.values())
            for key, heading in entries:
                label = badges[key]
                label.pad_left(width - label.cell_len)
                if width:
                    label.append(" ")
                label.append(clean(heading))
                options.append(Option(label, id=key))
                self._keys.append(key)
        self.set_options(options)
        if current in self._keys:
            self.highlighted = self._keys.index(current)

    @staticmethod
    def _badge(counts: Counts | None) -> Text:
        if counts is None or not counts.total:
            return Text(end="")
        if counts.errors or counts.warnings:
            return badge(counts.errors, counts.warnings, width=0)
        return Text(f"{counts.infos}{severity_letter('info')}", style="cyan", end="")

    def select_key(self, key: str) -> None:
        """Highlight ``key`` (announced only while the navigator has the focus)."""
        if key in self._keys:
            self.highlighted = self._keys.index(key)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = event.option.id
        # Only the user's own moves preview; the screen moves the highlight to follow
        # the chosen finding, and that must not switch the table under it.
        if key is not None and self.has_focus:
            self.post_message(SectionChosen(key, commit=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(SectionChosen(event.option.id, commit=True))
