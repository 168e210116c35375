"""Proof of approach for issue 11 (phase 1): a Textual app that speaks Chinese and English
and switches between them while it runs.

Not the nianbao TUI: a tiny app built the way phase 2 will build ours, so the
pieces can be moved into tui/ as they are. What it shows:

* **Key descriptions are message ids, looked up when drawn.** ``Binding`` keeps
  the English given at class definition; the TUI's footer (``KeyFooter``) passes
  every description through ``_()`` as it draws its keys, and the help screen does
  the same as it draws. A language switch redraws the footer.
* **Textual's own words** (the command palette's system commands, its placeholder
  and "No matches found", the theme picker, the ``ctrl+c`` toast) come from
  nianbao.tui.textual_words and are looked up when the palette opens:
  :meth:`PrototypeApp.get_system_commands` translates what Textual yields, and
  its "Keys" command opens our help screen instead of Textual's key panel (which
  would show the bindings' English).
* **Titles and labels are lazy strings** (``L_``); widgets that show one set it
  again in ``retranslate``, which a switch calls on every widget of every screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider
from textual.widget import Widget
from textual.widgets import Static

from nianbao.parser.i18n import L_, N_, LazyString, _, language, set_language
from nianbao.tui import textual_words
from nianbao.tui.compat import PaletteWords
from nianbao.tui.language import CLOSE, HELP, LANGUAGE_NAMES, LANGUAGE_SWITCHED, SWITCH_LANGUAGE
from nianbao.tui.widgets.key_footer import KeyFooter

TranslatedFooter = KeyFooter  # the TUI's footer looks each description up as it draws


class TranslatedCommandPalette(PaletteWords):
    """The command palette with its placeholder and "No matches found" in the language."""

    no_matches = staticmethod(lambda: _(textual_words.NO_MATCHES))

    def __init__(self, *, placeholder: str | None = None, **kwargs: object) -> None:
        text = _(textual_words.COMMAND_PLACEHOLDER) if placeholder is None else placeholder
        super().__init__(placeholder=text, **kwargs)  # type: ignore[arg-type]


class Pane(Static, can_focus=True):
    """A pane whose border title and placeholder body follow the language."""

    def __init__(self, title: LazyString, body: LazyString, *, pane_id: str) -> None:
        super().__init__(id=pane_id)
        self.title_text = title
        self.body_text = body

    def on_mount(self) -> None:
        self.retranslate()

    def render(self) -> str:
        return str(self.body_text)

    def retranslate(self) -> None:
        self.border_title = str(self.title_text)
        self.refresh()


class HelpScreen(ModalScreen[None]):
    """Every key of the app, generated from the bindings and drawn in the current language."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", CLOSE),
        # A modal screen cuts the app's bindings off: the switch is declared again.
        Binding("f2", "app.switch_language", SWITCH_LANGUAGE),
    ]
    TITLE = L_("Keys")
    DEFAULT_CSS = "HelpScreen #help-text { border: round $accent; height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(id="help-text")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        rows = []
        for binding in Binding.make_bindings(self.app.BINDINGS):
            if binding.description:
                rows.append(f"{self.app.get_key_display(binding):>8}  {_(binding.description)}")
        body = self.query_one("#help-text", Static)
        body.border_title = str(self.TITLE)
        body.update("\n".join(rows))


class MainScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Pane(L_("Help"), L_("Search for commands…"), pane_id="pane")
        yield TranslatedFooter()


class PrototypeApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", HELP, id="help"),
        Binding("f2", "switch_language", SWITCH_LANGUAGE, id="language"),
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True,
                tooltip=textual_words.QUIT_TOOLTIP),
    ]
    CSS = "Pane { border: round $accent; height: 1fr; }"

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    # ------------------------------------------------------------ language

    def action_switch_language(self) -> None:
        self.switch_language("en" if language() == "zh" else "zh")

    def switch_language(self, lang: str) -> None:
        """Speak ``lang`` from now on: every screen's words, the footers, the bindings."""
        set_language(lang)
        for screen in self.screen_stack:
            for node in (screen, *screen.walk_children()):
                if isinstance(node, TranslatedFooter):
                    node.refresh()
                elif isinstance(node, (Widget, Screen)) and hasattr(node, "retranslate"):
                    node.retranslate()
        self.refresh_bindings()
        self.notify(_(LANGUAGE_SWITCHED).format(name=LANGUAGE_NAMES[language()]))

    # ------------------------------------------------------------ help and palette

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(TranslatedCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(TranslatedCommandPalette(
            providers=[ThemeProvider], placeholder=_(textual_words.THEME_PLACEHOLDER)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            callback = command.callback
            if callback == self.action_show_help_panel:
                callback = self.action_help  # our help screen: its words are translated
            yield SystemCommand(_(command.title), _(command.help), callback, command.discover)
        yield SystemCommand(_(SWITCH_LANGUAGE), LANGUAGE_NAMES["en" if language() == "zh"
                                                              else "zh"],
                            self.action_switch_language)

    def action_help_quit(self) -> None:
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_(textual_words.HELP_QUIT_MESSAGE).format(key=key),
                            title=_(textual_words.HELP_QUIT_TITLE))
                return
