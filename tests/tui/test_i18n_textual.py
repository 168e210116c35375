"""Textual in Chinese, switched while running: footer, help, panes, palette (issue 11)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator

import pytest
from textual.app import App
from textual.command import CommandInput, CommandPalette

from nianbao.parser.i18n import set_language
from nianbao.tui import textual_words
from nianbao.tui.compat import screen_text
from tests.language import KEY_NAMES, english_runs, has_chinese
from tests.tui.i18n_prototype import HelpScreen, Pane, PrototypeApp, TranslatedCommandPalette

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def _footer_line(app: App[object]) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


async def test_switching_changes_footer_panes_and_help_at_run_time() -> None:
    app = PrototypeApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()  # the footer composes once the screen announces its bindings
        footer = _footer_line(app)
        assert "Help" in footer and "Language" in footer
        assert app.screen.query_one(Pane).border_title == "Help"

        await pilot.press("f2")
        await pilot.pause()
        footer = _footer_line(app)
        assert "帮助" in footer and "语言" in footer and "Help" not in footer
        assert "^p 命令" in footer
        assert app.screen.query_one(Pane).border_title == "帮助"
        text = screen_text(app)
        assert "语言：中文" in text  # the toast
        assert english_runs(text, allow=KEY_NAMES) == [], text

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "按键" in help_text and "帮助" in help_text and "语言" in help_text
        assert english_runs(help_text, allow=KEY_NAMES) == [], help_text

        # Switched while the help is open: the help and the screen beneath follow.
        await pilot.press("f2")
        await pilot.pause()
        help_text = screen_text(app)
        assert "Keys" in help_text and "Language" in help_text and "按键" not in help_text
        await pilot.press("escape")
        await pilot.pause()
        assert "Help" in _footer_line(app)
        assert app.screen.query_one(Pane).border_title == "Help"


async def test_palette_speaks_the_language() -> None:
    set_language("zh")
    app = PrototypeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, TranslatedCommandPalette)
        assert palette.query_one(CommandInput).placeholder == "搜索命令…"
        titles = [str(command.title) for command in app.get_system_commands(app.screen_stack[0])]
        assert {"主题", "退出", "按键", "截图", "语言"} <= set(titles)
        text = screen_text(app)
        assert english_runs(text, allow=KEY_NAMES) == [], text

        palette._NO_MATCHES_COUNTDOWN = 0.001  # type: ignore[misc]  # not half a second
        await pilot.press(*"zzzq")
        for _ in range(50):  # messages, not time: the search and its timer run on the loop
            await pilot.pause()
            if "没有匹配项" in screen_text(app):
                break
        assert "没有匹配项" in screen_text(app)


async def test_keys_command_opens_our_translated_help() -> None:
    set_language("zh")
    app = PrototypeApp()
    async with app.run_test(size=SIZE) as pilot:
        keys = next(c for c in app.get_system_commands(app.screen) if c.title == "按键")
        assert keys.help == "显示当前窗格的帮助与可用按键一览"
        keys.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_ctrl_c_toast_is_translated() -> None:
    set_language("zh")
    app = PrototypeApp()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "要退出吗？" in text and "按 ctrl+q 退出程序" in text


async def test_theme_picker_placeholder_is_translated() -> None:
    set_language("zh")
    app = PrototypeApp()
    async with app.run_test(size=SIZE) as pilot:
        app.search_themes()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索主题…"


# ---------------------------------------------------------------- Textual's words


def _system_command_words() -> set[tuple[str, str]]:
    """(title, help) of every SystemCommand in Textual's App.get_system_commands source."""
    tree = ast.parse(inspect.cleandoc("\n" + inspect.getsource(App.get_system_commands)))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "SystemCommand":
            title, help_text = (arg.value for arg in node.args[:2])  # type: ignore[attr-defined]
            found.add((title, help_text))
    return found


def test_textual_words_match_textual_source() -> None:
    """A Textual upgrade that adds or rewords one of its words fails here, not on screen."""
    assert _system_command_words() == set(textual_words.SYSTEM_COMMANDS)
    palette = inspect.signature(CommandPalette.__init__).parameters["placeholder"].default
    assert palette == textual_words.COMMAND_PLACEHOLDER
    assert f'"{textual_words.NO_MATCHES}"' in inspect.getsource(
        CommandPalette._start_no_matches_countdown)
    assert f'"{textual_words.THEME_PLACEHOLDER}"' in inspect.getsource(App.search_themes)
    assert [b.tooltip for b in App.BINDINGS if getattr(b, "action", "") == "quit"] == [
        textual_words.QUIT_TOOLTIP]
    init = inspect.getsource(App.__init__)
    assert f'"{textual_words.PALETTE}"' in init and f'"{textual_words.PALETTE_TOOLTIP}"' in init
    quit_source = inspect.getsource(App.action_help_quit)
    assert textual_words.HELP_QUIT_MESSAGE in quit_source
    assert textual_words.HELP_QUIT_TITLE in quit_source


def test_every_textual_word_has_a_chinese_translation() -> None:
    set_language("zh")
    from nianbao.parser.i18n import _

    words = [w for pair in textual_words.SYSTEM_COMMANDS for w in pair] + [
        textual_words.COMMAND_PLACEHOLDER, textual_words.THEME_PLACEHOLDER,
        textual_words.NO_MATCHES, textual_words.QUIT_TOOLTIP, textual_words.PALETTE,
        textual_words.PALETTE_TOOLTIP, textual_words.HELP_QUIT_MESSAGE,
        textual_words.HELP_QUIT_TITLE]
    assert [w for w in words if not has_chinese(_(w))] == []
