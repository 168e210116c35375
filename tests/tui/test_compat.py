"""Every entry of tui/compat.py still does what it says on this Textual (issue 10).

Each entry is checked twice: against Textual's source (``compat.broken``: the
private code it mirrors or hooks is still there, unchanged), and by what it does,
through public API only. A Textual upgrade that breaks one fails here, by name.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import CommandInput
from textual.geometry import Region
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Document, WrappedDocument

from nianbao.tui import compat
from nianbao.tui.source_text import StaticDocument, StaticWrap


def test_the_pinned_textual_is_the_one_compat_was_written_for() -> None:
    import textual

    assert textual.__version__ == compat.TEXTUAL_VERSION


@pytest.mark.parametrize("entry", compat.ENTRIES)
def test_textual_still_holds_what_each_entry_relies_on(entry: str) -> None:
    assert compat.broken(entry) == []


def test_a_change_in_textual_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(compat._RELIES_ON, "gutter", [
        ("textual.app.App.run", "a statement Textual never wrote"),
        ("textual.app.App.no_such_method", "x")])
    problems = compat.broken("gutter")
    assert len(problems) == 2
    assert "no longer holds" in problems[0] and "gone" in problems[1]


# ---------------------------------------------------------------- load_document

TEXT = "第一行\n\tsecond line, a little longer than the first\n\n第四行 ✓\n"


class Areas(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(id="plain", read_only=True, show_line_numbers=True)
        yield TextArea(id="prepared", read_only=True, show_line_numbers=True)


@pytest.mark.parametrize("soft_wrap", [False, True])
async def test_load_document_shows_what_load_text_shows(soft_wrap: bool) -> None:
    app = Areas()
    async with app.run_test(size=(30, 24)) as pilot:
        plain = app.query_one("#plain", TextArea)
        prepared = app.query_one("#prepared", TextArea)
        for area in (plain, prepared):
            area.soft_wrap = soft_wrap
            area.move_cursor((2, 0))
        plain.load_text(TEXT)
        document = StaticDocument(TEXT)
        compat.load_document(prepared, document, StaticWrap(document, tab_width=4))
        await pilot.pause()
        assert prepared.document is document
        assert prepared.text == plain.text == TEXT
        assert prepared.cursor_location == plain.cursor_location == (0, 0)
        assert prepared.virtual_size == plain.virtual_size
        assert prepared.wrapped_document.height == plain.wrapped_document.height
        height = prepared.content_region.height
        assert [prepared.render_line(y).text for y in range(height)] == [
            plain.render_line(y).text for y in range(height)]


def test_static_wrap_is_wrapped_document_measured_once() -> None:
    document = Document(TEXT * 3)
    ours, theirs = StaticWrap(document, tab_width=4), WrappedDocument(document, tab_width=4)
    for width in (0, 7, 12, 0):
        ours.wrap(width, 4)
        theirs.wrap(width, 4)
        assert ours.height == theirs.height
        assert ours.lines == theirs.lines


# ---------------------------------------------------------------- gutter


async def test_gutter_number_reads_the_number_textarea_draws() -> None:
    app = Areas()
    async with app.run_test(size=(30, 24)) as pilot:
        area = app.query_one("#plain", TextArea)
        area.load_text("\n".join(f"line {n}" for n in range(1, 13)))
        area.soft_wrap = True
        area.line_number_start = 1
        await pilot.pause()
        numbers = [compat.gutter_number(area.render_line(y)) for y in range(5)]
        assert numbers == [1, 2, 3, 4, 5]
        strip = area.render_line(0)
        relabelled = compat.with_gutter_label(strip, "99")
        assert relabelled.cell_length == strip.cell_length
        assert relabelled.text.lstrip().startswith("99  line 1")
        assert compat.gutter_number(compat.with_gutter_label(strip, "")) is None


# ---------------------------------------------------------------- BatchTree


class Trees(App[None]):
    def compose(self) -> ComposeResult:
        yield compat.BatchTree[int]("root", id="tree")
        yield Static("other", id="other")


async def test_batch_tree_adds_many_nodes_and_shows_them_all(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = Trees()
    async with app.run_test(size=(40, 30)) as pilot:
        tree = app.query_one("#tree", compat.BatchTree)
        tree.root.expand()
        layouts: list[bool] = []
        refresh = tree.refresh

        def counting_refresh(*regions: object, **options: bool) -> object:
            layouts.append(options.get("layout", False))
            return refresh(*regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(tree, "refresh", counting_refresh)
        with tree.adding():
            for number in range(200):
                tree.root.add_leaf(Text(f"leaf {number}"), data=number)
            assert not any(layouts)  # Tree would lay itself out again 200 times
        assert layouts.count(True) == 1
        await pilot.pause()
        assert tree.last_line == 200  # the root and every leaf
        shown = compat.screen_text(app)
        assert "leaf 0" in shown and "leaf 20" in shown


async def test_batch_tree_repaints_its_lines_when_its_style_changes() -> None:
    app = Trees()
    async with app.run_test(size=(40, 30)) as pilot:
        tree = app.query_one("#tree", compat.BatchTree)
        tree.root.expand()
        with tree.adding():
            for number in range(5):
                tree.root.add_leaf(f"leaf {number}", data=number)
        await pilot.pause()
        region = Region(0, 0, 40, 3)
        dark = tree.render_lines(region)
        app.theme = "textual-light"  # every colour changes, no pseudo-class does
        await pilot.pause()
        light = tree.render_lines(region)
        assert [line.text for line in dark] == [line.text for line in light]
        assert [list(line) for line in dark] != [list(line) for line in light]


# ---------------------------------------------------------------- breakpoint_classes

HORIZONTAL = [(0, "-narrow"), (100, "-wide"), (140, "-very-wide")]
VERTICAL = [(0, "-short"), (32, "-tall")]


class Breakpoints(App[None]):
    HORIZONTAL_BREAKPOINTS = HORIZONTAL
    VERTICAL_BREAKPOINTS = VERTICAL


@pytest.mark.parametrize("size", [(60, 20), (99, 31), (100, 32), (139, 50), (140, 24)])
async def test_breakpoint_classes_are_the_ones_textual_sets(size: tuple[int, int]) -> None:
    app = Breakpoints()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        expected = compat.breakpoint_classes(size, HORIZONTAL, VERTICAL)
        assert {name: app.screen.has_class(name) for name in expected} == expected
        assert sum(expected.values()) == 2


# ---------------------------------------------------------------- screen_text


class Words(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("报告 nianbao ✓ plain words", id="words")


async def test_screen_text_is_what_a_screenshot_shows() -> None:
    app = Words()
    async with app.run_test(size=(40, 5)):
        text = compat.screen_text(app)
        assert text.splitlines()[0].rstrip() == "报告 nianbao ✓ plain words"
        svg = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for word in text.split():
            assert word in svg


# ---------------------------------------------------------------- PaletteWords


class Palette(App[None]):
    def action_command_palette(self) -> None:
        palette = compat.PaletteWords(id="--command-palette")
        palette.no_matches = lambda: "没有匹配项"  # type: ignore[method-assign]
        self.push_screen(palette)


async def test_palette_words_say_no_matches_in_our_words(tmp_path: Path) -> None:
    app = Palette()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, compat.PaletteWords)
        palette.query_one(CommandInput).value = "zzzqqq"
        for _ in range(400):  # the search and the countdown run on the loop
            await pilot.pause(0.01)
            if "没有匹配项" in compat.screen_text(app):
                break
        assert "没有匹配项" in compat.screen_text(app)
        assert "No matches found" not in compat.screen_text(app)
