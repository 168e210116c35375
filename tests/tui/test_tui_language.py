"""The TUI in Chinese and English, switched while it runs (issue 11)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.command import CommandInput
from tui_helpers import ready, sample, screen_text, slip

from nianbao.parser.i18n import language, set_language
from nianbao.tui.app import NianbaoApp, Palette
from nianbao.tui.screens.help import HelpScreen
from nianbao.tui.shoot import settle
from tests.language import KEY_NAMES, english_runs

SIZES = [(80, 24), (120, 40)]
# Besides rule codes, file names and formats (which tests.language lets pass), the
# only Latin words a Chinese screen shows are key names.
ALLOW = KEY_NAMES


@pytest.fixture(autouse=True)
def english_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test starts in English, saves its choice in a folder of its own, ends in English."""
    config = tmp_path / "config"
    monkeypatch.setenv("NIANBAO_CONFIG_DIR", str(config))
    set_language("en")
    yield config
    set_language("en")


def footer(app: NianbaoApp) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


def titles(app: NianbaoApp) -> list[str]:
    main = app.main
    return [str(widget.border_title) for widget in
            (main.picker, main.sections, main.table, main.findings, main.source)]


async def test_f2_switches_footer_panes_and_help_at_run_time_and_saves_it(
        reports: Callable[..., Path], english_after: Path) -> None:
    path = slip(reports())
    app = NianbaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "Next" in footer(app) and "Help" in footer(app)
        assert any(title.startswith("Findings") for title in titles(app))
        english = app.main.current.findings[0].message

        await pilot.press("f2")
        await ready(pilot)  # the open report is read again: its messages in Chinese
        assert language() == "zh"
        shown = footer(app)
        assert "下一个" in shown and "帮助" in shown and "命令" in shown and "Next" not in shown
        panes = titles(app)
        assert panes[1] == "章节" and panes[3].startswith("问题") and panes[4].startswith("原文")
        assert app.main.current.findings[0].message != english  # checked again in Chinese
        assert "语言：中文" in app.notes
        saved = json.loads((english_after / "settings.json").read_text(encoding="utf-8"))
        assert saved["language"] == "zh"

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "按键" in help_text and "全局" in help_text and "下一个问题" in help_text
        await pilot.press("f2")  # switched while the help is open: it follows
        await pilot.pause()
        help_text = screen_text(app)
        assert "Keys" in help_text and "Next finding" in help_text and "按键" not in help_text
        await pilot.press("escape")
        await ready(pilot)
        assert "Next" in footer(app) and titles(app)[1] == "Sections"


async def test_the_palette_speaks_the_language(reports: Callable[..., Path]) -> None:
    set_language("zh")
    folder = reports("001", "004")
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, Palette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        titles = [str(c.title) for c in app.get_system_commands(app.main)]
        for title in ("主题", "退出", "按键", "语言", "全局：筛选问题", "表格：复制单元格内容",
                      f"打开：{sample('004').name}"):
            assert title in titles, title


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_no_screen_under_chinese_shows_english_words(
        reports: Callable[..., Path], size: tuple[int, int]) -> None:
    set_language("zh")
    folder = reports("001")
    slip(folder)
    app = NianbaoApp(folder)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screens = {"main": screen_text(app)}
        await pilot.press("4", "enter")  # a finding chosen, the table on its cell
        await pilot.pause()
        screens["finding"] = screen_text(app)
        await pilot.press("slash")
        await pilot.pause()
        screens["filter"] = screen_text(app)
        await pilot.press("escape", "ctrl+g")
        await pilot.pause()
        screens["go to line"] = screen_text(app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        screens["help"] = screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        screens["palette"] = screen_text(app)
        for name, text in screens.items():
            assert english_runs(text, allow=ALLOW) == [], (name, text)


# ---------------------------------------------------------------- snapshots in Chinese


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_seed_001_in_chinese(snap_compare, size: tuple[int, int]) -> None:
    set_language("zh")
    assert snap_compare(NianbaoApp(sample("001")), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_arithmetic_slip_in_chinese(snap_compare, size: tuple[int, int]) -> None:
    set_language("zh")
    assert snap_compare(NianbaoApp(sample("005")), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("view", ["overview", "years"])
async def test_the_folder_views_follow_a_switch(view: str) -> None:
    from nianbao.tui.shoot import show_view

    app = NianbaoApp(sample("001").parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await show_view(pilot, view)
        english = screen_text(app)
        await pilot.press("f2")
        await app.workers.wait_for_complete()  # the view works its rows out again
        await pilot.pause()
        chinese = screen_text(app)
        assert chinese != english
        assert english_runs(chinese, allow=ALLOW) == [], chinese


async def test_badges_speak_chinese_line_up_and_follow_a_switch(
        reports: Callable[..., Path]) -> None:
    """Under Chinese the picker's badges read 2错 1警 (错误, 警告; 提 for 提示 in the
    sections), the names after them start in one column although 错 takes two cells,
    the help explains the badge as drawn, and F2 draws every badge again."""
    from rich.cells import cell_len

    from nianbao.tui import text as tui_text

    set_language("zh")
    folder = reports("001", "002")
    slip(folder)  # A001 and A002: two errors
    (folder / "empty.txt").write_bytes(b"")  # cannot be read as a report: ✗ or an E
    app = NianbaoApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        picker = app.main.picker

        def rows() -> dict[str, str]:
            shown = {path.name: picker.row_label(path) for path in picker.files}
            return {name: label.plain for name, label in shown.items() if label is not None}

        def name_columns(labels: dict[str, str]) -> set[int]:
            return {cell_len(label[:label.index(name)]) for name, label in labels.items()}

        chinese = rows()
        assert chinese["004_slip.txt"].split()[0] == "2错"
        assert not any(letter in label.split()[0] for label in chinese.values()
                       for letter in "EWI")
        assert len(name_columns(chinese)) == 1, chinese
        assert tui_text.badge(2, 1).plain.strip() == "2错 1警"
        assert tui_text.severity_letter("info") == "提"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "文件标记：2错 1警 表示 2 个错误、1 个警告" in screen_text(app)
        await pilot.press("escape", "f2")
        await ready(pilot)
        english = rows()
        assert english["004_slip.txt"].split()[0] == "2E"
        assert len(name_columns(english)) == 1, english
        # The column is narrower again: E takes one cell where 错 took two.
        assert name_columns(english).pop() < name_columns(chinese).pop()
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Badges: 2E 1W: 2 errors and 1 warning" in screen_text(app)
