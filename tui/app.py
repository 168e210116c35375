"""The nianbao TUI application: theme, breakpoints, help and the command palette."""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.events import Key
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from nianbao.parser.i18n import N_, Language, _, language, save_language, set_language
from nianbao.tui import compat, textual_words
from nianbao.tui.keys import KeyHelp, gather
from nianbao.tui.language import LANGUAGE_NAMES, LANGUAGE_SWITCHED, SWITCH_LANGUAGE
from nianbao.tui.screens.main import MainScreen
from nianbao.tui.widgets.key_footer import KeyFooter

NOTES_KEPT = 100

# What the imports above built (Textual, the widgets: some 40,000 objects) lives as
# long as the process. Out of the cycle collector's sight, the collections while the
# first screen is built walk only what was made since (a full one cost 25 ms).
gc.freeze()


class Palette(compat.PaletteWords):
    """The command palette, its words in the current language."""

    no_matches = staticmethod(lambda: _(textual_words.NO_MATCHES))

    def __init__(self, *, placeholder: str | None = None, **options: Any) -> None:
        text = _(textual_words.COMMAND_PLACEHOLDER) if placeholder is None else placeholder
        super().__init__(placeholder=text, **options)


class NianbaoApp(App[None]):
    """Inspect a report, or a folder of reports."""

    TITLE = "nianbao"
    CSS_PATH = "app.tcss"
    # Below 100 columns the sidebar only shows while it has the focus, and it is
    # wider from 140 columns on, where long file names fit; below 32 rows
    # the lower panes shrink and lose their side borders.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (140, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True, id="app.quit"),
        Binding("q", "quit", N_("Quit"), show=False, id="app.quit_q"),
        Binding("question_mark,f1", "help", N_("Help"), id="app.help"),
        Binding("f2", "switch_language", SWITCH_LANGUAGE, show=False, id="app.language"),
    ]

    def __init__(self, path: Path | str, *, poll_interval: float = 0.5,
                 theme: str | None = None, jobs: int = 0,
                 review_file: Path | str | None = None, read_only: bool = False,
                 watch: str | None = None, watch_interval: float | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.poll_interval = poll_interval
        self.jobs = jobs
        # Where review marks are kept (None: nianbao-review.json in the folder opened);
        # read-only: no file is written (no marks, no export, no editor).
        self.review_file = Path(review_file) if review_file is not None else None
        self.read_only = read_only
        # How the folder stays current: auto, notify, poll or off (tui/watch.py).
        self.folder_watch = watch
        self.folder_watch_interval = watch_interval
        self._theme_choice = theme if theme is not None else os.environ.get("NIANBAO_THEME")
        # The text of the last toasts, oldest first (they fade; this stays).
        self.notes: deque[str] = deque(maxlen=NOTES_KEPT)

    def get_default_screen(self) -> Screen[None]:
        screen = MainScreen(self.path, poll_interval=self.poll_interval, jobs=self.jobs,
                            review_file=self.review_file, read_only=self.read_only,
                            watch=self.folder_watch, watch_interval=self.folder_watch_interval)
        # The breakpoint classes of the size known already: Textual's first resize
        # then finds them set, instead of styling every widget a second time just
        # after the first.
        chosen = compat.breakpoint_classes(self.size, self.HORIZONTAL_BREAKPOINTS or [],
                                           self.VERTICAL_BREAKPOINTS or [])
        for name, on in chosen.items():
            screen.set_class(on, name, update=False)
        return screen

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, as plain text: it names files and quotes reports, never markup."""
        self.notes.append(str(message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        if self.current_theme.ansi and self.current_theme.dark:
            # ansi-dark draws unfocused frames in ANSI black and a list's chosen row,
            # once the list loses the focus, in the terminal's default background:
            # both vanish on a black terminal. Bright black is the palette's grey.
            for name in ("border-blurred", "block-cursor-blurred-background"):
                if variables.get(name) in ("ansi_black", "ansi_default"):
                    variables[name] = "ansi_bright_black"
        return variables

    def on_mount(self) -> None:
        choice = self._theme_choice
        if choice is None and not self.is_headless \
                and self.console.color_system in ("standard", "windows"):
            # A 16-colour terminal: use its own palette rather than approximations.
            choice = "ansi-dark"
        if choice and choice in self.available_themes:
            self.theme = choice

    def on_key(self, event: Key) -> None:
        # Textual hands each key to the widget focused when the key *arrives*, so what
        # is typed right after / or : (fast, or in one packet over SSH) goes to the
        # pane focused before, finds no use there and ends up here. It belongs to the
        # input that has the focus now.
        target = self.focused
        if target is None and isinstance(self.screen, ModalScreen):
            target = next(iter(self.screen.query(Input)), None)  # ``:42`` typed at once
        if isinstance(target, Input) and event.is_printable and event.character:
            event.stop()
            target.insert_text_at_cursor(event.character)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # ------------------------------------------------------------ help and palette

    def key_groups(self, screen: Screen[object] | None = None) -> list[tuple[str, list[KeyHelp]]]:
        """The keys by pane, for help and the palette: those of ``screen`` (the one on
        top by default) first when it is a folder view."""
        from nianbao.tui.widgets.file_picker import FilePicker
        from nianbao.tui.widgets.findings_panel import FindingsList, FindingsPanel
        from nianbao.tui.widgets.section_nav import SectionNav
        from nianbao.tui.widgets.source_view import SourceView
        from nianbao.tui.widgets.table_view import TableView

        main = self.main
        screen = self.screen if screen is None else screen
        views = self._view_groups(screen)
        if views:
            views[0] = (views[0][0], gather(self) + gather(screen) + views[0][1])
        return views + [
            (N_("Everywhere"), gather(self) + gather(main)),
            # Without the screen's o and Y, which the picker only shows in the footer.
            (N_("Files"), [item for item in gather(main.query_one(FilePicker))
                           if not item.action.startswith("screen.")]),
            (N_("Sections"), gather(main.query_one(SectionNav))),
            (N_("Table"), gather(main.query_one(TableView))),
            (N_("Findings"), gather(main.query_one(FindingsList))
             + gather(main.query_one(FindingsPanel))),
            (N_("Source"), gather(main.query_one(SourceView))),
        ]

    def _view_groups(self, screen: Screen[object]) -> list[tuple[str, list[KeyHelp]]]:
        """The keys of the folder view on top, if one is (its own first in help)."""
        from nianbao.tui.screens.overview import OverviewScreen
        from nianbao.tui.screens.years import YearsScreen

        if isinstance(screen, OverviewScreen):
            return [(_("Overview"), gather(screen.table)),
                    (_("Per year"), gather(screen.totals))]
        if isinstance(screen, YearsScreen):
            return [(_("Years"), gather(screen.table))]
        return []

    def action_help(self) -> None:
        from nianbao.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            # The keys of the screen it opens over, in the language of each drawing.
            self.push_screen(HelpScreen(partial(self.key_groups, self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own, in the language (tui/textual_words.py); its "Keys" opens our
        # help, whose words are ours.
        for command in super().get_system_commands(screen):
            callback = command.callback
            if callback == self.action_show_help_panel:
                callback = self.action_help
            yield SystemCommand(_(command.title), _(command.help), callback, command.discover)
        other: Language = "en" if language() == "zh" else "zh"
        yield SystemCommand(_(SWITCH_LANGUAGE), LANGUAGE_NAMES[other],
                            self.action_switch_language)
        if not isinstance(screen, MainScreen) and not self._view_groups(screen):
            return
        groups = self.key_groups()
        if not isinstance(screen, MainScreen):
            # A folder view: its own keys (the report's would act behind it).
            groups = self._view_groups(screen)
            groups[0] = (groups[0][0], gather(screen) + groups[0][1])
        for group, keys in groups:
            for item in keys:
                if item.id is None or item.id == "app.quit_q":
                    continue
                yield SystemCommand(
                    _("{group}: {description}").format(group=_(group),
                                                       description=_(item.description)),
                    _("key: {keys}").format(keys=" ".join(item.keys)),
                    partial(self._run_on, item.node, item.action),
                )
        if not isinstance(screen, MainScreen):
            return
        for path in screen.files:
            yield SystemCommand(
                _("Open: {name}").format(name=screen.display_path(path)),
                _("open this report"),
                partial(self._open_from_palette, path), discover=False,
            )

    # ------------------------------------------------------------ language

    def action_switch_language(self) -> None:
        self.switch_language("en" if language() == "zh" else "zh")

    def switch_language(self, lang: Language) -> None:
        """Speak ``lang`` from now on, on every screen, and keep the choice for next time
        (the user's config folder; ``--lang`` and NIANBAO_LANG still win there)."""
        set_language(lang)
        for screen in self.screen_stack:
            for node in (screen, *screen.walk_children()):
                retranslate = getattr(node, "retranslate", None)
                if callable(retranslate):
                    retranslate()
                elif isinstance(node, KeyFooter):
                    node.refresh()
        self.refresh_bindings()
        try:
            save_language(lang)
        except OSError as error:
            self.notify(_("The language could not be saved: {error}").format(
                error=error.strerror or error), severity="warning", timeout=6)
        self.notify(_(LANGUAGE_SWITCHED).format(name=LANGUAGE_NAMES[lang]), timeout=3)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not any(isinstance(screen, CommandPalette)
                                                for screen in self.screen_stack):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider],
                                 placeholder=_(textual_words.THEME_PLACEHOLDER)))

    def action_help_quit(self) -> None:
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                super().notify(_(textual_words.HELP_QUIT_MESSAGE).format(key=key),
                               title=_(textual_words.HELP_QUIT_TITLE), markup=True)
                return

    async def _run_on(self, node: DOMNode, action: str) -> None:
        from textual.widget import Widget

        if isinstance(node, Widget) and node.focusable:
            node.focus()
        await self.run_action(action, node)

    def _open_from_palette(self, path: Path) -> None:
        main = self.main
        main.picker.select_path(path)
        main.open(path)
        main.set_focus(main.table)
