"""The footer: the keys of the focused pane, rebuilt only when they change."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer, without the rebuilds that would show the same keys.

    Footer removes and mounts all its keys again on every change of the screen's
    bindings: the screen shown, the focus given, an idle callback. Before the first
    report was on screen that was three rebuilds of the same nine keys (some 12 ms
    each), and one more each time the focus moved between panes with the same keys.
    """

    _shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """Everything :meth:`Footer.compose` reads, in a comparable form."""
        bindings = tuple((binding, enabled, tooltip)
                         for _, binding, enabled, tooltip in self.screen.active_bindings.values())
        # Footer composes nothing until the screen has first announced its bindings.
        return (self._bindings_ready, bindings, self.show_command_palette,
                self.app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
