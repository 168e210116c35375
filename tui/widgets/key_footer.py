"""The footer: the keys of the focused pane, in the current language, ``^p`` at the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.events import Click
from textual.widget import Widget

from nianbao.parser.i18n import _
from nianbao.tui.keys import shown

if TYPE_CHECKING:
    from rich.style import Style
    from textual.binding import Binding
    from textual.screen import Screen


class KeyFooter(Widget):
    """One line of keys, drawn from the screen's active bindings each time it is drawn.

    Textual's Footer keeps the English a binding was declared with and mounts a
    widget per key on every change of the bindings; this draws one line of text,
    each description looked up in the catalog as it is drawn, so a language switch
    needs only a refresh. A click on a key presses it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
        "key-footer--separator",
    }

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--disabled { text-style: dim; }
        & > .key-footer--separator { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.spans: list[tuple[int, int, str]] = []  # (start, end, key) as last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> list[tuple[Binding, bool]]:
        """The bindings shown, one per action, in the screen's order: (binding, enabled)."""
        seen: dict[str, tuple[Binding, bool]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and binding.action not in seen \
                    and shown(active.node, binding.action):
                seen[binding.action] = (binding, active.enabled)
        return list(seen.values())

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        disabled_style = self.get_component_rich_style("key-footer--disabled")
        palette, palette_key = self._palette_part(key_style, description_style)
        room = self.size.width - palette.cell_len
        line = Text(end="", no_wrap=True)
        spans: list[tuple[int, int, str]] = []
        for binding, enabled in self.keys():
            part = Text(end="")
            part.append(self.app.get_key_display(binding), key_style)
            if binding.description:
                part.append(" " + _(binding.description), description_style)
            if not enabled:
                part.stylize(disabled_style)
            if line.cell_len + part.cell_len > room:
                break  # what does not fit is left out whole, never cut in half
            spans.append((line.cell_len, line.cell_len + part.cell_len, binding.key))
            line.append_text(part)
            line.append(" ")
        line.pad_right(max(0, room - line.cell_len))
        if palette_key is not None:
            spans.append((line.cell_len, line.cell_len + palette.cell_len, palette_key))
            line.append_text(palette)
        self.spans = spans
        return line

    def _palette_part(self, key_style: Style, description_style: Style) -> tuple[Text, str | None]:
        """``▏^p palette`` for the command palette's key, and that key; or nothing."""
        app = self.app
        active = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if not app.ENABLE_COMMAND_PALETTE or active is None:
            return Text(end=""), None
        binding = active.binding
        part = Text("▏", style=self.get_component_rich_style("key-footer--separator"), end="")
        part.append(app.get_key_display(binding), key_style)
        part.append(" " + _(binding.description) + " ", description_style)
        return part, binding.key

    def on_click(self, event: Click) -> None:
        for start, end, key in self.spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
