"""Textual's own words that reach the screen, marked for our catalog.

Textual 8.2.8 (pinned) writes these in English in its source: the system commands
of the command palette (``App.get_system_commands``), the palette's placeholder and
its "No matches found", the theme picker's placeholder, the ``ctrl+p`` key the footer shows, the ``ctrl+q`` binding and
the toast ``ctrl+c`` shows. The TUI shows each through ``_()`` at the moment it is
drawn; tests/tui/test_i18n_textual.py fails when a Textual upgrade adds or
rewords one, so this list never goes stale silently.

Only data: importing it does not import Textual.
"""

from __future__ import annotations

from nianbao.parser.i18n import N_

# App.get_system_commands: (title, help) as Textual yields them.
SYSTEM_COMMANDS: tuple[tuple[str, str], ...] = (
    (N_("Theme"), N_("Change the current theme")),
    (N_("Quit"), N_("Quit the application as soon as possible")),
    (N_("Keys"), N_("Hide the keys and widget help panel")),
    (N_("Keys"), N_("Show help for the focused widget and a summary of available keys")),
    (N_("Minimize"), N_("Minimize the widget and restore to normal size")),
    (N_("Maximize"), N_("Maximize the focused widget")),
    (N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen")),
)
COMMAND_PLACEHOLDER = N_("Search for commands…")
THEME_PLACEHOLDER = N_("Search for themes…")
NO_MATCHES = N_("No matches found")
# App.__init__: the ctrl+p key the footer shows at its right end.
PALETTE = N_("palette")
PALETTE_TOOLTIP = N_("Open the command palette")
# App.BINDINGS: ctrl+q.
QUIT_TOOLTIP = N_("Quit the app and return to the command prompt.")
# App.action_help_quit, the toast ctrl+c shows.
HELP_QUIT_MESSAGE = N_("Press [b]{key}[/b] to quit the app")
HELP_QUIT_TITLE = N_("Do you want to quit?")
